"""Dashboard counts on the mystery calls stage (电话暗访)."""

from django.utils.translation import npgettext_lazy

from ccaward.mystery.enums import ContactStatus
from ccaward.seasons.dashboard import stage_count
from ccaward.seasons.enums import StageKind


@stage_count(
    StageKind.MYSTERY_CALLS,
    npgettext_lazy("count", "%(n)s mystery contact planned", "%(n)s mystery contacts planned", "n"),
)
def planned(season):
    return season.mystery_contacts.exclude(status=ContactStatus.VOID).count()


@stage_count(
    StageKind.MYSTERY_CALLS,
    npgettext_lazy("count", "%(n)s mystery contact made", "%(n)s mystery contacts made", "n"),
)
def made(season):
    return season.mystery_contacts.filter(
        status__in=(ContactStatus.DONE, ContactStatus.UNREACHABLE)
    ).count()
