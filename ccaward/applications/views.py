"""Application pages: start, fill section by section with autosave, review and
submit; the organizer's entries table, eligibility decisions and reopening."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import get_language, pgettext
from django.views.decorators.http import require_POST

from ccaward.applications import domain
from ccaward.applications.enums import EntryStatus, Industry, SeatBand
from ccaward.applications.forms import ColleagueForm, ReasonForm, StartForm
from ccaward.applications.wording import problem_message, problem_text, question_label
from ccaward.applications.models import Entry, EntryFile, Organization
from ccaward.core.access import season_view
from ccaward.core.forms import attach
from ccaward.engine import appform
from ccaward.people import domain as people_domain
from ccaward.people.enums import Role
from ccaward.people.models import User


def entry_for(request, season, pk, permission="applications.view_entry") -> Entry:
    """An entry of this season the user may see (404 otherwise), and `permission` (403)."""
    entry = get_object_or_404(
        Entry.objects.select_related("center__organization", "category", "season", "form"),
        season=season,
        pk=pk,
    )
    if not request.user.has_perm("applications.view_entry", entry):
        raise Http404
    if not request.user.has_perm(permission, entry):
        raise PermissionDenied
    return entry


def _join_pending(user) -> None:
    """Colleagues invited before they had an account join their enterprise now."""
    for org in Organization.objects.filter(pending_emails__icontains=user.email.lower()):
        emails = [e for e in org.pending_emails if e.lower() != user.email.lower()]
        if len(emails) != len(org.pending_emails):
            domain.add_member(organization=org, user=user, by=user)
            org.pending_emails = emails
            org.save(update_fields=["pending_emails"])


# --------------------------------------------------------------------------- lists


def _filtered(request, season, qs):
    f = {
        "category": request.GET.get("category", ""),
        "status": request.GET.get("status", ""),
        "industry": request.GET.get("industry", ""),
        "size": request.GET.get("size", ""),
        "q": request.GET.get("q", "").strip(),
        "dup": request.GET.get("dup", ""),
    }
    if f["category"].isdigit():
        qs = qs.filter(category_id=int(f["category"]))
    if f["status"] in EntryStatus.values:
        qs = qs.filter(status=f["status"])
    if f["industry"] in Industry.values:
        qs = qs.filter(center__industry=f["industry"])
    bands = {
        SeatBand.SMALL: Q(center__seats__lt=100),
        SeatBand.MEDIUM: Q(center__seats__gte=100, center__seats__lt=500),
        SeatBand.LARGE: Q(center__seats__gte=500, center__seats__lt=2000),
        SeatBand.XLARGE: Q(center__seats__gte=2000),
    }
    if f["size"] in bands:
        qs = qs.filter(bands[f["size"]])
    if f["q"]:
        qs = qs.filter(
            Q(center__name__icontains=f["q"])
            | Q(center__organization__name__icontains=f["q"])
            | Q(center__organization__credit_code__icontains=f["q"])
        )
    return qs, f


@season_view("seasons.view_season")
def entry_list(request, season):
    _join_pending(request.user)
    base = Entry.objects.filter(season=season).select_related(
        "center__organization", "category", "form"
    )
    organizer = request.user.has_perm("applications.view_entries", season)
    if not organizer:
        base = base.filter(center__organization__members=request.user)
    qs, f = _filtered(request, season, base)
    entries = list(qs.order_by("category__position", "center__name") if organizer else qs)
    dups = domain.duplicates(base) if organizer else {}
    if f["dup"]:
        entries = [e for e in entries if e.pk in dups]
    from ccaward.recommendations.domain import count_for

    recs = count_for(entries)
    rows = []
    for e in entries:
        v = domain.validation(e) if e.status == EntryStatus.DRAFT else None
        done = total = 0
        if v:
            for d, t in v.progress.values():
                done += d
                total += t
        rows.append(
            {
                "entry": e,
                "dups": dups.get(e.pk, []),
                "recs": recs.get(e.pk, 0),
                "progress": (done, total),
                "problems": len(v.problems) if v else 0,
            }
        )
    counts = dict(Entry.objects.filter(season=season).values_list("status").annotate(n=Count("id")))
    return render(
        request,
        "applications/list.html",
        {
            "season": season,
            "rows": rows,
            "organizer": organizer,
            "filters": f,
            "categories": season.categories.all(),
            "statuses": EntryStatus.choices,
            "industries": Industry.choices,
            "sizes": SeatBand.choices,
            "counts": [(label, counts.get(value, 0)) for value, label in EntryStatus.choices],
            "can_apply": request.user.has_perm("applications.apply", season),
            "registration_open": domain.registration_open(season),
            "stage": domain.registration_stage(season),
            "dup_total": len(dups),
        },
    )


@season_view("applications.apply")
def start(request, season):
    form = StartForm(request.POST or None, season=season, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():
                center = data.get("center")
                if center is None:
                    org = data.get("organization") or domain.register_organization(
                        by=request.user,
                        name=data["org_name"].strip(),
                        credit_code=data.get("credit_code", ""),
                    )
                    center = domain.add_center(
                        organization=org,
                        by=request.user,
                        name=data["center_name"].strip(),
                        industry=data["industry"],
                    )
                existing = Entry.objects.filter(category=data["category"], center=center).first()
                if existing is not None and existing.status == EntryStatus.WITHDRAWN:
                    entry = domain.restart(entry=existing, by=request.user)
                elif existing is not None:
                    raise ValidationError(
                        {
                            "category": pgettext(
                                "validation",
                                "This contact center has entered this category already.",
                            )
                        }
                    )
                else:
                    entry = domain.create_entry(
                        season=season, category=data["category"], center=center, by=request.user
                    )
        except ValidationError as exc:
            attach(form, exc)
        else:
            first = domain.form_of(entry).parsed.sections[0].key
            return redirect("applications:section", season.slug, entry.pk, first)
    return render(
        request,
        "applications/start.html",
        {"season": season, "form": form, "registration_open": domain.registration_open(season)},
    )


# --------------------------------------------------------------------------- the form


def _lang() -> str:
    return get_language() or "zh-hans"


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


def _nav(entry, defn, result, lang, current=None):
    by_section = result.by_section()
    return [
        {
            "key": s.key,
            "title": s.title(lang),
            "part": s.part,
            "done": result.progress.get(s.key, (0, 0))[0],
            "total": result.progress.get(s.key, (0, 0))[1],
            "problems": len(by_section.get(s.key, [])),
            "current": s.key == current,
        }
        for s in defn.sections
    ]


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


def _saved_label(entry) -> str:
    if not entry.saved_at:
        return pgettext("form", "Not saved yet")
    when = timezone.localtime(entry.saved_at)
    return pgettext("form", "Saved at %(time)s") % {
        "time": formats.date_format(when, "Y-m-d H:i:s")
    }


@season_view("seasons.view_season")
def section(request, season, pk, key):
    entry = entry_for(request, season, pk)
    defn = domain.form_of(entry).parsed
    try:
        sec = defn.section(key)
    except KeyError:
        raise Http404 from None
    can_edit = request.user.has_perm("applications.change_entry", entry) and domain.editable(entry)
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        domain.save_answers(
            entry=entry,
            by=request.user,
            answers=_posted_answers(request, sec),
            keys=_section_keys(sec),
        )
        keys = [s.key for s in defn.sections]
        i = keys.index(sec.key)
        if "next" in request.POST and i + 1 < len(keys):
            return redirect(
                reverse("applications:section", args=[season.slug, entry.pk, keys[i + 1]])
            )
        if "review" in request.POST:
            return redirect("applications:review", season.slug, entry.pk)
        messages.success(request, _saved_label(entry))
        return redirect(
            reverse("applications:section", args=[season.slug, entry.pk, sec.key]) + "?check=1"
        )
    lang = _lang()
    answers = entry.answers or {}
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
            "nav": _nav(entry, defn, result, lang, sec.key),
            "can_edit": can_edit,
            "saved_label": _saved_label(entry),
            "saved_ms": int(entry.saved_at.timestamp() * 1000) if entry.saved_at else 0,
            "prev": keys[i - 1] if i else None,
            "next": keys[i + 1] if i + 1 < len(keys) else None,
            "section_problems": section_problems,
            "upload_mb": domain.upload_limit_bytes() // (1024 * 1024),
            "registration_open": domain.registration_open(season),
        },
    )


@require_POST
@season_view("seasons.view_season")
def autosave(request, season, pk):
    entry = entry_for(request, season, pk, "applications.change_entry")
    if not domain.editable(entry):
        return JsonResponse(
            {"error": pgettext("form", "This application is read-only.")}, status=409
        )
    defn = domain.form_of(entry).parsed
    try:
        sec = defn.section(request.POST.get("_section", ""))
    except KeyError:
        return JsonResponse({"error": "unknown section"}, status=400)
    domain.save_answers(
        entry=entry, by=request.user, answers=_posted_answers(request, sec), keys=_section_keys(sec)
    )
    result = appform.validate(defn, entry.answers)
    done, total = result.progress.get(sec.key, (0, 0))
    return JsonResponse(
        {
            "saved_at": entry.saved_at.isoformat(),
            "saved_ms": int(entry.saved_at.timestamp() * 1000),
            "message": _saved_label(entry),
            "progress": [done, total],
        }
    )


@require_POST
@season_view("seasons.view_season")
def upload(request, season, pk, key):
    entry = entry_for(request, season, pk, "applications.change_entry")
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
        ctx = _field_context(defn, field, entry.answers or {}, {}, files, _lang())
        if error:
            ctx["problems"] = [error]
        return render(
            request,
            "applications/_file_field.html",
            {"a": ctx, "entry": entry, "season": season, "can_edit": True},
        )
    if error:
        messages.error(request, error)
    return redirect(
        reverse("applications:section", args=[season.slug, entry.pk, field.section]) + f"#f-{key}"
    )


@require_POST
@season_view("seasons.view_season")
def file_delete(request, season, pk, file_pk):
    entry = entry_for(request, season, pk, "applications.change_entry")
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
    entry = entry_for(request, season, pk)
    stored = get_object_or_404(EntryFile, entry=entry, pk=file_pk)
    from ccaward.applications.files import CONTENT_TYPES

    return FileResponse(
        stored.file.open("rb"),
        as_attachment=stored.kind not in ("pdf", "png", "jpeg"),
        filename=stored.name,
        content_type=CONTENT_TYPES[stored.kind],
    )


# --------------------------------------------------------------------------- review, submit


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
        if isinstance(v, appform.Decimal):
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


@season_view("seasons.view_season")
def review(request, season, pk):
    entry = entry_for(request, season, pk)
    defn = domain.form_of(entry).parsed
    lang = _lang()
    can_edit = request.user.has_perm("applications.change_entry", entry) and domain.editable(entry)
    error = None
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        try:
            domain.submit(entry=entry, by=request.user)
        except domain.SubmissionRefused as exc:
            error = exc.messages[0]
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            messages.success(
                request,
                pgettext(
                    "message",
                    "Submitted. A receipt is on its way by e-mail; the application is now read-only.",
                ),
            )
            return redirect("applications:entry", season.slug, entry.pk)
    result = domain.validation(entry)
    problems = [
        {
            "text": problem_message(defn, p, lang),
            "url": reverse("applications:section", args=[season.slug, entry.pk, p.section])
            + f"?check=1#f-{p.key.replace('.', '-')}",
            "section": defn.section(p.section).title(lang),
        }
        for p in result.problems
    ]
    return render(
        request,
        "applications/review.html",
        {
            "season": season,
            "entry": entry,
            "problems": problems,
            "nav": _nav(entry, defn, result, lang),
            "error": error,
            "can_edit": can_edit,
            "registration_open": domain.registration_open(season),
            "stage": domain.registration_stage(season),
            "saved_label": _saved_label(entry),
        },
    )


@season_view("seasons.view_season")
def entry_detail(request, season, pk):
    entry = entry_for(request, season, pk)
    defn = domain.form_of(entry).parsed
    lang = _lang()
    result = domain.validation(entry)
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
    organizer = request.user.has_perm("applications.decide_entry", season)
    from ccaward.recommendations.models import Recommendation

    return render(
        request,
        "applications/entry.html",
        {
            "season": season,
            "entry": entry,
            "sections": sections,
            "nav": _nav(entry, defn, result, lang),
            "organizer": organizer,
            "can_edit": request.user.has_perm("applications.change_entry", entry)
            and domain.editable(entry),
            "is_member": request.user.has_perm("applications.change_entry", entry),
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
            "saved_label": _saved_label(entry),
        },
    )


@require_POST
@season_view("applications.decide_entry")
def decide(request, season, pk):
    entry = entry_for(request, season, pk)
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


@require_POST
@season_view("seasons.view_season")
def withdraw(request, season, pk):
    entry = entry_for(request, season, pk, "applications.change_entry")
    domain.withdraw(entry=entry, by=request.user)
    messages.success(request, pgettext("message", "The application was withdrawn."))
    return redirect("applications:list", season.slug)


@require_POST
@season_view("applications.decide_entry")
def remind(request, season):
    n = domain.remind_drafts(season=season, by=request.user)
    messages.success(
        request, pgettext("message", "Reminders are going to %(n)s drafts.") % {"n": n}
    )
    return redirect("applications:list", season.slug)


# --------------------------------------------------------------------------- the enterprise


@season_view("applications.apply")
def organization(request, season):
    orgs = Organization.objects.filter(members=request.user).prefetch_related("members", "centers")
    form = ColleagueForm(request.POST or None)
    if request.method == "POST":
        org = get_object_or_404(orgs, pk=request.POST.get("organization"))
        if form.is_valid():
            email = form.cleaned_data["email"].strip().lower()
            user = User.objects.filter(email__iexact=email).first()
            with transaction.atomic():
                if user is None or not user.season_roles.filter(season=season).exists():
                    people_domain.invite_and_send(
                        season=season,
                        emails=[email],
                        role=Role.APPLICANT,
                        by=request.user,
                        language=request.LANGUAGE_CODE,
                    )
                if user is not None:
                    domain.add_member(organization=org, user=user, by=request.user)
                elif email not in org.pending_emails:
                    org.pending_emails = [*org.pending_emails, email]
                    org.save(update_fields=["pending_emails"])
            messages.success(
                request,
                pgettext("message", "%(email)s is invited to work on %(org)s's applications.")
                % {"email": email, "org": org.name},
            )
            return redirect("applications:organization", season.slug)
    return render(
        request,
        "applications/organization.html",
        {"season": season, "orgs": orgs, "form": form},
    )
