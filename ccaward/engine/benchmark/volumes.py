"""Volumes per day: counts (offered, answered, abandoned ...) set beside peers whose
records cover other spans are compared per day covered, never as totals (one month of
records against a peer's one week would otherwise look four times as busy)."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable

from ccaward.engine.indicators import INDICATORS

#: The indicators that are counts of contacts: compared per day covered.
VOLUMES: tuple[str, ...] = tuple(k for k, i in INDICATORS.items() if i.unit == "count")


def days_covered(days: Iterable[str | dt.date] = (), months: Iterable[str] = ()) -> int:
    """The days a result covers: the distinct days with records (ISO dates), or, for
    figures entered by month (``YYYY-MM``), the days of those months."""
    found = {d if isinstance(d, dt.date) else dt.date.fromisoformat(str(d)) for d in days if d}
    if found:
        return len(found)
    total = 0
    for month in set(months):
        year, number = (int(part) for part in str(month)[:7].split("-"))
        total += calendar.monthrange(year, number)[1]
    return total


def per_day(value: float | None, days: int) -> float | None:
    """A count over ``days`` days as a daily figure; None without a count or a day."""
    if value is None or not days:
        return None
    return float(value) / days
