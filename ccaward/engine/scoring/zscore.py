"""Per-judge z-scores: each judge's scores standardised by the judge's own mean and
spread, mapped back to the scale by the pooled mean and spread of all scores.

adjusted = pooled_mean + pooled_sd x (score - judge_mean) / judge_sd

(population SDs); a judge whose scores never vary (or who gave one score) maps to
the pooled mean. Each cell is the plain mean of its adjusted scores. It is the
usual correction of award platforms and it assumes every judge saw a pool of the
same quality: a judge given the strongest entries looks lenient and is pulled
down (`calibrate.py` does not assume it).
"""

from __future__ import annotations

import numpy as np

from ccaward.engine.scoring.components import components
from ccaward.engine.scoring.results import Combined, JudgeEffect
from ccaward.engine.scoring.table import ScoreTable


def judge_moments(table: ScoreTable) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per judge: (n, mean, population SD) of their scores (mean and SD 0 without scores)."""
    n_judges = len(table.judges)
    n = np.bincount(table.judge, minlength=n_judges)
    safe = np.maximum(n, 1)
    mean = np.bincount(table.judge, weights=table.score, minlength=n_judges) / safe
    dev = table.score - mean[table.judge]
    sd = np.sqrt(np.bincount(table.judge, weights=dev * dev, minlength=n_judges) / safe)
    return n, mean, sd


def cell_mean(
    cell: np.ndarray, n_cells: int, value: np.ndarray, weight: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """(weighted mean per cell, NaN where none; count per cell)."""
    counts = np.bincount(cell, minlength=n_cells)
    wsum = np.bincount(cell, weights=weight, minlength=n_cells)
    total = np.bincount(cell, weights=weight * value, minlength=n_cells)
    values = np.full(n_cells, np.nan)
    has = wsum > 0
    values[has] = total[has] / wsum[has]
    return values, counts


def zscore(table: ScoreTable) -> Combined:
    """The table combined by per-judge z-scores (see the module). JudgeEffect per
    judge: severity = judge mean - pooled mean, scale = judge SD / pooled SD, with
    the standard errors of a mean (s/sqrt(n)) and of an SD (s/sqrt(2(n-1))), both
    on the sample SD s and the second divided by the pooled SD; None below 2 scores.
    `expected[i]` is what the judge would give the cell's combined value."""
    n_entries, n_criteria = len(table.entries), len(table.criteria)
    n, mean, sd = judge_moments(table)
    score = table.score
    pooled_mean = float(score.mean()) if len(score) else 0.0
    pooled_sd = float(score.std()) if len(score) else 0.0
    varies = sd > 1e-12 * max(table.scale.width, 1.0)
    ratio = np.zeros_like(sd)
    if pooled_sd > 0:
        ratio[varies] = pooled_sd / sd[varies]
    judge = table.judge
    adjusted = pooled_mean + ratio[judge] * (score - mean[judge])
    weight = np.ones(len(score))
    cell = table.cell
    values, counts = cell_mean(cell, n_entries * n_criteria, adjusted, weight)
    back = np.zeros_like(sd)  # what the judge gives per unit of combined score
    if pooled_sd > 0:
        back = sd / pooled_sd
    expected = mean[judge] + back[judge] * (values[cell] - pooled_mean)
    resid = score - expected
    rss = np.bincount(judge, weights=resid * resid, minlength=len(n))
    parts, judge_component = components(table)
    effects = tuple(
        _effect(table.judges[j], int(n[j]), mean[j] - pooled_mean, sd[j], pooled_sd, rss[j])
        | {"component": int(judge_component[j])}
        for j in range(len(table.judges))
    )
    return Combined(
        method="zscore",
        rule="mean",
        values=values.reshape(n_entries, n_criteria),
        counts=counts.reshape(n_entries, n_criteria),
        adjusted=adjusted,
        weight=weight,
        judges=tuple(JudgeEffect(**e) for e in effects),
        components=parts,
        expected=expected,
    )


def _effect(label: str, n: int, severity: float, sd: float, pooled_sd: float, rss: float) -> dict:
    sample_sd = sd * np.sqrt(n / (n - 1)) if n > 1 else None
    return {
        "judge": label,
        "severity": float(severity),
        "scale": float(sd / pooled_sd) if pooled_sd > 0 else 1.0,
        "severity_se": float(sample_sd / np.sqrt(n)) if sample_sd is not None else None,
        "scale_se": (
            float(sample_sd / np.sqrt(2 * (n - 1)) / pooled_sd)
            if sample_sd is not None and pooled_sd > 0
            else None
        ),
        "n": n,
        "residual_sd": float(np.sqrt(rss / n)) if n > 0 else None,
    }
