"""`solve`: the optimal assignment, or why there is none."""

from __future__ import annotations

import math
from collections.abc import Iterable

from . import diagnose, problem, validate
from .model import Entry, Infeasibility, Judge, Pair, Result
from .network import min_cost


def prepare(judges, entries, affinity, conflicts, locked, same_organization=True):
    """The checked, sorted instance with the locked pairs placed, or the explanation
    of a locked pair that cannot stay."""
    judges_by_id = validate.check_judges(judges)
    entries_by_id = validate.check_entries(entries)
    scores = validate.check_affinity(dict(affinity), judges_by_id, entries_by_id)
    conflicts = validate.check_pairs(conflicts, judges_by_id, entries_by_id, "conflicts")
    locked = validate.check_pairs(locked, judges_by_id, entries_by_id, "locked")
    prob = problem.build(
        judges_by_id.values(), entries_by_id.values(), scores, conflicts, locked, same_organization
    )
    return prob, problem.place_locked(prob)


def infeasible(prob: problem.Problem, why: Infeasibility) -> Result:
    return Result(
        assignments=[],
        objective=0.0,
        optimal=False,
        loads={j.id: 0 for j in prob.judges},
        infeasible=why,
    )


def assignment(prob: problem.Problem, pairs: Iterable[tuple[str, str]]) -> tuple:
    """The pairs (locked ones included) as sorted `Pair`s, their objective and loads."""
    chosen = sorted(set(pairs) | set(prob.locked), key=lambda p: (p[1], p[0]))
    result = [Pair(judge, entry, prob.score(judge, entry)) for judge, entry in chosen]
    loads = {j.id: 0 for j in prob.judges}
    for pair in result:
        loads[pair.judge] += 1
    return result, math.fsum(p.affinity for p in result), loads


def deterministic(prob: problem.Problem) -> Result:
    """The proven optimum of the placed instance."""
    why = diagnose.before_solving(prob)
    if why:
        return infeasible(prob, why)
    flow = min_cost(prob)
    if not flow.optimal:
        return infeasible(prob, diagnose.after_solving(prob))
    pairs, objective, loads = assignment(prob, flow.pair_flow)
    return Result(assignments=pairs, objective=objective, optimal=True, loads=loads)


def solve(
    judges: Iterable[Judge],
    entries: Iterable[Entry],
    affinity: dict[tuple[str, str], float],
    *,
    conflicts=frozenset(),
    locked=frozenset(),
    forbidden_same_employer: bool = True,
    max_probability: float | None = None,
    seed: int | None = None,
) -> Result:
    """The assignment of judges to entries maximising the sum of affinity (a pair not
    in `affinity` has 0): each entry exactly its reviewers, each judge's load within
    its bounds, no pair in `conflicts` nor of the judge's employer and the entry's
    organisation (as `names.organization_key` compares them; unless
    `forbidden_same_employer` is false), no two judges of one
    employer on one entry, every `locked` pair kept. Infeasible instances are
    explained in `Result.infeasible`; wrong input raises `AssignmentInputError`.

    With `max_probability` P, the randomized mode: each pair's probability is at
    most P, and `assignments` is a draw (by `seed`, made and returned when not given)
    from the optimal such distribution.
    """
    validate.check_randomized(max_probability, seed)
    prob, why = prepare(judges, entries, affinity, conflicts, locked, forbidden_same_employer)
    if why:
        return infeasible(prob, why)
    return deterministic(prob)
