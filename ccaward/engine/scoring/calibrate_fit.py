"""The calibrated model's fit (see `calibrate.py`): the judges' severities and
scales by damped Newton steps with the qualities eliminated, each judge's noise
variance re-estimated between the steps.

The qualities enter linearly given the judges, so each step first puts every
cell's quality at its best (a weighted mean) and then solves the judges' 2J x 2J
system left when the qualities are eliminated (their Schur complement, summed
over the pairs of scores that share a cell), with each connected part's sums of
severities and scales held (Lagrange multipliers) and a scale at its bound not
pushed lower. With the qualities eliminated the objective (weighted squares plus
the priors) bends down along some scales where the scores carry little quality
difference, so Newton's step is tried as it is and then with its diagonal
scaled up (`DAMPING`) until one is taken whole, and Gauss-Newton's (always
downhill, but it crawls when the scores are noisy) comes last; each is halved
until the objective falls. A judge at the lowest scale stays there unless
Gauss-Newton's model would raise their scale (Newton's may point up there only
because the objective bends down). Alternating least squares reaches the same
kind of point but crawls when panels form a chain of overlapping windows
(thousands of rounds); these steps take a few dozen, most of them for the noise
variances to settle.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

SEVERITY_PRIOR_SD = 0.2  # x the scale's width
SCALE_PRIOR_SD = 0.5
NOISE_PRIOR_SCORES = 20.0
NOISE_FLOOR = 1e-4  # x the scale's width
MIN_SCALE = 0.1
# Newton's step is tried with its diagonal scaled up by 1 + each of these in turn
DAMPING = (0.0, 0.01, 0.1, 1.0)


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
    if dof.sum() > 0:
        pooled = rss.sum() / dof.sum()
    else:  # no residual freedom (or no judge): the variances stay where they are
        pooled = float(fit.var.mean()) if len(fit.var) else 1.0
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
    """Every ordered pair of scores in the same cell (a score with itself included):
    what couples the judges once the qualities are eliminated. As many rows as the
    sum over cells of the judges per cell squared, 12 bytes each."""

    first: np.ndarray  # int32 score indices
    second: np.ndarray
    key: np.ndarray  # int32: first's judge x n_judges + second's judge


def pairs_in_cells(d: Design) -> Pairs:
    by_cell = np.argsort(d.cell, kind="stable")
    count = np.bincount(d.cell, minlength=d.n_cells)
    start = np.cumsum(count) - count
    k = count[d.cell[by_cell]]  # per score in cell order, how many share its cell
    first = np.repeat(np.arange(len(k)), k)
    second = start[d.cell[by_cell]][first] + np.arange(len(first)) - np.repeat(np.cumsum(k) - k, k)
    first, second = by_cell[first], by_cell[second]
    key = d.judge[first] * d.n_judges + d.judge[second]
    return Pairs(first.astype(np.int32), second.astype(np.int32), key.astype(np.int32))


def reduced_system(
    d: Design, fit: Fit, pairs: Pairs, *, newton: bool
) -> tuple[np.ndarray, np.ndarray]:
    """The system for a step of (severity, scale) of all judges with the qualities
    eliminated (their Schur complement): (matrix 2J x 2J, right side = minus half
    the gradient). newton: the exact second derivatives (a scale's cross term with
    a quality has the residual in it); else Gauss-Newton's, which never lead uphill."""
    n = d.n_judges
    x, _ = quality(d, fit)
    xs, b = x[d.cell], fit.scale[d.judge]
    w = 1.0 / fit.var[d.judge]
    resid = d.y - fit.severity[d.judge] - b * xs
    prior_a, prior_b = 1 / (SEVERITY_PRIOR_SD * d.width) ** 2, 1 / SCALE_PRIOR_SD**2
    den = np.bincount(d.cell, weights=w * b * b, minlength=d.n_cells)
    inv = np.zeros(d.n_cells)
    np.divide(1.0, den, out=inv, where=den > 0)
    with_a = w * b  # per score, its cross derivative severity x quality
    with_b = w * (b * xs - resid) if newton else with_a * xs  # scale x quality
    inv = inv[d.cell][pairs.first]
    left_a, left_b = with_a[pairs.first] * inv, with_b[pairs.first] * inv
    right_a, right_b = with_a[pairs.second], with_b[pairs.second]

    def block(weights: np.ndarray) -> np.ndarray:
        return -np.bincount(pairs.key, weights=weights, minlength=n * n).reshape(n, n)

    matrix = np.empty((2 * n, 2 * n))
    matrix[:n, :n] = block(left_a * right_a)
    matrix[:n, n:] = block(left_a * right_b)
    matrix[n:, :n] = matrix[:n, n:].T
    matrix[n:, n:] = block(left_b * right_b)
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


