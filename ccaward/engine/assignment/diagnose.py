"""Why an instance has no assignment, most specific cause first.

Before solving, counts: an entry with fewer eligible judges (of distinct employers,
without a conflict) than its reviewers; more reviews than the judges' maximum loads;
minimum loads above the reviews; a judge who may review fewer entries than their
minimum. After a failed solve, a Hall-type violation from a maximum flow's minimum
cut: a set of entries whose eligible judges cannot give them their reviewers within
the maximum loads (loads' minimums left out), or a set of judges whose minimum loads
the entries they may review cannot take (maximums left out). When both flows are
full a feasible flow exists (the linkage property of flows: one meeting the sources'
lower bounds and one meeting the sinks' give one meeting both), so one of the two
explains every failure; `no_assignment` is the guard if it ever did not.

Randomized mode passes `unit` (flow units per review), `pair_cap` (units a pair may
carry: P x unit) and `cap` (P, for the sentences).
"""

from __future__ import annotations

from . import explain
from .model import Infeasibility
from .network import max_flow_cut
from .problem import Problem


def _n(value: float) -> int | float:
    """A count as an int when whole (detail stays readable in JSON)."""
    return int(value) if value == int(value) else value


def _groups(problem: Problem, entry: str) -> dict[str, int]:
    counts: dict[str, int] = {}
    for judge in problem.candidates[entry]:
        key = problem.employer[judge]
        counts[key] = counts.get(key, 0) + 1
    return counts


def entries_without_judges(problem: Problem, unit=1, pair_cap=1, cap=None):
    short, judges = {}, set()
    for entry in problem.entries:
        need = problem.need[entry.id]
        if need <= 0:
            continue
        groups = _groups(problem, entry.id)
        units = sum(min(unit, pair_cap * n) for n in groups.values())
        if units < need * unit:
            locked = entry.reviewers - need
            short[entry.id] = {
                "reviewers": entry.reviewers,
                "judges": locked + len(groups),
                "capacity": _n(locked + units / unit),
            }
            judges.update(problem.candidates[entry.id])
    return explain.too_few_judges(short, sorted(judges), cap) if short else None


def judges_without_entries(problem: Problem, unit=1, pair_cap=1, cap=None):
    reviewable = {j.id: 0 for j in problem.judges}
    for candidates in problem.candidates.values():
        for judge in candidates:
            reviewable[judge] += 1
    short = {}
    for judge in problem.judges:
        need = problem.min_left[judge.id]
        if need and reviewable[judge.id] * pair_cap < need * unit:
            locked = judge.min_load - need
            short[judge.id] = {"min_load": judge.min_load, "entries": locked + reviewable[judge.id]}
    return explain.too_few_entries(short, cap) if short else None


def before_solving(problem: Problem, unit=1, pair_cap=1, cap=None) -> Infeasibility | None:
    """The causes that counting finds."""
    found = entries_without_judges(problem, unit, pair_cap, cap)
    if found:
        return found
    reviews = sum(e.reviewers for e in problem.entries)
    capacity = sum(j.max_load for j in problem.judges)
    everyone = [j.id for j in problem.judges]
    if reviews > capacity:
        return explain.total_capacity(reviews, capacity, everyone)
    min_loads = sum(j.min_load for j in problem.judges)
    if min_loads > reviews:
        return explain.min_loads_exceed_demand(reviews, min_loads, everyone)
    return judges_without_entries(problem, unit, pair_cap, cap)


def after_solving(problem: Problem, unit=1, pair_cap=1, cap=None) -> Infeasibility:
    """The Hall-type violation behind a failed solve."""
    need = sum(problem.need.values()) * unit
    cut = max_flow_cut(
        problem,
        judge_cap=lambda j: problem.max_left[j] * unit,
        side="sink",
        unit=unit,
        pair_cap=pair_cap,
    )
    if cut.flow < need:
        reviews = sum(problem.need[e] for e in cut.entries) * unit
        return explain.entries_short(
            cut.entries,
            cut.judges,
            _n(reviews / unit),
            _n((reviews - (need - cut.flow)) / unit),
            cap,
        )
    floor = sum(problem.min_left.values()) * unit
    cut = max_flow_cut(
        problem,
        judge_cap=lambda j: problem.min_left[j] * unit,
        side="source",
        unit=unit,
        pair_cap=pair_cap,
    )
    if cut.flow < floor:
        loads = sum(problem.min_left[j] for j in cut.judges) * unit
        return explain.judges_short(
            cut.judges,
            cut.entries,
            _n(loads / unit),
            _n((loads - (floor - cut.flow)) / unit),
            cap,
        )
    return explain.no_assignment([j.id for j in problem.judges], [e.id for e in problem.entries])
