"""The review form (专家评分): the page, autosave of the draft, submission and
revision. Only an assigned judge without a conflict reaches it; while judging is
closed the page is read-only and a post gets the closed-stage page (409)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils import formats, timezone
from django.utils.translation import pgettext
from django.views.decorators.http import require_POST

from ccaward.core import access, drafts
from ccaward.core.access import season_view
from ccaward.reviews import domain
from ccaward.reviews.access import entry_in, judge_for
from ccaward.reviews.views.page import context, field_id, field_keys

PAGE = "reviews/review.html"


def saved_label(review) -> str:
    if review is None or not review.saved_at:
        return pgettext("form", "Not saved yet")
    when = timezone.localtime(review.saved_at)
    return pgettext("form", "Saved at %(time)s") % {
        "time": formats.date_format(when, "Y-m-d H:i:s")
    }


def save_args(request, keys: set[str], stored: dict) -> dict:
    """A post's changes as save_review's arguments (core/drafts.posted_save)."""
    args = drafts.posted_save(request, keys, stored)
    args["version"] = args.pop("base_version")
    return args


def _shown(value) -> str:
    return str(value) if value not in (None, "", []) else pgettext("form", "(empty)")


def conflict_rows(review, exc: drafts.DraftConflict) -> list[dict]:
    crits = domain.criteria_by_code(review.framework)
    dims = domain.dimension_codes(review.framework)
    return [
        {
            "field": c.field,
            "label": domain.field_label(c.field, crits=crits, dims=dims),
            "id": field_id(c.field),
            "mine": _shown(c.sent),
            "theirs": _shown(c.stored),
            "sent": c.sent,
            "stored": c.stored,
        }
        for c in exc.conflicts
    ]


def _page(request, season, entry, review, status=200, **extra):
    can_score = request.user.has_perm("reviews.score", entry)
    ctx = context(season=season, entry=entry, review=review, can_score=can_score, **extra)
    ctx["saved_label"] = saved_label(review)
    return render(request, PAGE, ctx, status=status)


def _errors(exc: ValidationError) -> dict:
    return exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}


@season_view("reviews.judge_list")
def review_page(request, season, pk):
    entry = entry_in(season, pk)
    judge = judge_for(request.user, entry)
    review = domain.review_of(judge, entry)
    if request.method != "POST":
        return _page(request, season, entry, review)
    access.check(request.user, "reviews.score", entry)
    version = review.framework if review else domain.version_in_force(season)
    args = save_args(request, field_keys(version), review.values if review else {})
    try:
        domain.save_review(entry=entry, by=request.user, **args)
    except drafts.DraftConflict as exc:
        review = domain.review_of(judge, entry)
        values = {k: drafts.normalize(v) for k, v in args["changes"].items()}
        base = {**review.values, **{c.field: args["bases"].get(c.field) for c in exc.conflicts}}
        return _page(
            request,
            season,
            entry,
            review,
            status=409,
            values=values,
            conflicts=conflict_rows(review, exc),
            base=base,
        )
    except ValidationError as exc:
        return _page(
            request, season, entry, review, status=422, values=args["changes"], errors=_errors(exc)
        )
    messages.success(request, saved_label(domain.review_of(judge, entry)))
    return redirect("reviews:review", season.slug, entry.pk)


@require_POST
@season_view("reviews.judge_list")
def autosave(request, season, pk):
    entry = entry_in(season, pk)
    judge = judge_for(request.user, entry)
    access.check(request.user, "reviews.score", entry)
    if drafts.body_too_large(request):
        return JsonResponse({"code": "too_large", "error": "too large"}, status=413)
    review = domain.review_of(judge, entry)
    version = review.framework if review else domain.version_in_force(season)
    args = save_args(request, field_keys(version), review.values if review else {})
    try:
        saved = domain.save_review(entry=entry, by=request.user, **args)
    except drafts.DraftConflict as exc:
        review = domain.review_of(judge, entry)
        rows = conflict_rows(review, exc)
        return JsonResponse(
            {
                "code": "conflict",
                "version": exc.version,
                "error": pgettext(
                    "reviews",
                    "This review was changed elsewhere since this page was loaded: choose which to keep.",
                ),
                "conflicts": [
                    {
                        "field": r["field"],
                        "label": r["label"],
                        "id": r["id"],
                        "sent": r["sent"],
                        "stored": r["stored"],
                    }
                    for r in rows
                ],
            },
            status=409,
        )
    except ValidationError as exc:
        if getattr(exc, "code", None) == "read_only":
            return JsonResponse({"code": "read_only", "error": " ".join(exc.messages)}, status=409)
        return JsonResponse(
            {"code": "invalid", "error": " ".join(exc.messages), "fields": _errors(exc)},
            status=422,
        )
    return JsonResponse(
        {
            "saved_ms": int(saved.obj.saved_at.timestamp() * 1000),
            "message": saved_label(saved.obj),
            "version": saved.version,
        }
    )


@require_POST
@season_view("reviews.judge_list")
def submit(request, season, pk):
    """Save what the page holds, then submit; the criteria without a score are named."""
    entry = entry_in(season, pk)
    judge = judge_for(request.user, entry)
    access.check(request.user, "reviews.score", entry)
    review = domain.review_of(judge, entry)
    version = review.framework if review else domain.version_in_force(season)
    args = save_args(request, field_keys(version), review.values if review else {})
    try:
        if args["changes"] or review is None:
            domain.save_review(entry=entry, by=request.user, **args)
        review = domain.review_of(judge, entry)
        domain.submit(review=review, by=request.user)
    except drafts.DraftConflict:
        messages.error(
            request,
            pgettext("reviews", "This review was changed elsewhere: check it and submit again."),
        )
        return redirect("reviews:review", season.slug, entry.pk)
    except ValidationError as exc:
        review = domain.review_of(judge, entry)
        return _page(
            request,
            season,
            entry,
            review,
            status=422,
            values=args["changes"],
            errors=_errors(exc),
            base=review.values if review else {},
        )
    messages.success(
        request,
        pgettext(
            "reviews", "Submitted. The review is locked; you may revise it while judging is open."
        ),
    )
    return redirect("reviews:review", season.slug, entry.pk)


@require_POST
@season_view("reviews.judge_list")
def revise(request, season, pk):
    entry = entry_in(season, pk)
    judge = judge_for(request.user, entry)
    access.check(request.user, "reviews.score", entry)
    review = domain.review_of(judge, entry)
    if review is None:
        return redirect("reviews:review", season.slug, entry.pk)
    args = save_args(request, field_keys(review.framework), review.values)
    reason = request.POST.get("reason", "")
    try:
        domain.revise(
            review=review,
            by=request.user,
            changes=args["changes"],
            reason=reason,
            version=args["version"] if args["version"] is not None else review.version,
        )
    except drafts.DraftConflict as exc:
        rows = conflict_rows(review, exc)
        messages.error(
            request,
            " ".join(
                pgettext(
                    "reviews",
                    "%(field)s: revised elsewhere to “%(theirs)s”; yours, not saved: “%(mine)s”.",
                )
                % {"field": r["label"], "theirs": r["theirs"], "mine": r["mine"]}
                for r in rows
            ),
        )
        return redirect("reviews:review", season.slug, entry.pk)
    except ValidationError as exc:
        return _page(
            request,
            season,
            entry,
            review,
            status=422,
            values=args["changes"],
            errors=_errors(exc),
            revise={"open": True, "reason": reason},
        )
    messages.success(
        request, pgettext("reviews", "Revised. The history shows both values and your reason.")
    )
    return redirect("reviews:review", season.slug, entry.pk)
