"""What judges record on site, sent from the visit page (also after being kept
offline) as batches of item records.

The merge: a record is one judge's entry for one checklist item on one device,
named by the id the device made (`uuid`). Each edit on the device raises its
per-device sequence `seq` and sends the record whole (finding, score, notes as
the device has them then). The server keeps, per uuid, the record with the
highest seq: a record sent again (same seq) is "already had" and a late resend of
an earlier edit (a lower seq) changes nothing, so a resend never duplicates and
never undoes a later edit. Records of other devices or other judges for the same
item are other uuids, kept side by side and never merged: the page shows each,
and the item's score takes each judge's latest record (by the device's edit
time) and averages the judges (visits.scores)."""

from __future__ import annotations

import datetime as dt
import uuid as uuidlib
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import pgettext

from ccaward.core import audit
from ccaward.engine import visit_scores
from ccaward.engine.text import first_in
from ccaward.judging.access import is_conflicted, profile_of
from ccaward.judging.enums import Scale
from ccaward.judging.models import JudgingPolicy
from ccaward.people.rules import is_organizer, is_superuser
from ccaward.seasons import gates
from ccaward.seasons.enums import JUDGING_STAGE
from ccaward.visits.domain.checklist import localized
from ccaward.visits.enums import Finding, VisitStatus
from ccaward.visits.models import NOTES_MAX, ItemRecord, Visit

STORED = "stored"
ALREADY_HAD = "already_had"
REFUSED = "refused"
BATCH_MAX = 200


@dataclass
class Result:
    """What became of one sent record."""

    id: str
    item: str
    result: str  # stored | already_had | refused
    message: str = ""
    resent: bool = False
    seq: int = 0


def scale_of(season) -> str:
    """The season's review scale (judging's policy; its default when none is set)."""
    found = JudgingPolicy.objects.filter(season=season).values_list("scale", flat=True).first()
    return found or Scale.TEN_HALF


def recorder(visit: Visit, user):
    """The judge profile `user` records `visit` as (None for an organizer).
    PermissionDenied unless they are one of its judges, not kept from the entry
    by a conflict of interest, or an organizer."""
    if is_superuser(user) or is_organizer(user, visit.season):
        return profile_of(user, visit.season)
    profile = profile_of(user, visit.season)
    if profile is None or not visit.judges.filter(pk=profile.pk).exists():
        raise PermissionDenied
    if is_conflicted(user, visit.entry):
        raise PermissionDenied
    return profile


def _item_name(visit: Visit, key: str, language: str) -> str:
    item = visit.item(key)
    return f"“{localized(item, 'label', language)}”" if item else f"“{key}”"


def _problem(visit: Visit, raw: dict, scale: str, language: str) -> str:
    """Why `raw` cannot be stored (a message naming the item), or ""."""
    key = str(raw.get("item") or "")
    if visit.item(key) is None:
        return pgettext(
            "visit record", "Item “%(item)s” is not on the checklist of this visit."
        ) % {"item": key}
    name = _item_name(visit, key, language)
    finding = raw.get("finding") or ""
    if finding not in Finding.values:
        return pgettext("visit record", "%(item)s: “%(value)s” is not a finding.") % {
            "item": name,
            "value": finding,
        }
    score = raw.get("score")
    if score is not None and visit_scores.score_problem(score, scale):
        low, high, step = visit_scores.SCALES[scale]
        return pgettext(
            "visit record",
            "%(item)s: the score %(score)s is not on the scale (%(low)s–%(high)s in steps of %(step)s).",
        ) % {"item": name, "score": score, "low": low, "high": high, "step": step}
    notes = raw.get("notes") or ""
    if len(notes) > NOTES_MAX:
        return pgettext("visit record", "%(item)s: the notes are longer than %(n)s characters.") % {
            "item": name,
            "n": NOTES_MAX,
        }
    if found := first_in(notes, multiline=True):
        return pgettext(
            "visit record", "%(item)s: the notes hold a control character (%(character)s)."
        ) % {"item": name, "character": found}
    return ""


def _values(raw: dict) -> dict:
    score = raw.get("score")
    return {
        "finding": raw.get("finding") or "",
        "score": None if score is None else Decimal(str(score)).quantize(Decimal("0.1")),
        "notes": raw.get("notes") or "",
    }


