"""The visits page and scheduling: organizers schedule, change (from the version
they opened: a change made meanwhile is shown beside theirs) and cancel visits;
a visit's judges or organizers mark it done."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import pgettext
from django.views.decorators.http import require_POST

from ccaward.applications.enums import COMPETING
from ccaward.core import access
from ccaward.core.access import season_view
from ccaward.core.forms import attach
from ccaward.seasons import gates
from ccaward.seasons.enums import JUDGING_STAGE
from ccaward.visits.domain import queries
from ccaward.visits.domain import schedule as domain
from ccaward.visits.forms import CancelForm, VisitForm


@season_view("visits.view")
def visit_list(request, season):
    visits = list(queries.visible_to(request.user, season).prefetch_related("judges"))
    return render(
        request,
        "visits/list.html",
        {
            "season": season,
            "visits": visits,
            "can_schedule": request.user.has_perm("visits.schedule", season),
            "stage_open": gates.is_open(season, JUDGING_STAGE),
            "stage": season.stage(JUDGING_STAGE),
        },
    )


def _entries(season):
    return (
        season.entries.filter(status__in=COMPETING)
        .select_related("center", "category")
        .order_by("center__name")
    )


def _values(form) -> dict:
    return {k: form.cleaned_data[k] for k in ("starts_at", "address", "agenda", "judges")}


@season_view("visits.schedule")
def schedule(request, season):
    entries = list(_entries(season))
    form = VisitForm(request.POST or None, season=season, entries=entries)
    if request.method == "POST" and form.is_valid():
        entry = next(e for e in entries if e.pk == form.cleaned_data["entry"])
        try:
            visit = domain.schedule_visit(entry=entry, values=_values(form), by=request.user)
        except ValidationError as exc:
            attach(form, exc)
        else:
            messages.success(
                request,
                pgettext("message", "The visit to %(center)s is scheduled.")
                % {"center": entry.center.name},
            )
            return redirect("visits:detail", season.slug, visit.pk)
    return render(request, "visits/form.html", {"season": season, "form": form, "visit": None})


@season_view("visits.schedule")
def change(request, season, pk):
    visit = queries.visit_for(request.user, season, pk)
    initial = {
        "starts_at": timezone.localtime(visit.starts_at),
        "address": visit.address,
        "agenda": visit.agenda,
        "judges": list(visit.judges.all()),
        "version": visit.version,
    }
    form = VisitForm(request.POST or None, season=season, initial=initial)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            domain.change_visit(
                visit=visit,
                values=_values(form),
                by=request.user,
                base_version=form.cleaned_data.get("version"),
            )
        except domain.VisitChanged as exc:
            conflict = exc
            data = form.data.copy()
            data["version"] = exc.version
            form = VisitForm(data, season=season)
            form.is_valid()
        except ValidationError as exc:
            attach(form, exc)
        else:
            messages.success(request, pgettext("message", "The visit is changed."))
            return redirect("visits:detail", season.slug, visit.pk)
    return render(
        request,
        "visits/form.html",
        {"season": season, "form": form, "visit": visit, "conflict": conflict},
    )


@require_POST
@season_view("visits.schedule")
def cancel(request, season, pk):
    visit = queries.visit_for(request.user, season, pk)
    form = CancelForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(form.errors.get("reason") or form.non_field_errors())
        domain.cancel_visit(visit=visit, reason=form.cleaned_data["reason"], by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, pgettext("message", "The visit is cancelled."))
    return redirect("visits:detail", season.slug, visit.pk)


@require_POST
@season_view("visits.view")
def finish(request, season, pk):
    visit = queries.visit_for(request.user, season, pk)
    access.check(request.user, "visits.record", visit)
    try:
        domain.finish_visit(visit=visit, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, pgettext("message", "The visit is marked done."))
    return redirect("visits:detail", season.slug, visit.pk)
