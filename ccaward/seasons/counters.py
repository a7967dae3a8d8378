from django.utils.translation import pgettext_lazy

from ccaward.seasons.dashboard import stage_count
from ccaward.seasons.enums import StageKind


@stage_count(StageKind.REGISTRATION, pgettext_lazy("count", "categories"))
def categories(season):
    return season.categories.count()


@stage_count(StageKind.VOTING, pgettext_lazy("count", "winner places"))
def winner_places(season):
    return sum(season.categories.values_list("quota", flat=True))
