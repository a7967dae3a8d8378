"""What the scoring computes, as plain data (no Django): the judges' scores
combined per entry and criterion by a method, the judges' effects, reliability,
and the evaluation of a season or a score file (totals, ranks, rank confidence).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

import numpy as np


@dataclass(frozen=True, eq=False)
class Combined:
    """The judges' scores of a table combined by `method`.

    values[e, c]: the combined score of entry e on criterion c, on the table's
    scale (NaN where no judge scored it). `adjusted[i]` is score i after the
    method's adjustment (the raw score for mean, trimmed and median; the
    standardised or calibrated score for zscore and calibrated) and `weight[i]`
    its weight, so that for the "mean" rule values = weighted mean of adjusted
    per cell; `rule` ("mean", "trimmed", "median") is how a cell's adjusted
    scores are combined, which the bootstrap repeats on resampled judges.
    `counts[e, c]` is how many judges scored the cell; `trim_fallback` how many
    cells trimmed had to average because fewer than 5 judges scored them.
    """

    method: str
    rule: str
    values: np.ndarray
    counts: np.ndarray
    adjusted: np.ndarray
    weight: np.ndarray
    judges: tuple[JudgeEffect, ...] = ()
    components: tuple[Component, ...] = ()
    trim_fallback: int = 0
    expected: np.ndarray | None = None  # per score: what the model expects (calibrated, zscore)
    iterations: int = 0


@dataclass(frozen=True)
class JudgeEffect:
    """A judge's severity (offset on the scale: negative is harsh) and scale
    (spread: below 1 compresses, above 1 stretches), each with its standard error,
    how many scores they gave and the spread of their residuals."""

    judge: str
    severity: float
    scale: float
    severity_se: float | None
    scale_se: float | None
    n: int
    residual_sd: float | None = None
    component: int = 0


@dataclass(frozen=True)
class Component:
    """A connected group of the design: judges and entries linked by scores."""

    index: int
    judges: tuple[str, ...]
    entries: tuple[str, ...]


@dataclass(frozen=True)
class Outlier:
    judge: str
    entry: str
    criterion: str
    score: float
    expected: float
    z: float


@dataclass(frozen=True)
class Disagreement:
    """An entry on which its judges disagree widely: the spread of their
    (adjusted) scores against the typical spread of the season's entries."""

    entry: str
    spread: float
    typical: float
    ratio: float


@dataclass(frozen=True)
class Reliability:
    alpha_overall: float | None
    alpha_criteria: dict[str, float | None]
    outliers: tuple[Outlier, ...]
    disagreements: tuple[Disagreement, ...]
    # alpha overall on the scores as adjusted for each judge (zscore, calibrated):
    # how far the judges agree once their severity and scale are taken out
    alpha_adjusted: float | None = None


@dataclass
class EntryResult:
    entry: str
    category: str | None
    total: Decimal | None
    rank: int | None
    tied: bool
    complete: bool
    # combined judges' score per criterion, on the scale
    criteria: dict[str, float | None]
    # per criterion: {evidence kind: 0..100} as blended (judge, kpi, mystery)
    evidence: dict[str, dict[str, Decimal]]
    # per dimension: its score 0..100 (None when nothing scored it)
    dimensions: dict[str, Decimal | None]
    rank_interval: tuple[int, int] | None = None
    p_in_quota: float | None = None
    uncertain: bool = False  # its 90% rank interval crosses the quota line


@dataclass
class Evaluation:
    method: str
    scale: str
    entries: list[EntryResult]  # by category, then rank
    judges: tuple[JudgeEffect, ...]
    components: tuple[Component, ...]
    reliability: Reliability
    bootstrap: int = 0
    seed: int | None = None
    quotas: dict[str | None, int] = field(default_factory=dict)
    trim_fallback: int = 0
    notes: list[str] = field(default_factory=list)
    visit_weight: float = 50  # the site visit's percent of the judges' evidence
    combined: Combined | None = None  # the judges' scores combined (what explain reads)


@dataclass(frozen=True, eq=False)
class LinearTotals:
    """Each entry's total as a linear function of its combined judges' scores and
    its mystery scores, the framework's blend and weights fixed at what is present:

        total[e] = base[e] + sum_c judge[e, c] * v[e, c] + sum_c mystery[e, c] * m[e, c]

    v on the judges' scale (NaN cells have coefficient 0), m on 0..100. Built by
    `linear.linearise`; what the bootstrap resamples through (floats)."""

    base: np.ndarray  # (E,)
    judge: np.ndarray  # (E, C)
    mystery: np.ndarray  # (E, C)


@dataclass(frozen=True, eq=False)
class Contacts:
    """Mystery contacts (暗访): one row per (contact, criterion) score 0..100; a
    contact belongs to one entry. The point estimate of a cell is the mean of its
    contacts' scores; the bootstrap draws each entry's contacts with replacement."""

    contact: np.ndarray  # int64, a contact's id (global)
    entry: np.ndarray  # int64 index into the table's entries
    criterion: np.ndarray  # int64 index into the table's criteria
    score: np.ndarray  # float64 0..100
