"""A season's totals, calibration, reliability and rank confidence (评分汇总与校准),
computed from its inputs (`inputs.season_inputs`) by `engine.scoring.evaluate`
under the season's scoring policy, with the rows behind every label.

Nothing is stored: the same inputs and policy give the same numbers (the
bootstrap is seeded by the policy). Within a request the evaluation is computed
once (core/requestcache.py), so a page and its parts may each ask for it."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from ccaward.core.requestcache import remembered
from ccaward.deliberation.domain.inputs import SeasonInputs, season_inputs
from ccaward.deliberation.domain.policy import policy_of
from ccaward.deliberation.models import ScoringPolicy
from ccaward.engine import framework as fw
from ccaward.engine.scoring import EntryResult, Evaluation, JudgeEffect
from ccaward.engine.scoring.evaluate import evaluate


@dataclass
class SeasonEvaluation:
    """The engine's Evaluation of a season (None without a framework) with its
    policy and inputs; entries, judges and categories by label as model rows."""

    evaluation: Evaluation | None
    policy: ScoringPolicy
    inputs: SeasonInputs

    @property
    def framework(self):
        return self.inputs.framework

    @property
    def version(self):
        return self.inputs.version

    @property
    def entries(self) -> dict:
        return self.inputs.entries

    @property
    def judges(self) -> dict:
        return self.inputs.judges

    @property
    def categories(self) -> dict:
        return self.inputs.categories

    @property
    def results(self) -> list[EntryResult]:
        return self.evaluation.entries if self.evaluation is not None else []

    def result(self, entry_label: str) -> EntryResult | None:
        return next((r for r in self.results if r.entry == entry_label), None)

    def effect(self, judge_label: str) -> JudgeEffect | None:
        if self.evaluation is None:
            return None
        return next((j for j in self.evaluation.judges if j.judge == judge_label), None)

    def by_category(self) -> list[tuple[object, list[EntryResult]]]:
        """Each category of the season with its entries' results by rank."""
        out = []
        for key, category in self.categories.items():
            out.append((category, [r for r in self.results if r.category == key]))
        return out

    @property
    def disconnected(self) -> bool:
        """Whether some judges share no entry with the rest (the design falls apart
        into groups whose severities cannot be compared)."""
        return self.evaluation is not None and len(self.evaluation.components) > 1


def compute(season) -> SeasonEvaluation:
    """The season's evaluation, computed afresh (no cache). Writes nothing."""
    policy = policy_of(season)
    inputs = season_inputs(season)
    if inputs.framework is None:
        return SeasonEvaluation(evaluation=None, policy=policy, inputs=inputs)
    evaluation = evaluate(
        inputs.table,
        inputs.framework,
        method=policy.method,
        categories=inputs.groups,
        quotas=inputs.quotas,
        evidence=inputs.evidence,
        contacts=inputs.contacts,
        bootstrap=policy.bootstrap,
        seed=policy.seed,
        visit_weight=policy.visit_weight,
    )
    return SeasonEvaluation(evaluation=evaluation, policy=policy, inputs=inputs)


def season_evaluation(season) -> SeasonEvaluation:
    """The season's evaluation, computed once per request. Writes nothing."""
    return remembered(("deliberation.evaluation", season.pk), lambda: compute(season))


@dataclass
class CriterionStep:
    """One criterion of an entry's breakdown: each judge's raw score (by judge label,
    on the scale), the combined judges' score (on the scale) and as 0..100, the site
    visit's score, the evidence as blended (judge = reviews mixed with the visit),
    the framework's evidence weights and the criterion's score 0..100."""

    criterion: fw.Criterion
    dimension: str
    child: bool
    raw: dict[str, float]
    combined: float | None
    reviews: Decimal | None
    visit: Decimal | None
    evidence: dict[str, Decimal]
    score: Decimal | None

    @property
    def judged(self) -> bool:
        return self.criterion.evidence.get("judge", Decimal(0)) > 0


@dataclass
class DimensionStep:
    dimension: fw.Dimension
    score: Decimal | None
    contribution: Decimal | None


@dataclass
class Breakdown:
    """An entry's total from its raw scores: judges (labels, by name), criteria in
    the framework's order, dimensions with their weighted contribution."""

    result: EntryResult
    judges: list[str]
    criteria: list[CriterionStep] = field(default_factory=list)
    dimensions: list[DimensionStep] = field(default_factory=list)


def _raw(se: SeasonEvaluation, label: str) -> dict[str, dict[str, float]]:
    """{criterion: {judge: raw score}} of one entry."""
    table = se.inputs.table
    out: dict[str, dict[str, float]] = {}
    if label not in table.entries:
        return out
    mine = table.entry == table.entries.index(label)
    for j, c, s in zip(table.judge[mine], table.criterion[mine], table.score[mine], strict=True):
        out.setdefault(table.criteria[c], {})[table.judges[j]] = float(s)
    return out


def breakdown(se: SeasonEvaluation, label: str) -> Breakdown | None:
    """The entry's breakdown (None when the season has no evaluation or no such entry)."""
    result = se.result(label)
    if result is None or se.framework is None:
        return None
    raw = _raw(se, label)
    judges = sorted({j for scores in raw.values() for j in scores}, key=lambda j: se.judges[j].name)
    scale = se.inputs.table.scale
    given = se.inputs.evidence.get(label, {})
    steps = []
    for dim, crit, parent in se.framework.criteria():
        combined = result.criteria.get(crit.code)
        blended = result.evidence.get(crit.code, {})
        steps.append(
            CriterionStep(
                criterion=crit,
                dimension=dim.code,
                child=parent is not None,
                raw=raw.get(crit.code, {}),
                combined=combined,
                reviews=None
                if combined is None
                else Decimal(repr(float(scale.to_percent(combined)))),
                visit=given.get(crit.code, {}).get("visit"),
                evidence=dict(blended),
                score=fw.criterion_score(crit, result.evidence)
                if parent is None
                else fw.blend(crit.evidence, blended),
            )
        )
    dims = []
    for dim in se.framework.dimensions:
        score = result.dimensions.get(dim.code)
        dims.append(DimensionStep(dim, score, None if score is None else dim.weight * score / 100))
    return Breakdown(result=result, judges=judges, criteria=steps, dimensions=dims)
