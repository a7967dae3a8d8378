"""Dashboard counts on the 票选 stage: the public poll's counted and voided votes."""

from django.utils.translation import npgettext_lazy

from ccaward.poll.models import PollVote
from ccaward.seasons.dashboard import stage_count
from ccaward.seasons.enums import StageKind


@stage_count(
    StageKind.VOTING,
    npgettext_lazy("count", "%(n)s public poll vote", "%(n)s public poll votes", "n"),
)
def votes(season):
    return PollVote.objects.filter(category__season=season, voided_at__isnull=True).count()


@stage_count(
    StageKind.VOTING,
    npgettext_lazy("count", "%(n)s poll vote voided", "%(n)s poll votes voided", "n"),
)
def voided(season):
    return PollVote.objects.filter(category__season=season, voided_at__isnull=False).count()