def _plain(values: dict) -> dict:
    return {**values, "score": None if values["score"] is None else str(values["score"])}


def _edited_at(raw: dict) -> dt.datetime:
    when = raw.get("edited_at")
    if isinstance(when, dt.datetime):
        return when if timezone.is_aware(when) else timezone.make_aware(when, dt.UTC)
    return timezone.now()


def _store_one(visit, raw, *, by, judge, scale, language, changes) -> Result:
    rid = str(raw.get("id") or "")
    key = str(raw.get("item") or "")
    seq = int(raw.get("seq") or 0)
    try:
        rid = str(uuidlib.UUID(rid))
    except ValueError:
        message = pgettext("visit record", "Item “%(item)s”: the record's id is not a UUID.")
        return Result(rid, key, REFUSED, message % {"item": key})
    if problem := _problem(visit, raw, scale, language):
        return Result(rid, key, REFUSED, problem)
    values = _values(raw)
    stored = ItemRecord.objects.select_for_update().filter(uuid=rid).first()
    if stored is not None and (stored.visit_id != visit.pk or stored.item_key != key):
        message = pgettext(
            "visit record", "%(item)s: this record id belongs to another visit or item."
        )
        return Result(rid, key, REFUSED, message % {"item": _item_name(visit, key, language)})
    if stored is not None and stored.recorded_by_id != by.pk:
        message = pgettext("visit record", "%(item)s: this record was made by someone else.")
        return Result(rid, key, REFUSED, message % {"item": _item_name(visit, key, language)})
    if stored is not None and seq <= stored.seq:
        resent = seq == stored.seq
        message = (
            pgettext("visit record", "Sent again: already stored.")
            if resent
            else pgettext("visit record", "A later edit from this device is stored already.")
        )
        return Result(rid, key, ALREADY_HAD, message, resent=resent, seq=stored.seq)
    old = None
    if stored is None:
        stored = ItemRecord(uuid=rid, visit=visit, item_key=key, judge=judge, recorded_by=by)
    else:
        old = _plain({f: getattr(stored, f) for f in ("finding", "score", "notes")})
    for name, value in values.items():
        setattr(stored, name, value)
    stored.device = str(raw.get("device") or "")[:64]
    stored.seq = seq
    stored.edited_at = _edited_at(raw)
    stored.received_at = timezone.now()
    stored.scale = scale
    stored.save()
    changes.append({"item": key, "record": rid, "seq": seq, "old": old, "new": _plain(values)})
    return Result(rid, key, STORED, seq=seq)


def sync_records(
    *, visit: Visit, records: list[dict], by, language: str = "zh-hans", now=None
) -> list[Result]:
    """Store a batch of item records sent by a device (each a dict: id, item,
    device, seq, edited_at, finding, score, notes). Gated by the judging stage
    (an organizer may correct after it closes; `now` is the clock the gate
    reads). Each record is stored, already had, or refused with a message naming
    the item; a refusal writes nothing for that record and does not stop the
    others. Side effects: ItemRecord rows, one
    audit event `visit.recorded` listing each change with its old and new values
    (none when nothing changed)."""
    if len(records) > BATCH_MAX:
        raise ValidationError(
            {"records": pgettext("validation", "At most %(n)s records at once.") % {"n": BATCH_MAX}}
        )
    judge = recorder(visit, by)
    note = gates.require_open(visit.season, JUDGING_STAGE, by=by, now=now)
    if Visit.objects.filter(pk=visit.pk, status=VisitStatus.CANCELLED).exists():
        raise ValidationError(pgettext("validation", "This visit was cancelled."))
    scale = scale_of(visit.season)
    changes: list[dict] = []
    with transaction.atomic():
        results = [
            _store_one(
                visit, raw, by=by, judge=judge, scale=scale, language=language, changes=changes
            )
            for raw in records
        ]
        if changes:
            audit.record(
                actor=by,
                action="visit.recorded",
                season=visit.season,
                obj=visit,
                summary=f"{len(changes)} item record(s) of visit {visit.pk}",
                data={
                    **visit.audit_names(),
                    "n": len(changes),
                    "changes": changes,
                    **({"note": note} if note else {}),
                },
            )
    return results


def records_of(visit: Visit):
    return visit.records.select_related("judge", "recorded_by").order_by("item_key", "edited_at")
