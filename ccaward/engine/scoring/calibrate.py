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

Fitted by weighted alternating least squares: given the judges, each cell's
quality is the weighted mean of its adjusted scores (the weights below); given
the qualities, each judge's severity and scale are a ridge regression of the
judge's scores on the qualities of the cells they scored, and the noise variance
their residual variance. Light priors keep a judge with few scores stable:

- severity ~ N(0, (0.2 x scale width)^2): 2 points on 0-10, wider than any
  plausible offset, worth sigma_j^2 / tau^2 pseudo-scores (about 0.1 for a judge
  with noise SD 0.6): it matters only when the data cannot tell severity from
  quality (a judge who scored one entry);
- scale ~ N(1, 0.5^2): a judge who scored one entry, or entries of equal quality,
  cannot show a scale and keeps 1; against about n x var(quality) from the data;
- sigma_j^2: the judge's residual sum of squares with 4 pseudo-scores at the
  pooled residual variance, over the residual degrees of freedom (each score
  counts 1 - its share of its cell's weight), so a judge with a handful of
  scores neither gets nor loses much weight on luck; floored at 1e-4 x width.

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

from dataclasses import dataclass

import numpy as np

from ccaward.engine.scoring.components import components
from ccaward.engine.scoring.results import Combined, JudgeEffect
from ccaward.engine.scoring.table import ScoreTable

SEVERITY_PRIOR_SD = 0.2  # x the scale's width
SCALE_PRIOR_SD = 0.5
NOISE_PRIOR_SCORES = 4.0
NOISE_FLOOR = 1e-4  # x the scale's width
MIN_SCALE = 0.1


@dataclass
class _Design:
    """The table in label order: per score its judge, cell and centred score."""

    judge: np.ndarray
    cell: np.ndarray
    y: np.ndarray
    n_judges: int
    n_cells: int
    part: np.ndarray  # per judge, its connected part (-1: no score)
    n_parts: int
    width: float


@dataclass
class _Fit:
    severity: np.ndarray
    scale: np.ndarray
    var: np.ndarray


def _rank(labels: tuple[str, ...]) -> np.ndarray:
    rank = np.empty(len(labels), dtype=np.int64)
    rank[sorted(range(len(labels)), key=labels.__getitem__)] = np.arange(len(labels))
    return rank


def _quality(d: _Design, fit: _Fit) -> tuple[np.ndarray, np.ndarray]:
    """Each cell's centred quality given the judges (0 where unscored), and the
    per-score weights scale^2 / sigma^2 it is the weighted mean under."""
    b = fit.scale[d.judge]
    w = 1.0 / fit.var[d.judge]
    den = np.bincount(d.cell, weights=w * b * b, minlength=d.n_cells)
    num = np.bincount(d.cell, weights=w * b * (d.y - fit.severity[d.judge]), minlength=d.n_cells)
    x = np.zeros(d.n_cells)
    np.divide(num, den, out=x, where=den > 0)
    return x, w * b * b


def _normal_equations(d: _Design, xs: np.ndarray, var: np.ndarray):
    """Each judge's ridge normal equations [[a11, a12], [a12, a22]] (sev, scale) = (r1, r2)."""
    n = np.bincount(d.judge, minlength=d.n_judges).astype(float)
    ka = var / (SEVERITY_PRIOR_SD * d.width) ** 2
    kb = var / SCALE_PRIOR_SD**2
    a11 = n + ka
    a12 = np.bincount(d.judge, weights=xs, minlength=d.n_judges)
    a22 = np.bincount(d.judge, weights=xs * xs, minlength=d.n_judges) + kb
    r1 = np.bincount(d.judge, weights=d.y, minlength=d.n_judges)
    r2 = np.bincount(d.judge, weights=xs * d.y, minlength=d.n_judges) + kb
    return a11, a12, a22, r1, r2


def _judges(d: _Design, x: np.ndarray, fit: _Fit) -> _Fit:
    """Severity and scale per judge given the qualities (ridge regression, scale
    bounded), normalised per part; then each judge's noise variance."""
    xs = x[d.cell]
    a11, a12, a22, r1, r2 = _normal_equations(d, xs, fit.var)
    det = a11 * a22 - a12 * a12
    sev = (a22 * r1 - a12 * r2) / det
    scale = (a11 * r2 - a12 * r1) / det
    low = scale < MIN_SCALE
    scale[low] = MIN_SCALE
    sev[low] = (r1[low] - MIN_SCALE * a12[low]) / a11[low]
    resid = d.y - sev[d.judge] - scale[d.judge] * xs
    _, weight = _quality(d, _Fit(sev, scale, fit.var))
    share = weight / np.bincount(d.cell, weights=weight, minlength=d.n_cells)[d.cell]
    rss = np.bincount(d.judge, weights=resid * resid, minlength=d.n_judges)
    dof = np.bincount(d.judge, weights=1.0 - share, minlength=d.n_judges)
    pooled = rss.sum() / dof.sum() if dof.sum() > 0 else fit.var.mean()
    var = (rss + NOISE_PRIOR_SCORES * pooled) / (dof + NOISE_PRIOR_SCORES)
    var = np.maximum(var, (NOISE_FLOOR * d.width) ** 2)
    return _normalise(d, _Fit(sev, scale, var))


def _normalise(d: _Design, fit: _Fit) -> _Fit:
    """Per part: mean severity 0 and mean scale 1 (the same model, reparametrised:
    quality' = mean severity + mean scale x quality, centred)."""
    member = d.part >= 0
    count = np.maximum(np.bincount(d.part[member], minlength=d.n_parts), 1)
    mean_sev = np.bincount(d.part[member], weights=fit.severity[member], minlength=d.n_parts)
    mean_scale = np.bincount(d.part[member], weights=fit.scale[member], minlength=d.n_parts)
    mean_sev, mean_scale = mean_sev / count, mean_scale / count
    sev, scale = fit.severity.copy(), fit.scale.copy()
    p = d.part[member]
    sev[member] = sev[member] - scale[member] * mean_sev[p] / mean_scale[p]
    scale[member] = scale[member] / mean_scale[p]
    return _Fit(sev, scale, fit.var)


def _design(table: ScoreTable, part: np.ndarray, n_parts: int, centre: float):
    """The table's scores in label order (and that order) in canonical indices."""
    jr, er, cr = _rank(table.judges), _rank(table.entries), _rank(table.criteria)
    judge, entry, crit = jr[table.judge], er[table.entry], cr[table.criterion]
    order = np.lexsort((crit, entry, judge))
    canon_part = np.empty_like(part)
    canon_part[jr] = part
    d = _Design(
        judge=judge[order],
        cell=(entry * len(table.criteria) + crit)[order],
        y=table.score[order] - centre,
        n_judges=len(table.judges),
        n_cells=len(table.entries) * len(table.criteria),
        part=canon_part,
        n_parts=n_parts,
        width=table.scale.width,
    )
    return d, order, jr, er, cr


def calibrate(table: ScoreTable, *, max_iter: int = 5000, tol: float = 1e-10) -> Combined:
    """The table combined by the calibrated model (see the module). Iterates until
    no severity, scale or quality moves by more than tol x the scale's width, or
    max_iter rounds. JudgeEffect: severity and scale with their standard errors
    from the judge's ridge regression given the qualities (the qualities' own
    uncertainty is not in them), n, residual_sd = sigma_j, and the judge's part."""
    parts, part = components(table)
    centre = float(np.sort(table.score).mean()) if len(table) else 0.0
    d, order, jr, er, cr = _design(table, part, len(parts), centre)
    start = float(np.var(d.y)) if len(table) else 1.0
    fit = _Fit(np.zeros(d.n_judges), np.ones(d.n_judges), np.full(d.n_judges, max(start, 1e-12)))
    fit = _Fit(fit.severity, fit.scale, np.maximum(fit.var, (NOISE_FLOOR * d.width) ** 2))
    iterations = 0
    for iterations in range(1, max_iter + 1):  # noqa: B007 (recorded)
        new = _judges(d, _quality(d, fit)[0], fit)
        size = float(np.max(np.abs(_state(d, new) - _state(d, fit)), initial=0))
        fit = new
        if size <= tol:
            break
    return _result(table, d, fit, parts, (order, jr, er, cr), centre, iterations)


def _state(d: _Design, fit: _Fit) -> np.ndarray:
    """The judges' parameters as one vector of comparable units."""
    return np.concatenate([fit.severity / d.width, fit.scale, 0.5 * np.log(fit.var)])


def _result(table, d, fit, parts, maps, centre, iterations) -> Combined:
    order, jr, er, cr = maps
    x, weight = _quality(d, fit)
    sev, scale = fit.severity[d.judge], fit.scale[d.judge]
    xs = x[d.cell]
    adjusted = np.empty(len(table))
    adjusted[order] = centre + (d.y - sev) / scale
    expected = np.empty(len(table))
    expected[order] = centre + sev + scale * xs
    w = np.empty(len(table))
    w[order] = weight / weight.mean() if len(weight) else weight
    counts = np.bincount(d.cell, minlength=d.n_cells)
    values = np.where(counts > 0, centre + x, np.nan)
    n_criteria = len(table.criteria)
    canon = (er[:, None] * n_criteria + cr[None, :]).ravel()
    a11, a12, a22, _, _ = _normal_equations(d, xs, fit.var)
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
