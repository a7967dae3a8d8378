"""Scores 0..100: by percentile rank, by a target band, by an organizer's threshold table."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from ccaward.engine.benchmark.values import (
    _check_direction,
    _dec,
    _quantize,
    _real,
    _score_value,
)
from ccaward.engine.framework import HUNDRED
from ccaward.engine.indicators import Band, Direction


def percentile_score(rank: float) -> Decimal:
    """A percentile rank 0..100 as a score (itself), Decimal quantized to 0.01."""
    rank = _real("rank", rank)
    if not 0.0 <= rank <= 100.0:
        raise ValueError(f"rank must be within 0..100, got {rank!r}")
    return _quantize(_dec(rank))


def band_score(value: float, band: Band) -> Decimal:
    """``100 * max(0, 1 - d / falloff)``: 100 inside ``band``, linearly down to 0 at
    ``falloff_low`` below ``low`` or ``falloff_high`` above ``high``. Exact in Decimal."""
    if not isinstance(band, Band):
        raise ValueError(f"band must be a Band, got {band!r}")
    v = _dec(_real("value", value))
    low, high = _dec(band.low), _dec(band.high)
    if v < low:
        fraction = (low - v) / _dec(band.falloff_low)  # type: ignore[arg-type]
    elif v > high:
        fraction = (v - high) / _dec(band.falloff_high)  # type: ignore[arg-type]
    else:
        return _quantize(HUNDRED)
    return _quantize(max(Decimal(0), HUNDRED * (1 - fraction)))


class ThresholdError(ValueError):
    """A threshold table's problem: ``code`` (too_few, pair, threshold, score,
    increasing, decreasing), the 0-based ``row`` it is in (None for the table), and the
    values involved, so that a page can say it in its own language."""

    def __init__(self, message: str, code: str, row: int | None, **params):
        super().__init__(message)
        self.code, self.row, self.params = code, row, params


@dataclass(frozen=True)
class ThresholdTable:
    """An organizer's table ``((threshold, score), ...)``, a piecewise-linear function of
    the value, constant beyond the end rows.

    Rows go from worst to best in the better direction: thresholds strictly increasing
    for "higher", strictly decreasing for "lower", strictly monotonic either way for
    "band" (whose scores may rise and fall). At least 2 rows; scores within 0..100.
    Validated on construction; the ValueError names the row (``rows[i]``).
    """

    rows: tuple[tuple[float, Decimal], ...]
    direction: Direction = "higher"

    def __post_init__(self) -> None:
        direction = _check_direction(self.direction, allow_none=False)
        raw = self.rows
        if isinstance(raw, str | bytes) or not isinstance(raw, Sequence):
            raise ValueError(f"rows must be a sequence of (threshold, score) pairs, got {raw!r}")
        if len(raw) < 2:
            raise ThresholdError(
                f"rows: a threshold table needs at least 2 rows, got {len(raw)}", "too_few", None
            )
        rows: list[tuple[float, Decimal]] = []
        for i, row in enumerate(raw):
            where = f"rows[{i}]"
            if isinstance(row, str | bytes) or not isinstance(row, Sequence) or len(row) != 2:
                raise ThresholdError(
                    f"{where}: expected a (threshold, score) pair, got {row!r}", "pair", i
                )
            try:
                threshold = _real(f"{where}: threshold", row[0])
            except ValueError as exc:
                raise ThresholdError(str(exc), "threshold", i) from None
            try:
                score = _score_value(row[1], where)
            except ValueError as exc:
                raise ThresholdError(str(exc), "score", i) from None
            rows.append((threshold, score))
        step = 1 if rows[1][0] > rows[0][0] else -1
        if direction == "higher":
            step = 1
        elif direction == "lower":
            step = -1
        word = "increasing" if step == 1 else "decreasing"
        for i in range(1, len(rows)):
            prev, cur = rows[i - 1][0], rows[i][0]
            if (cur - prev) * step <= 0:
                raise ThresholdError(
                    f"rows[{i}]: threshold {cur!r} after {prev!r}; thresholds must be "
                    f"strictly {word} (direction {direction!r}, rows from worst to best)",
                    "increasing" if step == 1 else "decreasing",
                    i,
                    previous=prev,
                    value=cur,
                )
        object.__setattr__(self, "rows", tuple(rows))
        object.__setattr__(self, "direction", direction)

    def score(self, value: float) -> Decimal:
        """The table's score for ``value``, linear between rows, quantized to 0.01."""
        v = _dec(_real("value", value))
        rows = sorted((_dec(t), s) for t, s in self.rows)
        if v <= rows[0][0]:
            return _quantize(rows[0][1])
        for (t0, s0), (t1, s1) in zip(rows, rows[1:], strict=False):
            if v <= t1:
                return _quantize(s0 + (s1 - s0) * (v - t0) / (t1 - t0))
        return _quantize(rows[-1][1])


def threshold_score(
    value: float,
    rows: Sequence[tuple[float, object]],
    *,
    direction: Direction = "higher",
) -> Decimal:
    """Shorthand for ``ThresholdTable(tuple(rows), direction).score(value)``."""
    return ThresholdTable(tuple(rows), direction).score(value)
