"""How far the judges' scores can be trusted: Krippendorff's alpha, outlier
scores and entries on which the judges disagree widely. No Django.

Outliers. A score's residual is its distance from what is expected of it. With a
model (calibrated, zscore) that is `Combined.expected`, scaled by the judge's own
residual SD (`JudgeEffect.residual_sd`; the pooled one where the judge has none),
so that a judge who is usually close to the model stands out at a smaller distance
than an erratic one. Without one (mean, trimmed, median) the expected score shown
is the cell's combined value, and z is the score's distance from the mean of the
cell's other judges in units of its SD: (score - cell mean) / (sigma *
sqrt((m - 1) / m)), sigma the pooled within-cell SD of the season, m the cell's
judges; the same z whichever rule combines the cells. (The distance from the
median scaled by those distances' own root mean square would not do: the median
stays with the majority, so a cell's extreme score lies further from it than
normal noise puts it, and 0.2-0.7% of the scores of clean simulated seasons
passed 3.5, against 0.05%.) The calibrated model's residual SD is its noise SD
sigma_j, a little above the SD of a residual (the cell's quality is fitted), so
its z errs on the side of fewer flags.
Only cells scored by at least two judges count: a lone score is its own cell's
value. A score is an outlier when |z| > 3.5 (OUTLIER_Z), the cut-off Iglewicz and
Hoaglin recommend for labelling outliers: for normal noise 1 score in 2,000 passes
it by chance (about 70 of a season's 150,000 scores, the end of a list sorted by
|z|), while a score 3.5 SDs from the other judges is one a panel should look at.
The list is sorted by |z|, largest first.

Disagreements. An entry's spread is the pooled within-cell standard deviation of
its judges' adjusted scores (so a harsh judge's known offset is not taken for a
disagreement once calibrated): sqrt(sum over its cells of the squared deviations
from the cell's mean / sum of (judges in the cell - 1)), the denominator its
degrees of freedom d. It is compared with the median spread of the season's
entries. An entry is flagged when its ratio exceeds 2 (DISAGREEMENT_RATIO) and
also what chance gives 1 entry in 1,000 with its d. Why 2: with equal noise
everywhere an entry's s^2 / sigma^2 is chi^2_d / d, so the ratio exceeds 2 by chance
with probability 5e-5 at d = 10 (3 judges, 5 criteria) and never in practice at
d = 120 (5 judges, 30 criteria); 1.5 would flag 2% of entries at d = 10, too many
to deliberate. Twice the typical spread is a disagreement of its own (judges in two
camps, a misread criterion), not noise. With few degrees of freedom (one criterion,
2 or 3 judges) chance alone reaches 2 often (18% at d = 1), hence the second
condition, the chi^2 quantile (Wilson-Hilferty), which lifts the bar to about 3.3
at d = 1 and 2.6 at d = 2 and leaves it at 2 from d = 6 on.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from ccaward.engine.scoring.alpha import alphas
from ccaward.engine.scoring.results import Combined, Disagreement, Outlier, Reliability
from ccaward.engine.scoring.table import ScoreTable

OUTLIER_Z = 3.5
# the methods whose combined.adjusted differ from the raw scores
ADJUSTING = ("zscore", "calibrated")
DISAGREEMENT_RATIO = 2.0
# one-sided normal quantile of 0.999: the chance bar for an entry's spread
_Z_999 = 3.090232306167813


def reliability(
    table: ScoreTable,
    combined: Combined,
    *,
    outlier_z: float = OUTLIER_Z,
    disagreement_ratio: float = DISAGREEMENT_RATIO,
) -> Reliability:
    """Alpha overall and per criterion (raw scores), and overall on the adjusted
    scores when the method adjusts each judge's (zscore, calibrated); outlier
    scores and disagreements of a table combined by `combined`."""
    overall, per_criterion = alphas(table)
    adjusted = None
    if combined.method in ADJUSTING and len(table):
        adjusted, _ = alphas(replace(table, score=np.asarray(combined.adjusted, dtype=float)))
    return Reliability(
        alpha_overall=overall,
        alpha_criteria=per_criterion,
        outliers=outliers(table, combined, threshold=outlier_z),
        disagreements=disagreements(table, combined, ratio=disagreement_ratio),
        alpha_adjusted=adjusted,
    )


def _judge_sd(table: ScoreTable, combined: Combined) -> np.ndarray:
    """The residual SD of each of the table's judges (NaN where not known)."""
    by_label = {j.judge: j.residual_sd for j in combined.judges}
    sd = [by_label.get(judge) for judge in table.judges]
    return np.array([np.nan if s is None else s for s in sd], dtype=float)


