"""Staffing efficiency: agents Erlang says were needed / agents on duty."""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from ccaward.engine import erlang
from ccaward.engine.benchmark.values import _real


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
