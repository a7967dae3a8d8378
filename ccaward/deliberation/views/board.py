"""The deliberation board (集中评议), one category at a time: the ranking with totals,
rank intervals, the probability within the quota and flags, the quota line; each
entry's radar against the category's median, links to its evidence and the
panel's comments (htmx); the organizers' shortlist form. Organizers at any time;
the season's judges while 集中评议 is open (`deliberation.view_board`)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import pgettext
from django.views.decorators.http import require_POST

from ccaward.applications.models import Entry
from ccaward.core import access
from ccaward.core.access import season_view
from ccaward.deliberation.domain import comments as panel
from ccaward.deliberation.domain import evaluation as totals
from ccaward.deliberation.domain import shortlist as shortlists
from ccaward.deliberation.domain.ranking import category_ranking, shortlist_line, within
from ccaward.deliberation.enums import Method
from ccaward.deliberation.models import PanelComment
from ccaward.deliberation.views.board_forms import CommentForm, ShortlistForm
from ccaward.deliberation.views.board_rows import board_rows
from ccaward.judging.views.versioned import Outcome, versioned_save


def _category(season, pk):
    categories = list(season.categories.all())
    if pk is None:
        return categories, (categories[0] if categories else None)
    chosen = next((c for c in categories if c.pk == pk), None)
    if chosen is None:
        raise Http404
    return categories, chosen


def _with_comments(rows) -> None:
    """Each row the reader may see gets its comments (one query)."""
    shown = {row.entry.pk: row for row in rows if not row.kept}
    for comment in PanelComment.objects.filter(entry_id__in=list(shown)).select_related("author"):
        shown[comment.entry_id].comments.append(comment)


def _choice_text(choice) -> str:
    if choice is None or not choice.listed:
        text = pgettext("deliberation", "left off")
    else:
        text = pgettext("deliberation", "on the shortlist")
    return f"{text}: {choice.reason}" if choice and choice.reason else text


def _conflict_rows(conflict, rows) -> list[tuple[str, str, str]]:
    names = {row.entry.pk: row.name for row in rows}
    return [
        (names.get(pk, str(pk)), _choice_text(stored), _choice_text(sent))
        for pk, stored, sent in conflict.rows()
    ]


def _shortlist_form(request, season, category, rows, evaluated, saved):
    """(form, outcome) of the organizers' shortlist; None for others."""
    if category is None or not request.user.has_perm("deliberation.set_shortlist", season):
        return None, Outcome()
    line = shortlist_line(evaluated, category)
    choices = shortlists.stored_choices(saved) or {
        row.entry.pk: shortlists.Choice(True) for row in rows if within(row.ranked.rank, line)
    }
    form = ShortlistForm(
        request.POST if request.method == "POST" else None,
        rows=rows,
        choices=choices,
        initial={"version": saved.version if saved else 0},
    )
    if request.method != "POST" or not form.is_valid():
        return form, Outcome()
    outcome = versioned_save(
        form,
        lambda: shortlists.set_shortlist(
            category=category,
            listed=form.listed(),
            reasons=form.reasons(),
            by=request.user,
            base_version=form.cleaned_data["version"],
            season_evaluation=evaluated,
        ),
        changed=shortlists.ShortlistChanged,
        on_error=ShortlistForm.attach,
    )
    return form, outcome


@season_view("seasons.view_season")
def board(request, season, category=None):
    access.check(request.user, "deliberation.view_board", season)
    if request.method == "POST":
        access.check(request.user, "deliberation.set_shortlist", season)
    categories, chosen = _category(season, category)
    evaluated = totals.season_evaluation(season)
    ranking = category_ranking(evaluated, chosen) if chosen else []
    rows = board_rows(
        season=season,
        category=chosen,
        ranking=ranking,
        season_evaluation=evaluated,
        user=request.user,
    )
    _with_comments(rows)
    saved = shortlists.shortlist_of(chosen) if chosen else None
    stored = shortlists.stored_choices(saved)
    for row in rows:
        row.choice = stored.get(row.entry.pk)
    form, outcome = _shortlist_form(request, season, chosen, rows, evaluated, saved)
    line = shortlist_line(evaluated, chosen) if chosen else 0
    if outcome.saved:
        messages.success(request, pgettext("message", "Shortlist saved."))
        return redirect(
            reverse("deliberation:board_category", args=[season.slug, chosen.pk]) + "#shortlist"
        )
    return render(
        request,
        "deliberation/board.html",
        {
            "season": season,
            "categories": categories,
            "category": chosen,
            "evaluated": evaluated,
            "evaluation": evaluated.evaluation,
            "rows": rows,
            "quota_after": _last_within(rows, chosen.quota if chosen else 0),
            "line": line,
            "line_after": _last_within(rows, line),
            "margin": evaluated.policy.shortlist_margin,
            "method": dict(Method.choices).get(
                evaluated.evaluation.method if evaluated.evaluation else "", ""
            ),
            "saved": saved,
            "comment_form": CommentForm(),
            "can_comment": request.user.has_perm("deliberation.comment", season),
            "form": form,
            "conflict": outcome.conflict,
            "conflict_rows": _conflict_rows(outcome.conflict, rows) if outcome.conflict else [],
        },
        status=outcome.status,
    )


def _last_within(rows, quota: int) -> int | None:
    """The entry after whose row the quota line is drawn (None: no entry within)."""
    inside = [row.entry.pk for row in rows if within(row.ranked.rank, quota)]
    return inside[-1] if inside else None


def _entry(season, pk) -> Entry:
    entry = (
        Entry.objects.select_related("center", "season", "category")
        .filter(season=season, pk=pk)
        .first()
    )
    if entry is None:
        raise Http404
    return entry


def _comments_partial(request, season, entry, form=None):
    return render(
        request,
        "deliberation/board_comments.html",
        {
            "season": season,
            "entry": entry,
            "entry_comments": panel.comments_for(entry=entry, user=request.user),
            "comment_form": form or CommentForm(),
            "can_comment": request.user.has_perm("deliberation.comment", season),
        },
    )


def _back(season, entry):
    return redirect(
        reverse("deliberation:board_category", args=[season.slug, entry.category_id])
        + f"#entry-{entry.pk}"
    )


@season_view("seasons.view_season")
def comments(request, season, pk):
    """An entry's comments (GET, the htmx partial) and a new one (POST)."""
    access.check(request.user, "deliberation.view_board", season)
    entry = _entry(season, pk)
    if request.method != "POST":
        return _comments_partial(request, season, entry)
    access.check(request.user, "deliberation.comment", season)
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            panel.add_comment(entry=entry, text=form.cleaned_data["text"], by=request.user)
        except ValidationError as exc:
            form.add_error("text", exc.message_dict.get("text", exc.messages))
    if request.headers.get("HX-Request"):
        # htmx swaps a 2xx answer only: the form comes back with its errors
        return _comments_partial(request, season, entry, form if form.errors else None)
    if form.errors:
        for error in form.errors.get("text", []):
            messages.error(request, error)
    return _back(season, entry)


@require_POST
@season_view("seasons.view_season")
def delete_comment(request, season, pk):
    access.check(request.user, "deliberation.comment", season)
    comment = get_object_or_404(
        PanelComment.objects.select_related("entry__center", "entry__season"), season=season, pk=pk
    )
    if comment.author_id != request.user.pk:
        raise PermissionDenied(pgettext("deliberation", "Only its author deletes a comment."))
    panel.delete_comment(comment=comment, by=request.user)
    if request.headers.get("HX-Request"):
        return _comments_partial(request, season, comment.entry)
    return _back(season, comment.entry)
