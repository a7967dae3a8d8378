"""The assignment page (评审分配), organizers: run the solver (optimal, or randomized
with a cap), read its report, apply it, lock and unlock pairs, add and remove pairs by
hand. Every change goes through judging.domain.assignment; the page only reads."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import pgettext
from django.views.decorators.http import require_POST

from ccaward.core.access import season_view
from ccaward.engine.affinity import number
from ccaward.judging import affinities
from ccaward.judging.assignment_forms import AddPairForm, RunForm
from ccaward.judging.assignment_text import explanation, infeasibility
from ccaward.judging.domain import assignment as domain
from ccaward.judging.models import Assignment, AssignmentRun

VIEW, MANAGE = "judging.view_assignment", "judging.manage_assignment"


def _category(request, season):
    """The category filter (?category= or the form's), None for the whole season."""
    raw = request.POST.get("category") or request.GET.get("category") or ""
    if not raw.isdigit():
        return None
    return season.categories.filter(pk=int(raw)).first()


def _page_url(season, category) -> str:
    url = reverse("judging:assignment", args=[season.slug])
    return f"{url}?category={category.pk}" if category is not None else url


def _previewed(run) -> bool:
    """Whether the run is a feasible preview not applied yet."""
    return run is not None and not run.applied and not run.report.get("infeasible")


def _rows(season, category, run, policy):
    """Per entry: its current pairs (with affinity and why, and whether the previewed
    run would replace them) and the run's proposal (new pairs marked)."""
    entries = affinities.entries_in(season, category)
    current = list(affinities.pairs_in(season, category))
    weights = policy.weights()
    explained = affinities.pair_affinities(season, [(p.judge, p.entry) for p in current], weights)
    proposed: dict[int, list] = {}
    if _previewed(run):
        for judge_pk, entry_pk, score in run.report.get("pairs", []):
            proposed.setdefault(entry_pk, []).append((judge_pk, score))
    by_entry: dict[int, list] = {}
    for pair in current:
        a = explained[(pair.judge_id, pair.entry_id)]
        kept = {j for j, _s in proposed.get(pair.entry_id, [])}
        replaced = _previewed(run) and not pair.locked and pair.judge_id not in kept
        by_entry.setdefault(pair.entry_id, []).append(
            {"pair": pair, "score": a, "why": explanation(a), "replaced": replaced}
        )
    names = (run.report.get("names") or {}) if run is not None else {}
    known = {e.pk for e in entries}
    withdrawn = {p.entry_id: p.entry for p in current if p.entry_id not in known}
    rows = []
    for entry in entries + list(withdrawn.values()):
        mine = sorted(by_entry.get(entry.pk, []), key=lambda x: -x["score"].score)
        assigned = {x["pair"].judge_id for x in mine}
        rows.append(
            {
                "entry": entry,
                "reviewers": policy.reviewers_for(entry.category_id),
                "pairs": mine,
                "proposed": [
                    (names.get(f"J{j}", j), score, j not in assigned)
                    for j, score in sorted(proposed.get(entry.pk, []), key=lambda x: -x[1])
                ],
            }
        )
    return rows


def _loads(season, policy, run):
    """Per judge: the current load, its bounds, and the run's load when previewed."""
    counts: dict[int, int] = {}
    for judge_id in Assignment.objects.filter(season=season).values_list("judge_id", flat=True):
        counts[judge_id] = counts.get(judge_id, 0) + 1
    preview = None
    if _previewed(run):
        preview = {int(k): v for k, v in (run.report.get("loads") or {}).items()}
    out = []
    for judge in affinities.judges_of(season):
        low, high = affinities.load_bounds(judge, policy)
        out.append(
            {
                "judge": judge,
                "load": counts.get(judge.pk, 0),
                "min": low,
                "max": high,
                "proposed": None if preview is None else preview.get(judge.pk, 0),
            }
        )
    return out


def _page(request, season, *, run_form=None, add_form=None, status=200):
    category = _category(request, season)
    policy = affinities.policy_of(season)
    weights = policy.weights()
    run = AssignmentRun.objects.filter(season=season, category=category).first()
    can_manage = request.user.has_perm(MANAGE, season)
    context = {
        "season": season,
        "category": category,
        "categories": list(season.categories.all()),
        "weights": {k: number(float(v)) for k, v in weights.items()},
        "cap": number(run.max_probability) if run is not None and run.max_probability else "",
        "can_change_policy": request.user.has_perm("judging.change_policy", season),
        "can_manage": can_manage,
        "run": run,
        "why": infeasibility(run.report) if run is not None else "",
        "preview": _previewed(run),
        "rows": _rows(season, category, run, policy),
        "loads": _loads(season, policy, run),
        "run_form": run_form or RunForm(),
        "add_form": add_form or AddPairForm(season=season, category=category),
    }
    return render(request, "judging/assignment.html", context, status=status)


@season_view(VIEW)
def assignment(request, season):
    return _page(request, season)


def _require_manage(request, season):
    if not request.user.has_perm(MANAGE, season):
        domain.require_before_close(season)  # a closed stage says so (409)
        raise PermissionDenied


def _refused(request, exc: ValidationError):
    for message in exc.messages:
        messages.error(request, message)


@require_POST
@season_view(VIEW)
def run(request, season):
    _require_manage(request, season)
    form = RunForm(request.POST)
    category = _category(request, season)
    if not form.is_valid():
        return _page(request, season, run_form=form, status=422)
    data = form.cleaned_data
    try:
        made = domain.run_assignment(
            season=season,
            by=request.user,
            category=category,
            max_probability=data["max_probability"],
            seed=data["seed"],
        )
    except ValidationError as exc:
        _refused(request, exc)
    else:
        if made.report.get("infeasible"):
            messages.error(request, pgettext("message", "No assignment meets the constraints."))
        else:
            messages.success(
                request, pgettext("message", "Assignment solved: look at it, then apply it.")
            )
    return redirect(_page_url(season, category))


@require_POST
@season_view(VIEW)
def apply(request, season, pk):
    _require_manage(request, season)
    made = get_object_or_404(AssignmentRun, season=season, pk=pk)
    try:
        domain.apply_run(run=made, by=request.user)
    except ValidationError as exc:
        _refused(request, exc)
    else:
        messages.success(request, pgettext("message", "The assignment is applied."))
    return redirect(_page_url(season, made.category))


@require_POST
@season_view(VIEW)
def lock(request, season, pk):
    _require_manage(request, season)
    pair = get_object_or_404(Assignment, season=season, pk=pk)
    if request.POST.get("locked") == "0":
        domain.unlock_pair(assignment=pair, by=request.user)
    else:
        domain.lock_pair(assignment=pair, by=request.user)
    return redirect(_page_url(season, _category(request, season)) + f"#entry-{pair.entry_id}")


@require_POST
@season_view(VIEW)
def remove(request, season, pk):
    _require_manage(request, season)
    pair = get_object_or_404(Assignment, season=season, pk=pk)
    page = _page_url(season, _category(request, season))
    try:
        domain.unassign(assignment=pair, by=request.user)
    except ValidationError as exc:  # a review begun keeps the pair
        _refused(request, exc)
        return redirect(page)  # the top of the page, where the refusal is said
    messages.success(
        request,
        pgettext("message", "%(judge)s no longer reviews %(center)s.")
        % {"judge": pair.judge.name, "center": pair.entry.center.name},
    )
    return redirect(page + f"#entry-{pair.entry_id}")


@require_POST
@season_view(VIEW)
def add(request, season):
    _require_manage(request, season)
    category = _category(request, season)
    form = AddPairForm(request.POST, season=season, category=category)
    if not form.is_valid():
        return _page(request, season, add_form=form, status=422)
    judge, entry = form.cleaned_data["judge"], form.cleaned_data["entry"]
    try:
        domain.assign_by_hand(season=season, judge=judge, entry=entry, by=request.user)
    except ValidationError as exc:
        form.add_error(None, exc)
        return _page(request, season, add_form=form, status=422)
    messages.success(
        request,
        pgettext("message", "%(judge)s now reviews %(center)s (locked).")
        % {"judge": judge.name, "center": entry.center.name},
    )
    return redirect(_page_url(season, category) + f"#entry-{entry.pk}")