def direction(
    d: Design,
    fit: Fit,
    system: tuple[np.ndarray, np.ndarray],
    convex: Callable[[], np.ndarray],
    damping: float = 0.0,
) -> tuple[np.ndarray, float] | None:
    """The step for (severity, scale) that keeps each part's sums of severities and
    scales (its normalisation) and does not push a scale held at MIN_SCALE lower:
    the system (`reduced_system`, its diagonal scaled up by 1 + damping) with those
    as constraints (Lagrange multipliers), and the fall of the objective it
    promises. A judge at MIN_SCALE is held there unless Gauss-Newton's matrix
    (convex) would raise their scale: Newton's may point up where the objective
    bends down. None when the step does not lead downhill."""
    n = d.n_judges
    matrix, right = system
    if damping:
        matrix = matrix + damping * np.diag(np.abs(np.diag(matrix)))
    member = np.flatnonzero(d.part >= 0)
    rows = np.zeros((2 * d.n_parts, 2 * n))
    rows[d.part[member], member] = 1.0
    rows[d.n_parts + d.part[member], n + member] = 1.0
    at_bound = fit.scale <= MIN_SCALE * (1 + 1e-6)
    held = at_bound.copy()
    if held.any():
        held &= _constrained(convex(), right, rows, held)[1] <= 0
    while True:
        step, _ = _constrained(matrix, right, rows, held)
        push = at_bound & (step[n:] < 0) & ~held
        if not push.any():
            gain = float(np.dot(right, step))
            return (step, gain) if gain > 0 else None
        held |= push


def _constrained(
    matrix: np.ndarray, right: np.ndarray, rows: np.ndarray, held: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """The step solving the system with the rows' sums held and the held judges'
    scales fixed, and per judge the force on their scale's constraint (positive:
    the step would raise that scale if it were free; 0 for a judge not held)."""
    n = len(held)
    fixed = np.zeros((int(held.sum()), 2 * n))
    fixed[np.arange(len(fixed)), n + np.flatnonzero(held)] = 1.0
    c = np.vstack([rows, fixed])
    kkt = np.block([[matrix, c.T], [c, np.zeros((len(c), len(c)))]])
    solution = solve(kkt, np.concatenate([right, np.zeros(len(c))]))
    force = np.zeros(n)
    force[held] = solution[2 * n + len(rows) :]
    return solution[: 2 * n], force


def solve(matrix: np.ndarray, right: np.ndarray) -> np.ndarray:
    """matrix x = right by Gaussian elimination with partial pivoting, one row at
    a time. The system is small (two unknowns per judge); LAPACK's threads would
    cost more waking up on a busy machine than the solve (tens of milliseconds a
    call against about one). A zero pivot (a singular system) gives the
    least-squares solution."""
    a, b = matrix.astype(float), right.astype(float)
    n = len(b)
    for k in range(n):
        p = k + int(np.argmax(np.abs(a[k:, k])))
        if a[p, k] == 0:
            return np.linalg.lstsq(matrix, right, rcond=None)[0]
        if p != k:
            a[[k, p]], b[[k, p]] = a[[p, k]], b[[p, k]]
        factor = a[k + 1 :, k] / a[k, k]
        a[k + 1 :, k:] -= factor[:, None] * a[k, k:]
        b[k + 1 :] -= factor * b[k]
    x = np.zeros(n)
    for k in range(n - 1, -1, -1):
        x[k] = (b[k] - np.dot(a[k, k + 1 :], x[k + 1 :])) / a[k, k]
    return x


def step(d: Design, fit: Fit, pairs: Pairs) -> Fit | None:
    """One step of the judges' parameters (the qualities follow them exactly):
    Newton's, its diagonal scaled up by each of DAMPING in turn until a step is
    taken whole (where the objective bends down, undamped Newton leads uphill or
    far off; damped, it still takes the curvature it can), else Gauss-Newton's
    (always downhill, but it crawls when the scores are noisy). Each is halved
    until the objective falls and stopped where a scale reaches MIN_SCALE; the
    lowest of them is kept. None when none lowers the objective (the fit is at
    its optimum)."""
    before = objective(d, fit)
    newton = reduced_system(d, fit, pairs, newton=True)
    gauss: list[tuple[np.ndarray, np.ndarray]] = []

    def convex() -> np.ndarray:
        if not gauss:
            gauss.append(reduced_system(d, fit, pairs, newton=False))
        return gauss[0][0]

    best: tuple[Fit, float] | None = None
    for damping in (*DAMPING, None):
        system = newton if damping is not None else (convex(), gauss[0][1])
        found = direction(d, fit, system, convex, damping or 0.0)
        if found is None:
            continue
        if found[1] <= 1e-12 * abs(before):  # below rounding: nothing to search for
            return _moved(fit, found[0], _room(d, fit, found[0]))
        if (trial := _search(d, fit, found[0], before)) is None:
            continue
        if best is None or trial[1] < best[1]:
            best = trial[:2]
        if trial[2]:
            break
    return None if best is None else best[0]


def _room(d: Design, fit: Fit, found: np.ndarray) -> float:
    """The longest step (at most 1) that takes no scale below MIN_SCALE."""
    n = d.n_judges
    free = (found[n:] < 0) & (fit.scale > MIN_SCALE * (1 + 1e-6))
    room = (fit.scale[free] - MIN_SCALE) / -found[n:][free]
    return min(1.0, float(room.min())) if free.any() else 1.0


def _moved(fit: Fit, found: np.ndarray, length: float) -> Fit:
    n = len(fit.scale)
    scale = np.maximum(fit.scale + length * found[n:], MIN_SCALE)
    return Fit(fit.severity + length * found[:n], scale, fit.var)


def _search(
    d: Design, fit: Fit, found: np.ndarray, before: float
) -> tuple[Fit, float, bool] | None:
    """The step halved until the objective falls (at most 20 times): the fit, the
    objective there, and whether the step was taken whole."""
    length = _room(d, fit, found)
    for halved in range(20):
        trial = _moved(fit, found, length)
        if (value := objective(d, trial)) < before - 1e-12 * abs(before):
            return trial, value, halved == 0
        length /= 2
    return None
