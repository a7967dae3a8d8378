"""The calibrated model's fit (see `calibrate.py`): the judges' severities and
scales by damped Gauss-Newton steps with the qualities eliminated, each judge's
noise variance between the steps.

The qualities enter linearly given the judges, so each step first puts every
cell's quality at its best (a weighted mean) and then solves the judges' 2J x 2J
system left when the qualities are eliminated (their Schur complement, summed
over the pairs of scores that share a cell), with each connected part's sums of
severities and scales held (Lagrange multipliers) and a scale at its bound not
pushed lower. The step is halved until the objective (weighted squares plus the
priors) does not rise. Alternating least squares reaches the same point but
crawls when panels form a chain of overlapping windows (thousands of rounds);
these steps take a few dozen.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

SEVERITY_PRIOR_SD = 0.2  # x the scale's width
SCALE_PRIOR_SD = 0.5
NOISE_PRIOR_SCORES = 4.0
NOISE_FLOOR = 1e-4  # x the scale's width
MIN_SCALE = 0.1


@dataclass
class Design:
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
class Fit:
    severity: np.ndarray
    scale: np.ndarray
    var: np.ndarray


def quality(d: Design, fit: Fit) -> tuple[np.ndarray, np.ndarray]:
    """Each cell's centred quality given the judges (0 where unscored), and the
    per-score weights scale^2 / sigma^2 it is the weighted mean under."""
    b = fit.scale[d.judge]
    w = 1.0 / fit.var[d.judge]
    den = np.bincount(d.cell, weights=w * b * b, minlength=d.n_cells)
    num = np.bincount(d.cell, weights=w * b * (d.y - fit.severity[d.judge]), minlength=d.n_cells)
    x = np.zeros(d.n_cells)
    np.divide(num, den, out=x, where=den > 0)
    return x, w * b * b


def judge_information(d: Design, xs: np.ndarray, var: np.ndarray):
    """Each judge's ridge regression of their scores on the qualities xs, its
    normal matrix [[a11, a12], [a12, a22]] for (severity, scale) in units of
    sigma_j^2 (so sigma_j^2 x its inverse is their covariance given the qualities)."""
    n = np.bincount(d.judge, minlength=d.n_judges).astype(float)
    a11 = n + var / (SEVERITY_PRIOR_SD * d.width) ** 2
    a12 = np.bincount(d.judge, weights=xs, minlength=d.n_judges)
    a22 = np.bincount(d.judge, weights=xs * xs, minlength=d.n_judges) + var / SCALE_PRIOR_SD**2
    return a11, a12, a22


def noise(d: Design, fit: Fit) -> Fit:
    """Each judge's noise variance given the fit: residual sum of squares with
    NOISE_PRIOR_SCORES pseudo-scores at the pooled variance, over the residual
    degrees of freedom (each score counts 1 - its share of its cell's weight)."""
    x, weight = quality(d, fit)
    resid = d.y - fit.severity[d.judge] - fit.scale[d.judge] * x[d.cell]
    share = weight / np.bincount(d.cell, weights=weight, minlength=d.n_cells)[d.cell]
    rss = np.bincount(d.judge, weights=resid * resid, minlength=d.n_judges)
    dof = np.bincount(d.judge, weights=1.0 - share, minlength=d.n_judges)
    pooled = rss.sum() / dof.sum() if dof.sum() > 0 else fit.var.mean()
    var = (rss + NOISE_PRIOR_SCORES * pooled) / (dof + NOISE_PRIOR_SCORES)
    return Fit(fit.severity, fit.scale, np.maximum(var, (NOISE_FLOOR * d.width) ** 2))


def objective(d: Design, fit: Fit) -> float:
    """The weighted sum of squares with the qualities at their best given the judges,
    plus the priors (the noise variances held)."""
    x, _ = quality(d, fit)
    resid = d.y - fit.severity[d.judge] - fit.scale[d.judge] * x[d.cell]
    prior = (fit.severity / (SEVERITY_PRIOR_SD * d.width)) ** 2 + (
        (fit.scale - 1) / SCALE_PRIOR_SD
    ) ** 2
    return float(np.sum(resid * resid / fit.var[d.judge]) + prior.sum())


def normalise(d: Design, fit: Fit) -> Fit:
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
    return Fit(sev, scale, fit.var)


@dataclass(frozen=True)
class Pairs:
    """Every ordered pair of judges who scored the same cell (a judge with itself
    included), one row per pair and cell: what couples the judges once the
    qualities are eliminated. sum over cells of judges per cell squared rows,
    8 bytes each."""

    key: np.ndarray  # int32: first judge x n_judges + second judge
    cell: np.ndarray  # int32


def pairs_in_cells(d: Design) -> Pairs:
    by_cell = np.argsort(d.cell, kind="stable")
    count = np.bincount(d.cell, minlength=d.n_cells)
    start = np.cumsum(count) - count
    k = count[d.cell[by_cell]]  # per score in cell order, how many share its cell
    first = np.repeat(np.arange(len(k)), k)
    second = start[d.cell[by_cell]][first] + np.arange(len(first)) - np.repeat(np.cumsum(k) - k, k)
    judge = d.judge[by_cell]
    return Pairs(
        key=(judge[first] * d.n_judges + judge[second]).astype(np.int32),
        cell=d.cell[by_cell][first].astype(np.int32),
    )


def reduced_system(d: Design, fit: Fit, pairs: Pairs) -> tuple[np.ndarray, np.ndarray]:
    """The Gauss-Newton system for (severity, scale) of all judges with the
    qualities eliminated (their Schur complement): (matrix 2J x 2J, right side)."""
    n = d.n_judges
    x, _ = quality(d, fit)
    xs, b = x[d.cell], fit.scale[d.judge]
    w = 1.0 / fit.var[d.judge]
    resid = d.y - fit.severity[d.judge] - b * xs
    prior_a, prior_b = 1 / (SEVERITY_PRIOR_SD * d.width) ** 2, 1 / SCALE_PRIOR_SD**2
    den = np.bincount(d.cell, weights=w * b * b, minlength=d.n_cells)
    inv = np.zeros(d.n_cells)
    np.divide(1.0, den, out=inv, where=den > 0)
    u = fit.scale / fit.var  # per judge: d2/d(severity)d(quality) of each of their scores
    outer = np.outer(u, u)

    def block(power: int) -> np.ndarray:
        per_cell = inv * x**power
        sums = np.bincount(pairs.key, weights=per_cell[pairs.cell], minlength=n * n)
        return -sums.reshape(n, n) * outer

    matrix = np.empty((2 * n, 2 * n))
    matrix[:n, :n] = block(0)
    matrix[:n, n:] = block(1)
    matrix[n:, :n] = matrix[:n, n:].T
    matrix[n:, n:] = block(2)
    diag = np.arange(n)
    matrix[diag, diag] += np.bincount(d.judge, weights=w, minlength=n) + prior_a
    matrix[diag, n + diag] += np.bincount(d.judge, weights=w * xs, minlength=n)
    matrix[n + diag, diag] = matrix[diag, n + diag]
    matrix[n + diag, n + diag] += np.bincount(d.judge, weights=w * xs * xs, minlength=n) + prior_b
    right = np.concatenate(
        [
            np.bincount(d.judge, weights=w * resid, minlength=n) - prior_a * fit.severity,
            np.bincount(d.judge, weights=w * resid * xs, minlength=n) - prior_b * (fit.scale - 1),
        ]
    )
    return matrix, right


def direction(d: Design, fit: Fit, pairs: Pairs) -> np.ndarray:
    """The Gauss-Newton step for (severity, scale) that keeps each part's sums of
    severities and scales (its normalisation) and does not push a scale held at
    MIN_SCALE lower: the system with those as constraints (Lagrange multipliers)."""
    n = d.n_judges
    matrix, right = reduced_system(d, fit, pairs)
    member = np.flatnonzero(d.part >= 0)
    rows = np.zeros((2 * d.n_parts, 2 * n))
    rows[d.part[member], member] = 1.0
    rows[d.n_parts + d.part[member], n + member] = 1.0
    held = np.zeros(n, dtype=bool)
    while True:
        fixed = np.zeros((int(held.sum()), 2 * n))
        fixed[np.arange(len(fixed)), n + np.flatnonzero(held)] = 1.0
        c = np.vstack([rows, fixed])
        kkt = np.block([[matrix, c.T], [c, np.zeros((len(c), len(c)))]])
        rhs = np.concatenate([right, np.zeros(len(c))])
        step = solve(kkt, rhs)[: 2 * n]
        push = (fit.scale <= MIN_SCALE * (1 + 1e-9)) & (step[n:] < 0) & ~held
        if not push.any():
            return step
        held |= push


def solve(matrix: np.ndarray, right: np.ndarray) -> np.ndarray:
    try:
        return np.linalg.solve(matrix, right)
    except np.linalg.LinAlgError:  # a singular system: the least-squares solution
        return np.linalg.lstsq(matrix, right, rcond=None)[0]


def gauss_newton_step(d: Design, fit: Fit, pairs: Pairs) -> Fit:
    """One damped Gauss-Newton step of the judges' parameters (the qualities follow
    them exactly), halved until the objective does not rise; scales stay at or
    above MIN_SCALE."""
    n = d.n_judges
    step = direction(d, fit, pairs)
    down = step[n:] < 0
    room = (fit.scale[down] - MIN_SCALE) / -step[n:][down]
    length = min(1.0, float(room.min())) if down.any() else 1.0
    before = objective(d, fit)
    for _ in range(30):
        trial = Fit(
            fit.severity + length * step[:n],
            np.maximum(fit.scale + length * step[n:], MIN_SCALE),
            fit.var,
        )
        if objective(d, trial) <= before * (1 + 1e-12):
            return trial
        length /= 2
    return fit
