from django.utils.translation import npgettext_lazy

from ccaward.applications.enums import EntryStatus
from ccaward.seasons.dashboard import stage_count
from ccaward.seasons.enums import StageKind


@stage_count(StageKind.REGISTRATION, npgettext_lazy("count", "%(n)s entry", "%(n)s entries", "n"))
def entries(season):
    return season.entries.count()


@stage_count(
    StageKind.REGISTRATION,
    npgettext_lazy("count", "%(n)s submitted", "%(n)s submitted", "n"),
)
def submitted(season):
    return season.entries.filter(status__in=[EntryStatus.SUBMITTED, EntryStatus.ACCEPTED]).count()
