"""Decimal totals per entry through `engine.framework.weighted_total`, and ranks.

Each criterion's evidence: the judges' kind is the combined judges' score mapped
to 0..100 (`Scale.to_percent`, quantized to 1e-6 before it becomes a Decimal, so
the same inputs always give the same totals) mixed with the site visit's score by
`visit_weight` (the visit's percent where both exist; either alone where only one
does); then the KPI and mystery scores. Ranks are within each category: totals
equal at the shown precision (0.01) share a rank and are marked tied (1, 2, 2, 4),
tied entries listed by their label; an entry without a total has no rank.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import ROUND_HALF_UP, Decimal

import numpy as np

from ccaward.engine.framework import HUNDRED, SCORE_PLACES, Framework, weighted_total
from ccaward.engine.scoring.results import EntryResult
from ccaward.engine.scoring.table import Scale, ScoreTable

Evidence = Mapping[str, Mapping[str, Mapping[str, Decimal | None]]]


def exact(value: float) -> Decimal | None:
    """A float as a Decimal rounded to 1e-6 (None for NaN)."""
    value = float(value)
    if not np.isfinite(value):
        return None
    return Decimal(format(value, ".6f")) + 0  # + 0: no -0


def percent(value: float, scale: Scale) -> Decimal | None:
    """A combined judges' score on `scale` as 0..100, rounded to 1e-6 (None for NaN)."""
    return None if not np.isfinite(value) else exact(float(scale.to_percent(value)))


def percents(values: np.ndarray, scale: Scale) -> list[list[Decimal | None]]:
    """`percent` of every cell of an (E, C) array."""
    scaled = scale.to_percent(np.nan_to_num(values)).tolist()
    known = np.isfinite(values).tolist()
    return [
        [exact(x) if k else None for x, k in zip(row, has, strict=True)]
        for row, has in zip(scaled, known, strict=True)
    ]


def judge_kind(reviews: Decimal | None, visit: Decimal | None, visit_weight: Decimal):
    """The judges' kind of evidence of a criterion: the reviews' 0..100 and the site
    visit's score mixed by `visit_weight` (percent of the visit), or either alone."""
    if reviews is None or visit is None:
        return visit if reviews is None else reviews
    return (reviews * (HUNDRED - visit_weight) + visit * visit_weight) / HUNDRED


def criterion_evidence(
    table: ScoreTable,
    reviews: list[Decimal | None],
    given: Mapping[str, Mapping[str, Decimal | None]],
    mystery: np.ndarray | None,
    visit_weight: Decimal,
) -> dict[str, dict[str, Decimal]]:
    """One entry's {criterion: {kind: 0..100}} as `weighted_total` takes it.
    `reviews` is the entry's row of combined judges' scores as 0..100 (`percents`;
    None where the judges did not score it), `mystery` its row of
    mean mystery scores (NaN: no contacts; a fixed "mystery" in `given` is used then)."""
    out: dict[str, dict[str, Decimal]] = {}
    codes = set(table.criteria) | set(given)
    index = {code: c for c, code in enumerate(table.criteria)}
    for code in sorted(codes, key=lambda k: (index.get(k, len(index)), k)):
        found = given.get(code, {})
        c = index.get(code)
        kinds: dict[str, Decimal] = {}
        judged = judge_kind(None if c is None else reviews[c], found.get("visit"), visit_weight)
        if judged is not None:
            kinds["judge"] = judged
        if found.get("kpi") is not None:
            kinds["kpi"] = found["kpi"]
        contacts = None if c is None or mystery is None else exact(mystery[c])
        if contacts is not None or found.get("mystery") is not None:
            kinds["mystery"] = contacts if contacts is not None else found["mystery"]
        if kinds:
            out[code] = kinds
    return out


def totals(
    framework: Framework,
    table: ScoreTable,
    values: np.ndarray,
    *,
    categories: Mapping[str, str | None] | None = None,
    evidence: Evidence | None = None,
    mystery: np.ndarray | None = None,
    visit_weight: float = 50,
) -> list[EntryResult]:
    """Each entry of the table (in its order) with its total, dimension scores,
    completeness and rank within its category. `values` (E, C): the combined
    judges' scores; `mystery` (E, C): the mean mystery contact scores (NaN: none)."""
    evidence = evidence or {}
    categories = categories or {}
    weight = Decimal(str(visit_weight))
    results = []
    reviews = percents(values, table.scale)
    for e, label in enumerate(table.entries):
        blended = criterion_evidence(
            table,
            reviews[e],
            evidence.get(label, {}),
            None if mystery is None else mystery[e],
            weight,
        )
        result = weighted_total(framework, blended)
        results.append(
            EntryResult(
                entry=label,
                category=categories.get(label),
                total=result.total,
                rank=None,
                tied=False,
                complete=result.complete,
                criteria={
                    code: None if np.isnan(values[e, c]) else float(values[e, c])
                    for c, code in enumerate(table.criteria)
                },
                evidence=blended,
                dimensions={d.code: d.score for d in result.dimensions},
            )
        )
    rank(results)
    return results


def shown(total: Decimal) -> Decimal:
    """A total at the precision it is shown and compared for ties."""
    return total.quantize(SCORE_PLACES, ROUND_HALF_UP)


def rank(results: Iterable[EntryResult]) -> None:
    """Set `rank` and `tied` within each category: competition ranking (1, 2, 2, 4)
    on totals at the shown precision; no rank without a total."""
    groups: dict[str | None, list[EntryResult]] = {}
    for r in results:
        r.rank, r.tied = None, False
        if r.total is not None:
            groups.setdefault(r.category, []).append(r)
    for members in groups.values():
        members.sort(key=lambda r: (-shown(r.total), r.entry))
        counts: dict[Decimal, int] = {}
        for r in members:
            counts[shown(r.total)] = counts.get(shown(r.total), 0) + 1
        previous, place = None, 0
        for i, r in enumerate(members, start=1):
            if shown(r.total) != previous:
                previous, place = shown(r.total), i
            r.rank = place
            r.tied = counts[previous] > 1


def ordered(
    results: Iterable[EntryResult], category_order: Iterable[str | None] = ()
) -> list[EntryResult]:
    """By category (in `category_order`, then the others by label, then None), then
    rank (unranked last), then label."""
    order = {c: i for i, c in enumerate(dict.fromkeys(category_order))}

    def key(r: EntryResult):
        if r.category in order:
            group = (0, order[r.category], "")
        else:
            group = (1 if r.category is not None else 2, 0, r.category or "")
        return (group, r.rank is None, r.rank or 0, r.entry)

    return sorted(results, key=key)
