"""Mystery calls in the season's menu (see core/nav.py): the shopper's own
contacts, and the organizers' board with the setup pages under its tabs."""

from django.utils.translation import pgettext_lazy

from ccaward.core.nav import nav_item

nav_item(
    order=470,
    label=pgettext_lazy("nav", "My mystery contacts"),
    url_name="mystery:mine",
    permission="mystery.shop",
    current=("mystery:mine", "mystery:my_contact"),
)

nav_item(
    order=150,
    label=pgettext_lazy("nav", "Mystery calls"),
    url_name="mystery:board",
    permission="mystery.view_board",
    current=(
        "mystery:board",
        "mystery:board_contact",
        "mystery:scenarios",
        "mystery:scenario_new",
        "mystery:scenario",
        "mystery:scorecard",
        "mystery:shoppers",
        "mystery:shopper_new",
        "mystery:shopper_edit",
        "mystery:plan",
        "mystery:plan_entry",
        "mystery:contact",
    ),
)
