"""Findings that refuse nothing (``schema.NOTICES``): records outside the period, left
out with their count and the range of their arrivals, and answered contacts without a
queue time, kept but never counted as offered (each with its count and first rows)."""

from __future__ import annotations

import datetime as dt

from ccaward.engine.interactions.rules import Kind
from ccaward.engine.interactions.schema import MAX_ROWS_REPORTED, Issue
from ccaward.engine.sql import dialect as db


def _timestamp(day: dt.date) -> str:
    return f"CAST({db.literal(day.isoformat())} AS TIMESTAMP)"


def outside_sql(period: tuple[dt.date, dt.date]) -> str:
    """A typed row arrived before the period's first day or after its last day."""
    first, last = period
    if last < first:
        raise ValueError(f"period: the last day {last} is before the first day {first}")
    after = last + dt.timedelta(days=1)
    return f"(arrived_at < {_timestamp(first)} OR arrived_at >= {_timestamp(after)})"


def leave_out_period(
    con, typed: str, period: tuple[dt.date, dt.date], files: list[str]
) -> tuple[str, list[Issue]]:
    """Leave the rows arriving outside ``period`` out of ``_ccaward_typed``: the SELECT
    of the rows kept, and one ``outside_period`` notice per file that had any (its
    count, first rows and the first and last arrival found outside)."""
    outside = outside_sql(period)
    found = con.execute(
        f"SELECT _file, count(*), min(arrived_at), max(arrived_at), "
        f"{db.first_values('_row', MAX_ROWS_REPORTED)} FROM _ccaward_typed "
        f"WHERE {outside} GROUP BY _file ORDER BY _file"
    ).fetchall()
    kept = f"SELECT * FROM ({typed}) WHERE NOT coalesce({outside}, FALSE)"
    db.create_temp(con, "_ccaward_typed", kept, view=True)
    first, last = (d.isoformat() for d in period)
    issues = []
    for file_index, count, earliest, latest, rows in found:
        params = {
            "period_start": first,
            "period_end": last,
            "found_start": earliest.date().isoformat(),
            "found_end": latest.date().isoformat(),
        }
        issues.append(
            Issue(
                "outside_period",
                count,
                tuple(int(r) for r in rows),
                files[file_index],
                f"arrived {params['found_start']} – {params['found_end']}, outside the "
                f"period {first} – {last}: left out",
                params,
            )
        )
    return kept, issues


def found(con, kind: Kind, counts: dict[str, int], files: list[str]) -> list[Issue]:
    """The kind's notices that ``counts`` (from the quick check) found, by file, with
    their first rows."""
    out = []
    for rule, sql in kind.notices:
        if not counts.get(rule):
            continue
        for file_index, count, rows in con.execute(
            f"SELECT _file, count(*), {db.first_values('_row', MAX_ROWS_REPORTED)} "
            f"FROM _ccaward_typed WHERE {sql} GROUP BY _file ORDER BY _file"
        ).fetchall():
            out.append(
                Issue(rule, count, tuple(int(r) for r in rows), files[file_index], _TEXTS[rule])
            )
    return out


_TEXTS = {
    "answered_without_queue": (
        "answered without a queue time: not counted as offered or answered (the mapping "
        "can say that contacts queued when they arrived)"
    ),
}
