"""The assignment of judges to entries (评审分配): a solver run, its application, and the
organizers' edits by hand.

A run is a preview: `run_assignment` solves and stores the run with its report and
proposed pairs, and changes no pair; `apply_run` then replaces the unlocked pairs in
its scope with the run's. Replacing pairs is what judges see, so the organizers look
at the coverage, the loads and what the affinity costs (or a randomized draw gives up)
first, and an infeasible run never touches the pairs in force. A run is applied only
while the judges, entries, conflicts and locks it solved are unchanged.

Locked pairs (and pairs made by hand, locked when made) survive every run. The
organizers assign at any time before the judging stage (入户评审) closes.
"""

from __future__ import annotations

import hashlib
import json
import math

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import pgettext

from ccaward.applications.enums import COMPETING
from ccaward.core import audit
from ccaward.engine import assignment as solver
from ccaward.engine import schedule
from ccaward.judging import affinities as inputs
from ccaward.judging.affinities import entry_key, judge_key, pk_of
from ccaward.judging.assignment_text import input_error, same_employer_message
from ccaward.judging.enums import AssignmentSource
from ccaward.judging.models import Assignment, AssignmentRun, JudgeProfile
from ccaward.reviews.pairs import has_review, reviewed_pairs
from ccaward.seasons import gates
from ccaward.seasons.enums import JUDGING_STAGE


def assignment_open(season) -> bool:
    """Whether judges may still be assigned: until the judging stage is over or
    closed early (a season without the stage: always)."""
    stage = season.stage(JUDGING_STAGE)
    if stage is None:
        return True
    return timezone.now() < stage.closes_at and stage.override != schedule.FORCED_CLOSED


def require_before_close(season) -> None:
    """Refuse (StageClosed) once the judging stage is over or closed early: reviews
    are in, and the pairs they belong to stay as they are."""
    if not assignment_open(season):
        raise gates.closed(season, JUDGING_STAGE)


def _split_pairs(season, category, solved: set[int]):
    """(locked pairs on the entries solved, {judge: pairs held outside them}). Pairs
    held outside: those of other categories, and locked ones on entries no longer
    competing; both stay when the run is applied, so they count against the judge's
    bounds. (Unlocked pairs on entries no longer competing go when it is applied.) A
    pair with a review begun counts as locked: a run never drops a judge's work."""
    locked: set[tuple[int, int]] = set()
    held: dict[int, int] = {}
    reviewed = reviewed_pairs(season)
    rows = Assignment.objects.filter(season=season).values_list(
        "judge_id", "entry_id", "locked", "entry__category_id"
    )
    for judge_id, entry_id, is_locked, category_id in rows:
        is_locked = is_locked or (judge_id, entry_id) in reviewed
        if entry_id in solved:
            if is_locked:
                locked.add((judge_id, entry_id))
            continue
        in_scope = category is None or category_id == category.pk
        if in_scope and not is_locked:
            continue
        held[judge_id] = held.get(judge_id, 0) + 1
    return locked, held


def _judges_for_solver(judges, policy, held: dict[int, int]) -> list[solver.Judge]:
    """The judges with their loads less the pairs they hold outside the run."""
    out = []
    for j in judges:
        low, high = inputs.load_bounds(j, policy)
        outside = held.get(j.pk, 0)
        if low > high:  # refused by the solver, named by the judge: keep the values as given
            outside = 0
        out.append(
            solver.Judge(
                id=judge_key(j.pk),
                min_load=max(0, low - outside),
                max_load=max(0, high - outside),
                employer=j.employer or "",
            )
        )
    return out


def _basis(judges, entries, forbidden, locked, weights) -> str:
    """A fingerprint of what a run solved: applying it is refused once it changed."""
    data = {
        "judges": sorted((j.id, j.min_load, j.max_load, j.employer) for j in judges),
        "entries": sorted((e.id, e.reviewers, e.organization) for e in entries),
        "forbidden": sorted(forbidden),
        "locked": sorted(locked),
        "weights": weights,
    }
    return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()


