"""Mystery calls in the season's menu (see core/nav.py)."""

from django.utils.translation import pgettext_lazy

from ccaward.core.nav import nav_item

nav_item(
    order=470,
    label=pgettext_lazy("nav", "My mystery contacts"),
    url_name="mystery:mine",
    permission="mystery.shop",
    current=("mystery:mine", "mystery:my_contact"),
)
