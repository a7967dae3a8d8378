"""Occupancy and schedule adherence: the CTEs that compute them from the tables
``agent_states`` and ``schedules``, per group."""

from __future__ import annotations

from ccaward.engine.kpi.groups import STATE_SPLITS, group_by, group_select, pieces, state_split
from ccaward.engine.sql import dialect as db

ON_PHONE = "('available', 'busy', 'acw')"  # agent states that count as working contacts


def _has_rows(con: db.Connection, table: str) -> bool:
    return db.table_exists(con, table) and bool(
        con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    )


def has_agent_states(con: db.Connection) -> bool:
    """True when the table ``agent_states`` exists and has rows."""
    return _has_rows(con, "agent_states")


def has_schedules(con: db.Connection) -> bool:
    """True when the table ``schedules`` (the agents' schedules) exists and has rows."""
    return _has_rows(con, "schedules")


def occupancy_sql(keys: tuple[str, ...]) -> str:
    """SQL of the CTE ``occ``: occupancy per group from the table ``agent_states``."""
    states = pieces("agent_states", "center, state", f"state IN {ON_PHONE}", keys)
    return f"""occ AS (
    SELECT {group_select(keys)}
        coalesce(sum(secs) FILTER (WHERE state IN ('busy', 'acw')), 0) AS occ_busy,
        sum(secs) AS occ_total
    FROM ({states}) WHERE secs > 0
    {group_by(keys)}
)"""


def adherence_sql(keys: tuple[str, ...]) -> str:
    """SQL of the CTE ``adh``: schedule adherence per group (tables ``schedules`` and
    ``agent_states``).

    Each scheduled piece is in adherence for the seconds the agent's activity matched
    the plan: for ``work``, the seconds in an on-phone state (available, busy, acw)
    within the piece; for time planned off the phones, the piece's seconds minus those.
    Schedules and states are split on the same grid (the finest time key, at least by
    day) and matched within a bucket, so the join pairs a piece only with the states of
    its own bucket rather than with every state of the agent.
    """
    grid = keys if state_split(keys) else (*keys, "day")
    trunc = STATE_SPLITS[state_split(grid)][0]
    planned = pieces("schedules", "center, agent_key, activity", "TRUE", grid)
    states = pieces("agent_states", "center, agent_key", f"state IN {ON_PHONE}", grid)
    overlap = "least(p.piece_end, a.piece_end) - greatest(p.arrived_at, a.arrived_at)"
    return f"""planned {db.MATERIALIZED} (
    SELECT row_number() OVER () AS pid, * FROM ({planned}) WHERE secs > 0
), on_phone AS (
    SELECT p.pid,
        sum({db.epoch(overlap)})
            AS secs
    FROM planned p JOIN ({states}) a
        ON a.center = p.center AND a.agent_key = p.agent_key
        AND {trunc("a.arrived_at")} = {trunc("p.arrived_at")}
        AND a.arrived_at < p.piece_end AND a.piece_end > p.arrived_at
    GROUP BY p.pid
), adh AS (
    SELECT {group_select(keys)}
        sum(CASE WHEN activity = 'work' THEN coalesce(o.secs, 0)
                 ELSE p.secs - coalesce(o.secs, 0) END) AS adh_in,
        sum(p.secs) AS adh_total
    FROM planned p LEFT JOIN on_phone o USING (pid)
    {group_by(keys)}
)"""
