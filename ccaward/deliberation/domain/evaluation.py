"""A season's totals, calibration, reliability and rank confidence (评分汇总与校准),
computed from its inputs (`inputs.season_inputs`) by `engine.scoring.evaluate`
under the season's scoring policy, with the rows behind every label.

Nothing is stored: the same inputs and policy give the same numbers (the
bootstrap is seeded by the policy). Within a request the evaluation is computed
once (core/requestcache.py), so a page and its parts may each ask for it."""

from __future__ import annotations

from dataclasses import dataclass

from ccaward.core.requestcache import remembered
from ccaward.deliberation.domain.inputs import SeasonInputs, season_inputs
from ccaward.deliberation.domain.policy import policy_of
from ccaward.deliberation.models import ScoringPolicy
from ccaward.engine.scoring import EntryResult, Evaluation, JudgeEffect
from ccaward.engine.scoring.evaluate import evaluate
from ccaward.engine.scoring.explain import CriterionLine, Explanation, explain


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
    evaluation = _evaluate(inputs, policy)
    return SeasonEvaluation(evaluation=evaluation, policy=policy, inputs=inputs)


def _evaluate(inputs: SeasonInputs, policy: ScoringPolicy) -> Evaluation:
    return evaluate(
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


def season_evaluation(season) -> SeasonEvaluation:
    """The season's evaluation, computed once per request. Writes nothing."""
    return remembered(("deliberation.evaluation", season.pk), lambda: compute(season))


def breakdown(se: SeasonEvaluation, label: str) -> Explanation | None:
    """The entry's breakdown from its judges' raw scores to its total
    (`engine.scoring.explain`); None when the season has no evaluation or the
    entry does not compete."""
    if se.evaluation is None or label not in se.inputs.table.entries:
        return None
    return explain(
        se.inputs.table,
        se.framework,
        se.evaluation,
        label,
        evidence=se.inputs.evidence,
        contacts=se.inputs.contacts,
    )


def criterion_lines(explanation: Explanation) -> list[CriterionLine]:
    """Every criterion line of a breakdown in the framework's order, each sub-item
    after its criterion."""
    out = []

    def walk(line):
        out.append(line)
        for child in line.children:
            walk(child)

    for dim in explanation.dimensions:
        for line in dim.criteria:
            walk(line)
    return out
