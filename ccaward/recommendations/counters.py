"""Dashboard counts, on the season's own expert-recommendation stage (it runs
alongside registration)."""

from django.utils.translation import npgettext_lazy

from ccaward.seasons.dashboard import stage_count
from ccaward.seasons.enums import StageKind


@stage_count(
    StageKind.RECOMMENDATION,
    npgettext_lazy("count", "%(n)s recommendation", "%(n)s recommendations", "n"),
)
def recommendations(season):
    return season.recommendations.count()


@stage_count(
    StageKind.RECOMMENDATION,
    npgettext_lazy("count", "%(n)s invited to apply", "%(n)s invited to apply", "n"),
)
def invited(season):
    return season.recommendations.exclude(invited_at=None).count()
