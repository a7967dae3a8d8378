"""Season stages on the clock: which stage is open now, and the rules for dates.

Plain data and functions; the web app, the API and the CLI share them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

UPCOMING, OPEN, CLOSED = "upcoming", "open", "closed"
FORCED_OPEN, FORCED_CLOSED = "open", "closed"


@dataclass(frozen=True)
class StageTimes:
    kind: str
    opens_at: datetime
    closes_at: datetime
    override: str = ""  # "" | "open" (opened early) | "closed" (closed early)


def state(stage: StageTimes, now: datetime) -> str:
    """upcoming, open or closed at `now`.

    An organizer's early close wins over the dates; an early open makes the
    stage open before its date, until its closing time.
    """
    if stage.override == FORCED_CLOSED:
        return CLOSED
    if now >= stage.closes_at:
        return CLOSED
    if stage.override == FORCED_OPEN or now >= stage.opens_at:
        return OPEN
    return UPCOMING


def open_now(stages: Iterable[StageTimes], now: datetime) -> list[str]:
    return [s.kind for s in stages if state(s, now) == OPEN]


def date_problems(stages: Iterable[StageTimes]) -> list[tuple[str, str]]:
    """(stage kind, message) for each stage whose close is not after its open."""
    return [
        (
            s.kind,
            "closes before it opens" if s.closes_at < s.opens_at else "opens and closes at once",
        )
        for s in stages
        if s.closes_at <= s.opens_at
    ]


def progress(stage: StageTimes, now: datetime) -> float:
    """Share of the stage's time that has passed, 0..1 (for the timeline bar)."""
    span = (stage.closes_at - stage.opens_at).total_seconds()
    if span <= 0:
        return 1.0
    done = (now - stage.opens_at).total_seconds() / span
    return min(1.0, max(0.0, done))