def standardised_residuals(table: ScoreTable, combined: Combined) -> tuple[np.ndarray, np.ndarray]:
    """(expected, z) per score; z is NaN for a score alone in its cell."""
    cell = table.cell
    count = combined.counts.ravel()[cell]
    shared = count >= 2
    if combined.expected is not None:
        expected = np.asarray(combined.expected, dtype=float)
        residual = table.score - expected
        ok = shared & np.isfinite(residual)
        pooled = float(np.sqrt(np.mean(residual[ok] ** 2))) if ok.any() else 0.0
        sd = _judge_sd(table, combined)[table.judge]
        sd = np.where(np.isfinite(sd) & (sd > 0), sd, pooled)
    else:
        expected = combined.values.ravel()[cell]
        n_cells = combined.counts.size
        mean = np.bincount(cell, weights=table.score, minlength=n_cells)
        mean = mean / np.maximum(combined.counts.ravel(), 1)
        residual = table.score - mean[cell]
        ok = shared & np.isfinite(residual)
        dof = np.sum(np.maximum(combined.counts - 1, 0))
        sigma = float(np.sqrt(np.sum(residual[ok] ** 2) / dof)) if dof else 0.0
        sd = sigma * np.sqrt((count - 1) / np.maximum(count, 1))
    z = np.full(len(table), np.nan)
    usable = ok & (sd > 0)
    z[usable] = residual[usable] / sd[usable]
    return expected, z


def outliers(table: ScoreTable, combined: Combined, *, threshold: float = OUTLIER_Z):
    """Scores with |z| > threshold, largest |z| first."""
    expected, z = standardised_residuals(table, combined)
    size = np.abs(np.nan_to_num(z, nan=0.0))
    flagged = np.flatnonzero(size > threshold)
    flagged = flagged[np.argsort(-size[flagged], kind="stable")]
    return tuple(
        Outlier(
            judge=table.judges[table.judge[i]],
            entry=table.entries[table.entry[i]],
            criterion=table.criteria[table.criterion[i]],
            score=float(table.score[i]),
            expected=float(expected[i]),
            z=float(z[i]),
        )
        for i in flagged
    )


def entry_spread(table: ScoreTable, combined: Combined) -> tuple[np.ndarray, np.ndarray]:
    """(spread, degrees of freedom) per entry: the pooled within-cell SD of its
    judges' adjusted scores (NaN where no cell has two judges)."""
    n_entries, n_cells = len(table.entries), len(table.entries) * len(table.criteria)
    cell = table.cell
    adjusted = np.asarray(combined.adjusted, dtype=float)
    count = np.bincount(cell, minlength=n_cells)
    mean = np.bincount(cell, weights=adjusted, minlength=n_cells) / np.maximum(count, 1)
    squares = np.bincount(table.entry, weights=(adjusted - mean[cell]) ** 2, minlength=n_entries)
    cell_entry = np.arange(n_cells) // max(len(table.criteria), 1)
    dof = np.bincount(cell_entry, weights=np.maximum(count - 1, 0), minlength=n_entries)
    spread = np.full(n_entries, np.nan)
    has = dof > 0
    spread[has] = np.sqrt(squares[has] / dof[has])
    return spread, dof


def chance_ratio(dof: np.ndarray) -> np.ndarray:
    """The spread ratio chance exceeds for 1 entry in 1,000 with `dof` degrees of
    freedom: sqrt(chi^2_0.999(d) / d), Wilson-Hilferty's approximation; infinite
    without a degree of freedom (an entry with no criterion scored by two judges cannot be flagged)."""
    d = np.asarray(dof, dtype=float)
    ratio = np.full(d.shape, np.inf)
    has = d >= 1
    k = 2 / (9 * d[has])
    ratio[has] = np.sqrt((1 - k + _Z_999 * np.sqrt(k)) ** 3)
    return ratio


def disagreements(table: ScoreTable, combined: Combined, *, ratio: float = DISAGREEMENT_RATIO):
    """Entries whose spread exceeds `ratio` times the median entry's spread (and
    the chance bar of their degrees of freedom), the widest first. None when the
    typical spread is 0 (most entries' judges agree exactly)."""
    spread, dof = entry_spread(table, combined)
    has = np.isfinite(spread)
    if not has.any():
        return ()
    typical = float(np.median(spread[has]))
    if typical <= 0:
        return ()
    ratios = np.where(has, spread / typical, 0.0)
    limit = np.maximum(ratio, chance_ratio(dof))
    flagged = np.flatnonzero(has & (ratios > limit))
    flagged = flagged[np.argsort(-ratios[flagged], kind="stable")]
    return tuple(
        Disagreement(
            entry=table.entries[e],
            spread=float(spread[e]),
            typical=typical,
            ratio=float(ratios[e]),
        )
        for e in flagged
    )
