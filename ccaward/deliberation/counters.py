"""Dashboard counts on the deliberation stage: the panel's comments and the
categories whose shortlist is set."""

from django.utils.translation import npgettext_lazy

from ccaward.seasons.dashboard import stage_count
from ccaward.seasons.enums import StageKind


@stage_count(
    StageKind.DELIBERATION,
    npgettext_lazy("count", "%(n)s panel comment", "%(n)s panel comments", "n"),
)
def comments(season):
    return season.panel_comments.count()


@stage_count(
    StageKind.DELIBERATION,
    npgettext_lazy("count", "%(n)s shortlist set", "%(n)s shortlists set", "n"),
)
def shortlists(season):
    return season.shortlists.count()
