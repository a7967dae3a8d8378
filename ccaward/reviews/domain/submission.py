"""Submitting a review (every criterion scored; then locked) and revising it
while judging is open: every score given and every change kept with who, when,
the old and the new value and why."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import pgettext

from ccaward.core import audit, drafts
from ccaward.engine import review_scale
from ccaward.reviews.access import acting_judge
from ccaward.reviews.blind import entry_code
from ccaward.reviews.domain.framework import criteria_by_code
from ccaward.reviews.domain.saving import read_only_error
from ccaward.reviews.domain.values import checked
from ccaward.reviews.enums import ChangeKind, ReviewStatus
from ccaward.reviews.models import SCORE, Review, ScoreChange
from ccaward.seasons import gates
from ccaward.seasons.enums import JUDGING_STAGE

REASON_MAX = 2000


def _lock(review: Review, by, now) -> tuple[Review, str]:
    """The review's row held and read afresh, after the judge and the stage are checked."""
    judge = acting_judge(by, review.entry, review.judge)
    if judge.pk != review.judge_id:
        raise PermissionDenied(pgettext("reviews", "This review is another judge's."))
    note = gates.require_open(review.season, JUDGING_STAGE, by=by, now=now)
    return Review.objects.select_for_update().select_related("framework").get(pk=review.pk), note


def _keep_changes(review: Review, kind, pairs: dict, *, by, at, reason: str = "") -> None:
    """One ScoreChange per criterion of `pairs` ({criterion: (old, new)}, the scale's
    strings), parsed on the review's scale."""
    ScoreChange.objects.bulk_create(
        ScoreChange(
            review=review,
            criterion=code,
            kind=kind,
            old=review_scale.parse(review.scale, old) if old is not None else None,
            new=review_scale.parse(review.scale, new),
            by=by,
            at=at,
            reason=reason,
        )
        for code, (old, new) in pairs.items()
    )


def _audit_names(review: Review) -> dict:
    entry = review.entry
    return {
        "entry_code": entry_code(entry),
        "center": entry.center.name,
        "judge": review.judge.name,
    }


@transaction.atomic
def submit(*, review: Review, by, now=None) -> Review:
    """Submit `by`'s draft review: every criterion the judge scores must have a score.

    Raises PermissionDenied, StageClosed, ValidationError {"score.<criterion>":
    message naming it} for each criterion without a score (code "missing_score"),
    or code "read_only" when already submitted. Side effects: the review's status and
    submitted_at (it is locked from then on), one ScoreChange per score (kind
    "submitted"), an audit event."""
    review, note = _lock(review, by, now)
    now = now or timezone.now()
    if review.status != ReviewStatus.DRAFT:
        raise read_only_error()
    crits = criteria_by_code(review.framework)
    scores = review.scores or {}
    missing = {
        SCORE + code: ValidationError(
            pgettext("validation", "%(criterion)s has no score yet.") % {"criterion": c.name},
            code="missing_score",
        )
        for code, c in crits.items()
        if code not in scores
    }
    if missing:
        raise ValidationError(missing)
    checked({SCORE + k: v for k, v in scores.items()}, version=review.framework, scale=review.scale)
    review.status = ReviewStatus.SUBMITTED
    review.submitted_at = now
    review.save(update_fields=["status", "submitted_at"])
    _keep_changes(
        review, ChangeKind.SUBMITTED, {code: (None, scores[code]) for code in crits}, by=by, at=now
    )
    audit.record(
        actor=by,
        action="review.submitted",
        season=review.season,
        obj=review,
        summary=f"{entry_code(review.entry)}: {len(crits)}",
        data={**_audit_names(review), "scores": dict(scores), "note": note},
    )
    return review


def _stale(review: Review, sent: dict, version: int) -> None:
    """DraftConflict when a field sent changed since `version` (another tab revised it)."""
    if version == review.version:
        return
    conflicts = drafts.conflicts_of(
        stored=review.values,
        field_versions=review.field_versions or {},
        changes=sent,
        base_version=version,
        bases={},
    )
    if conflicts:
        raise drafts.DraftConflict(conflicts, review.version)


