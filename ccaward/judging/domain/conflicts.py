"""Conflicts of interest (利益冲突): a judge declares one on an entry (and may
withdraw their own declaration before judging opens); detection adds what it
finds and never overwrites a decision; organizers confirm or dismiss a detected
or flagged conflict with a reason. Every step is an audit event."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import pgettext

from ccaward.core import audit
from ccaward.engine.text import control_character
from ccaward.judging.domain.accounts import link_users
from ccaward.judging.domain.detection import competing_entries, matches, status_for
from ccaward.judging.domain.policy import policy_for
from ccaward.judging.enums import ConflictSource, ConflictStatus
from ccaward.judging.models import Conflict

REASON_MAX = 2000
# what detection may restate or clear: nobody has decided them yet
UNDECIDED = (ConflictStatus.DETECTED, ConflictStatus.FLAGGED)
DECISIONS = {"confirm": ConflictStatus.CONFIRMED, "dismiss": ConflictStatus.DISMISSED}


@dataclass
class DetectionReport:
    added: list[Conflict] = field(default_factory=list)
    restated: list[Conflict] = field(default_factory=list)  # undecided, status or words changed
    cleared: list[str] = field(default_factory=list)  # undecided ones that no longer match
    kept: int = 0  # decided ones left as decided

    def as_data(self) -> dict:
        return {
            "added": len(self.added),
            "restated": len(self.restated),
            "cleared": len(self.cleared),
            "kept": self.kept,
        }


def _names(conflict: Conflict) -> dict:
    return {
        "judge": conflict.judge.name,
        "center": conflict.entry.center.name,
        "source": conflict.source,
        "entry_id": conflict.entry_id,
    }


def _reason(text, *, required: bool) -> str:
    text = (text or "").strip()
    if required and not text:
        raise ValidationError({"reason": pgettext("validation", "Give the reason.")})
    if len(text) > REASON_MAX:
        raise ValidationError(
            {"reason": pgettext("validation", "At most %(n)s characters.") % {"n": REASON_MAX}}
        )
    if control_character(text):
        raise ValidationError(
            {"reason": pgettext("validation", "Remove the control characters from this text.")}
        )
    return text


@transaction.atomic
def detect_conflicts(*, season, by) -> DetectionReport:
    """Look for conflicts of interest between the season's judges and its
    competing entries (ccaward.engine.conflicts). A match without a row is added
    (DETECTED, or FLAGGED for a recommendation under the "flagged" policy; nothing
    under "allowed"); an undecided row takes the match's words and the policy's
    status, or is cleared when nothing matches any more; confirmed, dismissed and
    declared rows are never touched. Side effects: judge profiles linked to their
    accounts (accounts.link_users), Conflict rows, one audit event
    "judging.conflicts.detected" with the counts and what was added."""
    link_users(season=season)
    policy = policy_for(season)
    found, judges, entries = matches(season)
    existing = {
        (c.judge_id, c.entry_id, c.source): c
        for c in Conflict.objects.select_for_update()
        .filter(season=season)
        .exclude(source=ConflictSource.DECLARED)
    }
    report = DetectionReport()
    seen = set()
    for match in found:
        judge, entry = judges[match.judge], entries[match.entry]
        key = (judge.pk, entry.pk, match.source)
        status = status_for(match.source, policy)
        row = existing.get(key)
        if status is None:
            continue
        seen.add(key)
        if row is None:
            report.added.append(
                Conflict.objects.create(
                    season=season,
                    judge=judge,
                    entry=entry,
                    source=match.source,
                    status=status,
                    reason=match.detail,
                )
            )
        elif row.status in UNDECIDED and (row.status, row.reason) != (status, match.detail):
            row.status, row.reason = status, match.detail
            row.save(update_fields=["status", "reason"])
            report.restated.append(row)
    for key, row in existing.items():
        if key in seen:
            report.kept += row.status not in UNDECIDED
        elif row.status in UNDECIDED:
            report.cleared.append(f"{row.judge.name} × {row.entry.center.name}")
            row.delete()
        else:
            report.kept += 1
    audit.record(
        actor=by,
        action="judging.conflicts.detected",
        season=season,
        summary=", ".join(f"{k} {v}" for k, v in report.as_data().items()),
        data={
            **report.as_data(),
            "conflicts": [
                f"{c.judge.name} × {c.entry.center.name} ({c.source})" for c in report.added
            ][:200],
            "cleared_pairs": report.cleared[:200],
        },
    )
    return report


@transaction.atomic
def declare_conflict(*, judge, entry, reason: str, by) -> Conflict:
    """The judge declares a conflict of interest on `entry` (one of the season's
    competing entries), with its reason (required). Any time: a conflict is never
    too late to disclose. ValidationError when already declared. Side effects: a
    Conflict row (DECLARED, blocking at once), the judge's profile linked to `by`,
    an audit event "judging.conflict.declared"."""
    reason = _reason(reason, required=True)
    if (
        entry.season_id != judge.season_id
        or not competing_entries(judge.season).filter(pk=entry.pk).exists()
    ):
        raise ValidationError({"entry": pgettext("validation", "Not an entry of this season.")})
    if Conflict.objects.filter(judge=judge, entry=entry, source=ConflictSource.DECLARED).exists():
        raise ValidationError(
            {"entry": pgettext("validation", "You have declared a conflict on this entry already.")}
        )
    if judge.user_id is None and by.email.lower() == judge.email.lower():
        type(judge).objects.filter(pk=judge.pk).update(user=by)
    conflict = Conflict.objects.create(
        season=judge.season,
        judge=judge,
        entry=entry,
        source=ConflictSource.DECLARED,
        status=ConflictStatus.DECLARED,
        reason=reason,
    )
    audit.record(
        actor=by,
        action="judging.conflict.declared",
        season=judge.season,
        obj=conflict,
        summary=f"{judge.name} × {entry.center.name}",
        data={**_names(conflict), "reason": reason},
    )
    return conflict


@transaction.atomic
def withdraw_declaration(*, conflict: Conflict, by) -> None:
    """The judge withdraws their own declaration, only before judging opens
    (the caller checks judging.withdraw_conflict; PermissionDenied here when it is
    not `by`'s own declaration). Side effects: the Conflict row deleted, an audit
    event "judging.conflict.withdrawn" keeping its reason."""
    conflict = (
        Conflict.objects.select_for_update()
        .select_related("judge", "entry__center")
        .get(pk=conflict.pk)
    )
    mine = conflict.judge.user_id == by.pk or conflict.judge.email.lower() == by.email.lower()
    if conflict.source != ConflictSource.DECLARED or not mine:
        raise PermissionDenied
    audit.record(
        actor=by,
        action="judging.conflict.withdrawn",
        season=conflict.season,
        obj=conflict,
        summary=f"{conflict.judge.name} × {conflict.entry.center.name}",
        data={**_names(conflict), "reason": conflict.reason},
    )
    conflict.delete()


@transaction.atomic
def decide_conflict(*, conflict: Conflict, decision: str, reason: str, by) -> Conflict:
    """Organizers confirm (it keeps the judge from the entry) or dismiss (it does
    not) a detected or flagged conflict, or change their decision, with a reason
    (required). A judge's own declaration is not decided: it stands. Side effects:
    the Conflict's status, decided_by/at and decision_reason; an audit event
    "judging.conflict.confirmed" or "judging.conflict.dismissed" with the status
    before and after and the reason."""
    if decision not in DECISIONS:
        raise ValidationError({"decision": pgettext("validation", "Confirm or dismiss.")})
    reason = _reason(reason, required=True)
    conflict = (
        Conflict.objects.select_for_update()
        .select_related("judge", "entry__center")
        .get(pk=conflict.pk)
    )
    if conflict.source == ConflictSource.DECLARED:
        raise ValidationError(
            {
                "decision": pgettext(
                    "validation", "A judge's own declaration stands; it is not decided."
                )
            }
        )
    before = conflict.status
    conflict.status = DECISIONS[decision]
    conflict.decided_by = by
    conflict.decided_at = timezone.now()
    conflict.decision_reason = reason
    conflict.save(update_fields=["status", "decided_by", "decided_at", "decision_reason"])
    audit.record(
        actor=by,
        action=f"judging.conflict.{conflict.status}",
        season=conflict.season,
        obj=conflict,
        summary=f"{conflict.judge.name} × {conflict.entry.center.name}",
        data={**_names(conflict), "status": [before, conflict.status], "reason": reason},
    )
    return conflict
