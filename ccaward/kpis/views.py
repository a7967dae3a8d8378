from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import pgettext
from django.views.decorators.csrf import csrf_exempt, csrf_protect

from ccaward.applications.models import Entry
from ccaward.core import access
from ccaward.core.access import season_view
from ccaward.core.forms import attach
from ccaward.kpis import charts, domain
from ccaward.kpis.access import data_state, entry_for
from ccaward.kpis.forms import (
    MonthlyFormSet,
    PolicyForm,
    ReportedForm,
    ThresholdForm,
    UploadForm,
    stream_uploads,
)
from ccaward.kpis.labels import scored_choices


@season_view("kpis.view_entries")
def entries(request, season):
    qs = Entry.objects.filter(season=season).select_related("center__organization", "category")
    if not request.user.has_perm("applications.view_entries", season):
        qs = qs.filter(center__organization__members=request.user)
    entry_list = list(qs.prefetch_related("reported"))
    results = domain.latest_results(entry_list)
    policy = domain.policy_for(season)
    flags = {
        e.pk: sum(1 for v in domain.verification(e, results.get(e.pk), policy) if v["flagged"])
        for e in entry_list
    }
    return render(
        request,
        "kpis/entries.html",
        {
            "season": season,
            "rows": [(e, results.get(e.pk), flags[e.pk]) for e in entry_list],
            "can_set_policy": request.user.has_perm("kpis.change_policy", season),
        },
    )


@csrf_exempt
def entry_kpi(request, slug, pk):
    """The upload handlers must be in place before the body is read, so CSRF is
    checked inside (Django's documented pattern for custom upload handlers)."""
    if request.method == "POST":
        stream_uploads(request, slug)
    return _entry_kpi(request, slug, pk)


def _monthly_rows(formset) -> tuple[list[dict], list]:
    """The months a valid formset keeps (blank and deleted rows left out), and the
    form of each, so that the domain's errors find their row."""
    rows, forms = [], []
    for form in formset.forms:
        data = form.cleaned_data
        if not data or data.get("DELETE"):
            continue
        rows.append({name: data.get(name) for name in domain.MONTH_FIELDS})
        forms.append(form)
    return rows, forms


def _post_monthly(request, entry):
    """(a redirect when saved, else the formset with its errors)."""
    monthly = MonthlyFormSet(request.POST, queryset=entry.monthly.all(), prefix="monthly")
    if not monthly.is_valid():
        return None, monthly
    rows, forms = _monthly_rows(monthly)
    try:
        domain.save_monthly(entry=entry, rows=rows, by=request.user)
    except ValidationError as exc:
        for key, errors in exc.message_dict.items():
            _rows, i, field = (key.split(".") + ["", ""])[:3]
            if i.isdigit() and int(i) < len(forms) and field in forms[int(i)].fields:
                forms[int(i)].add_error(field, errors)
            else:
                monthly._non_form_errors = monthly.error_class(errors)
        return None, monthly
    messages.success(request, pgettext("message", "Monthly figures saved."))
    return redirect("kpis:entry", entry.season.slug, entry.pk), monthly


def _post_reported(request, entry):
    form = ReportedForm(request.POST, prefix="reported")
    if not form.is_valid():
        return None, form
    try:
        domain.save_reported(entry=entry, values=form.values(), by=request.user)
    except ValidationError as exc:
        attach(form, exc)
        return None, form
    messages.success(request, pgettext("message", "Reported figures saved."))
    return redirect("kpis:entry", entry.season.slug, entry.pk), form


def _post_upload(request, entry):
    form = UploadForm(request.POST, request.FILES, entry=entry)
    if getattr(request, "upload_too_large", False):
        form.add_error(
            "file",
            domain.too_large_message(entry.season),
        )
        return None, form
    if not form.is_valid():
        return None, form
    try:
        upload = domain.accept_upload(
            entry=entry,
            uploaded_file=form.cleaned_data["file"],
            by=request.user,
            agent_states=form.cleaned_data.get("agent_states"),
            schedules=form.cleaned_data.get("schedules"),
            **form.reading(),
        )
    except ValidationError as exc:
        attach(form, exc)
        return None, form
    if upload.status == upload.Status.MAPPING:
        return redirect("kpis:mapping", entry.season.slug, entry.pk, upload.pk), form
    messages.success(
        request,
        pgettext("message", "%(name)s was uploaded; its indicators are being computed.")
        % {"name": upload.original_name},
    )
    return redirect("kpis:entry", entry.season.slug, entry.pk), form


