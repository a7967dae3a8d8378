"""Reminding drafts before registration closes: once, automatically, in the last days
(`remind_drafts`, run by `ccaward remind`), or whenever an organizer asks (`remind_now`,
after a page listing whom it reaches: `reminder_recipients`)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from ccaward.applications import notify
from ccaward.applications.domain.submission import registration_open, registration_stage
from ccaward.applications.enums import EntryStatus
from ccaward.applications.models import Entry
from ccaward.core import audit
from ccaward.seasons import gates
from ccaward.seasons.enums import StageKind


def drafts_of(season):
    return (
        Entry.objects.filter(season=season, status=EntryStatus.DRAFT)
        .select_related("center__organization", "category")
        .order_by("center__name")
    )


def reminder_recipients(season) -> list[tuple[Entry, list[str]]]:
    """Each draft of the season and the addresses its reminder goes to."""
    return [(entry, [a for a, _lang in notify.recipients(entry)]) for entry in drafts_of(season)]


def _remind(season, entries, *, by, now) -> int:
    centers = []
    for entry in entries:
        entry.reminded_at = now
        entry.save(update_fields=["reminded_at"])
        notify.later("reminder", entry)
        centers.append(entry.center.name)
    if centers:
        audit.record(
            actor=by,
            action="entry.reminded",
            season=season,
            summary=str(len(centers)),
            data={"entries": len(centers), "count": len(centers), "centers": centers},
        )
    return len(centers)


def remind_drafts(*, season, by=None, now=None, days: int | None = None) -> int:
    """Remind each draft once when registration closes within `days` days.

    Returns how many entries were reminded. Side effects: reminded_at, e-mails,
    an audit event when any were sent."""
    now = now or timezone.now()
    days = days or settings.REMINDER_DAYS
    stage = registration_stage(season)
    if stage is None or not registration_open(season, now):
        return 0
    if stage.closes_at - now > dt.timedelta(days=days):
        return 0
    with transaction.atomic():
        drafts = drafts_of(season).filter(reminded_at__isnull=True).select_for_update()
        return _remind(season, list(drafts), by=by, now=now)


@transaction.atomic
def remind_now(*, season, by, now=None) -> int:
    """Remind every draft of the season now, whenever registration closes and whether
    or not it was reminded before (an organizer asks, having seen whom it reaches).

    Needs registration open (a reminder to finish what can no longer be submitted
    would mislead): raises StageClosed otherwise, for organizers too.
    Returns how many drafts were reminded. Side effects: reminded_at, e-mails to
    each draft's enterprise members, an audit event naming the centers.
    """
    now = now or timezone.now()
    if not registration_open(season, now):
        raise gates.closed(season, StageKind.REGISTRATION)
    return _remind(season, list(drafts_of(season).select_for_update()), by=by, now=now)
