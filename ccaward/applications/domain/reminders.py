"""Reminding drafts before registration closes."""

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
    drafts = Entry.objects.filter(
        season=season, status=EntryStatus.DRAFT, reminded_at__isnull=True
    ).select_related("center")
    n = 0
    centers = []
    with transaction.atomic():
        for entry in drafts:
            entry.reminded_at = now
            entry.save(update_fields=["reminded_at"])
            notify.later("reminder", entry)
            n += 1
            centers.append(entry.center.name)
        if n:
            audit.record(
                actor=by,
                action="entry.reminded",
                season=season,
                summary=str(n),
                data={"entries": n, "count": n, "centers": centers},
            )
    return n
