"""Reviews in the season's menu: a judge's own list, the organizers' progress."""

from django.utils.translation import pgettext_lazy

from ccaward.core.nav import nav_item

nav_item(
    order=520,
    label=pgettext_lazy("nav", "My reviews"),
    url_name="reviews:mine",
    permission="reviews.judge_list",
    current=("reviews:mine", "reviews:review"),
)
nav_item(
    order=530,
    label=pgettext_lazy("nav", "Review progress"),
    url_name="reviews:progress",
    permission="reviews.view_all",
    current=("reviews:progress", "reviews:remind", "reviews:read"),
)
