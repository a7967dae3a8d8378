"""The totals' API (评分汇总与校准): the totals per category, an entry's breakdown,
reliability (organizers at any time; the panel while 集中评议 is open: 409
stage_closed otherwise) and the scoring policy (organizers; a change carries the
version it was read at, 409 conflict with both versions when it moved on)."""

from __future__ import annotations

import math

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import pgettext
from ninja import Router, Schema
from pydantic import Field

from ccaward.core import access
from ccaward.core.apierrors import ERRORS, READ_ERRORS, ErrorOut, error
from ccaward.core.apitypes import RowId
from ccaward.deliberation.domain import policy as domain
from ccaward.deliberation.domain.evaluation import (
    breakdown,
    criterion_lines,
    season_evaluation,
)
from ccaward.deliberation.enums import Method
from ccaward.deliberation.views.common import VIEW, Namer
from ccaward.deliberation.wording import statement
from ccaward.judging.access import is_conflicted
from ccaward.reviews.blind import entry_code

router = Router(tags=["deliberation"])
# a judge's read while 集中评议 is closed is 409 stage_closed
GATED_READ = {**READ_ERRORS, 409: ErrorOut}


class EntryTotalOut(Schema):
    entry: int
    code: str
    name: str = Field(description="The center's name; its code to a judge under blind review.")
    rank: int | None
    tied: bool
    total: float | None = Field(description="0..100")
    dimensions: dict[str, float | None] = Field(description="Dimension code -> 0..100.")
    rank_interval: list[int] | None = Field(description="90% rank interval [from, to].")
    p_in_quota: float | None
    complete: bool
    uncertain: bool = Field(description="Its rank interval crosses the quota line.")


class CategoryTotalsOut(Schema):
    id: int
    name: str
    quota: int
    entries: list[EntryTotalOut]


class TotalsOut(Schema):
    method: Method
    scale: str | None
    bootstrap: int
    seed: int | None
    statement: list[str] = Field(description="How the totals were made, in words.")
    categories: list[CategoryTotalsOut]


class JudgeEffectOut(Schema):
    judge: int
    name: str
    severity: float | None = Field(description="Offset on the scale: negative is harsh.")
    severity_se: float | None
    scale: float | None = Field(description="Spread: below 1 compresses, above 1 stretches.")
    scale_se: float | None
    n: int
    residual_sd: float | None = None
    group: int


class JudgeLineOut(Schema):
    judge: int
    raw: float = Field(description="The score as given, on the scale.")
    adjusted: float | None = Field(description="After the method's adjustment (combined).")
    weight: float = Field(description="Its share of the combined score (0 when dropped).")
    counted: bool = Field(description="False: dropped by trimmed, or outside the middle.")
    adjustment: dict[str, float | None] = Field(
        description="calibrated: severity, scale; zscore: judge_mean, judge_sd, pooled_mean, "
        "pooled_sd."
    )


class EvidenceLineOut(Schema):
    kind: str = Field(description="judge (reviews and site visit), kpi or mystery.")
    score: float | None = Field(description="0..100; null: missing, its weight shared out.")
    weight: float = Field(description="The framework's evidence weight, percent.")
    share: float = Field(description="Of the criterion's blend once missing kinds are shared.")
    contribution: float = Field(description="Points in the total.")


class CriterionLineOut(Schema):
    criterion: str
    parent: str | None
    dimension: str
    judges: list[JudgeLineOut]
    combined: float | None = Field(description="The combined judges' score on the scale.")
    percent: float | None = Field(description="The same as 0..100.")
    visit: float | None = Field(description="The site visit's score 0..100.")
    trim_fallback: bool
    evidence: list[EvidenceLineOut]
    own: float | None = Field(description="The blend of its own evidence, 0..100.")
    score: float | None = Field(description="With its sub-items, 0..100.")
    share: float = Field(description="Of its dimension's score (of its parent's for a sub-item).")
    contribution: float = Field(description="Points in the total.")


class DimensionLineOut(Schema):
    dimension: str
    weight: float
    score: float | None
    contribution: float


class BreakdownOut(Schema):
    entry: EntryTotalOut
    method: Method
    scale: str
    visit_weight: float
    judges: list[JudgeEffectOut]
    criteria: list[CriterionLineOut] = Field(
        description="Every criterion in the framework's order, a sub-item after its parent."
    )
    dimensions: list[DimensionLineOut]
    total: float | None
    complete: bool


class OutlierOut(Schema):
    judge: int
    entry: int
    criterion: str
    score: float
    expected: float | None
    z: float | None


