"""The judge pool's pages (评委库): the list with invitations, a judge's form,
the Excel import and export, and a judge's own profile."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import pgettext
from django.views.decorators.http import require_POST

from ccaward.core.access import season_view
from ccaward.core.forms import attach
from ccaward.judging import access, choices, domain, excel
from ccaward.judging.domain.values import OWN_FIELDS, PROFILE_FIELDS
from ccaward.judging.forms import ExpertiseFields, ImportForm, JudgeForm
from ccaward.judging.models import JudgeProfile
from ccaward.judging.views.versioned import Outcome, versioned_save

PAGE_SIZE = 50


def _labels(season) -> dict:
    return {
        "industries": dict(choices.industries()),
        "channels": dict(choices.channels()),
        "dimensions": dict(choices.dimensions(season)),
    }


def _rows(season, judges, states):
    labels = _labels(season)
    for judge in judges:
        judge.state = states.get(judge.email.lower(), "")
        judge.industry_labels = [labels["industries"].get(k, k) for k in judge.industries]
        judge.channel_labels = [labels["channels"].get(k, k) for k in judge.channels]
        judge.dimension_labels = [labels["dimensions"].get(k, k) for k in judge.dimensions]
        yield judge


@season_view("judging.view_pool")
def pool_list(request, season):
    judges = JudgeProfile.objects.filter(season=season)
    query = request.GET.get("q", "").strip()[:100]
    if query:
        judges = judges.filter(
            Q(name__icontains=query) | Q(email__icontains=query) | Q(employer__icontains=query)
        )
    states = domain.invitation_states(season)
    state = request.GET.get("state", "")
    if state in ("invited", "accepted"):
        judges = judges.filter(email__in=[e for e, s in states.items() if s == state])
    elif state == "none":
        judges = judges.exclude(email__in=list(states))
    page = Paginator(judges.order_by("name", "pk"), PAGE_SIZE).get_page(request.GET.get("page"))
    job = None
    if request.GET.get("job", "").isdigit():
        job = season.jobs.filter(pk=request.GET["job"], requested_by=request.user).first()
    all_states = [
        states.get(e.lower(), "")
        for e in JudgeProfile.objects.filter(season=season).values_list("email", flat=True)
    ]
    return render(
        request,
        "judging/pool.html",
        {
            "season": season,
            "page": page,
            "judges": list(_rows(season, page.object_list, states)),
            "query": query,
            "state": state,
            "page_query": "&".join(f"{k}={v}" for k, v in (("q", query), ("state", state)) if v),
            "counts": {
                "all": len(all_states),
                "accepted": all_states.count("accepted"),
                "invited": all_states.count("invited"),
                "none": all_states.count(""),
            },
            "can_manage": request.user.has_perm("judging.manage_pool", season),
            "job": job,
        },
    )


def conflict_rows(form, conflict, labels) -> list[tuple[str, str, str]]:
    """(label, saved now, yours) of each field the two versions differ in."""

    def text(name, value):
        if isinstance(value, (list, tuple)):
            names = labels.get(name, {})
            return "、".join(str(names.get(v, v)) for v in value) or "—"
        return "—" if value in (None, "") else str(value)

    return [
        (
            str(form.fields[name].label if name in form.fields else name),
            text(name, stored),
            text(name, sent),
        )
        for name, stored, sent in conflict.rows()
    ]


def _detected_message(request, judge):
    report = getattr(judge, "detection", None)
    if report is not None and report.added:
        messages.warning(
            request,
            pgettext(
                "message",
                "%(n)s possible conflicts of interest were found: see the conflicts page.",
            )
            % {"n": len(report.added)},
        )


@season_view("judging.manage_pool")
def judge_create(request, season):
    form = JudgeForm(request.POST or None, season=season)
    if request.method == "POST" and form.is_valid():
        try:
            judge = domain.add_judge(season=season, values=form.values(), by=request.user)
        except ValidationError as exc:
            attach(form, exc)
        else:
            messages.success(
                request, pgettext("message", "%(name)s added to the pool.") % {"name": judge.name}
            )
            _detected_message(request, judge)
            return redirect("judging:pool", season.slug)
    return render(
        request, "judging/judge_form.html", {"season": season, "form": form, "judge": None}
    )


@season_view("judging.manage_pool")
def judge_edit(request, season, pk):
    judge = get_object_or_404(JudgeProfile, season=season, pk=pk)
    initial = {n: getattr(judge, n) for n in PROFILE_FIELDS}
    form = JudgeForm(
        request.POST or None, season=season, initial={**initial, "version": judge.version}
    )
    outcome = Outcome()
    if request.method == "POST" and form.is_valid():
        outcome = versioned_save(
            form,
            lambda: domain.change_judge(
                judge=judge,
                values=form.values(),
                by=request.user,
                base_version=form.cleaned_data["version"],
            ),
            changed=domain.JudgeChanged,
        )
        if outcome.saved:
            judge = outcome.value
            messages.success(request, pgettext("message", "%(name)s saved.") % {"name": judge.name})
            _detected_message(request, judge)
            return redirect("judging:pool", season.slug)
    return render(
        request,
        "judging/judge_form.html",
        {
            "season": season,
            "form": form,
            "judge": judge,
            "conflict": outcome.conflict,
            "conflict_rows": (
                conflict_rows(form, outcome.conflict, _labels(season)) if outcome.conflict else []
            ),
        },
        status=outcome.status,
    )


@require_POST
@season_view("judging.manage_pool")
def judge_remove(request, season, pk):
    judge = get_object_or_404(JudgeProfile, season=season, pk=pk)
    try:
        domain.remove_judge(judge=judge, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request, pgettext("message", "%(name)s removed from the pool.") % {"name": judge.name}
        )
    return redirect("judging:pool", season.slug)


@require_POST
@season_view("judging.manage_pool")
def pool_invite(request, season):
    judges = JudgeProfile.objects.filter(season=season)
    if request.POST.get("which") != "all":
        ids = [int(i) for i in request.POST.getlist("judge") if i.isdigit()]
        judges = judges.filter(pk__in=ids)
    invitations, job = domain.invite_judges(
        season=season, judges=list(judges), by=request.user, language=request.LANGUAGE_CODE
    )
    if job is None:
        messages.info(
            request,
            pgettext("message", "Nobody to invite: every judge chosen was invited already."),
        )
        return redirect("judging:pool", season.slug)
    messages.success(
        request,
        pgettext("message", "Invitations are being sent to %(n)s judges.")
        % {"n": len(invitations)},
    )
    return redirect(f"{reverse('judging:pool', args=[season.slug])}?job={job.pk}")


@season_view("judging.manage_pool")
def pool_import(request, season):
    form = ImportForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        report = excel.import_file(season=season, file=form.cleaned_data["file"], by=request.user)
        if report.ok:
            messages.success(
                request,
                pgettext(
                    "message",
                    "Imported: %(added)s added, %(updated)s updated, %(unchanged)s unchanged.",
                )
                % {
                    "added": len(report.added),
                    "updated": len(report.updated),
                    "unchanged": report.unchanged,
                },
            )
            return redirect("judging:pool", season.slug)
    return render(
        request, "judging/pool_import.html", {"season": season, "form": form, "report": report}
    )


def _xlsx(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=excel.CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@season_view("judging.manage_pool")
def pool_template(request, season):
    return _xlsx(excel.template_bytes(season), f"judges-template-{season.slug}.xlsx")


@season_view("judging.view_pool")
def pool_export(request, season):
    return _xlsx(excel.export_bytes(season), f"judges-{season.slug}.xlsx")


@season_view("judging.edit_own_profile")
def my_profile(request, season):
    judge = access.profile_of(request.user, season)
    if judge is None:
        raise PermissionDenied
    initial = {n: getattr(judge, n) for n in OWN_FIELDS}
    form = ExpertiseFields(
        request.POST or None, season=season, initial={**initial, "version": judge.version}
    )
    outcome = Outcome()
    if request.method == "POST" and form.is_valid():
        outcome = versioned_save(
            form,
            lambda: domain.change_own_profile(
                judge=judge,
                values=form.values(),
                by=request.user,
                base_version=form.cleaned_data["version"],
            ),
            changed=domain.JudgeChanged,
        )
        if outcome.saved:
            messages.success(request, pgettext("message", "Your profile is saved."))
            return redirect("judging:mine", season.slug)
    return render(
        request,
        "judging/judge_profile.html",
        {
            "season": season,
            "form": form,
            "judge": judge,
            "conflict": outcome.conflict,
            "conflict_rows": (
                conflict_rows(form, outcome.conflict, _labels(season)) if outcome.conflict else []
            ),
        },
        status=outcome.status,
    )