@csrf_protect
@season_view("seasons.view_season")
def _entry_kpi(request, season, pk):
    entry = entry_for(request.user, season, pk)
    forms = {
        "form": UploadForm(initial={"mapping": "standard"}, entry=entry),
        "reported_form": ReportedForm(
            prefix="reported", initial=ReportedForm.initial_from(entry.reported.all())
        ),
        "monthly": MonthlyFormSet(queryset=entry.monthly.all(), prefix="monthly"),
    }
    if request.method == "POST":
        # not theirs: 403; theirs while the stage is closed: the closed-stage page (409)
        access.check(request.user, "kpis.upload_records", entry)
        if "monthly-save" in request.POST:
            done, forms["monthly"] = _post_monthly(request, entry)
        elif "reported-save" in request.POST:
            done, forms["reported_form"] = _post_reported(request, entry)
        else:
            done, forms["form"] = _post_upload(request, entry)
        if done is not None:
            return done
    can_upload, closed = data_state(request.user, entry)
    result = domain.latest_results([entry]).get(entry.pk)
    bench = domain.entry_benchmark(entry, result) if result else None
    return render(
        request,
        "kpis/entry.html",
        {
            "season": season,
            "entry": entry,
            **forms,
            "verification": domain.verification(entry, result),
            "framework_evidence": domain.framework_evidence(entry, bench),
            "can_upload": can_upload,
            "closed": closed,
            "uploads": entry.uploads.select_related("job", "column_mapping")[:10],
            "result": result,
            "bench": bench,
            "charts": charts.entry_charts(result, bench) if result else {},
        },
    )


@season_view("kpis.view_benchmark")
def board(request, season):
    group = request.GET.get("group", "season")
    sort = request.GET.get("sort", "")
    data = domain.board(season, group=group, sort=sort)
    can_set_policy = request.user.has_perm("kpis.change_policy", season)
    return render(
        request, "kpis/board.html", {"season": season, "can_set_policy": can_set_policy, **data}
    )


def _post_thresholds(request, season):
    form = ThresholdForm(request.POST, choices=scored_choices(), prefix="t")
    if not form.is_valid():
        return None, form
    try:
        domain.save_thresholds(
            season=season,
            key=form.cleaned_data["key"],
            text=form.cleaned_data["rows"],
            by=request.user,
        )
    except ValidationError as exc:
        attach(form, exc)
        return None, form
    messages.success(request, pgettext("message", "Threshold table saved."))
    return redirect("kpis:policy", season.slug), form


def _post_policy(request, season):
    form = PolicyForm(request.POST, instance=domain.policy_for(season))
    if not form.is_valid():
        return None, form
    try:
        domain.save_policy(season=season, values=form.cleaned_data, by=request.user)
    except ValidationError as exc:
        attach(form, exc)
        return None, form
    messages.success(request, pgettext("message", "KPI policy saved."))
    return redirect("kpis:policy", season.slug), form


@season_view("kpis.change_policy")
def policy(request, season):
    form = PolicyForm(None, instance=domain.policy_for(season))
    threshold_form = ThresholdForm(None, choices=scored_choices(), prefix="t")
    done = None
    if request.method == "POST" and "t-key" in request.POST:
        done, threshold_form = _post_thresholds(request, season)
    elif request.method == "POST":
        done, form = _post_policy(request, season)
    if done is not None:
        return done
    tables = [(t.key, domain.threshold_text(t.key, t.rows)) for t in season.kpi_thresholds.all()]
    return render(
        request,
        "kpis/policy.html",
        {
            "season": season,
            "form": form,
            "threshold_form": threshold_form,
            "tables": tables,
        },
    )
