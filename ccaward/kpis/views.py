from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadhandler import TemporaryFileUploadHandler
from django.db import IntegrityError
from django.shortcuts import redirect, render
from django.utils.translation import pgettext
from django.views.decorators.csrf import csrf_exempt, csrf_protect

from ccaward.applications.models import Entry
from ccaward.applications.views import entry_for
from ccaward.core.access import season_view
from ccaward.core.forms import attach
from ccaward.kpis import charts, domain
from ccaward.kpis.forms import (
    MonthlyFormSet,
    PolicyForm,
    ReportedForm,
    SizeLimitUploadHandler,
    ThresholdForm,
    UploadForm,
)
from ccaward.kpis.labels import scored_choices


@season_view("seasons.view_season")
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
        },
    )


@csrf_exempt
def entry_kpi(request, slug, pk):
    """The upload handlers must be in place before the body is read, so CSRF is
    checked inside (Django's documented pattern for custom upload handlers)."""
    if request.method == "POST":
        from ccaward.seasons.models import Season

        season = Season.objects.filter(slug=slug).first()
        policy = domain.policy_for(season) if season else None
        limit = (policy.max_upload_mb if policy else 1) * 1024 * 1024
        request.upload_handlers = [
            SizeLimitUploadHandler(request, limit_bytes=limit),
            TemporaryFileUploadHandler(request),
        ]
    return _entry_kpi(request, slug, pk)


@csrf_protect
@season_view("seasons.view_season")
def _entry_kpi(request, season, pk):
    entry = entry_for(request, season, pk)
    can_upload = request.user.has_perm("kpis.upload_records", entry)
    form = UploadForm(initial={"mapping": "standard"})
    reported_form = ReportedForm(
        prefix="reported", initial=ReportedForm.initial_from(entry.reported.all())
    )
    monthly = MonthlyFormSet(queryset=entry.monthly.all(), prefix="monthly")
    if request.method == "POST" and "monthly-save" in request.POST:
        if not can_upload:
            raise PermissionDenied
        monthly = MonthlyFormSet(request.POST, queryset=entry.monthly.all(), prefix="monthly")
        if monthly.is_valid():
            try:
                domain.save_monthly(entry=entry, formset=monthly, by=request.user)
            except IntegrityError:
                monthly._non_form_errors = monthly.error_class(
                    [pgettext("validation", "Each month can be entered once.")]
                )
            else:
                messages.success(request, pgettext("message", "Monthly figures saved."))
                return redirect("kpis:entry", season.slug, entry.pk)
    elif request.method == "POST" and "reported-save" in request.POST:
        if not can_upload:
            raise PermissionDenied
        reported_form = ReportedForm(request.POST, prefix="reported")
        if reported_form.is_valid():
            domain.save_reported(entry=entry, values=reported_form.values(), by=request.user)
            messages.success(request, pgettext("message", "Reported figures saved."))
            return redirect("kpis:entry", season.slug, entry.pk)
    elif request.method == "POST":
        if not can_upload:
            raise PermissionDenied
        form = UploadForm(request.POST, request.FILES)
        if getattr(request, "upload_too_large", False):
            form.add_error(
                "file",
                pgettext("validation", "The file is larger than %(mb)s MB.")
                % {"mb": domain.policy_for(season).max_upload_mb},
            )
        elif form.is_valid():
            try:
                upload = domain.accept_upload(
                    entry=entry,
                    uploaded_file=form.cleaned_data["file"],
                    mapping=form.cleaned_data["mapping"],
                    by=request.user,
                    agent_states=form.cleaned_data.get("agent_states"),
                    schedules=form.cleaned_data.get("schedules"),
                )
            except ValidationError as exc:
                attach(form, exc)
            else:
                messages.success(
                    request,
                    pgettext("message", "%(name)s was uploaded; its indicators are being computed.")
                    % {"name": upload.original_name},
                )
                return redirect("kpis:entry", season.slug, entry.pk)
    result = domain.latest_results([entry]).get(entry.pk)
    bench = domain.entry_benchmark(entry, result) if result else None
    return render(
        request,
        "kpis/entry.html",
        {
            "season": season,
            "entry": entry,
            "form": form,
            "reported_form": reported_form,
            "verification": domain.verification(entry, result),
            "framework_evidence": domain.framework_evidence(entry, bench),
            "monthly": monthly,
            "can_upload": can_upload,
            "uploads": entry.uploads.select_related("job")[:10],
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


@season_view("kpis.change_policy")
def policy(request, season):
    form = PolicyForm(None, instance=domain.policy_for(season))
    threshold_form = ThresholdForm(None, choices=scored_choices(), prefix="t")
    if request.method == "POST" and "t-key" in request.POST:
        threshold_form = ThresholdForm(request.POST, choices=scored_choices(), prefix="t")
        if threshold_form.is_valid():
            try:
                domain.save_thresholds(
                    season=season,
                    key=threshold_form.cleaned_data["key"],
                    text=threshold_form.cleaned_data["rows"],
                    by=request.user,
                )
            except ValidationError as exc:
                attach(threshold_form, exc)
            else:
                messages.success(request, pgettext("message", "Threshold table saved."))
                return redirect("kpis:policy", season.slug)
    elif request.method == "POST":
        form = PolicyForm(request.POST, instance=domain.policy_for(season))
        if form.is_valid():
            domain.save_policy(form=form, by=request.user)
            messages.success(request, pgettext("message", "KPI policy saved."))
            return redirect("kpis:policy", season.slug)
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
