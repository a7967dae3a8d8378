"""Calibrated scores: each entry's quality estimated jointly with each judge's
severity (offset) and scale (spread) over the connected design.

The model, with m the mean of all the table's scores:

    score[j, e, c] = m + severity_j + scale_j x (quality[e, c] - m) + noise,
    noise ~ N(0, sigma_j^2)

so severity is the judge's offset at a typical score (negative: harsh) and scale
how much of the quality differences the judge passes on (below 1 compresses,
above 1 stretches). Written about m rather than about 0, severity means the same
for a judge who compresses and one who does not, and its prior "towards 0" is a
prior on the offset where the scores are.

Fitted as the most probable values under the priors below: given the judges,
each cell's quality is the weighted mean of its adjusted scores (the weights
below), so the qualities are eliminated and the judges' severities and scales
found by damped Newton steps (`calibrate_fit.py`), each judge's noise variance
re-estimated between the steps. Where the rounds close in geometrically (each
moving the same way as the one before, by a shorter step: as the variances
settle, or as judges sink one by one to the lowest scale on scores with little
quality difference), the path jumps to that series' limit and goes on from
there; the fit ends only after a plain round that moves nothing, so it is a
fixed point of the rounds either way. Light priors keep a judge with few scores
stable:

- severity ~ N(0, (0.2 x scale width)^2): 2 points on 0-10, wider than any
  plausible offset, worth sigma_j^2 / tau^2 pseudo-scores (about 0.1 for a judge
  with noise SD 0.6): it matters only when the data cannot tell severity from
  quality (a judge who scored one entry);
- scale ~ N(1, 0.5^2): a judge who scored one entry, or entries of equal quality,
  cannot show a scale and keeps 1; against about n x var(quality) from the data;
- sigma_j^2: the judge's residual sum of squares with 20 pseudo-scores at the
  pooled residual variance, over the residual degrees of freedom (each score
  counts 1 - its share of its cell's weight). A judge's residuals are partly
  of their own making (their scores pull the qualities they are compared with),
  so a judge who earns weight earns agreement and more weight; the shrinkage
  damps that loop (a judge with 100 scores keeps about 5/6 of their own
  estimate) and keeps one with a handful of scores from gaining or losing much
  weight on luck. Floored at 1e-4 x width.

Scale is bounded below at 0.1 (a judge who reverses the order is not
inverted). The model is identified per connected part (`components.py`): in
each part the judges' mean severity is 0 and mean scale 1, so quality is on
the table's scale as the part's average judge would score. Across parts the
qualities are comparable only if the parts' average judges are alike.

Per score: adjusted = m + (score - m - severity_j) / scale_j and weight
proportional to scale_j^2 / sigma_j^2, so the weighted mean of a cell's adjusted
scores is its quality (what the bootstrap resamples); expected = m + severity_j
+ scale_j x (quality - m). The rows are put in the order of their labels first,
so the same rows in any order give the same numbers.
"""

from __future__ import annotations

import numpy as np

from ccaward.engine.scoring.calibrate_fit import (
    MIN_SCALE,
    NOISE_FLOOR,
    Design,
    Fit,
    judge_information,
    noise,
    normalise,
    pairs_in_cells,
    quality,
    step,
)
from ccaward.engine.scoring.components import components
from ccaward.engine.scoring.results import Combined, JudgeEffect
from ccaward.engine.scoring.table import ScoreTable

# a round's move pointing the way of the one before (cosine above ALIGNED) and
# shorter by RATIO or more is carried on to its geometric series' limit
ALIGNED = 0.99
RATIO = 0.9


def centre(table: ScoreTable) -> float:
    """m, the point severities are taken at: the mean of all the table's scores
    (summed in sorted order, so the rows' order does not change it)."""
    return float(np.sort(table.score).mean()) if len(table) else 0.0


def _rank(labels: tuple[str, ...]) -> np.ndarray:
    rank = np.empty(len(labels), dtype=np.int64)
    rank[sorted(range(len(labels)), key=labels.__getitem__)] = np.arange(len(labels))
    return rank


def _design(table: ScoreTable, part: np.ndarray, n_parts: int, m: float):
    """The table's scores in label order (and that order) in canonical indices."""
    jr, er, cr = _rank(table.judges), _rank(table.entries), _rank(table.criteria)
    judge, entry, crit = jr[table.judge], er[table.entry], cr[table.criterion]
    order = np.lexsort((crit, entry, judge))
    canon_part = np.empty_like(part)
    canon_part[jr] = part
    d = Design(
        judge=judge[order],
        cell=(entry * len(table.criteria) + crit)[order],
        y=table.score[order] - m,
        n_judges=len(table.judges),
        n_cells=len(table.entries) * len(table.criteria),
        part=canon_part,
        n_parts=n_parts,
        width=table.scale.width,
    )
    return d, order, jr, er, cr