def _problem(season, category):
    """Everything a run solves, read from the tables."""
    policy = inputs.policy_of(season)
    weights = policy.weights()
    judges = inputs.judges_of(season)
    entries = inputs.entries_in(season, category)
    locked, held = _split_pairs(season, category, {e.pk for e in entries})
    s_judges = _judges_for_solver(judges, policy, held)
    s_entries = [
        solver.Entry(
            id=entry_key(e.pk),
            reviewers=policy.reviewers_for(e.category_id),
            organization=e.center.organization.name,
        )
        for e in entries
    ]
    try:
        scored = inputs.scores(season, judges, entries, weights)
    except ValueError as exc:
        message = pgettext("validation", "The affinity weights are wrong: %(why)s")
        raise ValidationError({"weights": message % {"why": exc}}) from exc
    forbidden = inputs.forbidden_pairs(season, judges, entries)
    return {
        "weights": weights,
        "judges": judges,
        "entries": entries,
        "solver_judges": s_judges,
        "solver_entries": s_entries,
        "affinity": {(judge_key(j), entry_key(e)): a for (j, e), a in scored.items()},
        "conflicts": {(judge_key(j), entry_key(e)) for j, e in forbidden},
        "locked": {(judge_key(j), entry_key(e)) for j, e in locked},
    }


def _report(p: dict, result, category) -> dict:
    """The run's report: coverage, loads, mean affinity, the proposed pairs, the
    infeasibility, the names of everyone it names, what a randomized draw gives up."""
    names = {judge_key(j.pk): j.name for j in p["judges"]}
    names.update({entry_key(e.pk): e.center.name for e in p["entries"]})
    pairs = [[pk_of(x.judge), pk_of(x.entry), x.affinity] for x in result.assignments]
    per_entry: dict[int, int] = {}
    for _j, e, _a in pairs:
        per_entry[e] = per_entry.get(e, 0) + 1
    need = {pk_of(e.id): e.reviewers for e in p["solver_entries"]}
    report = {
        "category": getattr(category, "pk", None),
        "entries": len(p["entries"]),
        "judges": len(p["judges"]),
        "reviews": sum(need.values()),
        "assigned": len(pairs),
        "covered": sum(1 for e, n in need.items() if per_entry.get(e, 0) >= n),
        "loads": {str(pk_of(j)): n for j, n in result.loads.items()},
        "mean_affinity": math.fsum(a for *_x, a in pairs) / len(pairs) if pairs else 0.0,
        "pairs": pairs,
        "locked": sorted([pk_of(j), pk_of(e)] for j, e in p["locked"]),
        "names": names,
        "infeasible": None,
    }
    if result.infeasible is not None:
        why = result.infeasible
        report["infeasible"] = {
            "code": why.code,
            "detail": why.detail,
            "entries": list(why.entries),
            "judges": list(why.judges),
            "reason": why.reason,
        }
        named = set(why.entries) | set((why.detail or {}).get("entries") or ())
        report["categories"] = {
            entry_key(e.pk): {"zh": e.category.name_zh, "en": e.category.name_en}
            for e in p["entries"]
            if entry_key(e.pk) in named
        }
    if result.deterministic_objective is not None:
        # the price of randomness as Jecmen et al. measure it: the optimum less the
        # distribution's expected affinity; and what this one draw gave up
        expected = result.expected_objective
        if expected is None:
            expected = result.objective
        report["given_up"] = result.deterministic_objective - expected
        report["draw_given_up"] = result.deterministic_objective - result.objective
        report["expected_objective"] = result.expected_objective
    return report


@transaction.atomic
def run_assignment(*, season, by, category=None, max_probability=None, seed=None):
    """Solve the assignment of the season (or of one category) and store the run.

    The judges (loads from their profile, else the policy's), the competing entries
    (R per category from the policy), each pair's affinity, the pairs forbidden by a
    conflict or a shared organisation, and the locked pairs go to the solver; with
    `max_probability` P the randomized mode caps each pair's probability (its seed,
    made when not given, is recorded so the draw can be reproduced). Changes no pair
    (see `apply_run`). Raises StageClosed after judging closed, ValidationError for
    input no assignment can make right (a judge's minimum load above the maximum...).
    Side effects: an AssignmentRun row; audit event judging.assignment.run.
    """
    require_before_close(season)
    p = _problem(season, category)
    try:
        result = solver.solve(
            p["solver_judges"],
            p["solver_entries"],
            p["affinity"],
            conflicts=p["conflicts"],
            locked=p["locked"],
            forbidden_same_employer=False,
            max_probability=max_probability,
            seed=seed,
        )
    except solver.AssignmentInputError as exc:
        raise input_error(exc, p["judges"], p["entries"]) from exc
    report = _report(p, result, category)
    report["basis"] = _basis(
        p["solver_judges"], p["solver_entries"], p["conflicts"], p["locked"], p["weights"]
    )
    run = AssignmentRun.objects.create(
        season=season,
        started_by=by if getattr(by, "pk", None) else None,
        category=category,
        weights=p["weights"],
        max_probability=result.max_probability if max_probability is not None else None,
        seed=result.seed if max_probability is not None else None,
        optimal=result.optimal,
        objective=None if result.infeasible else result.objective,
        deterministic_objective=result.deterministic_objective,
        report=report,
    )
    audit.record(
        actor=by,
        action="judging.assignment.run",
        season=season,
        obj=run,
        data={
            "category": report["category"],
            "feasible": result.infeasible is None,
            "pairs": len(report["pairs"]),
            "objective": run.objective,
            "max_probability": run.max_probability,
            "seed": run.seed,
            "infeasible": (report["infeasible"] or {}).get("code"),
        },
    )
    return run


