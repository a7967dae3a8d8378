"""Outlier scores and disagreements are found where planted and not in clean data."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from ccaward.engine.scoring import JudgeEffect, Scale, ScoreTable
from ccaward.engine.scoring.alpha import alphas
from ccaward.engine.scoring.combine import combine
from ccaward.engine.scoring.reliability import (
    chance_ratio,
    disagreements,
    entry_spread,
    outliers,
    reliability,
)


def season(seed=0, entries=40, judges=12, per_entry=5, criteria=6, noise=0.6, offsets=0.0):
    """Rows of a simulated season: quality per (entry, criterion) around 5 on 0..10,
    each entry scored by `per_entry` judges drawn at random, normal noise."""
    rng = np.random.default_rng(seed)
    quality = rng.normal(5, 1.2, (entries, criteria))
    offset = rng.normal(0, offsets, judges)
    rows = []
    for e in range(entries):
        for j in rng.choice(judges, per_entry, replace=False):
            for c in range(criteria):
                score = quality[e, c] + offset[j] + rng.normal(0, noise)
                rows.append([f"J{j:02}", f"E{e:02}", f"C{c}", float(np.clip(score, 0, 10))])
    return rows


def table_of(rows):
    return ScoreTable.from_rows([tuple(r) for r in rows])


@pytest.mark.parametrize("method", ["mean", "median", "trimmed"])
@pytest.mark.parametrize("seed", range(3))
def test_clean_data_flags_almost_nothing(method, seed):
    table = table_of(season(seed))
    result = reliability(table, combine(table, method))
    assert len(result.outliers) <= 1  # 1,200 scores: 0.6 expected at |z| > 3.5
    assert result.disagreements == ()
    assert result.alpha_overall > 0.7
    assert result.alpha_criteria == alphas(table)[1]


@pytest.mark.parametrize("method", ["mean", "median", "trimmed"])
def test_planted_outlier_is_found_first(method):
    rows = season(1)
    target = next(i for i, r in enumerate(rows) if r[1] == "E07" and r[2] == "C3")
    rows[target][3] = min(rows[target][3] + 5, 10) if rows[target][3] < 5 else rows[target][3] - 5
    table = table_of(rows)
    found = outliers(table, combine(table, method))
    assert found, "the planted score is not flagged"
    first = found[0]
    judge, entry, criterion, score = rows[target]
    assert (first.judge, first.entry, first.criterion, first.score) == (
        judge,
        entry,
        criterion,
        score,
    )
    assert abs(first.z) > 3.5
    assert np.sign(first.z) == np.sign(score - first.expected)
    assert [abs(o.z) for o in found] == sorted((abs(o.z) for o in found), reverse=True)


def test_planted_disagreement_is_found():
    rows = season(2)
    # two of E11's five judges see it 2.5 points better, the others 1.5 worse
    judges = sorted({r[0] for r in rows if r[1] == "E11"})
    for r in rows:
        if r[1] == "E11":
            r[3] = float(np.clip(r[3] + (2.5 if r[0] in judges[:2] else -1.5), 0, 10))
    table = table_of(rows)
    found = disagreements(table, combine(table, "mean"))
    assert [d.entry for d in found] == ["E11"]
    assert found[0].ratio > 2
    assert found[0].ratio == pytest.approx(found[0].spread / found[0].typical)


def test_calibrated_spread_ignores_a_judges_offset():
    """A harsh judge's raw scores spread the cells of its entries; its adjusted
    scores (offset removed) do not, so no entry is flagged on adjusted scores."""
    rows = season(3, judges=12, per_entry=3)
    for r in rows:
        if r[0] == "J00":
            r[3] = r[3] - 3.0  # may go below 0: the table's scale is wide enough
    table = ScoreTable.from_rows([tuple(r) for r in rows], scale=Scale(-10, 20))
    raw = combine(table, "mean")
    assert disagreements(table, raw), "raw scores show the harsh judge as disagreement"
    adjusted = table.score + np.where(table.judge == table.judges.index("J00"), 3.0, 0.0)
    calibrated = dataclasses.replace(raw, method="calibrated", adjusted=adjusted)
    assert disagreements(table, calibrated) == ()


def model_combined(table, expected, residual_sd):
    base = combine(table, "mean")
    judges = tuple(
        JudgeEffect(
            judge=j,
            severity=0.0,
            scale=1.0,
            severity_se=None,
            scale_se=None,
            n=1,
            residual_sd=residual_sd.get(j),
        )
        for j in reversed(table.judges)  # found by label, not by position
    )
    return dataclasses.replace(base, method="calibrated", expected=expected, judges=judges)


def test_model_uses_each_judges_residual_sd():
    rows = [
        ("steady", "E1", "x", 6.0),
        ("erratic", "E1", "x", 6.0),
        ("steady", "E2", "x", 4.0),
        ("erratic", "E2", "x", 4.0),
    ]
    table = ScoreTable.from_rows(rows)
    expected = np.array([5.0, 5.0, 5.0, 5.0])
    combined = model_combined(table, expected, {"steady": 0.25, "erratic": 1.0})
    found = outliers(table, combined)
    # both are 1 point from what the model expects: 4 SDs for the steady judge, 1 for the other
    assert [(o.judge, o.entry, o.z) for o in found] == [
        ("steady", "E1", 4.0),
        ("steady", "E2", -4.0),
    ]
    assert found[0].expected == 5.0


def test_model_without_a_judges_sd_uses_the_pooled_one():
    rows = [("A", "E1", "x", 9.0), ("B", "E1", "x", 5.0)] + [
        (j, f"E{k}", "x", 5.0) for k in range(2, 12) for j in "AB"
    ]
    table = ScoreTable.from_rows(rows)
    expected = np.full(len(table), 5.0)
    combined = model_combined(table, expected, {})
    found = outliers(table, combined)
    # pooled RMS of residuals: sqrt(16 / 22); z = 4 / 0.853 = 4.69
    assert [(o.judge, o.entry) for o in found] == [("A", "E1")]
    assert found[0].z == pytest.approx(4 / np.sqrt(16 / 22))


def test_a_score_alone_in_its_cell_is_never_an_outlier():
    rows = [("A", "E1", "x", 0.0)] + [
        (j, f"E{k}", "x", 5.0 + (j == "A") * 0.1) for k in range(2, 9) for j in "AB"
    ]
    table = ScoreTable.from_rows(rows)
    assert outliers(table, combine(table, "mean")) == ()


def test_entry_spread_by_hand():
    rows = [
        ("A", "E1", "x", 1.0),
        ("B", "E1", "x", 3.0),  # deviations 1, 1
        ("A", "E1", "y", 4.0),
        ("B", "E1", "y", 4.0),
        ("C", "E1", "y", 7.0),  # mean 5: 1, 1, 4
        ("A", "E2", "x", 5.0),  # alone: no degrees of freedom
    ]
    table = ScoreTable.from_rows(rows)
    spread, dof = entry_spread(table, combine(table, "mean"))
    assert dof.tolist() == [3, 0]
    assert spread[0] == pytest.approx(np.sqrt(8 / 3))
    assert np.isnan(spread[1])


def test_chance_bar_is_higher_with_few_degrees_of_freedom():
    bars = chance_ratio(np.array([1, 2, 6, 120]))
    assert bars[0] == pytest.approx(3.29, abs=0.06)  # sqrt(chi2.ppf(0.999, 1))
    assert bars[1] == pytest.approx(2.63, abs=0.05)
    assert bars[2] < 2 and bars[3] < 1.4


def test_single_criterion_three_judges_needs_more_than_twice():
    """d = 2 per entry: a ratio of 2.3 is what chance gives 1 entry in 16."""
    rows = []
    for k in range(30):
        rows += [("A", f"E{k}", "x", 5.0), ("B", f"E{k}", "x", 6.0), ("C", f"E{k}", "x", 5.5)]
    rows[:3] = [("A", "E0", "x", 5.0), ("B", "E0", "x", 6.15), ("C", "E0", "x", 7.3)]  # 2.3 x
    rows[3:6] = [("A", "E1", "x", 2.0), ("B", "E1", "x", 6.0), ("C", "E1", "x", 9.0)]  # 7 x
    table = ScoreTable.from_rows(rows)
    found = disagreements(table, combine(table, "mean"))
    assert [d.entry for d in found] == ["E1"]
    assert found[0].typical == pytest.approx(0.5)


def test_no_typical_spread_flags_nothing():
    rows = [(j, f"E{k}", "x", 5.0) for k in range(5) for j in "AB"] + [
        ("A", "E9", "x", 1.0),
        ("B", "E9", "x", 9.0),
    ]
    table = ScoreTable.from_rows(rows)
    assert disagreements(table, combine(table, "mean")) == ()


@pytest.mark.parametrize(("method", "shown"), [("mean", 19 / 3), ("median", 5.0)])
def test_plain_z_by_hand(method, shown):
    rows = [("A", "E1", "x", 4.0), ("B", "E1", "x", 5.0), ("C", "E1", "x", 6.0)]
    rows += [("A", "E2", "x", 5.0), ("B", "E2", "x", 5.0), ("C", "E2", "x", 9.0)]
    table = ScoreTable.from_rows(rows)
    # sigma^2 = (1 + 0 + 1 + 16/9 + 16/9 + 64/9) / 4 degrees of freedom; residual SD sigma sqrt(2/3)
    sd = np.sqrt((2 + 96 / 9) / 4 * 2 / 3)
    found = outliers(table, combine(table, method), threshold=1.5)
    assert [(o.judge, o.entry) for o in found] == [("C", "E2")]
    assert found[0].z == pytest.approx((9 - 19 / 3) / sd)
    assert found[0].expected == pytest.approx(shown)


@pytest.mark.parametrize("method", ["calibrated", "zscore"])
def test_models_clean_and_planted(method):
    """Judges with offsets: a model's outliers and disagreements are those planted."""
    rows = season(4, offsets=0.8)
    table = table_of(rows)
    clean = reliability(table, combine(table, method))
    assert len(clean.outliers) <= 1
    assert clean.disagreements == ()
    target = next(i for i, r in enumerate(rows) if r[1] == "E21" and r[2] == "C1")
    rows[target][3] = rows[target][3] + 4.5 if rows[target][3] < 5 else rows[target][3] - 4.5
    for r in rows:
        if r[1] == "E30":
            r[3] = float(np.clip(r[3] + (2.5 if r[0] < "J06" else -2.5), 0, 10))
    table = table_of(rows)
    planted = reliability(table, combine(table, method))
    judge, entry, criterion, _ = rows[target]
    first = planted.outliers[0]
    assert (first.judge, first.entry, first.criterion) == (judge, entry, criterion)
    assert "E30" in [d.entry for d in planted.disagreements]
    assert planted.disagreements[0].entry == "E30"


