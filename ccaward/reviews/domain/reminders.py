"""Reminding the judges who have reviews due: a confirmation page lists them
(`due_judges`), then one e-mail each from a background job."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import pgettext

from ccaward.core import audit, jobs
from ccaward.reviews.domain.progress import due_judges
from ccaward.seasons import gates
from ccaward.seasons.enums import JUDGING_STAGE


@transaction.atomic
def remind_judges(*, season, by, now=None):
    """E-mail every judge of `season` with reviews due (assigned, not submitted).

    Needs judging open (a reminder to score what can no longer be scored would
    mislead): StageClosed otherwise, for organizers too. ValidationError when no
    judge has a review due. Returns the Job. Side effects: a Job row and its queued
    task (one e-mail per judge, in their language), an audit event naming them."""
    if not gates.is_open(season, JUDGING_STAGE, now=now):
        raise gates.closed(season, JUDGING_STAGE)
    due = due_judges(season)
    if not due:
        raise ValidationError(pgettext("validation", "No judge has a review due."))
    job = jobs.start(
        task="ccaward.reviews.tasks.send_reminders",
        kind="review_reminders",
        title="reviews.remind",
        title_params={"n": len(due)},
        season=season,
        requested_by=by,
        total=len(due),
        judges=[t.subject.pk for t in due],
    )
    audit.record(
        actor=by,
        action="review.reminded",
        season=season,
        summary=str(len(due)),
        data={"count": len(due), "judges": [t.subject.name for t in due]},
    )
    return job
