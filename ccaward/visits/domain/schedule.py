"""Scheduling site visits (入户评审): organizers schedule a visit to an entry
(date and time, address, judges, agenda), change it from the version they
opened (a change made meanwhile is refused with both versions: VisitChanged),
cancel it with a reason, and mark it done. A judge kept from the entry by a
conflict of interest (judging's Conflict with BLOCKING_STATUSES) is refused by
name. Each operation is one audit event."""

from __future__ import annotations

import re

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import pgettext

from ccaward.core import audit, text
from ccaward.core.stale import RowChanged
from ccaward.judging.enums import BLOCKING_STATUSES
from ccaward.judging.models import JudgeProfile
from ccaward.people.rules import is_organizer, is_superuser
from ccaward.seasons import gates
from ccaward.seasons.enums import JUDGING_STAGE
from ccaward.visits.domain import checklist
from ccaward.visits.domain.records import recorder
from ccaward.visits.enums import VisitStatus
from ccaward.visits.models import ADDRESS_MAX, AGENDA_MAX, REASON_MAX, Visit

FIELDS = ("starts_at", "address", "agenda", "judges")
_AGENDA_LINE = re.compile(r"^\s*(\d{1,2}[:：]\d{2}(?:\s*[-–~至]\s*\d{1,2}[:：]\d{2})?)\s*(.*)$")


class VisitChanged(RowChanged):
    """The visit was changed by someone else since `base_version` (both versions
    by field)."""

    message = "the visit changed since it was opened"

    def __init__(self, *, visit: Visit, sent: dict):
        super().__init__(row=visit, stored=snapshot(visit), sent=sent)

    def rows(self) -> list[tuple[str, object, object]]:
        return [(n, self.stored[n], self.sent[n]) for n in FIELDS if self.stored[n] != self.sent[n]]


def agenda_items(agenda: str) -> list[dict]:
    """The agenda's lines as items, a leading time ("09:30" or "09:30-10:00") apart."""
    items = []
    for line in (agenda or "").splitlines():
        if not line.strip():
            continue
        found = _AGENDA_LINE.match(line)
        if found:
            items.append({"time": found.group(1).replace("：", ":"), "text": found.group(2)})
        else:
            items.append({"time": "", "text": line.strip()})
    return items


def snapshot(visit: Visit) -> dict:
    """The schedule's values as plain data (the audit log's old and new values)."""
    return {
        "starts_at": timezone.localtime(visit.starts_at).strftime("%Y-%m-%d %H:%M"),
        "address": visit.address,
        "agenda": visit.agenda,
        "judges": sorted(j.name for j in visit.judges.all()) if visit.pk else [],
    }


def _require_organizer(season, by) -> None:
    if not (is_superuser(by) or is_organizer(by, season)):
        raise PermissionDenied


def _clean(entry, values: dict) -> dict:
    """Check the schedule's values; ValidationError by field, nothing written."""
    errors: dict[str, str] = {}
    starts_at = values.get("starts_at")
    if starts_at is None:
        errors["starts_at"] = pgettext("validation", "Give the visit's date and time.")
    address = (values.get("address") or "").strip() or entry.center.address
    if not address:
        errors["address"] = pgettext(
            "validation", "Give the address: the contact center has none on file."
        )
    elif len(address) > ADDRESS_MAX:
        errors["address"] = pgettext("validation", "At most %(n)s characters.") % {"n": ADDRESS_MAX}
    agenda = (values.get("agenda") or "").strip()
    if len(agenda) > AGENDA_MAX:
        errors["agenda"] = pgettext("validation", "At most %(n)s characters.") % {"n": AGENDA_MAX}
    judges = list(values.get("judges") or [])
    bad = [j for j in judges if j.season_id != entry.season_id]
    if bad:
        errors["judges"] = pgettext("validation", "%(names)s is not a judge of this season.") % {
            "names": "、".join(j.name for j in bad)
        }
    else:
        blocked = JudgeProfile.objects.filter(
            pk__in=[j.pk for j in judges],
            conflicts__entry=entry,
            conflicts__status__in=BLOCKING_STATUSES,
        ).distinct()
        if blocked:
            errors["judges"] = pgettext(
                "validation",
                "%(names)s has a conflict of interest with %(center)s and cannot visit it.",
            ) % {"names": "、".join(j.name for j in blocked), "center": entry.center.name}
    if errors:
        raise ValidationError(errors)
    text.check_all(
        {"address": address, "agenda": agenda},
        labels={
            "address": pgettext("field", "Address"),
            "agenda": pgettext("field", "Agenda"),
        },
        multiline=("agenda",),
    )
    return {"starts_at": starts_at, "address": address, "agenda": agenda, "judges": judges}


