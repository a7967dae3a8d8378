"""Voting and results in the season's menu: voting (票选: the judges' ballots and
the organizers' count, for both roles) and publishing the results (organizers)."""

from django.utils.translation import pgettext_lazy

from ccaward.core.nav import nav_item

nav_item(
    order=620,
    label=pgettext_lazy("nav", "Voting"),
    url_name="results:vote",
    permission="results.view_vote",
    current=("results:vote", "results:vote_category", "results:vote_manage", "results:vote_policy"),
)
nav_item(
    order=720,
    label=pgettext_lazy("nav", "Publish results"),
    url_name="results:publish",
    permission="results.publish",
    current=("results:publish",),
)
