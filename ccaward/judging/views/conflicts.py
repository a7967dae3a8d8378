"""Conflicts of interest (利益冲突): the organizers' page (by entry or by judge,
filtered by status and source, with counts; detection on demand; a decision per
detected or flagged conflict) and a judge's own page (the season's entries by
name, to declare a conflict on; their declarations and what was detected)."""

from __future__ import annotations

from collections import Counter

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import pgettext
from django.views.decorators.http import require_POST

from ccaward.applications.models import Entry
from ccaward.core.access import season_view
from ccaward.judging import access, domain
from ccaward.judging.domain.detection import competing_entries
from ccaward.judging.enums import ConflictSource, ConflictStatus
from ccaward.judging.forms import DecideForm, DeclareForm
from ccaward.judging.models import Conflict

PAGE_SIZE = 50


def _filtered(season, params):
    rows = Conflict.objects.filter(season=season).select_related(
        "judge", "entry__center__organization", "entry__category", "decided_by"
    )
    status = params.get("status", "")
    source = params.get("source", "")
    if status in ConflictStatus.values:
        rows = rows.filter(status=status)
    if source in ConflictSource.values:
        rows = rows.filter(source=source)
    return rows, status, source


@season_view("judging.view_conflicts")
def conflict_list(request, season):
    rows, status, source = _filtered(season, request.GET)
    by = "judge" if request.GET.get("by") == "judge" else "entry"
    order = (
        ("judge__name", "judge_id", "entry__center__name")
        if by == "judge"
        else ("entry__center__name", "entry_id", "judge__name")
    )
    page = Paginator(rows.order_by(*order, "source"), PAGE_SIZE).get_page(request.GET.get("page"))
    everything = Conflict.objects.filter(season=season)
    by_status = Counter(everything.values_list("status", flat=True))
    by_source = Counter(everything.values_list("source", flat=True))
    query = [("by", by), ("status", status), ("source", source)]
    return render(
        request,
        "judging/conflicts.html",
        {
            "season": season,
            "page": page,
            "by": by,
            "status": status,
            "source": source,
            "statuses": [(v, label, by_status.get(v, 0)) for v, label in ConflictStatus.choices],
            "sources": [(v, label, by_source.get(v, 0)) for v, label in ConflictSource.choices],
            "total": sum(by_status.values()),
            "to_decide": by_status.get(ConflictStatus.DETECTED, 0)
            + by_status.get(ConflictStatus.FLAGGED, 0),
            "page_query": "&".join(f"{k}={v}" for k, v in query if v),
            "filter_query": "&".join(f"{k}={v}" for k, v in query if v and k != "by"),
            "can_decide": request.user.has_perm("judging.decide_conflict", season),
            "decide_form": DecideForm(),
            "judges": season.judges.count(),
        },
    )


@require_POST
@season_view("judging.decide_conflict")
def detect(request, season):
    report = domain.detect_conflicts(season=season, by=request.user)
    messages.success(
        request,
        pgettext(
            "message",
            "Detection done: %(added)s new, %(restated)s updated, %(cleared)s no longer found; "
            "%(kept)s decisions kept as they were.",
        )
        % report.as_data(),
    )
    return redirect("judging:conflicts", season.slug)


@require_POST
@season_view("judging.decide_conflict")
def decide(request, season, pk):
    conflict = get_object_or_404(Conflict, season=season, pk=pk)
    form = DecideForm(request.POST)
    if not form.is_valid():
        for field in form:
            for error in field.errors:
                messages.error(request, f"{field.label}: {error}")
        return redirect(_back(request, season))
    try:
        domain.decide_conflict(
            conflict=conflict,
            decision=form.cleaned_data["decision"],
            reason=form.cleaned_data["reason"],
            by=request.user,
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, pgettext("message", "Decision recorded."))
    return redirect(_back(request, season))


def _back(request, season) -> str:
    query = request.POST.get("back", "")
    url = reverse("judging:conflicts", args=[season.slug])
    return f"{url}?{query}" if query and "//" not in query else url


def _my_profile(request, season):
    judge = access.profile_of(request.user, season)
    if judge is None:
        raise PermissionDenied
    return judge


@season_view("judging.view_own")
def mine(request, season):
    """A judge's page: the season's competing entries by category and name (never
    their evidence), each with the judge's conflicts on it and a way to declare one."""
    judge = access.profile_of(request.user, season)
    if judge is None:
        return render(request, "judging/mine.html", {"season": season, "judge": None})
    conflicts: dict[int, list[Conflict]] = {}
    for c in Conflict.objects.filter(judge=judge).order_by("source"):
        conflicts.setdefault(c.entry_id, []).append(c)
    entries = list(competing_entries(season))
    groups: dict = {}
    for entry in entries:
        entry.my_conflicts = conflicts.get(entry.pk, [])
        entry.declared = any(c.source == ConflictSource.DECLARED for c in entry.my_conflicts)
        entry.blocked = any(
            c.status in ("declared", "detected", "confirmed") for c in entry.my_conflicts
        )
        groups.setdefault(entry.category, []).append(entry)
    return render(
        request,
        "judging/mine.html",
        {
            "season": season,
            "judge": judge,
            "groups": list(groups.items()),
            "count": len(entries),
            "conflicted": sum(1 for e in entries if e.blocked),
            "can_declare": request.user.has_perm("judging.declare_conflict", season),
            "can_withdraw": request.user.has_perm("judging.withdraw_conflict", season),
            "form": DeclareForm(),
        },
    )


@require_POST
@season_view("judging.declare_conflict")
def declare(request, season):
    judge = _my_profile(request, season)
    form = DeclareForm(request.POST)
    if not form.is_valid():
        for field in form:
            for error in field.errors:
                messages.error(request, f"{field.label}: {error}")
        return redirect("judging:mine", season.slug)
    entry = get_object_or_404(Entry, season=season, pk=form.cleaned_data["entry"])
    try:
        domain.declare_conflict(
            judge=judge, entry=entry, reason=form.cleaned_data["reason"], by=request.user
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            pgettext("message", "Your conflict of interest with %(center)s is recorded.")
            % {"center": entry.center.name},
        )
    return redirect(f"{_mine_url(season)}#entry-{entry.pk}")


def _mine_url(season) -> str:
    return reverse("judging:mine", args=[season.slug])


@require_POST
@season_view("judging.view_own")
def withdraw(request, season, pk):
    judge = _my_profile(request, season)
    conflict = get_object_or_404(Conflict, season=season, judge=judge, pk=pk)
    if not request.user.has_perm("judging.withdraw_conflict", season):
        messages.error(
            request,
            pgettext(
                "message",
                "Judging has opened: a declaration can no longer be withdrawn. Ask the organizers.",
            ),
        )
        return redirect(f"{_mine_url(season)}#entry-{conflict.entry_id}")
    domain.withdraw_declaration(conflict=conflict, by=request.user)
    messages.success(request, pgettext("message", "Your declaration is withdrawn."))
    return redirect(f"{_mine_url(season)}#entry-{conflict.entry_id}")
