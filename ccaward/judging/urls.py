from django.urls import path

from ccaward.judging.views import assignment, conflicts, policy, pool

app_name = "judging"
urlpatterns = [
    # the judge pool (评委库), organizers
    path("<slug:slug>/judges/", pool.pool_list, name="pool"),
    path("<slug:slug>/judges/new/", pool.judge_create, name="judge_create"),
    path("<slug:slug>/judges/<int:pk>/", pool.judge_edit, name="judge_edit"),
    path("<slug:slug>/judges/<int:pk>/remove/", pool.judge_remove, name="judge_remove"),
    path("<slug:slug>/judges/import/", pool.pool_import, name="pool_import"),
    path("<slug:slug>/judges/template.xlsx", pool.pool_template, name="pool_template"),
    path("<slug:slug>/judges/export.xlsx", pool.pool_export, name="pool_export"),
    path("<slug:slug>/judges/invite/", pool.pool_invite, name="pool_invite"),
    # conflicts of interest (利益冲突): organizers
    path("<slug:slug>/conflicts/", conflicts.conflict_list, name="conflicts"),
    path("<slug:slug>/conflicts/detect/", conflicts.detect, name="detect"),
    path("<slug:slug>/conflicts/<int:pk>/decide/", conflicts.decide, name="decide"),
    # a judge's own page: conflicts to declare, their profile
    path("<slug:slug>/my-judging/", conflicts.mine, name="mine"),
    path("<slug:slug>/my-judging/declare/", conflicts.declare, name="declare"),
    path(
        "<slug:slug>/my-judging/conflicts/<int:pk>/withdraw/", conflicts.withdraw, name="withdraw"
    ),
    path("<slug:slug>/my-judging/profile/", pool.my_profile, name="my_profile"),
    # the season's judging policy
    path("<slug:slug>/judging-policy/", policy.policy, name="policy"),
    # --- assignment (评审分配) ---
    path("<slug:slug>/assignment/", assignment.assignment, name="assignment"),
    path("<slug:slug>/assignment/run/", assignment.run, name="assignment_run"),
    path("<slug:slug>/assignment/runs/<int:pk>/apply/", assignment.apply, name="assignment_apply"),
    path("<slug:slug>/assignment/add/", assignment.add, name="assignment_add"),
    path("<slug:slug>/assignment/pairs/<int:pk>/lock/", assignment.lock, name="assignment_lock"),
    path(
        "<slug:slug>/assignment/pairs/<int:pk>/remove/", assignment.remove, name="assignment_remove"
    ),
]
