"""Site visits in the season's menu (see core/nav.py)."""

from django.utils.translation import pgettext_lazy

from ccaward.core.nav import nav_item

nav_item(
    order=460,
    label=pgettext_lazy("nav", "Site visits"),
    url_name="visits:list",
    permission="visits.menu",
    current=("visits:",),
)
