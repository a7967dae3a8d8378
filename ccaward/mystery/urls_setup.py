"""Mystery calls: setup pages (see urls.py)."""

from django.urls import path

from ccaward.mystery.views.setup import plan, scenarios, scorecard, shoppers, troubles

urlpatterns: list = [
    path("<slug:slug>/mystery/scenarios/", scenarios.scenario_list, name="scenarios"),
    path("<slug:slug>/mystery/scenarios/new/", scenarios.scenario_new, name="scenario_new"),
    path("<slug:slug>/mystery/scenarios/<slug:key>/", scenarios.scenario_detail, name="scenario"),
    path(
        "<slug:slug>/mystery/scenarios/<slug:key>/retire/",
        scenarios.scenario_retire,
        name="scenario_retire",
    ),
    path("<slug:slug>/mystery/scorecard/", scorecard.scorecard, name="scorecard"),
    path(
        "<slug:slug>/mystery/scorecard/upload/", scorecard.scorecard_upload, name="scorecard_upload"
    ),
    path(
        "<slug:slug>/mystery/scorecard/download/",
        scorecard.scorecard_download,
        name="scorecard_download",
    ),
    path("<slug:slug>/mystery/shoppers/", shoppers.shopper_list, name="shoppers"),
    path("<slug:slug>/mystery/shoppers/new/", shoppers.shopper_new, name="shopper_new"),
    path("<slug:slug>/mystery/shoppers/<int:pk>/", shoppers.shopper_edit, name="shopper_edit"),
    path("<slug:slug>/mystery/shoppers/sync/", shoppers.shopper_sync, name="shoppers_sync"),
    path("<slug:slug>/mystery/exclusions/", shoppers.exclusion_add, name="exclusion_add"),
    path(
        "<slug:slug>/mystery/exclusions/<int:pk>/remove/",
        shoppers.exclusion_remove,
        name="exclusion_remove",
    ),
    path("<slug:slug>/mystery/plan/", plan.plan, name="plan"),
    path("<slug:slug>/mystery/plan/settings/", plan.plan_settings, name="plan_settings"),
    path("<slug:slug>/mystery/plan/run/", plan.plan_run, name="plan_run"),
    path("<slug:slug>/mystery/plan/fix/", troubles.plan_fix, name="plan_fix"),
    path("<slug:slug>/mystery/plan/entries/<int:pk>/", plan.plan_entry, name="plan_entry"),
    path("<slug:slug>/mystery/plan/contacts/<int:pk>/", plan.contact, name="contact"),
]
