from django.utils.translation import npgettext_lazy

from ccaward.seasons.dashboard import stage_count
from ccaward.seasons.enums import StageKind


@stage_count(
    StageKind.REGISTRATION, npgettext_lazy("count", "%(n)s category", "%(n)s categories", "n")
)
def categories(season):
    return season.categories.count()


@stage_count(
    StageKind.VOTING, npgettext_lazy("count", "%(n)s winner place", "%(n)s winner places", "n")
)
def winner_places(season):
    return sum(season.categories.values_list("quota", flat=True))