def _current_basis(run) -> str:
    p = _problem(run.season, run.category)
    return _basis(p["solver_judges"], p["solver_entries"], p["conflicts"], p["locked"], run.weights)


@transaction.atomic
def apply_run(*, run, by) -> AssignmentRun:
    """Make a feasible run's pairs the assignment of its scope: unlocked pairs not in
    the run are removed, the run's new pairs added, locked pairs kept. Refused
    (ValidationError) for an infeasible or already applied run, a run other than the
    latest of its scope, and a run whose judges, entries, conflicts, locks or weights
    changed since it was solved (run again). Raises StageClosed after judging closed.
    Side effects: Assignment rows of the scope; run.applied; audit event
    judging.assignment.applied.
    """
    run = AssignmentRun.objects.select_for_update().get(pk=run.pk)
    season = run.season
    require_before_close(season)
    if run.applied:
        raise ValidationError(pgettext("validation", "This run has been applied already."))
    if run.report.get("infeasible") or run.objective is None:
        raise ValidationError(pgettext("validation", "This run found no assignment to apply."))
    latest = AssignmentRun.objects.filter(season=season, category=run.category).first()
    if latest is not None and latest.pk != run.pk:
        raise ValidationError(
            pgettext("validation", "A newer run of the same scope exists: apply that one.")
        )
    if _current_basis(run) != run.report.get("basis"):
        raise ValidationError(
            pgettext(
                "validation",
                "Judges, entries, conflicts, locks or weights changed since this run: run again.",
            )
        )
    source = AssignmentSource.RANDOMIZED if run.max_probability else AssignmentSource.SOLVER
    wanted = {(j, e): a for j, e, a in run.report["pairs"]}
    scope = Assignment.objects.filter(season=season)
    if run.category_id is not None:
        scope = scope.filter(entry__category_id=run.category_id)
    removed = 0
    kept = set()
    reviewed = reviewed_pairs(season)
    for pair in scope.select_for_update():
        key = (pair.judge_id, pair.entry_id)
        if pair.locked or key in reviewed:
            kept.add(key)
        elif key in wanted:
            pair.run, pair.affinity, pair.source = run, wanted[key], source
            pair.save(update_fields=["run", "affinity", "source"])
            kept.add(key)
        else:
            pair.delete()
            removed += 1
    added = [
        Assignment(
            season=season,
            judge_id=j,
            entry_id=e,
            run=run,
            source=source,
            affinity=a,
            created_by=by if getattr(by, "pk", None) else None,
        )
        for (j, e), a in wanted.items()
        if (j, e) not in kept
    ]
    Assignment.objects.bulk_create(added)
    run.applied = True
    run.save(update_fields=["applied"])
    audit.record(
        actor=by,
        action="judging.assignment.applied",
        season=season,
        obj=run,
        data={"added": len(added), "removed": removed, "pairs": len(wanted)},
    )
    return run


def _pair_names(assignment) -> dict:
    return {"judge": assignment.judge.name, "center": assignment.entry.center.name}


@transaction.atomic
def lock_pair(*, assignment, by) -> Assignment:
    """Lock a pair so that re-runs keep it. Side effects: Assignment.locked; audit
    event judging.assignment.locked."""
    return _set_lock(assignment, by, True)


@transaction.atomic
def unlock_pair(*, assignment, by) -> Assignment:
    """Unlock a pair: the next applied run may replace it. Side effects:
    Assignment.locked; audit event judging.assignment.unlocked."""
    return _set_lock(assignment, by, False)


def _set_lock(assignment, by, locked: bool) -> Assignment:
    require_before_close(assignment.season)
    assignment = Assignment.objects.select_for_update().get(pk=assignment.pk)
    if assignment.locked != locked:
        assignment.locked = locked
        assignment.save(update_fields=["locked"])
    audit.record(
        actor=by,
        action="judging.assignment.locked" if locked else "judging.assignment.unlocked",
        season=assignment.season,
        obj=assignment,
        data=_pair_names(assignment),
    )
    return assignment


