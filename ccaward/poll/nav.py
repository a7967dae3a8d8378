"""The public poll in the season's menu: the organizers' page (policy, counts,
signals, voiding)."""

from django.utils.translation import pgettext_lazy

from ccaward.core.nav import nav_item

nav_item(
    order=640,
    label=pgettext_lazy("nav", "Public poll"),
    url_name="poll:manage",
    permission="poll.manage",
    current=("poll:",),
)