class DisagreementOut(Schema):
    entry: int
    spread: float | None
    typical: float | None
    ratio: float | None


class ReliabilityOut(Schema):
    alpha_overall: float | None = Field(
        description="Krippendorff's alpha (interval): >= 0.800 reliable, >= 0.667 tentative."
    )
    alpha_criteria: dict[str, float | None]
    alpha_adjusted: float | None = Field(
        None,
        description="Alpha overall on the scores adjusted for each judge (zscore, calibrated).",
    )
    judges: list[JudgeEffectOut]
    outliers: list[OutlierOut]
    disagreements: list[DisagreementOut]
    groups: int = Field(description="Connected groups of judges and entries (1: connected).")


class ScoringPolicyOut(Schema):
    method: Method
    bootstrap: int
    seed: int
    shortlist_margin: int
    visit_weight: int
    version: int


class ScoringPolicyIn(Schema):
    """The fields to change (the others keep theirs) and the version they were read at."""

    version: int | None = Field(
        None, ge=1, le=2**31 - 1, description="409 conflict when the policy moved on."
    )
    method: Method | None = None
    bootstrap: int | None = Field(None, ge=0, le=domain.MAX_BOOTSTRAP)
    seed: int | None = Field(None, ge=0, le=domain.MAX_SEED)
    shortlist_margin: int | None = Field(None, ge=0, le=domain.MAX_MARGIN)
    visit_weight: int | None = Field(None, ge=0, le=domain.MAX_VISIT_WEIGHT)


def _f(value):
    """A number for JSON: None for a missing value, NaN or infinity."""
    if value is None:
        return None
    value = float(value)
    return value if math.isfinite(value) else None


def _season(request, slug: str):
    season = access.season_for(request.user, slug, "seasons.view_season")
    access.check(request.user, VIEW, season)
    return season


def _entry_out(se, r, namer) -> dict:
    entry = se.entries[r.entry]
    return {
        "entry": entry.pk,
        "code": entry_code(entry),
        "name": namer(entry),
        "rank": r.rank,
        "tied": r.tied,
        "total": _f(r.total),
        "dimensions": {k: _f(v) for k, v in r.dimensions.items()},
        "rank_interval": list(r.rank_interval) if r.rank_interval else None,
        "p_in_quota": _f(r.p_in_quota),
        "complete": r.complete,
        "uncertain": r.uncertain,
    }


def _judge_out(se, effect) -> dict:
    judge = se.judges.get(effect.judge)
    return {
        "judge": int(effect.judge),
        "name": judge.name if judge else effect.judge,
        "severity": _f(effect.severity),
        "severity_se": _f(effect.severity_se),
        "scale": _f(effect.scale),
        "scale_se": _f(effect.scale_se),
        "n": effect.n,
        "residual_sd": _f(effect.residual_sd),
        "group": effect.component + 1,
    }


@router.get(
    "/{slug}/totals",
    response={200: TotalsOut, **GATED_READ},
    summary="The totals per category, with rank confidence and the method in words",
)
def get_totals(request, slug: str):
    season = _season(request, slug)
    se = season_evaluation(season)
    namer = Namer(request.user, season)
    ev = se.evaluation
    return {
        "method": ev.method if ev else se.policy.method,
        "scale": ev.scale if ev else None,
        "bootstrap": ev.bootstrap if ev else 0,
        "seed": ev.seed if ev else None,
        "statement": statement(se),
        "categories": [
            {
                "id": category.pk,
                "name": category.name,
                "quota": category.quota,
                "entries": [_entry_out(se, r, namer) for r in results],
            }
            for category, results in se.by_category()
        ],
    }


