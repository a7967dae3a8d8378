from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import pgettext
from django.views.decorators.http import require_POST

from ccaward.core.access import season_view
from ccaward.core.errors import InUse
from ccaward.core.forms import attach
from ccaward.core.models import AuditEvent, Job
from ccaward.engine import framework as engine
from ccaward.engine import schedule
from ccaward.people.enums import Role
from ccaward.seasons import audit_log, domain, framework_doc, framework_views, homepage
from ccaward.seasons.dashboard import counts_for
from ccaward.seasons.forms import CategoryForm, SeasonForm, StageDatesForm, StageOverrideForm
from ccaward.seasons.models import Category, Criterion, Season, Stage


@login_required
def season_list(request):
    user = request.user
    seasons = Season.objects.all() if user.is_superuser else Season.objects.filter(roles__user=user)
    seasons = seasons.distinct().annotate(n_categories=Count("categories", distinct=True))
    roles = {}
    for r in user.season_roles.all():
        roles.setdefault(r.season_id, []).append(r.get_role_display())
    return render(
        request,
        "seasons/list.html",
        {
            "seasons": [(s, roles.get(s.pk, [])) for s in seasons],
            "can_create": user.has_perm("seasons.create_season"),
        },
    )


@login_required
def season_create(request):
    if not request.user.has_perm("seasons.create_season"):
        raise PermissionDenied
    form = SeasonForm(request.POST or None, initial={"year": timezone.localdate().year})
    if request.method == "POST" and form.is_valid():
        try:
            season = domain.create_season(by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            attach(form, exc)
        else:
            messages.success(
                request, pgettext("message", "Season created with the default framework.")
            )
            return redirect("seasons:dashboard", season.slug)
    return render(request, "seasons/form.html", {"form": form, "creating": True})


@season_view("seasons.change_season")
def season_edit(request, season):
    form = SeasonForm(request.POST or None, instance=Season.objects.get(pk=season.pk))
    if request.method == "POST" and form.is_valid():
        try:
            season = domain.update_season(season=season, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            attach(form, exc)
        else:
            messages.success(request, pgettext("message", "Season saved."))
            return redirect("seasons:dashboard", season.slug)
    return render(request, "seasons/form.html", {"form": form, "season": season, "creating": False})


def stage_rows(season, now):
    rows = []
    for stage in season.stage_list():
        times = stage.times()
        rows.append(
            {
                "stage": stage,
                "state": schedule.state(times, now),
                "progress": round(schedule.progress(times, now) * 100),
            }
        )
    return rows


@season_view("seasons.view_season")
def dashboard(request, season):
    """The organizers' dashboard; everyone else's home page of the season."""
    now = timezone.now()
    can_manage = request.user.has_perm("seasons.change_season", season)
    if not can_manage:
        return participant_home(request, season, now)
    rows = stage_rows(season, now)
    counts = counts_for(season)
    for row in rows:
        row["counts"] = counts.get(row["stage"].kind, [])
    version = season.current_framework()
    return render(
        request,
        "seasons/dashboard.html",
        {
            "season": season,
            "rows": rows,
            "open_now": [r for r in rows if r["state"] == schedule.OPEN],
            "categories": season.categories.all(),
            "framework": version,
            "dimensions": version.dimensions.all() if version else [],
            "people": season.roles.values("role").annotate(n=Count("id")).order_by("role"),
            "events": AuditEvent.objects.filter(season=season).select_related("actor", "season")[:8]
            if can_manage
            else [],
            "jobs": audit_log.dashboard_jobs(season, now) if can_manage else [],
            "can_manage": can_manage,
            "now": now,
        },
    )


def participant_home(request, season, now):
    """What each of the person's roles has to do in the season, and by when."""
    roles = homepage.roles_of(request.user, season)
    return render(
        request,
        "seasons/home.html",
        {
            "season": season,
            "role_labels": [r.label for r in Role if r.value in roles],
            "panels": homepage.panels(request.user, season, roles, now),
            "dates": homepage.stage_dates(season, roles, now),
            "now": now,
        },
    )


@season_view("seasons.manage_stages")
def stages(request, season):
    form = StageDatesForm(request.POST or None, stages=season.stage_list())
    if request.method == "POST" and form.is_valid():
        try:
            domain.set_stage_dates(season=season, by=request.user, dates=form.dates())
        except ValidationError as exc:
            for kind, errors in exc.message_dict.items():
                form.add_error(
                    f"{kind}_closes" if f"{kind}_closes" in form.fields else None, errors
                )
        else:
            messages.success(request, pgettext("message", "Stage dates saved."))
            return redirect("seasons:stages", season.slug)
    now = timezone.now()
    return render(
        request,
        "seasons/stages.html",
        {
            "season": season,
            "form": form,
            "rows": stage_rows(season, now),
            "override_form": StageOverrideForm(),
        },
    )


@require_POST
@season_view("seasons.manage_stages")
def stage_override(request, season, kind):
    stage = get_object_or_404(Stage, season=season, kind=kind)
    form = StageOverrideForm(request.POST)
    if form.is_valid():
        try:
            domain.override_stage(
                stage=stage,
                by=request.user,
                action=form.cleaned_data["action"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, pgettext("message", "Stage updated."))
    else:
        messages.error(
            request,
            pgettext("message", "%(stage)s: %(errors)s")
            % {
                "stage": stage.get_kind_display(),
                "errors": " ".join(e for errs in form.errors.values() for e in errs),
            },
        )
    return redirect("seasons:stages", season.slug)


@season_view("seasons.view_season")
def categories(request, season):
    return render(
        request,
        "seasons/categories.html",
        {
            "season": season,
            "categories": season.categories.all(),
            "can_manage": request.user.has_perm("seasons.manage_categories", season),
        },
    )


@season_view("seasons.manage_categories")
def category_edit(request, season, pk=None):
    category = get_object_or_404(Category, season=season, pk=pk) if pk else None
    form = CategoryForm(request.POST or None, instance=category, season=season)
    if request.method == "POST" and form.is_valid():
        values = {f: form.cleaned_data[f] for f in domain.CATEGORY_FIELDS}
        try:
            domain.save_category(season=season, by=request.user, category=category, **values)
        except ValidationError as exc:
            attach(form, exc)
        else:
            messages.success(request, pgettext("message", "Category saved."))
            return redirect("seasons:categories", season.slug)
    return render(
        request,
        "seasons/category_form.html",
        {
            "season": season,
            "form": form,
            "category": category,
            "uses": domain.category_uses(category) if category else [],
        },
    )


@require_POST
@season_view("seasons.manage_categories")
def category_delete(request, season, pk):
    category = get_object_or_404(Category, season=season, pk=pk)
    try:
        domain.delete_category(category=category, by=request.user)
    except InUse as exc:
        messages.error(request, exc.message)
        return redirect("seasons:category_edit", season.slug, category.pk)
    messages.success(request, pgettext("message", "Category deleted."))
    return redirect("seasons:categories", season.slug)


# ---- framework editor ------------------------------------------------------

EVIDENCE_FIELDS = ("evidence_judge", "evidence_kpi", "evidence_mystery")


def framework_rows(version, data=None):
    """Dimensions with their criteria and the values to show (posted ones win)."""
    crits = list(Criterion.objects.filter(dimension__framework=version).order_by("position", "id"))
    rows = []
    for dim in version.dimensions.all():
        mine = [c for c in crits if c.dimension_id == dim.pk]
        top = [c for c in mine if c.parent_id is None]
        items = []
        for c in top:
            items.append((c, 0))
            items.extend((ch, 1) for ch in mine if ch.parent_id == c.pk)
        rows.append(
            {
                "dim": dim,
                "weight": _posted(data, f"dim-{dim.pk}-weight", engine.fmt(dim.weight)),
                "name_zh": _posted(data, f"dim-{dim.pk}-name_zh", dim.name_zh),
                "name_en": _posted(data, f"dim-{dim.pk}-name_en", dim.name_en),
                "criteria": [
                    {
                        "crit": c,
                        "depth": depth,
                        "name_zh": _posted(data, f"crit-{c.pk}-name_zh", c.name_zh),
                        "name_en": _posted(data, f"crit-{c.pk}-name_en", c.name_en),
                        "evidence": [
                            (f, _posted(data, f"crit-{c.pk}-{f}", engine.fmt(getattr(c, f))))
                            for f in EVIDENCE_FIELDS
                        ],
                    }
                    for c, depth in items
                ],
            }
        )
    return rows


def _posted(data, key, default):
    return data.get(key, default) if data is not None else default


@season_view("seasons.view_framework")
def framework(request, season):
    """The editor for organizers (framework_views.edit), the framework as a document
    for the others."""
    if request.user.has_perm("seasons.change_framework", season):
        return framework_views.edit(request, season)
    if request.method == "POST":
        raise PermissionDenied
    return framework_doc.render_document(request, season, season.current_framework())


@season_view("seasons.view_framework")
def framework_version(request, season, number):
    version = get_object_or_404(season.framework_versions, number=number)
    return render(
        request,
        "seasons/framework_version.html",
        {"season": season, "version": version, "rows": framework_rows(version)},
    )


@season_view("seasons.view_audit")
def audit(request, season):
    context = audit_log.page_of(season, request.GET)
    return render(request, "seasons/audit.html", {"season": season, **context})


@season_view("seasons.view_audit")
def jobs(request, season):
    page = Paginator(
        Job.objects.filter(season=season).select_related("requested_by"), audit_log.PER_PAGE
    ).get_page(request.GET.get("page"))
    return render(request, "seasons/jobs.html", {"season": season, "page": page})
