"""Voting's pages under /seasons/<slug>/voting/: the overview, a judge's ballot per
category, the organizers' page per category (the roll, the count, the decision,
the casting decision, special awards) and the voting policy."""

from django.urls import path

from ccaward.results.views import vote, vote_manage

urlpatterns = [
    path("seasons/<slug:slug>/voting/", vote.vote, name="vote"),
    path("seasons/<slug:slug>/voting/policy/", vote_manage.policy, name="vote_policy"),
    path("seasons/<slug:slug>/voting/<int:category>/", vote.ballot, name="vote_category"),
    path(
        "seasons/<slug:slug>/voting/<int:category>/manage/",
        vote_manage.manage,
        name="vote_manage",
    ),
    path(
        "seasons/<slug:slug>/voting/<int:category>/count/",
        vote_manage.count,
        name="vote_count",
    ),
    path(
        "seasons/<slug:slug>/voting/<int:category>/casting/",
        vote_manage.casting,
        name="vote_casting",
    ),
    path(
        "seasons/<slug:slug>/voting/<int:category>/special/",
        vote_manage.special_add,
        name="vote_special",
    ),
    path(
        "seasons/<slug:slug>/voting/special/<int:pk>/withdraw/",
        vote_manage.special_withdraw,
        name="vote_special_withdraw",
    ),
]
