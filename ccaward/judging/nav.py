"""Judging in the season's menu (see core/nav.py): the judge pool for organizers
(评委; its pages lead to the conflicts of interest and the judging policy), a
judge's conflicts of interest and profile (利益冲突)."""

from django.utils.translation import pgettext_lazy

from ccaward.core.nav import nav_item

nav_item(
    order=400,
    label=pgettext_lazy("nav", "Judges"),
    url_name="judging:pool",
    permission="judging.view_pool",
    current=(
        "judging:pool",
        "judging:judge_create",
        "judging:judge_edit",
        "judging:pool_import",
        "judging:conflicts",
        "judging:policy",
    ),
)
nav_item(
    order=420,
    label=pgettext_lazy("nav", "Conflicts of interest"),
    url_name="judging:mine",
    permission="judging.view_own",
    current=("judging:mine", "judging:my_profile"),
)
nav_item(
    order=430,
    label=pgettext_lazy("nav", "Judge assignment"),
    url_name="judging:assignment",
    permission="judging.view_assignment",
    current=("judging:assignment",),
)
