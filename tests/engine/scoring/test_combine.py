"""mean, median and trimmed per cell against a plain reference."""

from __future__ import annotations

import statistics

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ccaward.engine.scoring import Scale, ScoreTable
from ccaward.engine.scoring.combine import aggregate, combine


def reference(scores: list[float], rule: str) -> float:
    if rule == "mean":
        return statistics.fmean(scores)
    if rule == "median":
        return statistics.median(scores)
    if len(scores) >= 5:
        ordered = sorted(scores)[1:-1]
        return statistics.fmean(ordered)
    return statistics.fmean(scores)


cells = st.lists(
    st.lists(st.integers(0, 20).map(lambda v: v / 2), min_size=0, max_size=8),
    min_size=1,
    max_size=12,
)


@settings(max_examples=150, deadline=None)
@given(cells=cells, rule=st.sampled_from(["mean", "median", "trimmed"]))
def test_aggregate_equals_reference(cells, rule):
    cell = np.array([i for i, c in enumerate(cells) for _ in c], dtype=np.int64)
    score = np.array([v for c in cells for v in c], dtype=float)
    rng = np.random.default_rng(len(score))
    perm = rng.permutation(len(score))  # the order of the scores does not matter
    values, counts = aggregate(cell[perm], len(cells), score[perm], np.ones(len(score)), rule)
    for i, c in enumerate(cells):
        assert counts[i] == len(c)
        if c:
            assert values[i] == pytest.approx(reference(c, rule), abs=1e-12)
        else:
            assert np.isnan(values[i])


def test_weighted_mean():
    values, _ = aggregate(
        np.array([0, 0, 1]), 2, np.array([2.0, 8.0, 5.0]), np.array([3.0, 1.0, 1.0]), "mean"
    )
    assert values.tolist() == [3.5, 5.0]


def test_trimmed_drops_highest_and_lowest_from_five_judges():
    rows = [(f"j{i}", "e", "c", s) for i, s in enumerate([1, 6, 7, 8, 10])]
    combined = combine(ScoreTable.from_rows(rows), "trimmed")
    assert combined.values[0, 0] == 7.0
    assert combined.trim_fallback == 0
    four = combine(ScoreTable.from_rows(rows[:4]), "trimmed")
    assert four.values[0, 0] == pytest.approx(5.5)
    assert four.trim_fallback == 1


def test_unscored_cell_is_nan_and_methods_named():
    table = ScoreTable.from_rows(
        [("a", "e1", "c1", 4), ("b", "e1", "c1", 6)],
        criteria=["c1", "c2"],
        entries=["e1", "e2"],
        scale=Scale(0, 10),
    )
    combined = combine(table, "median")
    assert combined.values.shape == (2, 2)
    assert combined.values[0, 0] == 5.0
    assert np.isnan(combined.values[0, 1]) and np.isnan(combined.values[1, 0])
    with pytest.raises(ValueError, match="method 'best'"):
        combine(table, "best")
