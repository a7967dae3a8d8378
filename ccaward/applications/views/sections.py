"""The form, section by section: the page, autosave, and the files attached
to file questions."""

from __future__ import annotations

import json

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import pgettext
from django.views.decorators.http import require_POST

from ccaward.applications import domain
from ccaward.applications.access import entry_for
from ccaward.applications.files import CONTENT_TYPES
from ccaward.applications.models import EntryFile
from ccaward.applications.views.common import nav, reader_language, saved_label
from ccaward.applications.wording import problem_message, problem_text, question_label
from ccaward.core import drafts
from ccaward.core.access import season_view
from ccaward.engine import appform


def _field_context(defn, f: appform.Field, answers, problems_by_key, files_by_id, lang):
    shown = appform.is_visible(f, answers, defn.fields)

    def probs(key):
        return [problem_text(p, lang) for p in problems_by_key.get(key, [])]

    raw = answers.get(f.key)
    picked = raw if isinstance(raw, list) else ([raw] if raw not in (None, "") else [])
    ctx = {
        "f": f,
        "key": f.key,
        "id": "f-" + f.key.replace(".", "-"),
        "type": f.type,
        "label": f.label(lang),
        "help": f.help(lang) if f.help else "",
        "unit": f.unit(lang) if f.unit else "",
        "required": f.required,
        "value": "" if raw is None or isinstance(raw, list) else raw,
        "picked": [str(x) for x in picked],
        "options": [{"value": o.value, "label": o.label(lang)} for o in f.choices()],
        "problems": probs(f.key),
        "other_value": answers.get(f"{f.key}.other", ""),
        "other_problems": probs(f"{f.key}.other"),
        "detail_label": f.detail(lang) if f.detail else "",
        "detail_value": answers.get(f"{f.key}.detail", ""),
        "detail_problems": probs(f"{f.key}.detail"),
        "detail_when": " ".join(f.detail_when),
        "visible_if": f.visible_if,
        "accept": ",".join(
            {"pdf": ".pdf", "png": ".png", "jpeg": ".jpg,.jpeg", "docx": ".docx", "xlsx": ".xlsx"}[
                k
            ]
            for k in f.accept
        ),
        "accept_label": "/".join(k.upper() for k in f.accept),
        "files": [files_by_id[str(i)] for i in picked if str(i) in files_by_id]
        if f.type == "file"
        else [],
        "shown": shown,
        "detail_shown": bool({str(x) for x in picked} & set(f.detail_when)),
        "min": f.min,
        "max": f.max,
        "picks": (f.min_picks, f.max_picks),
    }
    if f.type == "table":
        rows = []
        for row in f.rows:
            cells = []
            for col in f.columns:
                key = f"{f.key}.{row.key}.{col.key}"
                ctype = row.type or col.type
                cells.append(
                    {
                        "key": key,
                        "id": "f-" + key.replace(".", "-"),
                        "value": answers.get(key, ""),
                        "type": ctype,
                        "problems": probs(key),
                        "label": f"{row.label(lang)} · {col.label(lang)}",
                    }
                )
            unit = row.unit or None
            rows.append(
                {
                    "key": row.key,
                    "label": row.label(lang),
                    "unit": unit(lang) if unit else "",
                    "other": row.other,
                    "name_key": f"{f.key}.{row.key}.name",
                    "name_id": "f-" + f"{f.key}.{row.key}.name".replace(".", "-"),
                    "name_value": answers.get(f"{f.key}.{row.key}.name", ""),
                    "name_problems": probs(f"{f.key}.{row.key}.name"),
                    "cells": cells,
                }
            )
        ctx["rows"] = rows
        ctx["columns"] = [
            {"label": c.label(lang), "unit": c.unit(lang) if c.unit else ""} for c in f.columns
        ]
    return ctx


def _section_keys(section: appform.Section) -> set[str]:
    """Answer keys the section's inputs post (files are kept apart)."""
    return {k for f in section.fields if f.type != "file" for k in f.answer_keys()}


def _posted_answers(request, section: appform.Section) -> dict:
    out = {}
    for f in section.fields:
        if f.type in ("file", "info"):
            continue
        for key in f.answer_keys():
            if f.type == "multi" and key == f.key:
                values = [v for v in request.POST.getlist(key) if v]
                if values:
                    out[key] = values
            elif key in request.POST:
                out[key] = request.POST.get(key, "")
    return out


def _json_arg(request, name: str, kind: type):
    try:
        value = json.loads(request.POST[name])
    except (KeyError, ValueError):
        return None
    return value if isinstance(value, kind) else None


