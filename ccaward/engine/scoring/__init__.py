"""Totals and calibration (评分汇总与校准), free of Django.

The judges' scores (`table.ScoreTable`) are combined per entry and criterion by
one of five methods (`table.METHODS`):

- ``mean``; ``median``;
- ``trimmed``: the highest and the lowest score dropped when at least 5 judges
  scored the cell (去掉一个最高分和一个最低分), else the mean;
- ``zscore``: each judge's scores standardised by the judge's own mean and spread,
  mapped back to the scale by the pooled mean and spread;
- ``calibrated`` (the default): score = severity_j + scale_j x quality[e, c] + noise,
  fitted jointly over each connected part of the design (`calibrate.py`), so a
  judge given the strongest entries is not taken for a lenient one.

Modules:
    table.py        ScoreTable, Scale, METHODS
    results.py      what is computed, as dataclasses
    combine.py      combine(table, method) -> Combined (every method; aggregate per cell)
    calibrate.py    the joint severity/scale model; components.py the design's
                    connected parts
    alpha.py        Krippendorff's alpha (interval), vectorised
    reliability.py  alpha per criterion and overall, outlier scores, disagreements
    linear.py       linearise(framework, ...) -> LinearTotals (the blend and weights
                    as coefficients, for the bootstrap)
    bootstrap.py    rank intervals and the probability within the quota, seeded
    totals.py       Decimal totals through engine.framework, ranks with ties stated
    evaluate.py     evaluate(...) -> Evaluation: all of the above in one call (the
                    platform and `ccaward score` call it)
    explain.py      one entry's breakdown from raw scores to its total
    csvin.py        the score file of `ccaward score`, checked line by line
"""

from ccaward.engine.scoring.results import (
    Combined,
    Component,
    Contacts,
    Disagreement,
    EntryResult,
    Evaluation,
    JudgeEffect,
    LinearTotals,
    Outlier,
    Reliability,
)
from ccaward.engine.scoring.table import DEFAULT_METHOD, METHODS, TRIM_MIN_JUDGES, Scale, ScoreTable

__all__ = [
    "DEFAULT_METHOD",
    "METHODS",
    "TRIM_MIN_JUDGES",
    "Combined",
    "Component",
    "Contacts",
    "Disagreement",
    "EntryResult",
    "Evaluation",
    "JudgeEffect",
    "LinearTotals",
    "Outlier",
    "Reliability",
    "Scale",
    "ScoreTable",
]
