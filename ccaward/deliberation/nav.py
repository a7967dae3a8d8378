"""Deliberation in the season's menu (集中评议): the totals (with reliability and the
scoring policy behind their tabs) and the board, for organizers and, while the
stage is open, the panel."""

from django.utils.translation import pgettext_lazy

from ccaward.core.nav import nav_item

nav_item(
    order=590,
    label=pgettext_lazy("nav", "Totals"),
    url_name="deliberation:totals",
    permission="deliberation.view_board",
    current=(
        "deliberation:totals",
        "deliberation:explain",
        "deliberation:reliability",
        "deliberation:policy",
    ),
)
nav_item(
    order=600,
    label=pgettext_lazy("nav", "Deliberation"),
    url_name="deliberation:board",
    permission="deliberation.view_board",
    current=("deliberation:board", "deliberation:board_category"),
)
