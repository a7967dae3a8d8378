"""Krippendorff's alpha (interval) against the `krippendorff` package and the
textbook example."""

from __future__ import annotations

import krippendorff
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ccaward.engine.scoring import ScoreTable
from ccaward.engine.scoring.alpha import alphas, interval_alpha

NAN = np.nan
# Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C:
# 4 observers, 12 units, missing values; interval alpha = 0.849
KRIPPENDORFF_2011 = np.array(
    [
        [1, 2, 3, 3, 2, 1, 4, 1, 2, NAN, NAN, NAN],
        [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, NAN, 3],
        [NAN, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, NAN],
        [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, NAN],
    ]
)


def long_form(data: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(unit, value) of a coders x units matrix, missing values left out."""
    coders, units = data.shape
    unit = np.tile(np.arange(units), coders)
    value = data.ravel()
    keep = ~np.isnan(value)
    return unit[keep], value[keep]


def reference(data: np.ndarray) -> float:
    return float(krippendorff.alpha(reliability_data=data, level_of_measurement="interval"))


def test_textbook_value():
    unit, value = long_form(KRIPPENDORFF_2011)
    result = interval_alpha(unit, value)
    assert round(result, 3) == 0.849
    assert result == pytest.approx(reference(KRIPPENDORFF_2011), abs=1e-12)


def test_missing_values_may_be_passed_as_nan():
    coders, units = KRIPPENDORFF_2011.shape
    assert interval_alpha(np.tile(np.arange(units), coders), KRIPPENDORFF_2011.ravel()) == (
        pytest.approx(0.8491071428571428, abs=1e-12)
    )


@pytest.mark.parametrize("seed", range(8))
def test_equals_package_on_random_data(seed):
    rng = np.random.default_rng(seed)
    coders, units = rng.integers(2, 9), rng.integers(2, 60)
    truth = rng.normal(5, 2, units)
    data = np.round(truth + rng.normal(0, rng.uniform(0.3, 3), (coders, units)) + 50, 1)
    data[rng.random(data.shape) < rng.uniform(0, 0.6)] = NAN
    if np.count_nonzero((~np.isnan(data)).sum(axis=0) >= 2) == 0:
        pytest.skip("no pairable unit")
    unit, value = long_form(data)
    assert interval_alpha(unit, value) == pytest.approx(reference(data), abs=1e-9)


matrices = st.integers(2, 6).flatmap(
    lambda coders: st.integers(1, 15).flatmap(
        lambda units: st.lists(
            st.one_of(st.none(), st.integers(0, 20).map(lambda v: v / 2)),
            min_size=coders * units,
            max_size=coders * units,
        ).map(lambda xs: np.array([NAN if x is None else x for x in xs]).reshape(coders, units))
    )
)


@settings(max_examples=200, deadline=None)
@given(data=matrices)
def test_equals_package_property(data):
    unit, value = long_form(data)
    pairable = (~np.isnan(data)).sum(axis=0) >= 2
    values = data[:, pairable]
    values = values[~np.isnan(values)]
    result = interval_alpha(unit, value)
    if values.size < 2 or values.min() == values.max():
        assert result is None
        return
    assert result == pytest.approx(reference(data), abs=1e-9)


def test_undefined_without_pairs_or_variation():
    assert interval_alpha([0, 1, 2], [1.0, 2.0, 3.0]) is None  # one value per unit
    assert interval_alpha([0, 0, 1, 1], [3.0, 3.0, 3.0, 3.0]) is None  # no variation
    assert interval_alpha([], []) is None
    # a unit with one value takes no part: the pairable values agree perfectly
    assert interval_alpha([0, 0, 1, 1, 2], [1.0, 1.0, 4.0, 4.0, 9.0]) == 1.0


def test_unit_labels_need_not_be_small_ints():
    unit, value = long_form(KRIPPENDORFF_2011)
    labels = np.array([f"u{u * 1000003}" for u in unit])
    assert interval_alpha(labels, value) == pytest.approx(0.8491071428571428, abs=1e-12)
    assert interval_alpha(unit * 10**9, value) == pytest.approx(0.8491071428571428, abs=1e-12)


def test_far_from_zero_loses_no_precision():
    unit, value = long_form(KRIPPENDORFF_2011)
    assert interval_alpha(unit, value + 1e8) == pytest.approx(0.8491071428571428, abs=1e-9)


def random_table(seed: int) -> ScoreTable:
    rng = np.random.default_rng(seed)
    rows = []
    quality = rng.normal(6, 1.5, (12, 4))
    for j in range(6):
        offset = rng.normal(0, 0.8)
        for e in range(12):
            for c in range(4):
                if rng.random() < 0.55:
                    score = np.clip(quality[e, c] + offset + rng.normal(0, 1), 0, 10)
                    rows.append((f"J{j}", f"E{e}", f"C{c}", round(float(score), 1)))
    return ScoreTable.from_rows(rows, criteria=[f"C{c}" for c in range(4)])


@pytest.mark.parametrize("seed", range(4))
def test_alphas_per_criterion_and_overall(seed):
    table = random_table(seed)
    overall, per = alphas(table)
    judges, entries, criteria = len(table.judges), len(table.entries), len(table.criteria)
    cube = np.full((judges, entries, criteria), NAN)
    cube[table.judge, table.entry, table.criterion] = table.score
    for c, name in enumerate(table.criteria):
        assert per[name] == pytest.approx(reference(cube[:, :, c]), abs=1e-9)
    assert overall == pytest.approx(reference(cube.reshape(judges, -1)), abs=1e-9)
    assert list(per) == list(table.criteria)


def test_alphas_criterion_without_pairs_is_none():
    rows = [("A", "E1", "x", 1), ("B", "E1", "x", 2), ("A", "E2", "x", 8), ("B", "E2", "x", 9)]
    rows += [("A", "E1", "y", 5), ("B", "E2", "y", 6)]
    table = ScoreTable.from_rows(rows)
    overall, per = alphas(table)
    assert per["y"] is None
    assert per["x"] == pytest.approx(reference(np.array([[1, 8], [2, 9.0]])), abs=1e-12)
    assert overall == pytest.approx(
        reference(np.array([[1, 8, 5, NAN], [2, 9, NAN, 6.0]])), abs=1e-12
    )
