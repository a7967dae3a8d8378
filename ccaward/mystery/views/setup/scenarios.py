"""The scenario library's pages: the list (by category and industry), a new
scenario, one scenario (edit = a new version; its history; retire)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import pgettext
from django.views.decorators.http import require_POST

from ccaward.applications.enums import Industry
from ccaward.core.access import season_view
from ccaward.core.forms import attach
from ccaward.mystery.domain import scenarios
from ccaward.mystery.enums import Channel
from ccaward.mystery.views.setup.common import conflict_rows
from ccaward.mystery.views.setup.forms import ScenarioForm


def _values(form) -> dict:
    data = form.cleaned_data
    names = ("title", "category", "industry", "channels", "story", "questions", "answer_points")
    return {name: data.get(name) for name in names}


def _rows(season, request):
    rows = scenarios.latest_versions(season)
    category, industry = request.GET.get("category", ""), request.GET.get("industry", "")
    if category.isdigit():
        rows = [r for r in rows if r.category_id in (None, int(category))]
    if industry in Industry.values:
        rows = [r for r in rows if r.industry in ("", industry)]
    if request.GET.get("retired") != "1":
        rows = [r for r in rows if not r.retired]
    for r in rows:
        r.channel_labels = [Channel(c).label for c in r.channels or [] if c in Channel.values]
        r.industry_label = Industry(r.industry).label if r.industry in Industry.values else ""
    return rows, {"category": category, "industry": industry, "retired": request.GET.get("retired")}


@season_view("mystery.manage")
def scenario_list(request, season):
    rows, filters = _rows(season, request)
    return render(
        request,
        "mystery/setup/scenarios.html",
        {
            "season": season,
            "tab": "scenarios",
            "rows": rows,
            "filters": filters,
            "categories": season.categories.order_by("position", "pk"),
            "industries": Industry.choices,
        },
    )


@season_view("mystery.manage")
def scenario_new(request, season):
    form = ScenarioForm(request.POST or None, season=season)
    if request.method == "POST" and form.is_valid():
        try:
            row = scenarios.save_scenario(season=season, values=_values(form), by=request.user)
        except ValidationError as exc:
            attach(form, exc)
        else:
            messages.success(request, pgettext("message", "The scenario is saved."))
            return redirect("mystery:scenario", season.slug, row.key)
    return render(
        request,
        "mystery/setup/scenario.html",
        {"season": season, "tab": "scenarios", "form": form, "row": None},
    )


def _initial(row) -> dict:
    return {
        "title": row.title,
        "category": row.category_id,
        "industry": row.industry,
        "channels": row.channels,
        "story": row.story,
        "questions": row.questions,
        "answer_points": "\n".join(row.answer_points or []),
        "version": row.version,
    }


@season_view("mystery.manage")
def scenario_detail(request, season, key):
    row = scenarios.newest(season, key)
    if row is None:
        raise Http404
    form = ScenarioForm(request.POST or None, season=season, initial=_initial(row))
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            saved = scenarios.save_scenario(
                season=season,
                key=key,
                values=_values(form),
                base_version=form.cleaned_data.get("version"),
                by=request.user,
            )
        except scenarios.ScenarioChanged as exc:
            conflict = exc
            data = form.data.copy()
            data["version"] = exc.version
            form = ScenarioForm(data, season=season)
            form.is_valid()
            row = exc.row
        except ValidationError as exc:
            attach(form, exc)
        else:
            messages.success(
                request,
                pgettext("message", "Version %(n)s of the scenario is saved.")
                % {"n": saved.version},
            )
            if saved.moved:
                messages.info(
                    request,
                    pgettext("message", "%(count)s planned contacts now use version %(n)s.")
                    % {"count": saved.moved, "n": saved.version},
                )
            return redirect("mystery:scenario", season.slug, key)
    return render(
        request,
        "mystery/setup/scenario.html",
        {
            "season": season,
            "tab": "scenarios",
            "form": form,
            "row": row,
            "conflict": conflict,
            "conflict_rows": conflict_rows(conflict, scenarios.labels()),
            "history": scenarios.history(season, key),
        },
    )


@require_POST
@season_view("mystery.manage")
def scenario_retire(request, season, key):
    if scenarios.newest(season, key) is None:
        raise Http404
    try:
        row = scenarios.retire_scenario(season=season, key=key, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, pgettext("message", "The scenario is retired."))
        if row.moved:
            messages.info(
                request,
                pgettext("message", "%(count)s planned contacts now use another fitting scenario.")
                % {"count": row.moved},
            )
    return redirect("mystery:scenarios", season.slug)
