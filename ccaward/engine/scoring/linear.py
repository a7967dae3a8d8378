"""Each entry's total as a linear function of its combined judges' scores and its
mystery scores, with which kinds of evidence are present held fixed.

`engine.framework.weighted_total` blends each criterion's evidence (a missing
kind's weight shared among the present ones), averages a criterion with its
sub-items, weights criteria within a dimension and dimensions in the total. Once
it is fixed which kinds are present, every step is a weighted mean with fixed
weights, so the total is

    total[e] = base[e] + sum_c judge[e, c] * v[e, c] + sum_c mystery[e, c] * m[e, c]

with v the combined judges' score on the table's scale (mapped to 0..100 by
(v - low) / (high - low) x 100) and m the mean mystery score 0..100. The judges'
kind of a criterion mixes v and the site visit's score (0..100) by `visit_weight`
(the visit's percent where both exist; either alone where only one does); KPI
scores and visits are constants and go into `base`. The bootstrap recombines
resampled judges through these coefficients instead of Decimal totals.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import Decimal

import numpy as np

from ccaward.engine.framework import HUNDRED, Criterion, Framework
from ccaward.engine.scoring.results import LinearTotals
from ccaward.engine.scoring.table import ScoreTable

Present = Callable[[str, str], bool]


def _own_kinds(crit: Criterion, present: Present) -> dict[str, Decimal]:
    """The criterion's evidence kinds that count: a positive weight and present."""
    return {k: w for k, w in crit.evidence.items() if w > 0 and present(crit.code, k)}


def has_score(crit: Criterion, present: Present) -> bool:
    """Whether `framework.criterion_score` gives the criterion a score."""
    return bool(_own_kinds(crit, present)) or any(has_score(c, present) for c in crit.children)


def _spread(crit: Criterion, coef: Decimal, present: Present, out: dict) -> None:
    """Share `coef` (the criterion score's weight in the total) among its present
    evidence kinds and its scored sub-items, as `criterion_score` averages them."""
    own = _own_kinds(crit, present)
    children = [c for c in crit.children if has_score(c, present)]
    share = coef / (len(children) + (1 if own else 0)) if crit.children else coef
    if own:
        own_weight = sum(own.values(), Decimal(0))
        for kind, weight in own.items():
            key = (crit.code, kind)
            out[key] = out.get(key, Decimal(0)) + share * weight / own_weight
    for child in children:
        _spread(child, share, present, out)


def dimension_shares(dim, present: Present) -> dict[str, Decimal]:
    """Each scored top-level criterion's share of its dimension's score (they sum to 1)."""
    known = {
        c.code: (c.weight if c.weight is not None else Decimal(1))
        for c in dim.criteria
        if has_score(c, present)
    }
    total = sum(known.values(), Decimal(0))
    return {code: w / total for code, w in known.items()} if total else {}


def kind_weights(framework: Framework, present: Present) -> dict[tuple[str, str], Decimal]:
    """{(criterion code, kind): weight of that kind's 0..100 score in the total}: the
    total is the sum of weight x score over the present kinds (exact, in Decimal)."""
    out: dict[tuple[str, str], Decimal] = {}
    for dim in framework.dimensions:
        shares = dimension_shares(dim, present)
        for crit in dim.criteria:
            if crit.code in shares:
                _spread(crit, dim.weight * shares[crit.code] / HUNDRED, present, out)
    return out


def _presence(kinds: Mapping[str, set[str]]) -> Present:
    return lambda code, kind: kind in kinds.get(code, ())


def _entry_kinds(
    codes: tuple[str, ...], judged: np.ndarray, mystery: np.ndarray, evidence: Mapping
) -> dict[str, set[str]]:
    """{criterion: kinds present} of one entry: "judge" where judges scored it or a
    visit exists, "kpi", "mystery" where contacts or a fixed mystery score exist."""
    kinds: dict[str, set[str]] = {}
    for c, code in enumerate(codes):
        if judged[c]:
            kinds.setdefault(code, set()).add("judge")
        if mystery[c]:
            kinds.setdefault(code, set()).add("mystery")
    for code, given in evidence.items():
        for kind, value in given.items():
            if value is not None:
                kinds.setdefault(code, set()).add("judge" if kind == "visit" else kind)
    return kinds


def linearise(
    framework: Framework,
    table: ScoreTable,
    *,
    judge_present: np.ndarray,
    evidence: Mapping[str, Mapping[str, Mapping[str, Decimal | None]]] | None = None,
    mystery_present: np.ndarray | None = None,
    visit_weight: float = 50,
) -> LinearTotals:
    """The coefficients of each entry's total (see the module's docstring).

    `judge_present[e, c]`: the judges scored entry e on the table's criterion c
    (their combined score is not NaN); `mystery_present[e, c]`: the entry has
    mystery contacts on it; `evidence` per entry label: {criterion code: {"kpi",
    "visit", "mystery": Decimal 0..100}} (a "mystery" score there is a constant,
    used where the cell has no contacts). The table's criteria are codes of the
    framework; criteria the table lacks have no judges' scores. An entry with no
    evidence at all has no total: its base is NaN."""
    evidence = evidence or {}
    n_e, n_c = len(table.entries), len(table.criteria)
    judged = np.asarray(judge_present, dtype=bool).reshape(n_e, n_c)
    contacted = (
        np.zeros((n_e, n_c), dtype=bool)
        if mystery_present is None
        else np.asarray(mystery_present, dtype=bool).reshape(n_e, n_c)
    )
    index = {code: c for c, code in enumerate(table.criteria)}
    scale = table.scale
    per_point = 100.0 / scale.width  # d(percent) / d(score)
    share_visit = float(visit_weight) / 100.0
    base = np.zeros(n_e)
    judge = np.zeros((n_e, n_c))
    mystery = np.zeros((n_e, n_c))
    cache: dict[frozenset, dict] = {}
    for e, label in enumerate(table.entries):
        given = evidence.get(label, {})
        kinds = _entry_kinds(table.criteria, judged[e], contacted[e], given)
        key = frozenset((code, kind) for code, ks in kinds.items() for kind in ks)
        if key not in cache:
            cache[key] = kind_weights(framework, _presence(kinds))
        if not cache[key]:  # no evidence at all: no total
            base[e] = np.nan
        for (code, kind), weight in cache[key].items():
            a = float(weight)
            c = index.get(code)
            found = given.get(code, {})
            if kind == "judge":
                visit = found.get("visit")
                has_v = c is not None and judged[e, c]
                if visit is not None:
                    part = share_visit if has_v else 1.0
                    base[e] += a * part * float(visit)
                    a *= 1.0 - part
                if has_v:
                    judge[e, c] += a * per_point
                    base[e] -= a * per_point * scale.low
            elif kind == "mystery" and c is not None and contacted[e, c]:
                mystery[e, c] += a
            else:  # kpi, or a fixed mystery score
                base[e] += a * float(found[kind])
    return LinearTotals(base=base, judge=judge, mystery=mystery)
