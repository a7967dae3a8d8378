"""The deliberation board's API (集中评议): an entry's panel comments (list, add,
delete one's own) and a category's shortlist (read, set), with the board's rules:
organizers at any time, the season's judges while the stage is open (409
stage_closed otherwise), never a judge with a conflict with the entry."""

from __future__ import annotations

import datetime as dt

from django.shortcuts import get_object_or_404
from django.utils.translation import pgettext
from ninja import Router, Schema, Status
from pydantic import Field

from ccaward.applications.models import Entry
from ccaward.core import access
from ccaward.core.apierrors import ERRORS, READ_ERRORS, error
from ccaward.core.apitypes import RowId
from ccaward.deliberation.domain import comments as panel
from ccaward.deliberation.domain import evaluation as totals
from ccaward.deliberation.domain import shortlist as shortlists
from ccaward.deliberation.domain.ranking import category_ranking, shortlist_line
from ccaward.deliberation.models import COMMENT_MAX, REASON_MAX, PanelComment
from ccaward.seasons.models import Category

router = Router()

MAX_ROWS = 10000


class CommentOut(Schema):
    id: int
    entry: int
    author: str | None
    text: str
    created_at: dt.datetime
    mine: bool


class CommentIn(Schema):
    text: str = Field(max_length=COMMENT_MAX)


class ShortlistRowOut(Schema):
    entry: int
    center: str
    listed: bool
    rank: int | None
    reason: str


class RankedOut(Schema):
    entry: int
    rank: int | None
    total: str | None = Field(description="The total (0-100) as a decimal string.")
    tied: bool


class ShortlistOut(Schema):
    category: int
    saved: bool = Field(description="False: nothing saved yet, the rows are the default.")
    version: int = Field(description="Send it back to set the shortlist; 0 before any.")
    method: str
    line: int = Field(description="The default's size: the quota plus the policy's margin.")
    quota: int
    set_by: str | None
    set_at: dt.datetime | None
    ranking: list[RankedOut]
    rows: list[ShortlistRowOut]


class ReasonIn(Schema):
    entry: RowId
    reason: str = Field(max_length=REASON_MAX)


class ShortlistIn(Schema):
    listed: list[RowId] = Field(max_length=MAX_ROWS, description="The entries on the shortlist.")
    reasons: list[ReasonIn] = Field(
        default_factory=list,
        max_length=MAX_ROWS,
        description="A reason for each departure from the ranking's top.",
    )
    version: int | None = Field(
        None, ge=0, le=2**31 - 1, description="409 conflict when the shortlist moved on."
    )


def _comment_out(comment: PanelComment, user) -> dict:
    return {
        "id": comment.pk,
        "entry": comment.entry_id,
        "author": comment.author.display_name if comment.author else None,
        "text": comment.text,
        "created_at": comment.created_at,
        "mine": comment.author_id == user.pk,
    }


def _entry(season, pk) -> Entry:
    return get_object_or_404(
        Entry.objects.select_related("center", "season", "category"), season=season, pk=pk
    )


@router.get(
    "/{slug}/board/entries/{pk}/comments",
    response={200: list[CommentOut], **READ_ERRORS},
    summary="An entry's panel comments (the panel while 集中评议 is open; organizers)",
)
def list_comments(request, slug: str, pk: int):
    season = access.season_for(request.user, slug, "seasons.view_season")
    access.check(request.user, "deliberation.view_board", season)
    entry = _entry(season, pk)
    return [
        _comment_out(c, request.user) for c in panel.comments_for(entry=entry, user=request.user)
    ]


@router.post(
    "/{slug}/board/entries/{pk}/comments",
    response={201: CommentOut, **ERRORS},
    summary="Comment on an entry (the panel while 集中评议 is open; organizers)",
)
def add_comment(request, slug: str, pk: int, payload: CommentIn):
    season = access.season_for(request.user, slug, "seasons.view_season")
    access.check(request.user, "deliberation.comment", season)
    entry = _entry(season, pk)
    comment = panel.add_comment(entry=entry, text=payload.text, by=request.user)
    return Status(201, _comment_out(comment, request.user))


