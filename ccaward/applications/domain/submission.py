"""Submitting an application while registration is open, and the organizers'
decisions: accept, reject, reopen."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import pgettext

from ccaward.applications import notify
from ccaward.applications.domain.answers import require_editable
from ccaward.applications.domain.form_versions import form_of, validation
from ccaward.applications.domain.typed import sync_typed
from ccaward.applications.enums import EntryStatus
from ccaward.applications.models import Entry
from ccaward.core import audit
from ccaward.engine import appform
from ccaward.seasons import gates
from ccaward.seasons.enums import StageKind


class SubmissionRefused(ValidationError):
    """Submission is refused: the stage is closed or the answers have problems."""

    def __init__(self, message: str, problems: list[appform.Problem] | None = None):
        super().__init__(message, code="submission_refused")
        self.problems = problems or []


def registration_stage(season):
    return season.stage(StageKind.REGISTRATION)


def registration_open(season, now=None) -> bool:
    """Applications are taken while the registration stage is open (server clock)."""
    return gates.is_open(season, StageKind.REGISTRATION, now=now)


@transaction.atomic
def submit(*, entry: Entry, by, now=None) -> Entry:
    """Submit a draft before registration closes (server clock).

    Raises SubmissionRefused (with the problems) when the stage is not open or
    the answers are incomplete. Side effects: status, submitted_at, typed data,
    an audit event, a receipt e-mail to the enterprise's members.
    """
    entry = Entry.objects.select_for_update().get(pk=entry.pk)
    require_editable(entry)
    now = now or timezone.now()
    if not registration_open(entry.season, now):
        raise SubmissionRefused(
            pgettext(
                "validation",
                "Registration is closed (server time %(now)s); the application was not submitted.",
            )
            % {"now": timezone.localtime(now).strftime("%Y-%m-%d %H:%M")}
        )
    result = validation(entry)
    if not result.ok:
        raise SubmissionRefused(
            pgettext(
                "validation",
                "%(n)s answers need attention before the application can be submitted.",
            )
            % {"n": len(result.problems)},
            result.problems,
        )
    record_submission(entry=entry, result=result, by=by, at=now)
    notify.later("submitted", entry)
    return entry


def record_submission(
    *, entry: Entry, result: appform.Validation, by, at, data: dict | None = None
) -> Entry:
    """Mark a checked draft submitted: status and time, its typed data, an audit event.

    The checks (clock, problems) are the caller's: `submit` for applicants, the
    import and the demo for what they create. No e-mail is sent here.
    """
    entry.status = EntryStatus.SUBMITTED
    entry.submitted_at = at
    entry.reopen_reason = ""
    entry.save(update_fields=["status", "submitted_at", "reopen_reason"])
    sync_typed(entry=entry, result=result, by=by)
    audit.record(
        actor=by,
        action="entry.submitted",
        season=entry.season,
        obj=entry,
        summary=f"{entry.center.name} → {entry.category.name_zh}",
        data={"form_version": form_of(entry).version, **entry.audit_names(), **(data or {})},
    )
    return entry


@transaction.atomic
def decide(*, entry: Entry, by, accept: bool, reason: str = "") -> Entry:
    """The eligibility check: accept, or reject with a reason the applicant sees.

    Side effects: status and reason, an audit event, an e-mail to the applicant."""
    reason = (reason or "").strip()
    if entry.status not in (EntryStatus.SUBMITTED, EntryStatus.ACCEPTED, EntryStatus.REJECTED):
        raise ValidationError(
            pgettext("validation", "Only a submitted application can be accepted or rejected."),
            code="not_submitted",
        )
    if not accept and not reason:
        raise ValidationError(
            {"reason": pgettext("validation", "Say why the application is rejected.")}
        )
    entry.status = EntryStatus.ACCEPTED if accept else EntryStatus.REJECTED
    entry.decision_reason = reason[:500]
    entry.save(update_fields=["status", "decision_reason"])
    audit.record(
        actor=by,
        action="entry.accepted" if accept else "entry.rejected",
        season=entry.season,
        obj=entry,
        summary=f"{entry.center.name}: {reason}" if reason else entry.center.name,
        data={**entry.audit_names(), **({"reason": reason} if reason else {})},
    )
    notify.later("accepted" if accept else "rejected", entry)
    return entry


@transaction.atomic
def reopen(*, entry: Entry, by, reason: str) -> Entry:
    """An organizer reopens a submitted application for changes (a reason is required).

    Side effects: back to draft, an audit event, an e-mail to the applicant."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": pgettext("validation", "Say why it is reopened.")})
    if entry.status == EntryStatus.DRAFT:
        raise ValidationError(pgettext("validation", "This application is a draft already."))
    if entry.status == EntryStatus.WITHDRAWN:
        raise ValidationError(
            pgettext("validation", "The applicant withdrew this application; they can restart it.")
        )
    entry.status = EntryStatus.DRAFT
    entry.reopen_reason = reason[:500]
    entry.save(update_fields=["status", "reopen_reason"])
    audit.record(
        actor=by,
        action="entry.reopened",
        season=entry.season,
        obj=entry,
        summary=f"{entry.center.name}: {reason}",
        data={**entry.audit_names(), "reason": reason},
    )
    notify.later("reopened", entry)
    return entry
