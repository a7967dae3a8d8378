"""Recommendations in the season's menu (see core/nav.py)."""

from django.utils.translation import pgettext_lazy

from ccaward.core.nav import nav_item

nav_item(
    order=250,
    label=pgettext_lazy("nav", "Recommendations"),
    url_name="recommendations:list",
    permission="recommendations.view",
    current=("recommendations:",),
)
