"""Krippendorff's alpha for interval data, vectorised in O(n).

With the interval metric (v - w)^2 the coincidence matrix is not needed: the
observed disagreement of a unit u with m_u >= 2 pairable values is
2 m_u SS_u / (m_u - 1), SS_u the sum of squared deviations from the unit's mean,
and the expected disagreement over all n pairable values is 2 n SS / (n - 1), SS
about their overall mean. So

    alpha = 1 - (n - 1) * sum_u [m_u SS_u / (m_u - 1)] / (n SS)

from a few bincounts (Krippendorff, "Computing Krippendorff's Alpha-Reliability",
2011; the same value as the `krippendorff` package, checked in the tests). Units
with fewer than 2 values are not pairable and take no part. Deviations are taken
from the unit's and the group's mean (two passes), not from raw sums of squares,
so that scores far from zero lose no precision.
"""

from __future__ import annotations

import numpy as np

from ccaward.engine.scoring.table import ScoreTable


def _dense(unit: np.ndarray) -> tuple[np.ndarray, int]:
    """Units as indices 0..U-1 (as given when they are small non-negative ints)."""
    unit = np.asarray(unit)
    if (
        unit.size
        and unit.dtype.kind in "iu"
        and unit.min() >= 0
        and unit.max() < 4 * unit.size + 16
    ):
        return unit.astype(np.int64, copy=False), int(unit.max()) + 1
    uniques, inverse = np.unique(unit, return_inverse=True)
    return inverse.reshape(-1), len(uniques)


def grouped_alpha(unit, value, group, n_groups: int) -> list[float | None]:
    """Alpha of each group 0..n_groups-1 (all values of a unit are in one group;
    `unit` any labels, `group` ints). NaN values are missing. None where alpha is undefined:
    fewer than 2 pairable values, or no variation among them."""
    value = np.asarray(value, dtype=float)
    keep = ~np.isnan(value)
    unit, n_units = _dense(np.asarray(unit)[keep])
    value = value[keep]
    group = np.asarray(group, dtype=np.int64)[keep]
    m = np.bincount(unit, minlength=n_units)
    pairable = m[unit] >= 2
    unit, value, group = unit[pairable], value[pairable], group[pairable]
    unit_mean = np.bincount(unit, weights=value, minlength=n_units) / np.maximum(m, 1)
    ss_unit = np.bincount(unit, weights=(value - unit_mean[unit]) ** 2, minlength=n_units)
    # m_u SS_u / (m_u - 1) per unit, summed into the unit's group
    unit_group = np.zeros(n_units, dtype=np.int64)
    unit_group[unit] = group
    observed_u = np.where(m >= 2, m * ss_unit / np.maximum(m - 1, 1), 0.0)
    observed = np.bincount(unit_group, weights=observed_u, minlength=n_groups)
    n = np.bincount(group, minlength=n_groups)
    group_mean = np.bincount(group, weights=value, minlength=n_groups) / np.maximum(n, 1)
    ss = np.bincount(group, weights=(value - group_mean[group]) ** 2, minlength=n_groups)
    low = np.full(n_groups, np.inf)
    high = np.full(n_groups, -np.inf)
    np.minimum.at(low, group, value)
    np.maximum.at(high, group, value)
    defined = (n >= 2) & (high > low) & (ss > 0)
    alpha = 1 - (n - 1) * observed / np.where(defined, n * ss, 1.0)
    return [float(a) if ok else None for a, ok in zip(alpha, defined, strict=True)]


def interval_alpha(unit, value) -> float | None:
    """Krippendorff's alpha (interval) of values coded in units: `unit[i]` is the
    unit of `value[i]` (one value per coder and unit; NaN is missing). None when
    undefined (fewer than 2 pairable values, or no variation among them)."""
    value = np.asarray(value, dtype=float)
    return grouped_alpha(unit, value, np.zeros(len(value), dtype=np.int64), 1)[0]


def alphas(table: ScoreTable) -> tuple[float | None, dict[str, float | None]]:
    """(overall, {criterion: alpha}) on the table's raw scores, the judges as coders.
    Per criterion the units are the entries; overall the units are the (entry,
    criterion) cells, so the expected disagreement is pooled over all criteria."""
    cell = table.cell
    overall = interval_alpha(cell, table.score)
    per = grouped_alpha(cell, table.score, table.criterion, len(table.criteria))
    return overall, dict(zip(table.criteria, per, strict=True))
