"""Seasons at their edges: no score yet, one judge on an entry, two judges on one
criterion, entries nobody scored. Every method evaluates and explains them
without a numpy warning (the suite turns warnings into errors, and a page must
not depend on a filter that is not thread-safe)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from ccaward.engine.framework import from_data
from ccaward.engine.scoring import METHODS, ScoreTable
from ccaward.engine.scoring.evaluate import evaluate
from ccaward.engine.scoring.explain import explain

FRAMEWORK = Path(__file__).parents[3] / "ccaward/seasons/data/framework_default.yaml"

CASES = {
    "no score": [],
    "one score": [("a", "e1", "strategic_planning", 5)],
    "two judges on one criterion": [
        ("a", "e1", "strategic_planning", 5),
        ("b", "e1", "strategic_planning", 7),
    ],
    "one judge per entry": [
        ("a", "e1", "strategic_planning", 5),
        ("b", "e2", "service_value", 7),
    ],
    "a judge who never varies": [
        ("a", "e1", "strategic_planning", 6),
        ("a", "e2", "strategic_planning", 6),
        ("b", "e1", "strategic_planning", 4),
        ("b", "e2", "strategic_planning", 9),
    ],
}


@pytest.fixture(scope="module")
def framework():
    with FRAMEWORK.open(encoding="utf-8") as f:
        return from_data(yaml.safe_load(f))


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("case", list(CASES))
def test_edges_evaluate_and_explain_without_warnings(framework, case, method):
    codes = [c.code for _, c, _ in framework.criteria()]
    table = ScoreTable.from_rows(CASES[case], criteria=codes, entries=["e1", "e2", "e3"])
    evaluation = evaluate(
        table,
        framework,
        method=method,
        categories={"e1": "A", "e2": "A", "e3": "A"},
        quotas={"A": 1},
        bootstrap=40,
        seed=3,
    )
    by_entry = {r.entry: r for r in evaluation.entries}
    assert set(by_entry) == {"e1", "e2", "e3"}
    assert by_entry["e3"].total is None and by_entry["e3"].rank is None
    scored = {row[1] for row in CASES[case]}
    for label in scored:
        assert by_entry[label].total is not None
    for label in ("e1", "e3"):
        breakdown = explain(table, framework, evaluation, label, evidence=None, contacts=None)
        assert breakdown is not None
