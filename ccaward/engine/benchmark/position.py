"""An entry's place in its peer group for one indicator: value, rank, statistics, score."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Literal

from ccaward.engine.benchmark.scoring import ThresholdTable, band_score
from ccaward.engine.benchmark.stats import (
    DEFAULT_MIN_PEERS,
    PeerStats,
    _badness,
    _rank_counts,
    peer_stats,
)
from ccaward.engine.benchmark.values import _check_direction, _check_min_peers, _quantize, _real
from ccaward.engine.indicators import INDICATORS, Band, Direction


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
