"""Dashboard counts on the voting stage: the ballots cast against the panel's size
(each category's judges, recusals left out), and the categories counted."""

from django.utils.translation import npgettext_lazy

from ccaward.results.domain.ballots import panel_of, shortlisted
from ccaward.results.models import Ballot, Count
from ccaward.seasons.dashboard import stage_count
from ccaward.seasons.enums import CategoryKind, StageKind


def _seats(season) -> int:
    """How many ballots the season's categories could take: per category with a
    shortlist, its judges not recused."""
    total = 0
    for category in season.categories.exclude(kind=CategoryKind.SPECIAL):
        candidates = shortlisted(category)
        if candidates:
            total += sum(1 for m in panel_of(category, candidates) if m.votes)
    return total


@stage_count(
    StageKind.VOTING,
    npgettext_lazy("count", "%(n)s ballots cast", "%(n)s ballots cast", "n"),
)
def ballots(season):
    return Ballot.objects.filter(category__season=season).count()


@stage_count(
    StageKind.VOTING,
    npgettext_lazy("count", "%(n)s ballot expected", "%(n)s ballots expected", "n"),
)
def expected(season):
    return _seats(season)


@stage_count(
    StageKind.VOTING,
    npgettext_lazy("count", "%(n)s category counted", "%(n)s categories counted", "n"),
)
def counted(season):
    return Count.objects.filter(category__season=season).count()
