"""`solve`: the optimal assignment, or why there is none."""

from __future__ import annotations

import secrets
from collections.abc import Iterable

from . import diagnose, problem, validate
from .model import Entry, Judge, Result
from .network import min_cost
from .randomized import randomized
from .results import assignment, infeasible


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
    if max_probability is None:
        return infeasible(prob, why) if why else deterministic(prob)
    if seed is None:
        seed = secrets.randbits(32)
    if why:
        return infeasible(prob, why, seed=seed, max_probability=max_probability)
    return randomized(prob, deterministic(prob), max_probability, seed)
