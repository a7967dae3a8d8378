"""The entries table (the organizer's filters and possible duplicates, the
applicant's own entries), starting an application, reminding drafts."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import redirect, render
from django.utils.translation import npgettext

from ccaward.applications import domain
from ccaward.applications.enums import EntryStatus, Industry, SeatBand
from ccaward.applications.forms import StartForm
from ccaward.applications.models import Entry
from ccaward.core.access import season_view
from ccaward.core.forms import attach
from ccaward.engine.text import control_character
from ccaward.recommendations.domain import count_for

# rows of the table on one page
PER_PAGE = 25


def filtered(request, season, qs, *, dups: dict | None = None, skip: tuple[str, ...] = ()):
    """`qs` narrowed by the table's filters in the query string (those named in `skip`
    left out), and the filters as given. With `dups` (entry id -> reasons) the
    duplicates filter is applied too."""
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
    if f["status"] in EntryStatus.values and "status" not in skip:
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
    if dups is not None and f["dup"]:
        qs = qs.filter(pk__in=list(dups))
    return qs, f


def _row(entry, dups: dict, recs: dict) -> dict:
    """A table row; a draft's progress and problems come from its stored summary."""
    summary = (entry.summary or {}) if entry.status == EntryStatus.DRAFT else {}
    return {
        "entry": entry,
        "dups": dups.get(entry.pk, []),
        "recs": recs.get(entry.pk, 0),
        "progress": (summary.get("done", 0), summary.get("total", 0)),
        "problems": summary.get("missing", 0) + summary.get("errors", 0),
    }


def _query_without(request, *names: str) -> str:
    """The query string without `names`, for links that keep the other filters."""
    query = request.GET.copy()
    for name in names:
        query.pop(name, None)
    return query.urlencode()


@season_view("applications.view_list")
def entry_list(request, season):
    # the answers are not needed: a draft's progress is its stored summary
    base = (
        Entry.objects.filter(season=season)
        .select_related("center__organization", "category")
        .defer("answers", "answer_versions", "figures")
    )
    organizer = request.user.has_perm("applications.view_entries", season)
    if not organizer:
        base = base.filter(center__organization__members=request.user)
    dups = domain.duplicates(base) if organizer else {}
    qs, f = filtered(request, season, base, dups=dups)
    qs = qs.order_by("category__position", "center__name", "pk")
    page = Paginator(qs, PER_PAGE).get_page(request.GET.get("page"))
    entries = list(page.object_list)
    recs = count_for(entries)
    # the counts by status of what the other filters select
    others, _f = filtered(request, season, base, dups=dups, skip=("status",))
    counts = dict(others.order_by().values_list("status").annotate(n=Count("id")))
    return render(
        request,
        "applications/list.html",
        {
            "season": season,
            "rows": [_row(e, dups, recs) for e in entries],
            "page": page,
            "page_query": _query_without(request, "page"),
            "status_query": _query_without(request, "page", "status"),
            "filtered": any(f.values()),
            "organizer": organizer,
            "filters": f,
            "categories": season.categories.all(),
            "statuses": EntryStatus.choices,
            "industries": Industry.choices,
            "sizes": SeatBand.choices,
            "counts": [
                (value, label, counts.get(value, 0)) for value, label in EntryStatus.choices
            ],
            "can_apply": request.user.has_perm("applications.apply", season),
            "can_export": request.user.has_perm("applications.export_entries", season),
            "can_remind": request.user.has_perm("applications.decide_entry", season),
            "can_change_form": request.user.has_perm("applications.change_form", season),
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


@season_view("applications.decide_entry")
def remind(request, season):
    """GET: whom a reminder would reach (each draft and its addresses); POST: send it now."""
    if request.method == "POST":
        n = domain.remind_now(season=season, by=request.user)
        messages.success(
            request,
            npgettext(
                "message",
                "A reminder is going to the applicants of %(n)s draft.",
                "Reminders are going to the applicants of %(n)s drafts.",
                n,
            )
            % {"n": n},
        )
        return redirect("applications:list", season.slug)
    stage = domain.registration_stage(season)
    return render(
        request,
        "applications/remind.html",
        {
            "season": season,
            "drafts": domain.reminder_recipients(season),
            "stage": stage,
            "registration_open": domain.registration_open(season),
            "reminder_days": settings.REMINDER_DAYS,
        },
    )
