"""Peer benchmarking (标杆测评): indicator directions, peer statistics, percentile ranks,
0..100 scores for the framework's indicator-based criteria, and staffing efficiency.

Pure computation, standard library only; no Django import.

Directions
----------
Every KPI key has a *direction* that says which values are better: ``"higher"``,
``"lower"``, ``"band"`` (a target range: too low is as bad as too high, e.g. a very
short AHT usually means rushed calls) or ``None`` (counts and descriptive means, shown
but never scored). :data:`INDICATORS` is the catalogue.

Percentiles of a peer group (the peer quartiles)
------------------------------------------------
One definition throughout, linear interpolation between order statistics (Hyndman &
Fan type 7 = numpy's default ``percentile`` = Excel ``PERCENTILE.INC``). With the
non-null values sorted ascending ``x[0] <= ... <= x[n-1]`` and ``p`` in 0..100::

    h = (n - 1) * p / 100,   k = floor(h)
    P(p) = x[k] + (h - k) * (x[k+1] - x[k])        (P(p) = x[n-1] when k = n - 1)

``q1 = P(25)``, ``median = P(50)``, ``q3 = P(75)``. Best in class is the top decile in the
better direction: ``P(90)`` for "higher", ``P(10)`` for "lower", none for a band.

Percentile rank of an entry (mid-rank, entry included)
------------------------------------------------------
The peer group *includes the entry itself*, as benchmarking tools do. With ``n`` the
non-null values of the group, ``B`` the number strictly worse than the entry's value in
the better direction and ``E`` the number equal to it (the entry itself included, so
``E >= 1``)::

    percentile rank = 100 * (B + E / 2) / n                          (mid-rank ties)

It is 50 on average over a group, and ``rank_higher + rank_lower = 100`` for the same
value; with ``n`` distinct values the best entry gets ``100 * (n - 0.5) / n`` (90 for 5
entries), the worst ``50 / n``. For "higher" it equals ``scipy.stats.percentileofscore(
peers, value, kind="mean")``. For a band, "worse" means a larger normalised distance
from the band (see below); every value inside the band ties. With fewer than
``min_peers`` (default 5) non-null values, entry included, no rank and no peer
statistics are given: :class:`Position` says ``status = "too_few_peers"``.

Scores 0..100 (Decimal, quantized to 0.01, ROUND_HALF_UP)
---------------------------------------------------------
* By percentile (default for "higher"/"lower"): ``score = percentile rank``.
* By band (default for "band"), with the band ``[low, high]`` and a fall-off distance
  on each side::

      d     = low - v  (v < low),   v - high  (v > high),   0 inside
      score = 100 * max(0, 1 - d / falloff_side)

  i.e. 100 inside, falling linearly to 0 at ``low - falloff_low`` and
  ``high + falloff_high``. The band score needs no peers.
* By an organizer's threshold table ``[(threshold, score), ...]``: a piecewise-linear
  function of the value through the rows, constant beyond the first and last rows.
  Rows are listed from worst to best in the better direction, so thresholds are strictly
  increasing for "higher" and strictly decreasing for "lower" (for a band, strictly
  monotonic either way); scores lie in 0..100. Needs no peers.

Scores feed :mod:`ccaward.engine.framework` as ``{criterion_code: {"kpi": score}}``
evidence (:func:`criterion_evidence`).

Staffing efficiency
-------------------
Over the intervals with calls::

    staffing_efficiency = sum(agents Erlang says were needed) / sum(agents on duty)

with "needed" = :func:`ccaward.engine.erlang.agents_needed` for the interval's load
``calls * aht / interval`` and the season's service-level goal. 1 = staffed exactly as
the target requires, > 1 understaffed, < 1 overstaffed; its default target band is
0.9..1.1.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from fractions import Fraction
from typing import Literal, NamedTuple

from ccaward.engine import erlang
from ccaward.engine.framework import HUNDRED, SCORE_PLACES, Framework

__all__ = [
    "DIRECTIONS",
    "INDICATORS",
    "Band",
    "Direction",
    "Indicator",
    "PeerStats",
    "Position",
    "StaffingInterval",
    "ThresholdTable",
    "band_score",
    "criterion_evidence",
    "indicator_position",
    "merge_evidence",
    "peer_stats",
    "percentile",
    "percentile_rank",
    "percentile_score",
    "position",
    "staffing_efficiency",
    "threshold_score",
]

Direction = Literal["higher", "lower", "band"]
DIRECTIONS: tuple[str, ...] = ("higher", "lower", "band")
DEFAULT_MIN_PEERS = 5


# --------------------------------------------------------------------------- validation


def _real(name: str, value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        raise ValueError(f"{name} must be a number, got {value!r}")
    result = float(value)
    if not math.isfinite(result):
        raise ValueError(f"{name} must be a finite number, got {value!r}")
    return result


def _check_direction(direction: object, *, allow_none: bool) -> str | None:
    if direction is None and allow_none:
        return None
    if direction not in DIRECTIONS:
        allowed = "'higher', 'lower' or 'band'" + (" or None" if allow_none else "")
        raise ValueError(f"direction must be {allowed}, got {direction!r}")
    return direction  # type: ignore[return-value]


def _check_min_peers(min_peers: object) -> int:
    if isinstance(min_peers, bool) or not isinstance(min_peers, int) or min_peers < 1:
        raise ValueError(f"min_peers must be an integer >= 1, got {min_peers!r}")
    return min_peers


def _non_null(values: Sequence[float | None], name: str) -> list[float]:
    if isinstance(values, str | bytes) or not isinstance(values, Sequence):
        raise ValueError(f"{name} must be a sequence of numbers, got {values!r}")
    return [_real(f"{name}[{i}]", v) for i, v in enumerate(values) if v is not None]


def _quantize(value: Decimal | Fraction) -> Decimal:
    if isinstance(value, Fraction):
        value = Decimal(value.numerator) / Decimal(value.denominator)
    return value.quantize(SCORE_PLACES, ROUND_HALF_UP)


def _dec(value: float) -> Decimal:
    """A float as the Decimal of its shortest repr (0.93 -> Decimal('0.93'))."""
    return Decimal(repr(float(value)))


def _score_value(value: object, where: str) -> Decimal:
    if isinstance(value, bool):
        raise ValueError(f"{where}: score {value!r} is not a number")
    try:
        if isinstance(value, Decimal):
            result = value
        elif isinstance(value, int | str):
            result = Decimal(str(value).strip())
        elif isinstance(value, float):
            result = _dec(value)
        else:
            raise ValueError(f"{where}: score {value!r} is not a number")
    except InvalidOperation:
        raise ValueError(f"{where}: score {value!r} is not a number") from None
    if not result.is_finite() or result < 0 or result > HUNDRED:
        raise ValueError(f"{where}: score {value} is outside 0..100")
    return result


# --------------------------------------------------------------------------- catalogue


@dataclass(frozen=True)
class Band:
    """A target band ``[low, high]``; the band score is 100 inside and falls linearly to 0
    at ``low - falloff_low`` and ``high + falloff_high`` (each defaults to the band's width
    ``high - low``, and must be > 0)."""

    low: float
    high: float
    falloff_low: float | None = None
    falloff_high: float | None = None

    def __post_init__(self) -> None:
        set_ = object.__setattr__
        low = _real("band.low", self.low)
        high = _real("band.high", self.high)
        if high < low:
            raise ValueError(f"band.high must be >= band.low, got {high!r} < {low!r}")
        set_(self, "low", low)
        set_(self, "high", high)
        for name in ("falloff_low", "falloff_high"):
            raw = getattr(self, name)
            value = high - low if raw is None else _real(f"band.{name}", raw)
            if value <= 0:
                raise ValueError(
                    f"band.{name} must be > 0, got {value!r}"
                    + (" (the band has no width; give falloffs)" if raw is None else "")
                )
            set_(self, name, value)

    def distance(self, value: float) -> float:
        """Normalised distance outside the band: 0 inside, 1 where the score reaches 0."""
        if value < self.low:
            return (self.low - value) / self.falloff_low  # type: ignore[operator]
        if value > self.high:
            return (value - self.high) / self.falloff_high  # type: ignore[operator]
        return 0.0


@dataclass(frozen=True)
class Indicator:
    """One KPI key: display names, unit, the better direction and, for a band, its default
    target band. ``direction = None``: shown, never scored."""

    key: str
    name_zh: str
    name_en: str
    unit: str  # count | fraction | seconds | csat (1..5) | nps (-1..1) | ratio
    direction: Direction | None
    band: Band | None = None
    note: str = ""


def _ind(key, zh, en, unit, direction, band=None, note=""):
    return Indicator(key, zh, en, unit, direction, band, note)


_CATALOGUE = (
    _ind("offered", "呼入量", "Offered", "count", None),
    _ind("answered", "接通量", "Answered", "count", None),
    _ind("abandoned", "放弃量", "Abandoned", "count", None),
    _ind("short_abandoned", "短时放弃量", "Short abandons", "count", None),
    _ind("ivr_abandoned", "IVR挂机量", "IVR hang-ups", "count", None),
    _ind("answer_rate", "接通率", "Answer rate", "fraction", "higher"),
    _ind("answer_rate_15s", "15秒接通率", "Answered within 15 s", "fraction", "higher"),
    _ind("answer_rate_20s", "20秒接通率", "Answered within 20 s", "fraction", "higher"),
    _ind("abandon_rate", "放弃率", "Abandon rate", "fraction", "lower"),
    _ind("service_level", "服务水平", "Service level", "fraction", "higher"),
    _ind("asa_s", "平均应答速度", "Average speed of answer", "seconds", "lower"),
    _ind("avg_wait_s", "平均排队时长", "Average wait", "seconds", "lower"),
    _ind("max_wait_s", "最长排队时长", "Longest wait", "seconds", "lower"),
    _ind(
        "aht_s",
        "平均处理时长",
        "Average handle time",
        "seconds",
        "band",
        Band(180, 420, falloff_low=120, falloff_high=180),
        "A short AHT is not always good: rushed calls cost first contact resolution. "
        "Score 100 within 180..420 s, 0 at 60 s and below or 600 s and above.",
    ),
    _ind("talk_s", "平均通话时长", "Average talk time", "seconds", None, note="Part of AHT."),
    _ind("hold_s", "平均保持时长", "Average hold time", "seconds", None, note="Part of AHT."),
    _ind(
        "acw_s", "平均话后处理时长", "Average after-call work", "seconds", None, note="Part of AHT."
    ),
    _ind("transfer_rate", "转接率", "Transfer rate", "fraction", "lower"),
    _ind("fcr_rate", "一次性解决问题率", "First contact resolution", "fraction", "higher"),
    _ind("csat_avg", "客户满意度", "CSAT (mean, 1-5)", "csat", "higher"),
    _ind("csat_top2", "满意率(前两档)", "CSAT top-2-box", "fraction", "higher"),
    _ind("nps", "净推荐值", "Net Promoter Score", "nps", "higher"),
    _ind("ivr_containment", "IVR自助解决率", "IVR containment", "fraction", "higher"),
    _ind(
        "occupancy",
        "座席占用率",
        "Occupancy",
        "fraction",
        "band",
        Band(0.75, 0.88, falloff_low=0.15, falloff_high=0.12),
        "Too low wastes staff, too high burns agents out. Score 100 within 0.75..0.88, "
        "0 at 0.60 and below or 1.00.",
    ),
    _ind(
        "adherence",
        "排班遵从率",
        "Schedule adherence",
        "fraction",
        "higher",
        note="Scheduled seconds in which the agents did what the schedule planned.",
    ),
    _ind("attrition_rate", "员工流失率", "Staff attrition rate", "fraction", "lower"),
    _ind(
        "staffing_efficiency",
        "人力配置效率",
        "Staffing efficiency",
        "ratio",
        "band",
        Band(0.9, 1.1, falloff_low=0.3, falloff_high=0.3),
        "Agents Erlang C needed for the service-level goal / agents on duty; > 1 "
        "understaffed, < 1 overstaffed. Score 100 within 0.9..1.1, 0 at 0.6 and 1.4.",
    ),
)

#: Every KPI key (``kpi.INDICATORS`` in order, then attrition_rate, staffing_efficiency).
INDICATORS: Mapping[str, Indicator] = {ind.key: ind for ind in _CATALOGUE}


# --------------------------------------------------------------------------- statistics


def _percentile_sorted(xs: Sequence[float], p: float) -> float:
    h = (len(xs) - 1) * p / 100.0
    k = math.floor(h)
    if k >= len(xs) - 1:
        return xs[-1]
    return xs[k] + (h - k) * (xs[k + 1] - xs[k])


def percentile(values: Sequence[float | None], p: float) -> float:
    """The ``p``-th percentile (0..100) of the non-null values by linear interpolation
    (type 7: ``h = (n-1) p / 100``, ``x[k] + (h-k)(x[k+1]-x[k])``, numpy's default)."""
    xs = sorted(_non_null(values, "values"))
    if not xs:
        raise ValueError("values: no non-null value")
    p = _real("p", p)
    if not 0.0 <= p <= 100.0:
        raise ValueError(f"p must be within 0..100, got {p!r}")
    return _percentile_sorted(xs, p)


@dataclass(frozen=True)
class PeerStats:
    """Distribution of a peer group's non-null values (type-7 percentiles).

    ``best_in_class`` is the top decile in the better direction: ``p90`` for "higher",
    ``p10`` for "lower", None for a band or an unscored indicator.
    """

    n: int
    min: float
    q1: float
    median: float
    q3: float
    max: float
    p10: float
    p90: float
    best_in_class: float | None
    direction: Direction | None = "higher"


def peer_stats(
    values: Sequence[float | None], *, direction: Direction | None = "higher"
) -> PeerStats:
    """Quartiles, median, extremes and best in class of the non-null ``values``.

    None values are left out; at least one value is required (ValueError otherwise).
    No minimum group size is applied here; :func:`position` withholds the statistics of
    groups smaller than ``min_peers``.
    """
    direction = _check_direction(direction, allow_none=True)  # type: ignore[assignment]
    xs = sorted(_non_null(values, "values"))
    if not xs:
        raise ValueError("values: no non-null value")
    p10 = _percentile_sorted(xs, 10)
    p90 = _percentile_sorted(xs, 90)
    best = {"higher": p90, "lower": p10}.get(direction)  # type: ignore[arg-type]
    return PeerStats(
        n=len(xs),
        min=xs[0],
        q1=_percentile_sorted(xs, 25),
        median=_percentile_sorted(xs, 50),
        q3=_percentile_sorted(xs, 75),
        max=xs[-1],
        p10=p10,
        p90=p90,
        best_in_class=best,
        direction=direction,
    )


def _badness(direction: str, band: Band | None) -> tuple:
    """A key where a smaller number is better, and the band it needs."""
    if direction == "higher":
        return (lambda v: -v), None
    if direction == "lower":
        return (lambda v: v), None
    if band is None:
        raise ValueError("band: required for direction 'band'")
    if not isinstance(band, Band):
        raise ValueError(f"band must be a Band, got {band!r}")
    return band.distance, band


def _rank_counts(
    value: float, peers: list[float], direction: str, band: Band | None
) -> tuple[int, int, int]:
    key, _ = _badness(direction, band)
    mine = key(value)
    keys = [key(v) for v in peers]
    worse = sum(1 for k in keys if k > mine)
    equal = sum(1 for k in keys if k == mine)
    if equal == 0:
        raise ValueError(
            f"value: {value!r} is not among peers (the peer group includes the entry itself)"
        )
    return worse, equal, len(keys)


def percentile_rank(
    value: float,
    peers: Sequence[float | None],
    direction: Direction,
    *,
    band: Band | None = None,
    min_peers: int = DEFAULT_MIN_PEERS,
) -> float | None:
    """Mid-rank percentile of ``value`` in ``peers`` in the better direction, 0..100.

    ``peers`` is the whole peer group, the entry's own value included (ValueError if it
    is not there); None values are left out. ``100 * (B + E/2) / n`` with ``B`` peers
    strictly worse, ``E`` equal (the entry included). For "band", worse = farther outside
    the band (``band`` required). None when fewer than ``min_peers`` non-null values.
    """
    direction = _check_direction(direction, allow_none=False)  # type: ignore[assignment]
    min_peers = _check_min_peers(min_peers)
    value = _real("value", value)
    xs = _non_null(peers, "peers")
    worse, equal, n = _rank_counts(value, xs, direction, band)
    if n < min_peers:
        return None
    return 100.0 * (worse + equal / 2) / n


# --------------------------------------------------------------------------- scoring


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


# --------------------------------------------------------------------------- position


@dataclass(frozen=True)
class Position:
    """An entry's place in its peer group for one indicator.

    ``status``: "ok"; "no_value" (the entry's value is null: no rank, no score);
    "too_few_peers" (fewer than ``min_peers`` non-null values, entry included: no rank,
    no peer statistics, and no score when scoring by percentile — a band or threshold
    score does not need peers and is still given). ``n`` counts the non-null values of
    the group, the entry's included. ``method`` is how ``score`` was (or would be)
    computed: "percentile", "band", "thresholds", or None for an unscored indicator.
    """

    entry_id: str
    direction: Direction | None
    value: float | None
    n: int
    status: Literal["ok", "no_value", "too_few_peers"]
    percentile: float | None
    stats: PeerStats | None
    score: Decimal | None
    method: Literal["percentile", "band", "thresholds"] | None


def position(
    entry_id: str,
    values_by_entry: Mapping[str, float | None],
    direction: Direction | None,
    *,
    min_peers: int = DEFAULT_MIN_PEERS,
    band: Band | None = None,
    thresholds: ThresholdTable | None = None,
) -> Position:
    """The entry's value, percentile rank, peer statistics and 0..100 score.

    ``values_by_entry`` is the peer group (season, category, industry or seat-size band),
    entry id -> indicator value, the entry itself included; None = not available.
    Scoring: ``thresholds`` when given, else the band score for "band" (``band``
    required), else the percentile rank. ``direction = None``: statistics only.
    """
    direction = _check_direction(direction, allow_none=True)  # type: ignore[assignment]
    min_peers = _check_min_peers(min_peers)
    if not isinstance(values_by_entry, Mapping):
        raise ValueError(f"values_by_entry must be a mapping, got {values_by_entry!r}")
    if entry_id not in values_by_entry:
        raise ValueError(f"entry_id: {entry_id!r} is not in values_by_entry")
    if direction == "band":
        _badness("band", band)
    if thresholds is not None:
        if not isinstance(thresholds, ThresholdTable):
            raise ValueError(f"thresholds must be a ThresholdTable, got {thresholds!r}")
        if direction is None:
            raise ValueError("thresholds: an indicator without a direction is not scored")
        if thresholds.direction != direction:
            raise ValueError(
                f"thresholds.direction {thresholds.direction!r} differs from "
                f"direction {direction!r}"
            )
    values = {
        str(k): None if v is None else _real(f"values_by_entry[{k!r}]", v)
        for k, v in values_by_entry.items()
    }
    xs = [v for v in values.values() if v is not None]
    value = values[str(entry_id)]
    n = len(xs)
    enough = n >= min_peers
    stats = peer_stats(xs, direction=direction) if enough else None

    if direction is None:
        method = None
    elif thresholds is not None:
        method = "thresholds"
    elif direction == "band":
        method = "band"
    else:
        method = "percentile"

    rank: float | None = None
    score: Decimal | None = None
    if value is None:
        status = "no_value"
    else:
        status = "ok" if enough else "too_few_peers"
        if direction is not None and enough:
            worse, equal, total = _rank_counts(value, xs, direction, band)
            rank = 100.0 * (worse + equal / 2) / total
            exact = Fraction(100 * (2 * worse + equal), 2 * total)
        if method == "thresholds":
            score = thresholds.score(value)  # type: ignore[union-attr]
        elif method == "band":
            score = band_score(value, band)  # type: ignore[arg-type]
        elif method == "percentile" and rank is not None:
            score = _quantize(exact)
    return Position(
        entry_id=str(entry_id),
        direction=direction,
        value=value,
        n=n,
        status=status,
        percentile=rank,
        stats=stats,
        score=score,
        method=method,
    )


def indicator_position(
    key: str,
    entry_id: str,
    values_by_entry: Mapping[str, float | None],
    *,
    min_peers: int = DEFAULT_MIN_PEERS,
    band: Band | None = None,
    thresholds: ThresholdTable | None = None,
) -> Position:
    """:func:`position` with the direction and default band of catalogue indicator ``key``."""
    if key not in INDICATORS:
        raise ValueError(f"key: unknown indicator {key!r}")
    ind = INDICATORS[key]
    return position(
        entry_id,
        values_by_entry,
        ind.direction,
        min_peers=min_peers,
        band=band if band is not None else ind.band,
        thresholds=thresholds,
    )


# --------------------------------------------------------------------------- framework


def criterion_evidence(
    framework: Framework, scores_by_indicator: Mapping[str, Decimal | None]
) -> dict[str, dict[str, Decimal]]:
    """``{criterion_code: {"kpi": score}}`` for every criterion (sub-items included) with a
    positive kpi evidence weight and an indicator whose score is given (not None).

    Criteria whose indicator has no score are left out (the framework then shares the kpi
    weight among the other evidence kinds). Scores must be 0..100 (ValueError naming
    ``scores_by_indicator[key]``); a float is taken by its shortest repr.
    """
    result: dict[str, dict[str, Decimal]] = {}
    for _dim, crit, _parent in framework.criteria():
        if crit.evidence.get("kpi", Decimal(0)) <= 0 or not crit.indicator:
            continue
        raw = scores_by_indicator.get(crit.indicator)
        if raw is None:
            continue
        score = _score_value(raw, f"scores_by_indicator[{crit.indicator!r}]")
        result[crit.code] = {"kpi": score}
    return result


def merge_evidence(
    *maps: Mapping[str, Mapping[str, Decimal | None]],
) -> dict[str, dict[str, Decimal | None]]:
    """Merge per-criterion evidence maps (kpi, judge, mystery) for ``weighted_total``.

    A kind given twice for the same criterion is a ValueError naming both.
    """
    merged: dict[str, dict[str, Decimal | None]] = {}
    for i, m in enumerate(maps):
        for code, kinds in m.items():
            target = merged.setdefault(code, {})
            for kind, score in kinds.items():
                if kind in target:
                    raise ValueError(f"maps[{i}][{code!r}][{kind!r}]: given twice")
                target[kind] = score
    return merged


# --------------------------------------------------------------------------- staffing


class StaffingInterval(NamedTuple):
    """One interval: calls offered, its length, the AHT and the agents actually on duty
    (may be fractional, e.g. a mean of logged-in agents)."""

    calls: float
    interval_seconds: float
    aht_seconds: float
    agents_on_duty: float


def staffing_efficiency(
    *,
    intervals: Sequence[StaffingInterval | tuple[float, float, float, float]],
    sl_seconds: float,
    target: float = 0.8,
    patience_seconds: float | None = None,
) -> float | None:
    """Agents needed / agents on duty, summed over the intervals with calls.

    ``needed_i = erlang.agents_needed(load = calls_i * aht_i / interval_i, aht_i,
    sl_seconds, target)`` (Erlang C, or Erlang A with ``patience_seconds``)::

        efficiency = sum(needed_i) / sum(agents_on_duty_i)      over intervals with calls > 0

    1 = staffed as the service-level goal requires; > 1 understaffed; < 1 overstaffed.
    Intervals with no calls are left out (an idle night shift is not counted against the
    center). None when no interval has calls, or no agent was on duty in them. The AHT
    of an interval without calls is not used (may be None).
    """
    if isinstance(intervals, str | bytes) or not isinstance(intervals, Sequence):
        raise ValueError(f"intervals must be a sequence of 4-tuples, got {intervals!r}")
    sl_seconds = _real("sl_seconds", sl_seconds)
    if sl_seconds < 0:
        raise ValueError(f"sl_seconds must be >= 0, got {sl_seconds!r}")
    target = _real("target", target)
    if not 0.0 < target < 1.0:
        raise ValueError(f"target must be strictly between 0 and 1, got {target!r}")
    needed_total = 0
    on_duty_total = 0.0
    for i, row in enumerate(intervals):
        where = f"intervals[{i}]"
        if isinstance(row, str | bytes) or not isinstance(row, Sequence) or len(row) != 4:
            raise ValueError(
                f"{where}: expected (calls, interval_seconds, aht_seconds, agents_on_duty), "
                f"got {row!r}"
            )
        calls = _real(f"{where}.calls", row[0])
        if calls < 0:
            raise ValueError(f"{where}.calls must be >= 0, got {calls!r}")
        on_duty = _real(f"{where}.agents_on_duty", row[3])
        if on_duty < 0:
            raise ValueError(f"{where}.agents_on_duty must be >= 0, got {on_duty!r}")
        interval = _real(f"{where}.interval_seconds", row[1])
        if interval <= 0:
            raise ValueError(f"{where}.interval_seconds must be > 0, got {interval!r}")
        if calls == 0:
            continue
        aht = _real(f"{where}.aht_seconds", row[2])
        if aht <= 0:
            raise ValueError(f"{where}.aht_seconds must be > 0, got {aht!r}")
        needed_total += erlang.agents_needed(
            load=calls * aht / interval,
            aht_seconds=aht,
            sl_seconds=sl_seconds,
            target=target,
            patience_seconds=patience_seconds,
        )
        on_duty_total += on_duty
    if on_duty_total <= 0:
        return None
    return needed_total / on_duty_total