@router.get(
    "/{slug}/totals/{pk}",
    response={200: BreakdownOut, **GATED_READ},
    summary="An entry's breakdown from the judges' raw scores to its total",
)
def get_breakdown(request, slug: str, pk: RowId):
    season = _season(request, slug)
    se = season_evaluation(season)
    entry = se.entries.get(str(pk))
    if entry is None:
        raise Http404
    if is_conflicted(request.user, entry):
        raise PermissionDenied
    ex = breakdown(se, str(pk))
    if ex is None:
        raise Http404
    dimension = {line.code: d.code for d in ex.dimensions for line in _walk(d.criteria)}
    judges = sorted({j.judge for line in criterion_lines(ex) for j in line.judges}, key=int)
    return {
        "entry": _entry_out(se, se.result(str(pk)), Namer(request.user, season)),
        "method": ex.method,
        "scale": ex.scale,
        "visit_weight": ex.visit_weight,
        "judges": [_judge_out(se, se.effect(j)) for j in judges if se.effect(j) is not None],
        "criteria": [
            {
                "criterion": line.code,
                "parent": line.parent,
                "dimension": dimension[line.code],
                "judges": [
                    {
                        "judge": int(j.judge),
                        "raw": j.raw,
                        "adjusted": _f(j.adjusted),
                        "weight": _f(j.weight) or 0.0,
                        "counted": j.counted,
                        "adjustment": {k: _f(v) for k, v in j.adjustment.items()},
                    }
                    for j in line.judges
                ],
                "combined": _f(line.combined),
                "percent": _f(line.percent),
                "visit": _f(line.visit),
                "trim_fallback": line.trim_fallback,
                "evidence": [
                    {
                        "kind": e.kind,
                        "score": _f(e.score),
                        "weight": float(e.weight),
                        "share": float(e.share),
                        "contribution": float(e.contribution),
                    }
                    for e in line.evidence
                ],
                "own": _f(line.own),
                "score": _f(line.score),
                "share": float(line.share),
                "contribution": float(line.contribution),
            }
            for line in criterion_lines(ex)
        ],
        "dimensions": [
            {
                "dimension": d.code,
                "weight": float(d.weight),
                "score": _f(d.score),
                "contribution": float(d.contribution),
            }
            for d in ex.dimensions
        ],
        "total": _f(ex.total),
        "complete": ex.complete,
    }


def _walk(lines):
    for line in lines:
        yield line
        yield from _walk(line.children)


@router.get(
    "/{slug}/reliability",
    response={200: ReliabilityOut, **GATED_READ},
    summary="Krippendorff's alpha, the judges' severity and scale, outliers, disagreements",
)
def get_reliability(request, slug: str):
    season = _season(request, slug)
    se = season_evaluation(season)
    ev = se.evaluation
    if ev is None:
        return {
            "alpha_overall": None,
            "alpha_criteria": {},
            "judges": [],
            "outliers": [],
            "disagreements": [],
            "groups": 0,
        }
    rel = ev.reliability
    return {
        "alpha_overall": _f(rel.alpha_overall),
        "alpha_criteria": {k: _f(v) for k, v in rel.alpha_criteria.items()},
        "alpha_adjusted": _f(rel.alpha_adjusted),
        "judges": [_judge_out(se, j) for j in ev.judges],
        "outliers": [
            {
                "judge": int(o.judge),
                "entry": int(o.entry),
                "criterion": o.criterion,
                "score": o.score,
                "expected": _f(o.expected),
                "z": _f(o.z),
            }
            for o in rel.outliers
        ],
        "disagreements": [
            {
                "entry": int(d.entry),
                "spread": _f(d.spread),
                "typical": _f(d.typical),
                "ratio": _f(d.ratio),
            }
            for d in rel.disagreements
        ],
        "groups": len(ev.components),
    }


def policy_out(policy) -> dict:
    return {
        **{name: getattr(policy, name) for name in domain.POLICY_FIELDS},
        "version": policy.version,
    }


@router.get(
    "/{slug}/scoring-policy",
    response={200: ScoringPolicyOut, **READ_ERRORS},
    summary="The season's scoring policy (organizers)",
)
def get_policy(request, slug: str):
    season = access.season_for(request.user, slug, "deliberation.change_policy")
    return policy_out(domain.policy_of(season))


@router.put(
    "/{slug}/scoring-policy",
    response={200: ScoringPolicyOut, **ERRORS},
    summary="Change the scoring policy (organizers); 409 conflict with both versions when it moved on",
)
def change_policy(request, slug: str, payload: ScoringPolicyIn):
    season = access.season_for(request.user, slug, "deliberation.change_policy")
    values = payload.model_dump(exclude_unset=True)
    version = values.pop("version", None)
    values = {k: (str(v) if k == "method" else v) for k, v in values.items() if v is not None}
    try:
        policy = domain.change_policy(
            season=season, by=request.user, values=values, version=version
        )
    except domain.PolicyChanged as exc:
        message = pgettext(
            "api", "The scoring policy changed since version %(version)s was read."
        ) % {"version": version}
        problems = [
            {"field": name, "stored": stored, "sent": sent, "version": exc.version}
            for name, stored, sent in exc.rows()
        ]
        return error(409, "conflict", message, {p["field"]: [message] for p in problems}, problems)
    return policy_out(policy)
