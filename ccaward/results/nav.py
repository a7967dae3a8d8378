"""Voting and results in the season's menu: publishing the results (organizers)."""

from django.utils.translation import pgettext_lazy

from ccaward.core.nav import nav_item

nav_item(
    order=720,
    label=pgettext_lazy("nav", "Publish results"),
    url_name="results:publish",
    permission="results.publish",
    current=("results:publish",),
)