def find_pair_inputs(*, season, judge_id, entry_id):
    """The judge and the entry of `season` named by their ids; an unknown one is a
    ValidationError naming its field and id (no write)."""
    judge = JudgeProfile.objects.filter(season=season, pk=judge_id).first()
    entry = season.entries.select_related("center__organization").filter(pk=entry_id).first()
    errors = {}
    if judge is None:
        errors["judge"] = [
            pgettext("validation", "No judge %(id)s in this season.") % {"id": judge_id}
        ]
    if entry is None:
        errors["entry"] = [
            pgettext("validation", "No entry %(id)s in this season.") % {"id": entry_id}
        ]
    if errors:
        raise ValidationError(errors)
    return judge, entry


def _check_by_hand(season, judge, entry) -> None:
    """Why `judge` may not take `entry` by hand, as a ValidationError naming both."""
    names = {"judge": judge.name, "center": entry.center.name}
    if judge.season_id != season.pk or entry.season_id != season.pk:
        raise ValidationError(
            pgettext("validation", "The judge or the entry is of another season.")
        )
    if entry.status not in COMPETING:
        raise ValidationError(
            {"entry": pgettext("validation", "%(center)s is not a submitted entry.") % names}
        )
    if Assignment.objects.filter(judge=judge, entry=entry).exists():
        raise ValidationError(
            pgettext("validation", "%(judge)s is already assigned to %(center)s.") % names
        )
    forbidden = inputs.forbidden_pairs(season, [judge], [entry]).get((judge.pk, entry.pk))
    if forbidden is not None:
        raise ValidationError(
            pgettext(
                "validation",
                "%(judge)s has a conflict of interest with %(center)s (%(why)s): "
                "they cannot review it.",
            )
            % {**names, "why": forbidden.reason or forbidden.source}
        )
    key = inputs.employer_key_of(judge)
    if key:
        for other in Assignment.objects.filter(entry=entry).select_related("judge"):
            if inputs.employer_key_of(other.judge) == key:
                raise ValidationError(same_employer_message(judge, other.judge, entry))
    policy = inputs.policy_of(season)
    count = Assignment.objects.filter(entry=entry).count()
    reviewers = policy.reviewers_for(entry.category_id)
    if count >= reviewers:
        raise ValidationError(
            pgettext(
                "validation",
                "%(center)s already has its %(n)s judges: remove one first or raise R.",
            )
            % {**names, "n": reviewers}
        )
    _low, high = inputs.load_bounds(judge, policy)
    if Assignment.objects.filter(judge=judge).count() >= high:
        raise ValidationError(
            pgettext(
                "validation",
                "%(judge)s already reviews %(n)s entries, their maximum load.",
            )
            % {**names, "n": high}
        )


@transaction.atomic
def assign_by_hand(*, season, judge, entry, by, locked: bool = True) -> Assignment:
    """Assign `judge` to `entry` by hand (locked, so that re-runs keep it). Refused
    (ValidationError naming both) for a conflicted pair, a second judge of one
    employer on the entry, an entry with its R judges, a judge at their maximum load.
    Side effects: an Assignment row; audit event judging.assignment.added.
    """
    require_before_close(season)
    _check_by_hand(season, judge, entry)
    policy = inputs.policy_of(season)
    score = inputs.pair_affinities(season, [(judge, entry)], policy.weights())[(judge.pk, entry.pk)]
    pair = Assignment.objects.create(
        season=season,
        judge=judge,
        entry=entry,
        source=AssignmentSource.MANUAL,
        locked=locked,
        affinity=score.score,
        created_by=by if getattr(by, "pk", None) else None,
    )
    audit.record(
        actor=by,
        action="judging.assignment.added",
        season=season,
        obj=pair,
        data={**_pair_names(pair), "locked": locked},
    )
    return pair


@transaction.atomic
def unassign(*, assignment, by) -> None:
    """Remove a pair (locked or not). Refused (ValidationError) when the judge has begun
    a review of the entry. Side effects: the Assignment row deleted; audit event
    judging.assignment.removed."""
    require_before_close(assignment.season)
    data = _pair_names(assignment)
    if has_review(judge_id=assignment.judge_id, entry_id=assignment.entry_id):
        raise ValidationError(
            pgettext(
                "validation",
                "%(judge)s has begun reviewing %(center)s: the pair stays so that the "
                "review is not lost.",
            )
            % data
        )
    season = assignment.season
    audit.record(
        actor=by, action="judging.assignment.removed", season=season, obj=assignment, data=data
    )
    Assignment.objects.filter(pk=assignment.pk).delete()
