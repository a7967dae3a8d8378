"""Group keys: what the indicators are grouped by, and the time grid that splits
intervals (agent states, schedules) so that each piece counts in its own period."""

from __future__ import annotations

from ccaward.engine.sql import dialect as db

GROUP_KEYS = {
    "center": "center",
    "channel": "channel",
    "queue": "queue",
    "day": db.to_date("arrived_at"),
    "week": db.to_date(db.trunc("week", "arrived_at")),
    "month": db.format_time("arrived_at", "%Y-%m"),
    "year": "CAST(year(arrived_at) AS INTEGER)",
    "interval15": db.format_time(db.bucket(15, "arrived_at"), "%H:%M"),
    "interval30": db.format_time(db.bucket(30, "arrived_at"), "%H:%M"),
}
# Intervals are split at the boundaries of the finest time key grouped by:
# (the start of a timestamp's bucket, the bucket's length).
STATE_SPLITS = {
    "interval15": (lambda t: db.bucket(15, t), db.interval(15, "MINUTE")),
    "interval30": (lambda t: db.bucket(30, t), db.interval(30, "MINUTE")),
    "day": (lambda t: db.trunc("day", t), db.interval(1, "DAY")),
    "week": (lambda t: db.trunc("week", t), db.interval(7, "DAY")),
    "month": (lambda t: db.trunc("month", t), db.interval(1, "MONTH")),
    "year": (lambda t: db.trunc("year", t), db.interval(1, "YEAR")),
}


def parse_by(by) -> tuple[str, ...]:
    """Accept "center,day" or a sequence; check every key."""
    keys = tuple(k.strip() for k in by.split(",")) if isinstance(by, str) else tuple(by)
    keys = tuple(k for k in keys if k)
    bad = [k for k in keys if k not in GROUP_KEYS]
    if bad:
        raise ValueError(f"by: unknown group key(s) {bad}; allowed: {list(GROUP_KEYS)}")
    if len(set(keys)) != len(keys):
        raise ValueError(f"by: repeated group key in {list(keys)}")
    return keys


def group_select(keys: tuple[str, ...]) -> str:
    """The group keys' expressions for a select list, each followed by a comma."""
    return "".join(f"{GROUP_KEYS[k]} AS {k}, " for k in keys)


def group_by(keys: tuple[str, ...]) -> str:
    """The GROUP BY of an aggregate by the group keys (none: one row)."""
    return db.GROUP_BY_ALL if keys else ""


def state_split(keys: tuple[str, ...]) -> str | None:
    """The time key whose boundaries split agent-state intervals (None: no split)."""
    for key in ("interval15", "interval30", "day"):
        if key in keys:
            return key
    if "week" in keys:  # weeks cross month and year boundaries: split by day then
        return "day" if {"month", "year"} & set(keys) else "week"
    for key in ("month", "year"):
        if key in keys:
            return key
    return None


def pieces(table: str, columns: str, where: str, keys: tuple[str, ...]) -> str:
    """SQL of the intervals of ``table`` split at the boundaries of the finest time key.

    Each piece keeps ``columns`` and has ``arrived_at`` (its start, so the group keys'
    expressions apply), ``piece_end`` and ``secs`` (its length in seconds).
    """
    split = state_split(keys)
    if split is None:
        return (
            f"SELECT {columns}, started_at AS arrived_at, ended_at AS piece_end, "
            f"{db.epoch('ended_at - started_at')} AS secs FROM {table} WHERE {where}"
        )
    trunc, step = STATE_SPLITS[split]
    end = f"least(b + {step}, ended_at)"
    return f"""SELECT {columns}, greatest(b, started_at) AS arrived_at,
            {end} AS piece_end,
            {db.epoch(f"{end} - greatest(b, started_at)")} AS secs
        FROM (SELECT {columns}, started_at, ended_at,
                     {db.series(trunc("started_at"), "ended_at", step)} AS b
              FROM {table}
              WHERE ({where}) AND ended_at > started_at)"""
