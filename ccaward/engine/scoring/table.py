"""Judges' scores as a table: one row per (judge, entry, criterion) score, held as
numpy arrays of equal length with the labels they index. No Django here.

The platform builds it from the submitted reviews; `ccaward score` from a CSV file
(`csvin.py`). Every computation of this package reads it and never changes it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

METHODS = ("mean", "trimmed", "median", "zscore", "calibrated")
DEFAULT_METHOD = "calibrated"
# trimmed: the highest and the lowest score are dropped when at least this many judges scored
TRIM_MIN_JUDGES = 5


@dataclass(frozen=True)
class Scale:
    """The scale judges scored on; any decimal in [low, high] is a score."""

    low: float = 0.0
    high: float = 10.0

    def __post_init__(self):
        if not (np.isfinite(self.low) and np.isfinite(self.high)) or self.high <= self.low:
            raise ValueError(f"scale {self.low}-{self.high}: the top must be above the bottom")

    @property
    def width(self) -> float:
        return self.high - self.low

    def to_percent(self, value):
        """A score (or array) on this scale as 0..100, clipped to the scale."""
        return np.clip((np.asarray(value, dtype=float) - self.low) / self.width, 0, 1) * 100

    def label(self) -> str:
        return f"{self.low:g}-{self.high:g}"


@dataclass(frozen=True, eq=False)
class ScoreTable:
    """Scores in long form. `judge`, `entry`, `criterion` index `judges`, `entries`,
    `criteria`; `score` is on `scale`. A (judge, entry, criterion) appears once."""

    judges: tuple[str, ...]
    entries: tuple[str, ...]
    criteria: tuple[str, ...]
    judge: np.ndarray  # int64
    entry: np.ndarray  # int64
    criterion: np.ndarray  # int64
    score: np.ndarray  # float64
    scale: Scale = Scale()

    @classmethod
    def from_rows(
        cls,
        rows: Iterable[tuple[str, str, str, float]],
        *,
        scale: Scale = Scale(),
        criteria: Iterable[str] | None = None,
        entries: Iterable[str] | None = None,
    ) -> ScoreTable:
        """From (judge, entry, criterion, score) rows. `criteria` fixes the criteria's
        order (e.g. the framework's; a row naming another is a ValueError); `entries`
        adds entries no judge scored. A repeated (judge, entry, criterion) or a score
        outside the scale is a ValueError naming it."""
        rows = list(rows)
        crit = list(dict.fromkeys(criteria)) if criteria is not None else []
        crit_index = {c: i for i, c in enumerate(crit)}
        judge_index: dict[str, int] = {}
        entry_index: dict[str, int] = {e: i for i, e in enumerate(dict.fromkeys(entries or ()))}
        j = np.empty(len(rows), dtype=np.int64)
        e = np.empty(len(rows), dtype=np.int64)
        c = np.empty(len(rows), dtype=np.int64)
        s = np.empty(len(rows), dtype=np.float64)
        seen: set[tuple[int, int, int]] = set()
        for i, (judge, entry, criterion, score) in enumerate(rows):
            if criterion not in crit_index:
                if criteria is not None:
                    raise ValueError(f"row {i + 1}: unknown criterion {criterion!r}")
                crit_index[criterion] = len(crit)
                crit.append(criterion)
            key = (
                judge_index.setdefault(judge, len(judge_index)),
                entry_index.setdefault(entry, len(entry_index)),
                crit_index[criterion],
            )
            if key in seen:
                raise ValueError(f"row {i + 1}: {judge!r} scored {criterion!r} of {entry!r} twice")
            seen.add(key)
            value = float(score)
            if not np.isfinite(value) or value < scale.low or value > scale.high:
                raise ValueError(f"row {i + 1}: score {score} is outside {scale.label()}")
            j[i], e[i], c[i] = key
            s[i] = value
        return cls(
            judges=tuple(judge_index),
            entries=tuple(entry_index),
            criteria=tuple(crit),
            judge=j,
            entry=e,
            criterion=c,
            score=s,
            scale=scale,
        )

    def __len__(self) -> int:
        return len(self.score)

    @property
    def cell(self) -> np.ndarray:
        """Each score's (entry, criterion) cell as one index: entry * n_criteria + criterion."""
        return self.entry * len(self.criteria) + self.criterion
