"""Registration's link in the season's menu (see core/nav.py)."""

from django.utils.translation import pgettext_lazy

from ccaward.core.nav import nav_item

nav_item(
    order=100,
    label=pgettext_lazy("nav", "Applications"),
    url_name="applications:list",
    permission="applications.view_list",
    current=("applications:",),
)