def calibrate(table: ScoreTable, *, max_iter: int = 200, tol: float = 1e-9) -> Combined:
    """The table combined by the calibrated model (see the module). Iterates until
    no judge's severity (in scale widths), scale or log noise SD moves by more
    than tol in a step, or max_iter steps (`iterations` says how many, the jumps
    not counted). JudgeEffect: severity and scale with their standard errors
    from the judge's ridge regression given the qualities (the qualities' own
    uncertainty is not in them), n, residual_sd = sigma_j, and the judge's part."""
    parts, part = components(table)
    m = centre(table)
    d, order, jr, er, cr = _design(table, part, len(parts), m)
    start = float(np.var(d.y)) if len(table) else 1.0
    fit = Fit(np.zeros(d.n_judges), np.ones(d.n_judges), np.full(d.n_judges, max(start, 1e-12)))
    fit = Fit(fit.severity, fit.scale, np.maximum(fit.var, (NOISE_FLOOR * d.width) ** 2))
    pairs = pairs_in_cells(d)
    fit, iterations = _converge(d, fit, pairs, max_iter, tol)
    return _result(table, d, fit, parts, (order, jr, er, cr), m, iterations)


def _round(d: Design, fit: Fit, pairs) -> Fit:
    """One round: a step of the severities and scales, then the noise variances."""
    moved = step(d, fit, pairs)
    return normalise(d, noise(d, fit if moved is None else moved))


def _converge(d: Design, fit: Fit, pairs, max_iter: int, tol: float) -> tuple[Fit, int]:
    """Rounds until one moves no parameter by more than tol (or max_iter rounds).
    Where two rounds in a row move the same way, the second by a shorter step
    (closing in geometrically), the path jumps to that geometric series' limit."""
    z = _state(d, fit)
    last = None
    iterations = 0
    for iterations in range(1, max_iter + 1):  # noqa: B007 (recorded)
        new = _round(d, fit, pairs)
        g = _state(d, new)
        f = g - z
        if float(np.max(np.abs(f), initial=0)) <= tol:
            return new, iterations
        fit, z = new, g
        if last is not None:
            ratio = float(np.linalg.norm(f) / np.linalg.norm(last))
            cos = float(np.dot(f, last)) / (np.linalg.norm(f) * np.linalg.norm(last))
            if cos > ALIGNED and ratio < RATIO:
                fit = _from_state(d, g + f * ratio / (1 - ratio))
                z, f = _state(d, fit), None
        last = f
    return new, iterations


def _state(d: Design, fit: Fit) -> np.ndarray:
    """The judges' parameters as one vector of comparable units."""
    return np.concatenate([fit.severity / d.width, fit.scale, 0.5 * np.log(fit.var)])


def _from_state(d: Design, z: np.ndarray) -> Fit:
    n = d.n_judges
    scale = np.maximum(z[n : 2 * n], MIN_SCALE)
    var = np.maximum(np.exp(2 * z[2 * n :]), (NOISE_FLOOR * d.width) ** 2)
    return normalise(d, Fit(z[:n] * d.width, scale, var))


def _result(table, d, fit, parts, maps, m, iterations) -> Combined:
    order, jr, er, cr = maps
    x, weight = quality(d, fit)
    sev, scale = fit.severity[d.judge], fit.scale[d.judge]
    xs = x[d.cell]
    adjusted = np.empty(len(table))
    adjusted[order] = m + (d.y - sev) / scale
    expected = np.empty(len(table))
    expected[order] = m + sev + scale * xs
    w = np.empty(len(table))
    w[order] = weight / weight.mean() if len(weight) else weight
    counts = np.bincount(d.cell, minlength=d.n_cells)
    values = np.where(counts > 0, m + x, np.nan)
    n_criteria = len(table.criteria)
    canon = (er[:, None] * n_criteria + cr[None, :]).ravel()
    a11, a12, a22 = judge_information(d, xs, fit.var)
    det = a11 * a22 - a12 * a12
    sev_se, scale_se = np.sqrt(fit.var * a22 / det), np.sqrt(fit.var * a11 / det)
    n = np.bincount(d.judge, minlength=d.n_judges)
    judges = tuple(
        JudgeEffect(
            judge=label,
            severity=float(fit.severity[k]),
            scale=float(fit.scale[k]),
            severity_se=float(sev_se[k]) if n[k] else None,
            scale_se=float(scale_se[k]) if n[k] else None,
            n=int(n[k]),
            residual_sd=float(np.sqrt(fit.var[k])) if n[k] else None,
            component=int(d.part[k]),
        )
        for label, k in zip(table.judges, jr, strict=True)
    )
    shape = (len(table.entries), n_criteria)
    return Combined(
        method="calibrated",
        rule="mean",
        values=values[canon].reshape(shape),
        counts=counts[canon].reshape(shape),
        adjusted=adjusted,
        weight=w,
        judges=judges,
        components=parts,
        expected=expected,
        iterations=iterations,
    )
