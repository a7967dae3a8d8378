"""A judge's draft review saved as it is typed (core/drafts.py): only the fields
that changed, each against the value it was changed from, so a field changed in
another tab is a conflict with both values; a submitted review is read-only."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import pgettext

from ccaward.core import drafts
from ccaward.reviews.access import acting_judge
from ccaward.reviews.blind import policy_of
from ccaward.reviews.domain.framework import criteria_by_code, dimension_codes, version_in_force
from ccaward.reviews.domain.values import checked, field_label
from ccaward.reviews.enums import ReviewStatus
from ccaward.reviews.models import SCORE, Review
from ccaward.seasons import gates
from ccaward.seasons.enums import JUDGING_STAGE


def read_only_error() -> ValidationError:
    return ValidationError(
        pgettext(
            "validation",
            "This review was submitted and is read-only; revise it to change a score.",
        ),
        code="read_only",
    )


def review_of(judge, entry) -> Review | None:
    return Review.objects.filter(judge=judge, entry=entry).select_related("framework").first()


def editable(review: Review) -> bool:
    return review.status == ReviewStatus.DRAFT


@transaction.atomic
def save_review(
    *,
    entry,
    by,
    changes: dict,
    version: int | None = None,
    bases: dict | None = None,
    judge=None,
    now=None,
) -> drafts.Saved:
    """Save the fields of `changes` into `by`'s draft review of `entry`, begun on the
    first save under the framework version in force and the season's scale.

    `version` is the review's version the save was based on and `bases` the values
    its fields were changed from: a field changed elsewhere since is a conflict.
    Raises PermissionDenied (not a judge of the entry, or a conflict of interest),
    StageClosed (judging is not open), ValidationError naming the field (a score off
    the scale or for a criterion not in the framework version, code "read_only"
    once submitted), drafts.DraftConflict. Side effects: the Review row (created on
    the first save), its values, version, field versions and saved_at; no audit
    event for drafts (submission and revisions have theirs).

    An organizer may write `judge`'s review (a paper scorecard transcribed, a
    correction), also while judging is closed."""
    judge = acting_judge(by, entry, judge)
    gates.require_open(entry.season, JUDGING_STAGE, by=by, now=now)
    now = now or timezone.now()
    review = review_of(judge, entry)
    if review is not None and not editable(review):
        raise read_only_error()
    framework = review.framework if review else version_in_force(entry.season)
    scale = review.scale if review else policy_of(entry.season).scale
    values = checked(changes, version=framework, scale=scale)
    if review is None:
        review, _new = Review.objects.get_or_create(
            judge=judge,
            entry=entry,
            defaults={"season": entry.season, "framework": framework, "scale": scale},
        )
    crits, dims = criteria_by_code(framework), dimension_codes(framework)
    try:
        return drafts.save_draft(
            model=Review,
            pk=review.pk,
            changes=values,
            base_version=version,
            bases={k: v for k, v in (bases or {}).items() if k in values},
            editable=editable,
            also={"saved_at": now},
            data_field="values",
            version_field="version",
            versions_field="field_versions",
            multiline=lambda key: not key.startswith(SCORE),
            label=lambda key: field_label(key, crits=crits, dims=dims),
        )
    except drafts.DraftReadOnly:
        raise read_only_error() from None
