"""The calibrated model: exact on noise-free data, independent of the rows' order,
normalised per connected part, stable for judges and entries with little data."""

from __future__ import annotations

import random

import numpy as np
import pytest
from hypothesis import given, settings

from ccaward.engine.scoring import Scale, ScoreTable
from ccaward.engine.scoring.calibrate import calibrate, centre
from ccaward.engine.scoring.calibrate_fit import MIN_SCALE
from ccaward.engine.scoring.combine import aggregate, combine
from ccaward.engine.scoring.zscore import zscore
from tests.engine.scoring.simulated import score_rows, season


def noise_free(seed=0, n_judges=8, n_entries=30, n_criteria=3, per_entry=4):
    """Scores exactly 5 + offset + spread x (quality - 5); offsets average 0, spreads 1."""
    rng = np.random.default_rng(seed)
    quality = rng.uniform(3.5, 6.5, (n_entries, n_criteria))
    offset = rng.normal(0, 0.6, n_judges)
    offset -= offset.mean()
    spread = rng.uniform(0.6, 1.4, n_judges)
    spread /= spread.mean()
    rows = []
    for e in range(n_entries):
        for j in rng.choice(n_judges, per_entry, replace=False):
            for c in range(n_criteria):
                s = 5 + offset[j] + spread[j] * (quality[e, c] - 5)
                rows.append((f"J{j}", f"E{e}", f"c{c}", s))
    return rows, quality, offset, spread


def effects(combined):
    return {e.judge: e for e in combined.judges}


def test_noise_free_scores_give_back_severity_scale_and_quality():
    rows, quality, offset, spread = noise_free()
    table = ScoreTable.from_rows(rows, entries=[f"E{e}" for e in range(len(quality))])
    combined = calibrate(table)
    m = table.score.mean()
    assert combined.values == pytest.approx(quality, abs=1e-6)
    found = effects(combined)
    for j in range(len(offset)):
        # severity is the offset where the scores are (at their mean), not at 5
        expected = offset[j] + (spread[j] - 1) * (m - 5)
        assert found[f"J{j}"].severity == pytest.approx(expected, abs=1e-6)
        assert found[f"J{j}"].scale == pytest.approx(spread[j], abs=1e-6)
    assert combined.expected == pytest.approx(table.score, abs=1e-6)
    assert 0 < combined.iterations < 50


def test_the_rows_order_does_not_matter():
    s = season(3, lean=True, n_entries=40, n_judges=10)
    t = s.table
    rows = [
        (t.judges[j], t.entries[e], t.criteria[c], v)
        for j, e, c, v in zip(t.judge, t.entry, t.criterion, t.score, strict=True)
    ]
    first = ScoreTable.from_rows(rows)
    base = calibrate(first)
    base_values = {
        (e, c): base.values[i, k]
        for i, e in enumerate(first.entries)
        for k, c in enumerate(first.criteria)
    }
    for seed in range(3):
        table = ScoreTable.from_rows(random.Random(seed).sample(rows, len(rows)))
        other = calibrate(table)
        for i, e in enumerate(table.entries):
            for k, c in enumerate(table.criteria):
                assert other.values[i, k] == pytest.approx(base_values[e, c], abs=1e-9)
        theirs = effects(other)
        for j, effect in effects(base).items():
            assert theirs[j].severity == pytest.approx(effect.severity, abs=1e-9)
            assert theirs[j].scale == pytest.approx(effect.scale, abs=1e-9)
            assert theirs[j].component == effect.component
        key = {r[:3]: i for i, r in enumerate(rows)}
        at = [
            key[(table.judges[j], table.entries[e], table.criteria[c])]
            for j, e, c in zip(table.judge, table.entry, table.criterion, strict=True)
        ]
        assert other.adjusted == pytest.approx(base.adjusted[at], abs=1e-9)
        assert other.weight == pytest.approx(base.weight[at], abs=1e-9)


