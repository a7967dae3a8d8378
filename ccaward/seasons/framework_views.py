"""The framework editor's pages: the editor, its live check, and the conflict
shown when another organizer saved meanwhile."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import get_language, pgettext
from django.views.decorators.http import require_POST

from ccaward.core import text
from ccaward.core.access import season_view
from ccaward.engine.text import control_character
from ccaward.seasons import domain, editor


def field_labels() -> dict[str, str]:
    """How the conflict table names a compared field."""
    return {
        "name_zh": pgettext("field", "Name (Chinese)"),
        "name_en": pgettext("field", "Name (English)"),
        "description_zh": pgettext("field", "Description (Chinese)"),
        "description_en": pgettext("field", "Description (English)"),
        "weight": pgettext("framework", "Weight"),
        "judge": pgettext("evidence", "Judges"),
        "kpi": "KPI",
        "mystery": pgettext("evidence", "Mystery calls"),
        "indicator": pgettext("framework", "KPI indicator"),
        "parent": pgettext("framework", "Sub-item of"),
    }


def conflict_rows(conflict) -> list[dict]:
    """The conflict's differences for the table: each field named, saved, yours."""
    labels = field_labels()
    return [
        {
            "name": d.name,
            "code": d.code,
            "change": d.change,
            "fields": [(labels.get(k, k), old, new) for k, (old, new) in d.fields.items()],
        }
        for d in conflict.differences
    ]


def _context(season, version, dims, checked, **more) -> dict:
    return {
        "season": season,
        "version": version,
        "versions": season.framework_versions.all(),
        "dims": dims,
        "dim_keys": ",".join(d.key for d in dims),
        "checked": checked,
        "errors": checked.field_errors,
        "problems": checked.problems,
        "problem_links": checked.messages,
        "summary": editor.weight_summary(checked.total, checked.messages),
        "indicators": editor.indicator_choices(get_language()),
        "judging_open": domain.judging_open(season),
        "can_edit": True,
        **more,
    }


def edit(request, season):
    """The editor (organizers): GET shows the current version; a post with `op`
    adds, removes or moves an item and shows the result (nothing saved); a post
    without it saves, or shows what is wrong, or (409) the conflict with a
    version saved meanwhile."""
    version = season.current_framework()
    base = domain.version_fingerprint(version)
    if request.method != "POST":
        dims = editor.stored_rows(version)
        checked = editor.check(version, dims)
        return render(
            request,
            "seasons/framework_editor.html",
            _context(season, version, dims, checked, base=base),
        )
    data = request.POST
    dims = editor.from_post(version, data)
    op = data.get("op", "save")
    note = data.get("note", "").strip()[:500]
    sent_base = data.get("base") or None
    if op != "save":
        focus = editor.apply(dims, op)
        checked = editor.check(version, dims)
        context = _context(
            season, version, dims, checked, base=sent_base or "", focus=focus, note=note
        )
        return render(request, "seasons/framework_editor.html", context)
    checked = editor.check(version, dims)
    if found := control_character(note):
        label = pgettext("framework", "Note for the audit log (optional)")
        checked.messages.append((text.message(label, found), "framework-note"))
    context = _context(season, version, dims, checked, base=sent_base or "", note=note, tried=True)
    if checked.messages:
        return render(request, "seasons/framework_editor.html", context)
    try:
        new = domain.save_framework(
            season=season, by=request.user, framework=checked.framework, base=sent_base, note=note
        )
    except domain.FrameworkConflict as conflict:
        context.update(
            conflict=conflict,
            conflict_rows=conflict_rows(conflict),
            base=domain.version_fingerprint(conflict.version),
        )
        return render(request, "seasons/framework_editor.html", context, status=409)
    except ValidationError as exc:
        context["problems"] = exc.messages
        context["problem_links"] = [(m, "") for m in exc.messages]
        return render(request, "seasons/framework_editor.html", context)
    if new.pk != version.pk:
        messages.success(
            request,
            pgettext("message", "Judging has opened: the change was saved as version %(n)s.")
            % {"n": new.number},
        )
    else:
        messages.success(request, pgettext("message", "Framework saved."))
    return redirect("seasons:framework", season.slug)


@require_POST
@season_view("seasons.change_framework")
def check(request, season):
    """htmx: the weight total and every problem of the posted form, in the box and
    (out of band) beside each field."""
    version = season.current_framework()
    dims = editor.from_post(version, request.POST)
    checked = editor.check(version, dims)
    return render(
        request,
        "seasons/_framework_total.html",
        {
            "summary": editor.weight_summary(checked.total, checked.messages),
            "problems": checked.problems,
            "problem_links": checked.messages,
            "dims": dims,
            "errors": checked.field_errors,
            "oob": "dims" in request.POST,
        },
    )
