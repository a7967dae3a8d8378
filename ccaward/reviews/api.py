"""The reviews API: a judge's own reviews (list, read, save the draft, submit,
revise) with the rules of the pages (assigned, no conflict, judging open), and
the organizers' reading of every review. Errors name the field by its path in
the body: `scores.<criterion>`, `comments.<dimension>`, `private_note`, `reason`."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils.translation import pgettext
from ninja import Router, Schema
from pydantic import Field

from ccaward.core import access, drafts
from ccaward.core.apierrors import ERRORS, READ_ERRORS, error, invalid
from ccaward.engine import review_scale
from ccaward.reviews import domain
from ccaward.reviews.access import entry_in, judge_for
from ccaward.reviews.blind import entry_label, policy_of
from ccaward.reviews.domain.submission import REASON_MAX
from ccaward.reviews.enums import NOT_STARTED
from ccaward.reviews.models import COMMENT, NOTES, SCORE, TEXT_MAX, Review, ScoreChange

router = Router(tags=["reviews"])

Score = str | float | None


class ReviewLineOut(Schema):
    entry: int
    entry_label: str
    category: str
    state: str
    review: int | None
    saved_at: dt.datetime | None
    submitted_at: dt.datetime | None


class ChangeOut(Schema):
    criterion: str
    kind: str
    old: str | None
    new: str | None
    by: str | None
    at: dt.datetime
    reason: str


class ReviewOut(Schema):
    id: int
    entry: int
    entry_label: str
    judge: str
    status: str
    framework_version: int
    scale: str
    scores: dict[str, str]
    comments: dict[str, str]
    private_note: str
    feedback_note: str
    version: int
    saved_at: dt.datetime | None
    submitted_at: dt.datetime | None
    revisions: int
    history: list[ChangeOut]


class ReviewIn(Schema):
    """Changes to a draft review: only what is given is written; an empty value
    clears. With `version` (the review's version the change is based on) a field
    changed since then is a 409 `conflict` naming both values, and nothing is saved."""

    scores: dict[str, Score] = Field(
        default_factory=dict, description="Criterion code → score on the season's scale."
    )
    comments: dict[str, str | None] = Field(
        default_factory=dict, description="Dimension code → comment."
    )
    private_note: str | None = Field(None, max_length=TEXT_MAX)
    feedback_note: str | None = Field(None, max_length=TEXT_MAX)
    version: int | None = Field(None, ge=0)


class ReviseIn(ReviewIn):
    version: int = Field(ge=0, description="The review's version the revision is based on.")
    reason: str = Field(max_length=REASON_MAX, description="Why the review changes (required).")


def _num(value) -> str | None:
    return None if value is None else review_scale.text(value)


def review_out(review: Review, *, blind: bool = False) -> dict:
    return {
        "id": review.pk,
        "entry": review.entry_id,
        "entry_label": entry_label(review.entry, blind),
        "judge": review.judge.name,
        "status": review.status,
        "framework_version": review.framework.number,
        "scale": review.scale,
        "scores": dict(review.scores or {}),
        "comments": dict(review.comments or {}),
        "private_note": review.private_note,
        "feedback_note": review.feedback_note,
        "version": review.version,
        "saved_at": review.saved_at,
        "submitted_at": review.submitted_at,
        "revisions": review.revisions,
        "history": [
            {
                "criterion": c.criterion,
                "kind": c.kind,
                "old": _num(c.old),
                "new": _num(c.new),
                "by": c.by.email if c.by else None,
                "at": c.at,
                "reason": c.reason,
            }
            for c in ScoreChange.objects.filter(review=review).select_related("by")
        ],
    }


def _changes(payload: ReviewIn) -> dict:
    out = {SCORE + k: (None if v is None else str(v)) for k, v in payload.scores.items()}
    out.update({COMMENT + k: v for k, v in payload.comments.items()})
    for name in NOTES:
        if getattr(payload, name) is not None:
            out[name] = getattr(payload, name)
    return out


def _path(key: str) -> str:
    if key.startswith(SCORE):
        return "scores." + key[len(SCORE) :]
    if key.startswith(COMMENT):
        return "comments." + key[len(COMMENT) :]
    return key


def _invalid(exc: ValidationError):
    if not hasattr(exc, "error_dict"):
        code = getattr(exc, "code", None)
        if code == "read_only":
            return error(409, "read_only", " ".join(exc.messages))
        return invalid(exc)
    return error(
        422,
        "invalid",
        " ".join(exc.messages),
        {_path(k): v for k, v in exc.message_dict.items()},
    )


def _conflict(exc: drafts.DraftConflict, version):
    fields = {_path(c.field): [f"{c.stored} ≠ {c.sent}"] for c in exc.conflicts}
    message = pgettext("api", "The review changed since version %(version)s: %(keys)s") % {
        "version": version,
        "keys": ", ".join(fields),
    }
    problems = [
        {**c.as_dict(), "field": _path(c.field), "version": exc.version} for c in exc.conflicts
    ]
    return error(409, "conflict", message, fields, problems)


def _mine(request, slug: str, pk: int):
    season = access.season_for(request.user, slug, "reviews.judge_list")
    entry = entry_in(season, pk)
    judge = judge_for(request.user, entry)
    return season, entry, judge


@router.get(
    "/{slug}/reviews",
    response={200: list[ReviewLineOut], **READ_ERRORS},
    summary="Your reviews: the entries assigned to you (conflicted ones left out) and each review's state",
)
def my_reviews(request, slug: str):
    season = access.season_for(request.user, slug, "reviews.judge_list")
    blind = policy_of(season).blind
    return [
        {
            "entry": line.entry.pk,
            "entry_label": entry_label(line.entry, blind),
            "category": line.entry.category.name,
            "state": line.state if line.review else NOT_STARTED,
            "review": line.review.pk if line.review else None,
            "saved_at": line.review.saved_at if line.review else None,
            "submitted_at": line.review.submitted_at if line.review else None,
        }
        for line in domain.my_lines(request.user, season)
    ]


@router.get(
    "/{slug}/reviews/all",
    response={200: list[ReviewOut], **READ_ERRORS},
    summary="Every review of the season, private notes included (organizers)",
)
def all_reviews(request, slug: str):
    season = access.season_for(request.user, slug, "reviews.view_all")
    reviews = Review.objects.filter(season=season).select_related(
        "entry__center", "judge", "framework"
    )
    return [review_out(r) for r in reviews]


@router.get(
    "/{slug}/reviews/{pk}",
    response={200: ReviewOut, **READ_ERRORS},
    summary="Your review of entry `pk` (404 before it is begun)",
)
def my_review(request, slug: str, pk: int):
    season, entry, judge = _mine(request, slug, pk)
    review = domain.review_of(judge, entry)
    if review is None:
        return error(404, "not_found", pgettext("api", "No review of this entry yet."))
    return review_out(review, blind=policy_of(season).blind)


@router.patch(
    "/{slug}/reviews/{pk}",
    response={200: ReviewOut, **ERRORS},
    summary="Save changes to your draft review of entry `pk` (begun by the first save)",
)
def save_review(request, slug: str, pk: int, payload: ReviewIn):
    season, entry, judge = _mine(request, slug, pk)
    access.check(request.user, "reviews.score", entry)
    try:
        domain.save_review(
            entry=entry, by=request.user, changes=_changes(payload), version=payload.version
        )
    except drafts.DraftConflict as exc:
        return _conflict(exc, payload.version)
    except ValidationError as exc:
        return _invalid(exc)
    return review_out(domain.review_of(judge, entry), blind=policy_of(season).blind)


@router.post(
    "/{slug}/reviews/{pk}/submit",
    response={200: ReviewOut, **ERRORS},
    summary="Submit your review of entry `pk` (422 naming each criterion without a score)",
)
def submit_review(request, slug: str, pk: int):
    season, entry, judge = _mine(request, slug, pk)
    access.check(request.user, "reviews.score", entry)
    review = domain.review_of(judge, entry)
    if review is None:
        return error(404, "not_found", pgettext("api", "No review of this entry yet."))
    try:
        review = domain.submit(review=review, by=request.user)
    except ValidationError as exc:
        return _invalid(exc)
    return review_out(review, blind=policy_of(season).blind)


@router.post(
    "/{slug}/reviews/{pk}/revise",
    response={200: ReviewOut, **ERRORS},
    summary="Revise your submitted review of entry `pk`, with a reason (kept with both values)",
)
def revise_review(request, slug: str, pk: int, payload: ReviseIn):
    season, entry, judge = _mine(request, slug, pk)
    access.check(request.user, "reviews.score", entry)
    review = domain.review_of(judge, entry)
    if review is None:
        return error(404, "not_found", pgettext("api", "No review of this entry yet."))
    try:
        review = domain.revise(
            review=review,
            by=request.user,
            changes=_changes(payload),
            reason=payload.reason,
            version=payload.version,
        )
    except drafts.DraftConflict as exc:
        return _conflict(exc, payload.version)
    except ValidationError as exc:
        return _invalid(exc)
    return review_out(review, blind=policy_of(season).blind)
