"""Peer statistics (type-7 percentiles) and mid-rank percentile ranks."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from ccaward.engine.benchmark.values import _check_direction, _check_min_peers, _non_null, _real
from ccaward.engine.indicators import Band, Direction

DEFAULT_MIN_PEERS = 5


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