def test_the_weighted_mean_of_adjusted_scores_is_the_quality():
    """What the bootstrap relies on: recombining adjusted scores by the rule gives the values."""
    s = season(1, lean=False, n_entries=50, n_judges=12)
    combined = combine(s.table, "calibrated")
    n_cells = combined.values.size
    again, counts = aggregate(
        s.table.cell, n_cells, combined.adjusted, combined.weight, combined.rule
    )
    assert again.reshape(combined.values.shape) == pytest.approx(combined.values, abs=1e-9)
    assert counts.reshape(combined.counts.shape).tolist() == combined.counts.tolist()
    sev = np.array([e.severity for e in combined.judges])[s.table.judge]
    scale = np.array([e.scale for e in combined.judges])[s.table.judge]
    m = centre(s.table)
    assert m == pytest.approx(s.table.score.mean())
    quality = combined.values[s.table.entry, s.table.criterion]
    assert combined.expected == pytest.approx(m + sev + scale * (quality - m))
    assert combined.adjusted == pytest.approx(m + (s.table.score - m - sev) / scale)


def test_a_disconnected_design_is_normalised_part_by_part():
    rows_a, *_ = noise_free(seed=1, n_judges=5, n_entries=15)
    rows_b, *_ = noise_free(seed=2, n_judges=4, n_entries=10)
    rows = rows_a + [(f"K{j[1:]}", f"F{e[1:]}", c, min(s + 1.0, 10.0)) for j, e, c, s in rows_b]
    combined = calibrate(ScoreTable.from_rows(rows))
    assert [len(p.judges) for p in combined.components] == [5, 4]
    for part in combined.components:
        mine = [e for e in combined.judges if e.component == part.index]
        assert {e.judge for e in mine} == set(part.judges)
        assert np.mean([e.severity for e in mine]) == pytest.approx(0, abs=1e-9)
        assert np.mean([e.scale for e in mine]) == pytest.approx(1, abs=1e-9)


def test_a_judge_given_only_strong_entries_is_not_called_lenient():
    """Per-judge z-scores take a fair expert who saw only the strongest entries for a
    lenient judge and pull those entries down; the joint model does not."""
    rng = np.random.default_rng(5)
    quality = np.linspace(3, 9, 24)
    rows = []
    for e, q in enumerate(quality):
        judges = ["fair1", "fair2", "harsh"] + (["expert"] if q >= 6.5 else [])
        for j in judges:
            for c in ("c1", "c2"):
                s = q + (-1.5 if j == "harsh" else 0.0) + rng.normal(0, 0.3)
                rows.append((j, f"E{e}", c, float(np.clip(np.round(s * 2) / 2, 0, 10))))
    table = ScoreTable.from_rows(rows)
    calibrated, z = effects(calibrate(table)), effects(zscore(table))
    assert z["expert"].severity > 1.0
    assert abs(calibrated["expert"].severity - calibrated["fair1"].severity) < 0.3
    assert calibrated["harsh"].severity < calibrated["expert"].severity - 1


def test_few_scores_are_held_by_the_priors():
    """A judge who scored one cell and an entry scored by one judge: finite, the
    judge's scale stays at about 1, the entry's value is its judge's adjusted score."""
    rows, *_ = noise_free(seed=4, n_judges=6, n_entries=20, n_criteria=2)
    rows = [(j, e, c, round(s * 2) / 2) for j, e, c, s in rows]
    rows += [
        ("once", "E0", "c0", 9.0),
        ("alone", "lonely", "c0", 4.0),
        ("alone", "lonely", "c1", 6.0),
    ]
    table = ScoreTable.from_rows(rows)
    combined = calibrate(table)
    found = effects(combined)
    assert np.isfinite(combined.values[~np.isnan(combined.values)]).all()
    assert found["once"].n == 1 and found["once"].scale == pytest.approx(1, abs=0.25)
    assert np.isfinite(found["once"].severity_se) and np.isfinite(found["once"].scale_se)
    assert len(combined.components) == 2  # "alone" and "lonely" are a part of their own
    lonely = table.entries.index("lonely")
    assert combined.values[lonely, 0] < combined.values[lonely, 1]
    assert found["alone"].severity == pytest.approx(0, abs=1e-9)  # the part's only judge
    assert found["alone"].scale == pytest.approx(1, abs=1e-9)