def test_calibrated_model_does_not_flag_a_harsh_judges_entries():
    rows = season(5, judges=12, per_entry=3, offsets=0.3)
    for r in rows:
        if r[0] == "J00":
            r[3] = r[3] - 3.0
    table = ScoreTable.from_rows([tuple(r) for r in rows], scale=Scale(-10, 20))
    assert disagreements(table, combine(table, "mean"))
    assert disagreements(table, combine(table, "calibrated")) == ()


def test_alpha_once_judges_are_adjusted_rises_above_the_raw_alpha():
    """Harsh and lenient judges lower the raw agreement; once calibrated their
    offsets are taken out, so the adjusted alpha is higher (mean leaves none)."""
    rng = np.random.default_rng(11)
    quality = rng.normal(6, 1.2, 40)
    offsets = {"harsh": -2.0, "lenient": 2.0, "fair1": 0.0, "fair2": 0.0}
    rows = [
        (judge, f"e{e}", "c", float(np.clip(quality[e] + off + rng.normal(0, 0.4), 0, 10)))
        for e in range(40)
        for judge, off in offsets.items()
        if (judge.startswith("fair") or (e % 2 == 0) == (judge == "harsh"))
    ]
    table = ScoreTable.from_rows(rows)
    calibrated = reliability(table, combine(table, "calibrated"))
    assert calibrated.alpha_adjusted is not None
    assert calibrated.alpha_adjusted > calibrated.alpha_overall + 0.1
    assert reliability(table, combine(table, "mean")).alpha_adjusted is None