def _save_args(request, section: appform.Section, stored: dict) -> dict:
    """What a save of the section posts, as save_answers' arguments.

    `_version` is the answers' version the page was based on and `_base` the
    values its fields were changed from (JSON); only fields that differ from their
    base are saved. The page posts the whole section, autosave only the changed
    fields and their names (`_keys`). A post without `_base` saves the section.
    The conflict panel's buttons post the page with `_keep` (save mine over the
    value `stored` now) or `_take` (take the stored value) naming one field."""
    keys = _section_keys(section)
    sent = _json_arg(request, "_keys", list)
    if sent is not None:
        keys &= {str(k) for k in sent}
    posted = _posted_answers(request, section)
    bases = _json_arg(request, "_base", dict)
    try:
        version = int(request.POST["_version"])
    except (KeyError, ValueError):
        version = None
    if bases is None:
        return {"answers": posted, "keys": keys}
    bases = {k: v for k, v in bases.items() if k in keys}
    keep, take = request.POST.get("_keep"), request.POST.get("_take")
    if keep in keys:
        bases[keep] = stored.get(keep)
    if take in keys:
        posted[take] = stored.get(take)
    keys = {k for k in keys if drafts.normalize(posted.get(k)) != drafts.normalize(bases.get(k))}
    return {"answers": posted, "keys": keys, "version": version, "bases": bases}


def _too_large_text() -> str:
    return pgettext("form", "Not saved: more than %(kb)s KB was sent at once.") % {
        "kb": drafts.MAX_SAVE_BYTES // 1024
    }


def _conflict_json(defn, exc: drafts.DraftConflict) -> dict:
    return {
        "code": "conflict",
        "error": pgettext(
            "form",
            "Someone else changed these answers since this page was loaded: choose which to keep.",
        ),
        "version": exc.version,
        "conflicts": [
            {
                **c.as_dict(),
                "label": question_label(defn, c.field),
                "id": "f-" + c.field.replace(".", "-"),
            }
            for c in exc.conflicts
        ],
    }


def _shown(value) -> str:
    if value in (None, "", []):
        return pgettext("form", "(empty)")
    return "、".join(value) if isinstance(value, list) else str(value)


def _conflict_text(defn, exc: drafts.DraftConflict) -> str:
    parts = [
        pgettext(
            "form", "%(question)s: saved elsewhere as “%(stored)s”; yours, not saved: “%(sent)s”."
        )
        % {
            "question": question_label(defn, c.field),
            "stored": _shown(c.stored),
            "sent": _shown(c.sent),
        }
        for c in exc.conflicts
    ]
    return " ".join(parts)


@season_view("seasons.view_season")
def section(request, season, pk, key):
    entry = entry_for(request.user, season, pk)
    defn = domain.form_of(entry).parsed
    try:
        sec = defn.section(key)
    except KeyError:
        raise Http404 from None
    can_edit = request.user.has_perm("applications.change_entry", entry)
    if request.method != "POST":
        return _page(request, season, entry, defn, sec, can_edit)
    if not can_edit:
        raise PermissionDenied
    if drafts.body_too_large(request):
        messages.error(request, _too_large_text())
    else:
        args = _save_args(request, sec, entry.answers or {})
        try:
            domain.save_answers(entry=entry, by=request.user, **args)
        except drafts.DraftConflict as exc:
            # the same choice as the script's panel, without the script
            messages.warning(request, _conflict_text(defn, exc))
            entry.refresh_from_db(fields=["answers", "answers_version", "answer_versions"])
            return _page(request, season, entry, defn, sec, can_edit, conflict=(exc, args))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            keys = [s.key for s in defn.sections]
            i = keys.index(sec.key)
            if "next" in request.POST and i + 1 < len(keys):
                return redirect(
                    reverse("applications:section", args=[season.slug, entry.pk, keys[i + 1]])
                )
            if "review" in request.POST:
                return redirect("applications:review", season.slug, entry.pk)
            messages.success(request, saved_label(entry))
    return redirect(
        reverse("applications:section", args=[season.slug, entry.pk, sec.key]) + "?check=1"
    )


def _conflicted(entry, defn, sec, conflict) -> tuple[dict, dict, list[dict]]:
    """A page post that met a conflict, shown again: the answers as the person
    typed them, the bases (the stored value for every changed field, its old base
    for a field in conflict, so saving the page again asks again) and the panel's
    rows."""
    exc, args = conflict
    answers = dict(entry.answers or {})
    base = {k: answers[k] for k in _section_keys(sec) if k in answers}
    for key in args["keys"]:
        value = drafts.normalize(args["answers"].get(key))
        if value is None:
            answers.pop(key, None)
        else:
            answers[key] = value
    rows = []
    for c in exc.conflicts:
        base[c.field] = args["bases"].get(c.field)
        rows.append(
            {
                "field": c.field,
                "label": question_label(defn, c.field),
                "id": "f-" + c.field.replace(".", "-"),
                "mine": _shown(c.sent),
                "theirs": _shown(c.stored),
            }
        )
    return answers, base, rows


