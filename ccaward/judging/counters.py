"""Dashboard counts on the judging stage (入户评审): the pool and the conflicts of
interest still to be decided."""

from django.utils.translation import npgettext_lazy

from ccaward.judging.enums import ConflictStatus
from ccaward.seasons.dashboard import stage_count
from ccaward.seasons.enums import JUDGING_STAGE


@stage_count(
    JUDGING_STAGE,
    npgettext_lazy("count", "%(n)s judge in the pool", "%(n)s judges in the pool", "n"),
)
def judges(season):
    return season.judges.count()


@stage_count(
    JUDGING_STAGE,
    npgettext_lazy(
        "count",
        "%(n)s conflict of interest to decide",
        "%(n)s conflicts of interest to decide",
        "n",
    ),
)
def conflicts_to_decide(season):
    return season.conflicts.filter(
        status__in=(ConflictStatus.DETECTED, ConflictStatus.FLAGGED)
    ).count()