@router.delete(
    "/{slug}/board/comments/{pk}",
    response={204: None, **ERRORS},
    summary="Delete one's own panel comment",
)
def delete_comment(request, slug: str, pk: int):
    season = access.season_for(request.user, slug, "seasons.view_season")
    access.check(request.user, "deliberation.comment", season)
    comment = get_object_or_404(
        PanelComment.objects.select_related("entry__center", "entry__season"), season=season, pk=pk
    )
    panel.delete_comment(comment=comment, by=request.user)
    return Status(204, None)


def _shortlist_out(category, evaluated) -> dict:
    ranking = category_ranking(evaluated, category)
    line = shortlist_line(evaluated, category)
    saved = shortlists.shortlist_of(category)
    names = {row.entry.pk: row.entry.center.name for row in ranking}
    places = {row.entry.pk: row.rank for row in ranking}
    if saved is not None:
        rows = [
            {
                "entry": r.entry_id,
                "center": r.entry.center.name,
                "listed": r.listed,
                "rank": r.rank,
                "reason": r.reason,
            }
            for r in saved.rows.all()
        ]
    else:
        rows = [
            {"entry": pk, "center": names[pk], "listed": True, "rank": places[pk], "reason": ""}
            for pk in shortlists.default_ids(ranking, line)
        ]
    method = (
        saved.method
        if saved
        else (evaluated.evaluation.method if evaluated.evaluation else evaluated.policy.method)
    )
    return {
        "category": category.pk,
        "saved": saved is not None,
        "version": saved.version if saved else 0,
        "method": method,
        "line": line,
        "quota": category.quota,
        "set_by": saved.set_by.email if saved and saved.set_by else None,
        "set_at": saved.set_at if saved else None,
        "ranking": saved.ranking if saved else [row.as_data() for row in ranking],
        "rows": rows,
    }


@router.get(
    "/{slug}/board/categories/{pk}/shortlist",
    response={200: ShortlistOut, **READ_ERRORS},
    summary="A category's shortlist as saved (with the ranking it was set against), "
    "else the default the ranking gives",
)
def get_shortlist(request, slug: str, pk: int):
    season = access.season_for(request.user, slug, "seasons.view_season")
    access.check(request.user, "deliberation.view_board", season)
    category = get_object_or_404(Category, season=season, pk=pk)
    return _shortlist_out(category, totals.season_evaluation(season))


def _changed(exc, version):
    message = pgettext("api", "%(what)s changed since version %(version)s was read.") % {
        "what": pgettext("api", "The shortlist"),
        "version": version,
    }
    problems = [
        {
            "field": f"entries.{pk}",
            "stored": {"listed": bool(s and s.listed), "reason": s.reason if s else ""},
            "sent": {"listed": bool(t and t.listed), "reason": t.reason if t else ""},
            "version": exc.version,
        }
        for pk, s, t in exc.rows()
    ]
    return error(409, "conflict", message, {p["field"]: [message] for p in problems}, problems)


@router.put(
    "/{slug}/board/categories/{pk}/shortlist",
    response={200: ShortlistOut, **ERRORS},
    summary="Set a category's shortlist (organizers): a reason for each departure from "
    "the ranking; 409 conflict with both versions when it moved on",
)
def set_shortlist(request, slug: str, pk: int, payload: ShortlistIn):
    season = access.season_for(request.user, slug, "deliberation.set_shortlist")
    category = get_object_or_404(Category, season=season, pk=pk)
    evaluated = totals.season_evaluation(season)
    try:
        shortlists.set_shortlist(
            category=category,
            listed=payload.listed,
            reasons={r.entry: r.reason for r in payload.reasons},
            by=request.user,
            base_version=payload.version,
            season_evaluation=evaluated,
        )
    except shortlists.ShortlistChanged as exc:
        return _changed(exc, payload.version)
    return _shortlist_out(category, evaluated)
