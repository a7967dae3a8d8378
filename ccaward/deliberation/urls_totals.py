"""The totals' pages (评分汇总与校准) under /seasons/<slug>/: the totals and their
exports, an entry's breakdown, reliability, the scoring policy."""

from django.urls import path

from ccaward.deliberation.views import explain, policy, reliability, totals

urlpatterns = [
    path("<slug:slug>/totals/", totals.totals, name="totals"),
    path("<slug:slug>/totals/export.csv", totals.totals_csv, name="totals_csv"),
    path("<slug:slug>/totals/export.xlsx", totals.totals_xlsx, name="totals_xlsx"),
    path("<slug:slug>/totals/<int:pk>/", explain.explain, name="explain"),
    path("<slug:slug>/reliability/", reliability.reliability, name="reliability"),
    path("<slug:slug>/scoring-policy/", policy.policy, name="policy"),
]
