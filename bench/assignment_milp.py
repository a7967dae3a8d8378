"""The judges' assignment as a plain integer program (scipy's `milp`, HiGHS): the
independent reference of `ccaward.engine.assignment.solve` in its tests and in
`bench/assignment.py`.

One binary variable per allowed (judge, entry) pair (a conflict or the judge's
employer being the entry's organisation forbids a pair):

    maximise   sum a_ij x_ij
    subject to sum_i x_ij = R_j                      each entry (or <= R_j: `reviewers="le"`)
               min_i <= sum_j x_ij <= max_i          each judge (min left out: `minimums=False`)
               sum_{i of employer k} x_ij <= 1       each employer k and entry j
               x_ij = 1                              each locked pair

`entries` and `judges` may be restricted to subsets (to check that a set named as
infeasible is infeasible on its own).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp
from scipy.sparse import coo_array

from ccaward.engine.names import organization_key


@dataclass
class Reference:
    feasible: bool
    objective: float | None
    pairs: set[tuple[str, str]]
    status: int
    message: str
    probabilities: dict | None = None


def _key(judge) -> str:
    return organization_key(judge.employer) or "\x00" + judge.id


def _rows(groups, n_vars, lower, upper):
    """A sparse constraint with one row per group of variable indices."""
    rows, cols = [], []
    for r, members in enumerate(groups):
        rows.extend([r] * len(members))
        cols.extend(members)
    matrix = coo_array(
        (np.ones(len(rows)), (np.array(rows, dtype=np.int64), np.array(cols, dtype=np.int64))),
        shape=(len(groups), n_vars),
    ).tocsr()
    return LinearConstraint(matrix, np.array(lower, float), np.array(upper, float))


def solve_milp(
    judges,
    entries,
    affinity,
    *,
    conflicts=(),
    locked=(),
    same_organization=True,
    reviewers="eq",
    minimums=True,
    max_probability=None,
    time_limit=None,
) -> Reference:
    """With `max_probability` P: the linear program of the randomized mode (x_ij in
    [0, P], locked pairs 1; `pairs` then holds the pairs with x_ij > 0 and
    `probabilities` their values)."""
    conflicts, locked = set(conflicts), set(locked)
    org = {e.id: organization_key(e.organization) for e in entries}
    key = {j.id: _key(j) for j in judges}

    def allowed(j, e):
        if (j.id, e.id) in conflicts:
            return False
        return not (same_organization and org[e.id] and org[e.id] == key[j.id])

    judge_ids, entry_ids = {j.id for j in judges}, {e.id for e in entries}
    for j, e in locked:
        if j in judge_ids and e in entry_ids:
            jj = next(x for x in judges if x.id == j)
            ee = next(x for x in entries if x.id == e)
            if not allowed(jj, ee):
                return Reference(False, None, set(), 2, "a locked pair is forbidden")
    pairs = [(j, e) for e in entries for j in judges if allowed(j, e)]
    n = len(pairs)
    by_entry, by_judge, by_group = {}, {}, {}
    for index, (j, e) in enumerate(pairs):
        by_entry.setdefault(e.id, []).append(index)
        by_judge.setdefault(j.id, []).append(index)
        by_group.setdefault((key[j.id], e.id), []).append(index)
    constraints = [
        _rows(
            [by_entry.get(e.id, []) for e in entries],
            n,
            [e.reviewers if reviewers == "eq" else 0 for e in entries],
            [e.reviewers for e in entries],
        ),
        _rows(
            [by_judge.get(j.id, []) for j in judges],
            n,
            [j.min_load if minimums else 0 for j in judges],
            [j.max_load for j in judges],
        ),
    ]
    groups = [members for members in by_group.values() if len(members) > 1]
    if groups:
        constraints.append(_rows(groups, n, [0] * len(groups), [1] * len(groups)))
    cost = np.array([-affinity.get((j.id, e.id), 0.0) for j, e in pairs])
    lower = np.array([1.0 if (j.id, e.id) in locked else 0.0 for j, e in pairs])
    cap = 1.0 if max_probability is None else max_probability
    upper = np.array([1.0 if (j.id, e.id) in locked else cap for j, e in pairs])
    options = {"mip_rel_gap": 0.0} | ({"time_limit": time_limit} if time_limit else {})
    if n == 0:  # nothing to choose: feasible when every bound admits zero
        ok = all((e.reviewers == 0 or reviewers == "le") for e in entries) and all(
            j.min_load == 0 or not minimums for j in judges
        )
        return Reference(ok, 0.0 if ok else None, set(), 0 if ok else 2, "no variables")
    res = milp(
        cost,
        constraints=constraints,
        integrality=np.zeros(n) if max_probability is not None else np.ones(n),
        bounds=Bounds(lower, upper),
        options=options,
    )
    if res.status != 0:
        return Reference(False, None, set(), res.status, res.message)
    if max_probability is not None:
        values = {(j.id, e.id): float(x) for (j, e), x in zip(pairs, res.x, strict=True)}
        chosen = {p for p, x in values.items() if x > 1e-9}
        return Reference(True, -float(res.fun), chosen, res.status, res.message, values)
    chosen = {(j.id, e.id) for (j, e), x in zip(pairs, res.x, strict=True) if x > 0.5}
    objective = float(sum(affinity.get(p, 0.0) for p in chosen))
    return Reference(True, objective, chosen, res.status, res.message)