def _changed_scores(review: Review, values: dict, crits: dict) -> dict[str, tuple]:
    """{criterion: (old, new)} for each score `values` changes; a score cannot be
    cleared from a submitted review."""
    out, errors = {}, {}
    for key, new in values.items():
        if not key.startswith(SCORE):
            continue
        code = key[len(SCORE) :]
        old = (review.scores or {}).get(code)
        if new is None:
            errors[key] = ValidationError(
                pgettext("validation", "%(criterion)s: a submitted review keeps a score.")
                % {"criterion": crits[code].name},
                code="missing_score",
            )
        elif old != new:
            out[code] = (old, new)
    if errors:
        raise ValidationError(errors)
    return out


def _checked_reason(reason: str) -> str:
    """The revision's reason, stripped; ValidationError when blank or too long."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(
            {"reason": pgettext("validation", "Say why the review changes.")}, code="required"
        )
    if len(reason) > REASON_MAX:
        raise ValidationError(
            {
                "reason": pgettext("validation", "The reason is over %(n)s characters.")
                % {"n": REASON_MAX}
            }
        )
    return reason


def _revised_values(review: Review, changes: dict, version: int) -> dict:
    """The fields `changes` really changes on a submitted review, checked on its scale
    and against what changed since `version`."""
    if review.status != ReviewStatus.SUBMITTED:
        raise ValidationError(
            pgettext("validation", "Only a submitted review is revised; this one is a draft."),
            code="not_submitted",
        )
    values = checked(changes, version=review.framework, scale=review.scale)
    stored = review.values
    values = {k: v for k, v in values.items() if drafts.normalize(stored.get(k)) != v}
    _stale(review, values, version)
    return values


def _audit_revision(review: Review, *, by, scores: dict, crits: dict, values, reason, note):
    audit.record(
        actor=by,
        action="review.revised",
        season=review.season,
        obj=review,
        summary=f"{entry_code(review.entry)}: {reason}"[:300],
        data={
            **_audit_names(review),
            "changes": [
                {
                    "criterion": {"zh": crits[code].name_zh, "en": crits[code].name_en},
                    "code": code,
                    "old": old,
                    "new": new,
                }
                for code, (old, new) in scores.items()
            ],
            "fields": sorted(values),
            "reason": reason,
            "note": note,
        },
    )


@transaction.atomic
def revise(*, review: Review, by, changes: dict, reason: str, version: int, now=None) -> Review:
    """Revise `by`'s submitted review while judging is open: `changes` maps fields
    (``score.<criterion>``, ``comment.<dimension>``, the notes) to their new values;
    one `reason` explains the revision and is kept with every score it changes.
    `version` is the review's version the revision was based on: a field changed
    since then is a conflict (drafts.DraftConflict, both values).

    Raises PermissionDenied, StageClosed, ValidationError (a score off the scale or
    for a criterion not in the framework version, naming it; a score cleared; no
    reason; nothing changed; code "not_submitted" for a draft). Side effects: the
    review's values, version, revisions and revised_at; one ScoreChange per changed
    score (old, new, who, when, why); an audit event with both values of each."""
    review, note = _lock(review, by, now)
    now = now or timezone.now()
    values = _revised_values(review, changes, version)
    crits = criteria_by_code(review.framework)
    scores = _changed_scores(review, values, crits)
    if not values:
        raise ValidationError(pgettext("validation", "Nothing was changed."), code="unchanged")
    reason = _checked_reason(reason)
    review.revisions += 1
    review.revised_at = now
    fields = drafts.replace(
        review,
        drafts.merged(review.values, values),
        data_field="values",
        version_field="version",
        versions_field="field_versions",
    )
    review.save(update_fields=[*fields, "revisions", "revised_at"])
    _keep_changes(review, ChangeKind.REVISED, scores, by=by, at=now, reason=reason)
    _audit_revision(
        review, by=by, scores=scores, crits=crits, values=values, reason=reason, note=note
    )
    return review