def schedule_visit(*, entry, values: dict, by) -> Visit:
    """Schedule a visit to `entry` (organizers). `values`: starts_at, address
    (blank: the center's address), agenda, judges (JudgeProfile rows, none with a
    blocking conflict). Side effects: a Visit with its checklist resolved against
    the framework version in force, one audit event `visit.scheduled`."""
    season = entry.season
    _require_organizer(season, by)
    cleaned = _clean(entry, values)
    framework = season.current_framework()
    with transaction.atomic():
        visit = Visit.objects.create(
            season=season,
            entry=entry,
            starts_at=cleaned["starts_at"],
            address=cleaned["address"],
            agenda=cleaned["agenda"],
            checklist=checklist.resolve(framework),
            framework=framework,
            created_by=by,
        )
        visit.judges.set(cleaned["judges"])
        audit.record(
            actor=by,
            action="visit.scheduled",
            season=season,
            obj=visit,
            summary=f"visit to {entry.center.name} scheduled",
            data={**visit.audit_names(), "new": snapshot(visit)},
        )
    return visit


def change_visit(*, visit: Visit, values: dict, by, base_version: int | None) -> Visit:
    """Change a visit's schedule (organizers) from `base_version` (None: no check).
    Raises VisitChanged (nothing written) when the visit changed since; a
    cancelled visit is refused. Side effects: the visit's fields and version, one
    audit event `visit.changed` with the old and new values."""
    _require_organizer(visit.season, by)
    cleaned = _clean(visit.entry, values)
    with transaction.atomic():
        locked = Visit.objects.select_for_update().get(pk=visit.pk)
        if base_version is not None and locked.version != base_version:
            sent = {
                "starts_at": timezone.localtime(cleaned["starts_at"]).strftime("%Y-%m-%d %H:%M"),
                "address": cleaned["address"],
                "agenda": cleaned["agenda"],
                "judges": sorted(j.name for j in cleaned["judges"]),
            }
            raise VisitChanged(visit=locked, sent=sent)
        if locked.status == VisitStatus.CANCELLED:
            raise ValidationError(pgettext("validation", "This visit was cancelled."))
        old = snapshot(locked)
        locked.starts_at = cleaned["starts_at"]
        locked.address = cleaned["address"]
        locked.agenda = cleaned["agenda"]
        locked.version += 1
        locked.updated_at = timezone.now()
        locked.save()
        locked.judges.set(cleaned["judges"])
        new = snapshot(locked)
        audit.record(
            actor=by,
            action="visit.changed",
            season=locked.season,
            obj=locked,
            summary=f"visit {locked.pk} changed",
            data={**locked.audit_names(), "old": old, "new": new},
        )
    return locked


def cancel_visit(*, visit: Visit, reason: str, by) -> Visit:
    """Cancel a visit with a reason (organizers; the records made stay). Side
    effects: status and reason, one audit event `visit.cancelled`."""
    _require_organizer(visit.season, by)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": pgettext("validation", "Say why the visit is cancelled.")})
    if len(reason) > REASON_MAX:
        raise ValidationError(
            {"reason": pgettext("validation", "At most %(n)s characters.") % {"n": REASON_MAX}}
        )
    text.check(reason, field=pgettext("field", "Reason"))
    with transaction.atomic():
        locked = Visit.objects.select_for_update().get(pk=visit.pk)
        if locked.status == VisitStatus.CANCELLED:
            raise ValidationError(pgettext("validation", "This visit was cancelled."))
        locked.status = VisitStatus.CANCELLED
        locked.cancel_reason = reason
        locked.version += 1
        locked.updated_at = timezone.now()
        locked.save()
        audit.record(
            actor=by,
            action="visit.cancelled",
            season=locked.season,
            obj=locked,
            summary=f"visit {locked.pk} cancelled",
            data={**locked.audit_names(), "reason": reason},
        )
    return locked


def finish_visit(*, visit: Visit, by, now=None) -> Visit:
    """Mark a visit done (organizers, or one of its judges while the judging stage
    is open). Side effects: status, one audit event `visit.done`."""
    recorder(visit, by)
    note = gates.require_open(visit.season, JUDGING_STAGE, by=by, now=now)
    with transaction.atomic():
        locked = Visit.objects.select_for_update().get(pk=visit.pk)
        if locked.status != VisitStatus.SCHEDULED:
            raise ValidationError(pgettext("validation", "This visit is not scheduled."))
        locked.status = VisitStatus.DONE
        locked.version += 1
        locked.updated_at = timezone.now()
        locked.save()
        audit.record(
            actor=by,
            action="visit.done",
            season=locked.season,
            obj=locked,
            summary=f"visit {locked.pk} done",
            data={**locked.audit_names(), **({"note": note} if note else {})},
        )
    return locked
