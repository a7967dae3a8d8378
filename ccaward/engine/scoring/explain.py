"""One entry's total explained from the raw judges' scores (what a losing entrant
or an auditor needs to check it), as plain data the pages and `ccaward score
--explain` show:

- per criterion and judge: the raw score, the method's adjustment (the judge's
  severity and scale for calibrated, the judge's and the pooled mean and SD for
  zscore, the highest and lowest dropped for trimmed, the middle scores for
  median) and the adjusted score with its weight in the cell;
- the combined judges' score on the scale, and as 0..100; the site visit mixed in
  by the visit's share; the evidence blend: each kind's score, framework weight and
  share once missing kinds have given their weight to the present ones;
- a criterion's score (a criterion with sub-items: the mean of its own blend and
  its sub-items'), its share of its dimension and its contribution to the total;
  each dimension's score, weight and contribution. The contributions add up to
  the total (dimensions exactly; criteria and evidence to Decimal's precision).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from decimal import Decimal

import numpy as np

from ccaward.engine.framework import HUNDRED, Criterion, Framework, criterion_score, weighted_total
from ccaward.engine.scoring import calibrate
from ccaward.engine.scoring.combine import combine
from ccaward.engine.scoring.evaluate import mystery_means
from ccaward.engine.scoring.linear import dimension_shares
from ccaward.engine.scoring.results import Combined, Contacts, EntryResult, Evaluation
from ccaward.engine.scoring.table import TRIM_MIN_JUDGES, ScoreTable
from ccaward.engine.scoring.totals import Evidence, criterion_evidence, percent, percents

ZERO = Decimal(0)


@dataclass(frozen=True)
class JudgeLine:
    judge: str
    raw: float
    adjusted: float
    weight: float  # share of the cell's combined score (0 when dropped)
    counted: bool  # False: dropped by trimmed, or outside the middle for median
    # calibrated: severity, scale, centre (the mean of all scores);
    # zscore: judge_mean, judge_sd, pooled_mean, pooled_sd
    adjustment: dict[str, float | None]


@dataclass(frozen=True)
class EvidenceLine:
    kind: str  # judge (reviews and site visit), kpi, mystery
    score: Decimal | None  # 0..100; None: missing (its weight went to the others)
    weight: Decimal  # the framework's evidence weight, percent
    share: Decimal  # of the criterion's own blend, once missing kinds are shared out
    contribution: Decimal  # to the total


@dataclass(frozen=True)
class CriterionLine:
    code: str
    name_zh: str
    name_en: str
    parent: str | None
    judges: tuple[JudgeLine, ...]
    combined: float | None  # the judges' combined score on the scale
    percent: Decimal | None  # the same as 0..100
    visit: Decimal | None  # the site visit's score 0..100
    trim_fallback: bool  # trimmed, but fewer than 5 judges: the mean
    evidence: tuple[EvidenceLine, ...]
    own: Decimal | None  # the blend of its own evidence
    score: Decimal | None  # with its sub-items
    share: Decimal  # of its dimension's score (of its parent's for a sub-item)
    contribution: Decimal  # to the total
    children: tuple[CriterionLine, ...] = ()


@dataclass(frozen=True)
class DimensionLine:
    code: str
    name_zh: str
    name_en: str
    weight: Decimal  # percent of the total
    score: Decimal | None
    contribution: Decimal  # weight x score / 100
    criteria: tuple[CriterionLine, ...]


@dataclass(frozen=True)
class Explanation:
    entry: str
    category: str | None
    method: str
    scale: str
    visit_weight: float
    total: Decimal | None
    rank: int | None
    tied: bool
    complete: bool
    dimensions: tuple[DimensionLine, ...]

    def as_dict(self) -> dict:
        """Plain JSON-able data (Decimals as strings)."""
        return _plain(asdict(self))


def _plain(value):
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, Decimal):
        return str(value)
    return value


@dataclass(frozen=True)
class _Context:
    table: ScoreTable
    combined: Combined
    entry: int
    given: dict  # the entry's evidence as given: {code: {kpi, visit, mystery}}
    blended: dict  # {code: {kind: 0..100}} as weighted_total takes it
    effects: dict  # judge label -> adjustment


def _adjustments(table: ScoreTable, combined: Combined) -> dict[str, dict]:
    """Each judge's adjustment by the method, with what it takes to redo it:
    calibrated, adjusted = centre + (raw - centre - severity) / scale; zscore,
    adjusted = pooled_mean + pooled_sd x (raw - judge_mean) / judge_sd."""
    if combined.method == "calibrated":  # adjusted = centre + (raw - centre - severity) / scale
        centre = calibrate.centre(table)
        return {
            j.judge: {"severity": j.severity, "scale": j.scale, "centre": centre}
            for j in combined.judges
        }
    if combined.method != "zscore":
        return {}
    n = np.bincount(table.judge, minlength=len(table.judges))
    mean = np.bincount(table.judge, weights=table.score, minlength=len(n)) / np.maximum(n, 1)
    dev = table.score - mean[table.judge]
    sd = np.sqrt(np.bincount(table.judge, weights=dev * dev, minlength=len(n)) / np.maximum(n, 1))
    scores = table.score if len(table) else np.zeros(1)
    pooled = {"pooled_mean": float(scores.mean()), "pooled_sd": float(scores.std())}
    return {
        label: {"judge_mean": float(mean[j]), "judge_sd": float(sd[j]), **pooled}
        for j, label in enumerate(table.judges)
    }


def _judge_lines(ctx: _Context, c: int) -> tuple[tuple[JudgeLine, ...], bool]:
    """The cell's judges by raw score, and whether trimmed fell back to the mean."""
    table, combined = ctx.table, ctx.combined
    rows = np.flatnonzero((table.entry == ctx.entry) & (table.criterion == c))
    rows = rows[np.lexsort((rows, combined.adjusted[rows]))]  # as `aggregate` sorts
    n = len(rows)
    counted = np.ones(n, dtype=bool)
    weight = combined.weight[rows].astype(float)
    if combined.rule == "trimmed" and n >= TRIM_MIN_JUDGES:
        counted[[0, -1]] = False
    elif combined.rule == "median" and n:
        counted[:] = False
        counted[[(n - 1) // 2, n // 2]] = True
    if combined.rule != "mean":
        weight = counted.astype(float)
    weight = weight / weight.sum() if n and weight.sum() else weight
    lines = tuple(
        JudgeLine(
            judge=table.judges[table.judge[i]],
            raw=float(table.score[i]),
            adjusted=float(combined.adjusted[i]),
            weight=float(weight[k]),
            counted=bool(counted[k]),
            adjustment=ctx.effects.get(table.judges[table.judge[i]], {}),
        )
        for k, i in enumerate(rows)
    )
    fallback = combined.rule == "trimmed" and 0 < n < TRIM_MIN_JUDGES
    return lines, fallback


def _criterion_line(
    ctx: _Context, crit: Criterion, parent: Criterion | None, coef: Decimal, share: Decimal
) -> CriterionLine:
    """`coef`: the criterion score's weight in the total; `share`: of its dimension
    (or parent)."""
    kinds = ctx.blended.get(crit.code, {})
    own = {k: w for k, w in crit.evidence.items() if w > 0 and k in kinds}
    scored = [ch for ch in crit.children if criterion_score(ch, ctx.blended) is not None]
    part = coef / (len(scored) + (1 if own else 0)) if crit.children and (scored or own) else coef
    own_weight = sum(own.values(), ZERO)
    evidence = tuple(
        EvidenceLine(
            kind=kind,
            score=kinds.get(kind),
            weight=weight,
            share=weight / own_weight if kind in own else ZERO,
            contribution=part * weight / own_weight * kinds[kind] if kind in own else ZERO,
        )
        for kind, weight in crit.evidence.items()
        if weight > 0
    )
    children = tuple(
        _criterion_line(
            ctx,
            ch,
            crit,
            part if ch in scored else ZERO,
            Decimal(1) / (len(scored) + (1 if own else 0)) if ch in scored else ZERO,
        )
        for ch in crit.children
    )
    c = ctx.table.criteria.index(crit.code) if crit.code in ctx.table.criteria else None
    judges, fallback = _judge_lines(ctx, c) if c is not None else ((), False)
    combined = None if c is None else ctx.combined.values[ctx.entry, c]
    combined = None if combined is None or np.isnan(combined) else float(combined)
    score = criterion_score(crit, ctx.blended)
    return CriterionLine(
        code=crit.code,
        name_zh=crit.name_zh,
        name_en=crit.name_en,
        parent=parent.code if parent else None,
        judges=judges,
        combined=combined,
        percent=None if combined is None else percent(combined, ctx.table.scale),
        visit=ctx.given.get(crit.code, {}).get("visit"),
        trim_fallback=fallback,
        evidence=evidence,
        own=sum((e.share * e.score for e in evidence if e.share), ZERO) if own else None,
        score=score,
        share=share,
        contribution=ZERO if score is None else coef * score,
        children=children,
    )


def explain(
    table: ScoreTable,
    framework: Framework,
    evaluation: Evaluation,
    entry: str,
    *,
    evidence: Evidence | None = None,
    contacts: Contacts | None = None,
) -> Explanation:
    """The breakdown of `entry`'s total in `evaluation` (made by `evaluate` from the
    same table, framework, evidence and contacts). KeyError for an unknown entry."""
    if entry not in table.entries:
        raise KeyError(f"entry {entry!r} is not in the score table")
    e = table.entries.index(entry)
    result: EntryResult = next(r for r in evaluation.entries if r.entry == entry)
    combined = evaluation.combined or combine(table, evaluation.method)
    mystery = mystery_means(contacts, table)
    given = dict((evidence or {}).get(entry, {}))
    blended = criterion_evidence(
        table,
        percents(combined.values[e : e + 1], table.scale)[0],
        given,
        None if mystery is None else mystery[e],
        Decimal(str(evaluation.visit_weight)),
    )
    ctx = _Context(table, combined, e, given, blended, _adjustments(table, combined))

    def present(code: str, kind: str) -> bool:
        return kind in blended.get(code, {})

    totals = weighted_total(framework, blended)
    dims = []
    for dim, dres in zip(framework.dimensions, totals.dimensions, strict=True):
        shares = dimension_shares(dim, present)
        lines = tuple(
            _criterion_line(
                ctx,
                crit,
                None,
                dim.weight * shares.get(crit.code, ZERO) / HUNDRED,
                shares.get(crit.code, ZERO),
            )
            for crit in dim.criteria
        )
        dims.append(
            DimensionLine(
                code=dim.code,
                name_zh=dim.name_zh,
                name_en=dim.name_en,
                weight=dim.weight,
                score=dres.score,
                contribution=dres.contribution or ZERO,
                criteria=lines,
            )
        )
    return Explanation(
        entry=entry,
        category=result.category,
        method=combined.method,
        scale=table.scale.label(),
        visit_weight=evaluation.visit_weight,
        total=totals.total,
        rank=result.rank,
        tied=result.tied,
        complete=totals.complete,
        dimensions=tuple(dims),
    )
