"""The row rules of each kind of input (interaction records, agent states, schedules) as
SQL predicates over the typed staged rows (``_t_<column>`` the text, ``_n_<column>`` a
native value, ``"<column>"`` the typed value)."""

from __future__ import annotations

from dataclasses import dataclass

from ccaward.engine.interactions.schema import (
    ABANDON_POINTS,
    AGENT_STATE_SCHEMA,
    AGENT_STATES,
    SCHEDULE_ACTIVITIES,
    SCHEDULE_SCHEMA,
    SCHEMA,
    Column,
)
from ccaward.engine.sql import dialect as db


@dataclass(frozen=True)
class Kind:
    """What differs between the record kinds the loader reads."""

    table: str
    schema: tuple[Column, ...]
    rules: list[tuple[str, str]]
    windows: str  # extra columns (window functions) computed over the candidate rows
    candidates: str  # which typed rows can have window-based problems (a SQL predicate)
    # a column whose values must be unique: when set, no window rule can fire unless
    # two rows share a value, which a count of distinct values tells (the quick check)
    unique_key: str | None = None
    window_rules: tuple[str, ...] = ()
    # findings that refuse nothing (counted in the quick check): (rule, predicate)
    notices: tuple[tuple[str, str], ...] = ()


def _required_sql(schema: tuple[Column, ...]) -> str:
    """A required value is missing when neither its text nor its native value is there."""
    return " OR ".join(
        f"(_t_{c.name} IS NULL AND _n_{c.name} IS NULL)" for c in schema if c.required
    )


def parse_rules(schema: tuple[Column, ...]) -> list[tuple[str, str]]:
    """missing_value, unparseable_timestamp and (when the schema has such columns)
    unparseable_value."""
    timestamps = [c.name for c in schema if c.type == "TIMESTAMP"]
    ts_bad = " OR ".join(f"(_t_{c} IS NOT NULL AND {db.name(c)} IS NULL)" for c in timestamps)
    other = [c.name for c in schema if c.type in ("DOUBLE", "INTEGER", "BOOLEAN")]
    rules = [("missing_value", _required_sql(schema)), ("unparseable_timestamp", ts_bad)]
    if other:
        val_bad = " OR ".join(f"(_t_{c} IS NOT NULL AND {db.name(c)} IS NULL)" for c in other)
        rules.append(("unparseable_value", val_bad))
    return rules


def specialize(sql: str, native: set[str]) -> str:
    """A rule without the text checks of columns that were never text."""
    for n in native:
        sql = sql.replace(f"(_t_{n} IS NOT NULL AND {db.name(n)} IS NULL)", "FALSE")
        sql = sql.replace(f"(_t_{n} IS NULL AND _n_{n} IS NULL)", f"({db.name(n)} IS NULL)")
    return sql


def records() -> Kind:
    """Interaction records (table ``interactions``)."""
    points = ", ".join(db.literal(p) for p in ABANDON_POINTS)
    rules = [
        *parse_rules(SCHEMA),
        (
            "negative_duration",
            "talk_s < 0 OR hold_s < 0 OR acw_s < 0 OR ended_at < arrived_at",
        ),
        (
            "answered_before_arrival",
            "answered_at < arrived_at OR answered_at < queued_at OR queued_at < arrived_at",
        ),
        (
            "out_of_range",
            f"csat NOT BETWEEN 1 AND 5 OR nps NOT BETWEEN 0 AND 10 "
            f"OR abandon_point NOT IN ({points})",
        ),
        ("duplicate_contact_id", "_dup > 1"),
    ]
    return Kind(
        "interactions",
        SCHEMA,
        rules,
        "row_number() OVER (PARTITION BY contact_id ORDER BY _file, _row) AS _dup",
        "contact_id IN (SELECT value FROM _ccaward_repeats)",
        unique_key="contact_id",
        window_rules=("duplicate_contact_id",),
        # an outbound call has no queue: answered without one is as expected
        notices=(
            (
                "answered_without_queue",
                "answered_at IS NOT NULL AND queued_at IS NULL "
                "AND direction IS DISTINCT FROM 'outbound'",
            ),
        ),
    )


def _intervals(table, schema, column: str, allowed, apart: str = "") -> Kind:
    """An agent's intervals (states or schedules): the rules both kinds share.

    ``column`` must be one of ``allowed`` (``out_of_range``); an interval must not end
    before it starts, nor start before an earlier-starting interval of the same agent
    (center and agent_key) has ended (``overlapping_interval``), counted apart for each
    value of the SQL expression ``apart`` when given.
    """
    values = ", ".join(db.literal(v) for v in allowed)
    valid = (
        f"agent_key IS NOT NULL AND center IS NOT NULL AND {column} IN ({values}) "
        "AND started_at IS NOT NULL AND ended_at >= started_at"
    )
    return Kind(
        table,
        schema,
        [
            *parse_rules(schema),
            ("out_of_range", f"{column} NOT IN ({values})"),
            ("ended_before_started", "ended_at < started_at"),
            ("overlapping_interval", f"({valid}) AND started_at < _prev_end"),
        ],
        f"max(CASE WHEN {valid} THEN ended_at END) OVER (PARTITION BY center, agent_key"
        f"{', ' + apart if apart else ''} ORDER BY started_at, ended_at, _file, _row "
        "ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS _prev_end",
        "TRUE",  # an overlap needs the agent's earlier intervals: every row is a candidate
    )


def agent_states() -> Kind:
    """Agent-state intervals (table ``agent_states``): login sessions and activity
    states are checked for overlaps apart."""
    return _intervals(
        "agent_states", AGENT_STATE_SCHEMA, "state", AGENT_STATES, "state = 'logged_in'"
    )


def schedules() -> Kind:
    """The agents' schedules (table ``schedules``)."""
    return _intervals("schedules", SCHEDULE_SCHEMA, "activity", SCHEDULE_ACTIVITIES)
