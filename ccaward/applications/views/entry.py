"""An application's page: its answers read-only, and the organizers'
decisions (accept, reject, reopen) with the possible duplicates and the
recommendations it has."""

from __future__ import annotations

from decimal import Decimal

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import pgettext
from django.views.decorators.http import require_POST

from ccaward.applications import domain
from ccaward.applications.access import entry_for
from ccaward.applications.forms import ReasonForm
from ccaward.applications.models import Entry
from ccaward.applications.views.common import nav, reader_language, saved_label
from ccaward.core.access import season_view
from ccaward.recommendations.models import Recommendation


def _answer_display(defn, f, result, answers, files, lang):
    """A read-only rendering of one question's answer."""
    values = result.values

    def show(key, kind):
        v = values.get(key, answers.get(key))
        if v in (None, "", []):
            return ""
        if kind in ("choice", "multi", "yesno"):
            labels = {o.value: o.label(lang) for o in f.choices()}
            picked = v if isinstance(v, list) else [v]
            return "; ".join(labels.get(x, x) for x in picked)
        if kind == "consent":
            return pgettext("form", "Confirmed") if v else ""
        if isinstance(v, Decimal):
            return format(v.normalize(), "f")
        return str(v)

    item = {"label": f.label(lang), "type": f.type, "key": f.key, "section": f.section}
    if f.type == "table":
        item["columns"] = [c.label(lang) for c in f.columns]
        item["rows"] = [
            {
                "label": (answers.get(f"{f.key}.{r.key}.name") or r.label(lang)),
                "cells": [show(f"{f.key}.{r.key}.{c.key}", "decimal") for c in f.columns],
            }
            for r in f.rows
        ]
    elif f.type == "file":
        item["files"] = [files[str(i)] for i in answers.get(f.key, []) if str(i) in files]
    else:
        item["value"] = show(f.key, f.type)
        if f.other and values.get(f"{f.key}.other"):
            item["value"] += f" ({values[f'{f.key}.other']})"
        if f.detail and values.get(f"{f.key}.detail"):
            item["detail"] = values[f"{f.key}.detail"]
    return item


def answer_sections(entry, defn, result, lang) -> list[dict]:
    """The entry's answers read-only, section by section (the entry's page, the
    evidence beside a judge's review form): {key, title, part, items}."""
    answers = entry.answers or {}
    files = {str(f.pk): f for f in entry.files.all()}
    sections = []
    for s in defn.sections:
        items = [
            _answer_display(defn, f, result, answers, files, lang)
            for f in s.fields
            if f.answerable and f.key in result.visible
        ]
        sections.append({"key": s.key, "title": s.title(lang), "part": s.part, "items": items})
    return sections


@season_view("seasons.view_season")
def entry_detail(request, season, pk):
    entry = entry_for(request.user, season, pk)
    defn = domain.form_of(entry).parsed
    lang = reader_language()
    result = domain.validation(entry)
    sections = answer_sections(entry, defn, result, lang)
    organizer = request.user.has_perm("applications.decide_entry", season)
    return render(
        request,
        "applications/entry.html",
        {
            "season": season,
            "entry": entry,
            "sections": sections,
            "nav": nav(entry, defn, result, lang),
            "organizer": organizer,
            "can_edit": request.user.has_perm("applications.change_entry", entry),
            "can_withdraw": request.user.has_perm("applications.withdraw_entry", entry),
            "can_view_kpis": request.user.has_perm("kpis.view_entry_kpis", entry),
            "reason_form": ReasonForm(),
            "duplicates": domain.duplicates(
                Entry.objects.filter(season=season).select_related("center__organization")
            ).get(entry.pk, [])
            if organizer
            else [],
            "recommendations": Recommendation.objects.filter(entry=entry).select_related(
                "recommended_by"
            )
            if organizer
            else [],
            "problem_count": len(result.problems),
            "saved_label": saved_label(entry),
        },
    )


@require_POST
@season_view("applications.decide_entry")
def decide(request, season, pk):
    entry = entry_for(request.user, season, pk)
    form = ReasonForm(request.POST)
    form.is_valid()
    action = request.POST.get("action")
    reason = form.cleaned_data.get("reason", "")
    try:
        if action == "reopen":
            domain.reopen(entry=entry, by=request.user, reason=reason)
            messages.success(request, pgettext("message", "Reopened; the applicant can change it."))
        elif action in ("accept", "reject"):
            domain.decide(entry=entry, by=request.user, accept=action == "accept", reason=reason)
            messages.success(request, pgettext("message", "Decision saved; the applicant is told."))
        else:
            raise Http404
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("applications:entry", season.slug, entry.pk)
