"""Per-interval offered contacts, handle time and agents on duty: the input of
``benchmark.staffing_efficiency``."""

from __future__ import annotations

from ccaward.engine.sql import dialect as db


def staffing_sql(minutes: int) -> str:
    """The SQL of ``staffing_intervals`` for slots of ``minutes``."""
    step = db.interval(minutes, "MINUTE")
    slot_end = f"least(ended_at, slot + {step})"
    return f"""
WITH calls AS (
    SELECT {db.bucket(minutes, "queued_at")} AS slot,
           count(*) AS calls,
           avg(coalesce(talk_s, 0) + coalesce(hold_s, 0) + coalesce(acw_s, 0))
               FILTER (WHERE answered_at IS NOT NULL) AS aht_s
    FROM interactions
    WHERE queued_at IS NOT NULL
    GROUP BY 1
),
sessions AS (
    SELECT started_at, ended_at,
           {db.series(db.bucket(minutes, "started_at"), "ended_at", step, include_stop=False)}
               AS slot
    FROM agent_states
    WHERE state = 'logged_in' AND ended_at > started_at
),
duty AS (
    SELECT slot,
           sum({db.millis_between("greatest(started_at, slot)", slot_end)}) / 1000.0
               / ({minutes} * 60) AS agents
    FROM sessions
    GROUP BY slot
)
SELECT calls.slot, calls.calls, calls.aht_s, coalesce(duty.agents, 0) AS agents
FROM calls LEFT JOIN duty USING (slot)
ORDER BY calls.slot
"""


def staffing_intervals(con: db.Connection, *, minutes: int = 30) -> list[tuple]:
    """Per interval of `minutes`: (start, offered contacts, AHT of the answered ones in
    seconds, agents on duty). Agents on duty = logged-in time of all agents in the
    interval / the interval's length (fractional: an agent logged in for half of it
    counts 0.5). Needs the tables ``interactions`` and ``agent_states``; the input of
    ``benchmark.staffing_efficiency``."""
    if minutes not in (15, 30, 60):
        raise ValueError(f"minutes must be 15, 30 or 60, got {minutes!r}")
    return con.execute(staffing_sql(int(minutes))).fetchall()
