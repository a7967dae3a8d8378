"""The judges' scores of each (entry, criterion) cell combined by a method.

`aggregate` combines per cell by a rule, vectorised (one sort, no loop over
cells): "mean" is the weighted mean; "median" the middle score (the mean of the
two middle ones for an even count); "trimmed" drops the highest and the lowest
score when at least TRIM_MIN_JUDGES judges scored the cell (去掉一个最高分和一个
最低分), else it is the mean. `combine` applies a season's method to a table:
mean, trimmed and median combine the raw scores; zscore and calibrated first
adjust each score for its judge (zscore.py, calibrate.py) and then take the
weighted mean. The bootstrap repeats `aggregate` on resampled judges.
"""

from __future__ import annotations

import numpy as np

from ccaward.engine.scoring.calibrate import calibrate
from ccaward.engine.scoring.results import Combined
from ccaward.engine.scoring.table import METHODS, TRIM_MIN_JUDGES, ScoreTable
from ccaward.engine.scoring.zscore import zscore

RULES = ("mean", "trimmed", "median")


def aggregate(
    cell: np.ndarray, n_cells: int, adjusted: np.ndarray, weight: np.ndarray, rule: str
) -> tuple[np.ndarray, np.ndarray]:
    """(values, counts) per cell 0..n_cells-1: the cell's scores combined by `rule`
    (NaN where the cell has none) and how many scores it has. `weight` counts for
    the mean only; trimmed and median take each score once."""
    if rule not in RULES:
        raise ValueError(f"rule {rule!r}: expected one of {', '.join(RULES)}")
    cell = np.asarray(cell, dtype=np.int64)
    adjusted = np.asarray(adjusted, dtype=float)
    counts = np.bincount(cell, minlength=n_cells)
    values = np.full(n_cells, np.nan)
    if rule == "mean":
        w = np.asarray(weight, dtype=float)
        wsum = np.bincount(cell, weights=w, minlength=n_cells)
        total = np.bincount(cell, weights=w * adjusted, minlength=n_cells)
        has = wsum > 0
        values[has] = total[has] / wsum[has]
        return values, counts
    order = np.lexsort((adjusted, cell))
    ordered = adjusted[order]
    start = np.concatenate(([0], np.cumsum(counts)[:-1]))
    has = counts > 0
    if rule == "median":
        lo = ordered[(start + (counts - 1) // 2)[has]]
        hi = ordered[(start + counts // 2)[has]]
        values[has] = (lo + hi) / 2
        return values, counts
    total = np.bincount(cell, weights=adjusted, minlength=n_cells)
    values[has] = total[has] / counts[has]
    trim = counts >= TRIM_MIN_JUDGES
    low = ordered[start[trim]]
    high = ordered[(start + counts - 1)[trim]]
    values[trim] = (total[trim] - low - high) / (counts[trim] - 2)
    return values, counts


def trim_fallback(counts: np.ndarray) -> int:
    """Cells that trimmed had to average: scored, but by fewer than TRIM_MIN_JUDGES."""
    return int(np.count_nonzero((counts > 0) & (counts < TRIM_MIN_JUDGES)))


def plain(table: ScoreTable, method: str) -> Combined:
    """mean, trimmed or median of the raw scores."""
    n_cells = len(table.entries) * len(table.criteria)
    ones = np.ones(len(table))
    values, counts = aggregate(table.cell, n_cells, table.score, ones, method)
    shape = (len(table.entries), len(table.criteria))
    return Combined(
        method=method,
        rule=method,
        values=values.reshape(shape),
        counts=counts.reshape(shape),
        adjusted=table.score.copy(),
        weight=ones,
        trim_fallback=trim_fallback(counts) if method == "trimmed" else 0,
    )


def combine(table: ScoreTable, method: str = "calibrated") -> Combined:
    """The table's scores combined per cell by `method` (one of METHODS)."""
    if method not in METHODS:
        raise ValueError(f"method {method!r}: expected one of {', '.join(METHODS)}")
    if method in RULES:
        return plain(table, method)
    return zscore(table) if method == "zscore" else calibrate(table)