def test_a_judge_who_never_varies_keeps_a_scale_above_zero():
    rows, *_ = noise_free(seed=6, n_judges=5, n_entries=16)
    rows += [("flat", f"E{e}", "c0", 7.0) for e in range(16)]
    combined = calibrate(ScoreTable.from_rows(rows))
    flat = effects(combined)["flat"]
    assert flat.scale >= MIN_SCALE * 0.5
    assert np.isfinite(combined.adjusted).all() and (combined.weight > 0).all()


@settings(max_examples=25, deadline=None)
@given(score_rows(max_size=60))
def test_any_table_gives_finite_normalised_consistent_results(rows):
    table = ScoreTable.from_rows(rows, scale=Scale(0, 10))
    combined = calibrate(table)
    scored = combined.counts > 0
    assert np.isfinite(combined.values[scored]).all() and np.isnan(combined.values[~scored]).all()
    assert np.isfinite(combined.adjusted).all() and (combined.weight > 0).all()
    n_cells = combined.values.size
    again, _ = aggregate(table.cell, n_cells, combined.adjusted, combined.weight, "mean")
    assert again[scored.ravel()] == pytest.approx(combined.values[scored], abs=1e-9)
    for part in combined.components:
        mine = [e for e in combined.judges if e.component == part.index]
        assert np.mean([e.severity for e in mine]) == pytest.approx(0, abs=1e-9)
        assert np.mean([e.scale for e in mine]) == pytest.approx(1, abs=1e-9)


@pytest.mark.parametrize("noise", [0.6, 2.0])
def test_a_chain_of_overlapping_panels_converges_in_few_steps(noise):
    s = season(2, lean=True, noise=noise)
    combined = calibrate(s.table)
    assert combined.iterations < 100
    assert len(combined.components) == 1


def test_scores_with_no_quality_differences_converge_well_within_the_cap():
    """Pure noise: the scales are barely identified and judges sink to MIN_SCALE
    one after another; the rounds used to crawl to the 200-round cap here."""
    rng = np.random.default_rng(0)
    rows = [
        (f"j{j}", f"e{e}", f"c{c}", float(np.clip(np.round(rng.normal(6, 1.5) * 2) / 2, 0, 10)))
        for e in range(60)
        for j in rng.choice(12, 5, replace=False)
        for c in range(6)
    ]
    combined = calibrate(ScoreTable.from_rows(rows))
    assert combined.iterations < 60
    assert min(e.scale for e in combined.judges) == pytest.approx(MIN_SCALE)


def test_an_erratic_judge_counts_less():
    s = season(7, lean=False, n_entries=60, n_judges=12)
    t = s.table
    rng = np.random.default_rng(7)
    erratic = t.judge == 0
    noisy = t.score.copy()
    noisy[erratic] = np.clip(noisy[erratic] + rng.normal(0, 2.0, erratic.sum()), 0, 10)
    table = ScoreTable(t.judges, t.entries, t.criteria, t.judge, t.entry, t.criterion, noisy)
    combined = calibrate(table)
    sd = np.array([e.residual_sd for e in combined.judges])
    assert sd[0] > 1.5 * np.median(sd[1:])
    mine = combined.weight[erratic] / combined.weight[erratic].mean()
    assert (combined.weight[erratic] < 0.6 * np.median(combined.weight[~erratic])).all()
    assert mine == pytest.approx(1)  # one weight per judge


def test_standard_errors_shrink_with_a_judges_scores():
    s = season(4, lean=False, n_entries=80, n_judges=16)
    t = s.table
    rows = [
        (t.judges[j], t.entries[e], t.criteria[c], v)
        for j, e, c, v in zip(t.judge, t.entry, t.criterion, t.score, strict=True)
    ]
    rows += [("few", t.entries[e], t.criteria[c], 7.0 + e % 3) for e in (3, 9) for c in range(2)]
    found = effects(calibrate(ScoreTable.from_rows(rows)))
    few = found.pop("few")
    assert few.n == 4
    assert few.severity_se > 2 * max(e.severity_se for e in found.values())
    assert few.scale_se > 2 * max(e.scale_se for e in found.values())
    for e in found.values():  # about sigma / sqrt(n), as for a mean
        assert e.severity_se == pytest.approx(e.residual_sd / np.sqrt(e.n), rel=0.2)