def _page(request, season, entry, defn, sec, can_edit, conflict=None):
    lang = reader_language()
    answers = entry.answers or {}
    base = {k: answers[k] for k in _section_keys(sec) if k in answers}
    conflicts = []
    if conflict is not None:
        answers, base, conflicts = _conflicted(entry, defn, sec, conflict)
    result = appform.validate(defn, answers)
    show = request.GET.get("check") == "1" or not can_edit
    by_key = result.by_key() if show else {}
    files = {str(f.pk): f for f in entry.files.all()}
    fields = [_field_context(defn, f, answers, by_key, files, lang) for f in sec.fields]
    section_problems = (
        [
            {"text": problem_message(defn, p, lang), "id": "f-" + p.key.replace(".", "-")}
            for p in result.by_section().get(sec.key, [])
        ]
        if show
        else []
    )
    keys = [s.key for s in defn.sections]
    i = keys.index(sec.key)
    return render(
        request,
        "applications/section.html",
        {
            "season": season,
            "entry": entry,
            "defn": defn,
            "section": sec,
            "title": sec.title(lang),
            "intro": sec.intro(lang) if sec.intro else "",
            "fields": fields,
            "nav": nav(entry, defn, result, lang, sec.key),
            "can_edit": can_edit,
            "saved_label": saved_label(entry),
            "saved_ms": int(entry.saved_at.timestamp() * 1000) if entry.saved_at else 0,
            "prev": keys[i - 1] if i else None,
            "next": keys[i + 1] if i + 1 < len(keys) else None,
            "section_problems": section_problems,
            "upload_mb": domain.upload_limit_bytes() // (1024 * 1024),
            "base_json": json.dumps(dict(sorted(base.items())), ensure_ascii=False),
            "multi_keys": " ".join(f.key for f in sec.fields if f.type == "multi"),
            "conflicts": conflicts,
        },
        status=409 if conflicts else 200,
    )


@require_POST
@season_view("seasons.view_season")
def autosave(request, season, pk):
    entry = entry_for(request.user, season, pk, "applications.own_entry")
    if not request.user.has_perm("applications.change_entry", entry):
        return JsonResponse(
            {"error": pgettext("form", "This application is read-only.")}, status=409
        )
    defn = domain.form_of(entry).parsed
    try:
        sec = defn.section(request.POST.get("_section", ""))
    except KeyError:
        return JsonResponse({"error": "unknown section"}, status=400)
    if drafts.body_too_large(request):
        return JsonResponse({"code": "too_large", "error": _too_large_text()}, status=413)
    try:
        saved = domain.save_answers(
            entry=entry, by=request.user, **_save_args(request, sec, entry.answers or {})
        )
    except drafts.DraftConflict as exc:
        return JsonResponse(_conflict_json(defn, exc), status=409)
    except ValidationError as exc:
        if hasattr(exc, "error_dict"):
            return JsonResponse(
                {"code": "invalid", "error": " ".join(exc.messages), "fields": exc.message_dict},
                status=422,
            )
        return JsonResponse({"code": "read_only", "error": " ".join(exc.messages)}, status=409)
    # the section's progress from the summary the save stored with the answers
    done, total = (entry.summary or {}).get("sections", {}).get(sec.key, (0, 0))[:2]
    return JsonResponse(
        {
            "saved_at": entry.saved_at.isoformat(),
            "saved_ms": int(entry.saved_at.timestamp() * 1000),
            "message": saved_label(entry),
            "progress": [done, total],
            "version": saved.version,
        }
    )


@require_POST
@season_view("seasons.view_season")
def upload(request, season, pk, key):
    entry = entry_for(request.user, season, pk, "applications.own_entry")
    defn = domain.form_of(entry).parsed
    field = defn.fields.get(key)
    if field is None or field.type != "file":
        raise Http404
    upload_file = request.FILES.get("file")
    error = None
    if upload_file is None:
        error = pgettext("validation", "%(question)s: choose a file to attach.") % {
            "question": question_label(defn, key)
        }
    else:
        try:
            domain.attach_file(entry=entry, field_key=key, upload=upload_file, by=request.user)
        except ValidationError as exc:
            error = " ".join(exc.messages)
    if request.headers.get("HX-Request"):
        entry.refresh_from_db()
        files = {str(f.pk): f for f in entry.files.all()}
        ctx = _field_context(defn, field, entry.answers or {}, {}, files, reader_language())
        if error:
            ctx["problems"] = [error]
        return render(
            request,
            "applications/_file_field.html",
            {
                "a": ctx,
                "entry": entry,
                "season": season,
                "can_edit": request.user.has_perm("applications.change_entry", entry),
            },
        )
    if error:
        messages.error(request, error)
    return redirect(
        reverse("applications:section", args=[season.slug, entry.pk, field.section]) + f"#f-{key}"
    )


@require_POST
@season_view("seasons.view_season")
def file_delete(request, season, pk, file_pk):
    entry = entry_for(request.user, season, pk, "applications.own_entry")
    stored = get_object_or_404(EntryFile, entry=entry, pk=file_pk)
    section_key = domain.form_of(entry).parsed.fields[stored.field_key].section
    try:
        domain.remove_file(entry=entry, stored=stored, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect(
        reverse("applications:section", args=[season.slug, entry.pk, section_key])
        + f"#f-{stored.field_key}"
    )


@season_view("seasons.view_season")
def file_download(request, season, pk, file_pk):
    entry = entry_for(request.user, season, pk)
    stored = get_object_or_404(EntryFile, entry=entry, pk=file_pk)
    return FileResponse(
        stored.file.open("rb"),
        as_attachment=stored.kind not in ("pdf", "png", "jpeg"),
        filename=stored.name,
        content_type=CONTENT_TYPES[stored.kind],
    )
