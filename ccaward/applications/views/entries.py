"""The entries table (the organizer's filters and possible duplicates, the
applicant's own entries), starting an application, reminding drafts."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.shortcuts import redirect, render
from django.utils.translation import pgettext
from django.views.decorators.http import require_POST

from ccaward.applications import domain
from ccaward.applications.enums import EntryStatus, Industry, SeatBand
from ccaward.applications.forms import StartForm
from ccaward.applications.models import Entry
from ccaward.core.access import season_view
from ccaward.core.forms import attach
from ccaward.engine.text import control_character
from ccaward.recommendations.domain import count_for


def filtered(request, season, qs):
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
    if f["q"] and control_character(f["q"]):  # no stored name holds one (nor can, NUL)
        qs = qs.none()
    elif f["q"]:
        qs = qs.filter(
            Q(center__name__icontains=f["q"])
            | Q(center__organization__name__icontains=f["q"])
            | Q(center__organization__credit_code__icontains=f["q"])
        )
    return qs, f


@season_view("seasons.view_season")
def entry_list(request, season):
    base = Entry.objects.filter(season=season).select_related(
        "center__organization", "category", "form"
    )
    organizer = request.user.has_perm("applications.view_entries", season)
    if not organizer:
        base = base.filter(center__organization__members=request.user)
    qs, f = filtered(request, season, base)
    entries = list(qs.order_by("category__position", "center__name") if organizer else qs)
    dups = domain.duplicates(base) if organizer else {}
    if f["dup"]:
        entries = [e for e in entries if e.pk in dups]
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


# start_application's arguments -> the start form's fields
START_FIELDS = {"enterprise_name": "org_name"}


@season_view("applications.apply")
def start(request, season):
    form = StartForm(request.POST or None, season=season, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            entry = domain.start_application(
                season=season,
                category=data["category"],
                by=request.user,
                center=data.get("center"),
                organization=data.get("organization"),
                enterprise_name=data.get("org_name", ""),
                credit_code=data.get("credit_code", ""),
                center_name=data.get("center_name", ""),
                industry=data.get("industry", ""),
            )
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                exc = ValidationError(
                    {START_FIELDS.get(k, k): v for k, v in exc.error_dict.items()}
                )
            attach(form, exc)
        else:
            first = domain.form_of(entry).parsed.sections[0].key
            return redirect("applications:section", season.slug, entry.pk, first)
    return render(
        request,
        "applications/start.html",
        {"season": season, "form": form, "registration_open": domain.registration_open(season)},
    )


@require_POST
@season_view("applications.decide_entry")
def remind(request, season):
    n = domain.remind_drafts(season=season, by=request.user)
    messages.success(
        request, pgettext("message", "Reminders are going to %(n)s drafts.") % {"n": n}
    )
    return redirect("applications:list", season.slug)
