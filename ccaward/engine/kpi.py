"""Contact-center indicators over the DuckDB table ``interactions`` (standard schema).

Pure computation in DuckDB SQL; no Django import. Every formula is in ``docs/kpis.md``.

Per contact (``T`` = ``sl_seconds``, ``S`` = ``short_abandon_seconds``)::

    queued          queued_at IS NOT NULL                      (asked for an agent)
    wait            answered_at - queued_at  if answered, else ended_at - queued_at
    answered        queued AND answered_at IS NOT NULL
    queue abandon   queued AND answered_at IS NULL
    short_abandoned queue abandon AND wait < S                 (none when S = 0)
    abandoned       queue abandon AND NOT short                (the counted abandons)
    ivr_abandoned   queued_at IS NULL AND abandon_point = 'ivr' (not a queue abandon)
    offered         answered + abandoned = queued - short_abandoned

    answer_rate     = answered / offered
    answer_rate_Xs  = answered with wait <= X / offered        (X = 15, 20)
    abandon_rate    = abandoned / offered
    service_level   failed : answered within T / offered
                    ignored: answered within T / answered
                    met    : (answered within T + abandoned within T) / offered
    asa_s           = mean wait of answered contacts
    avg_wait_s      = mean wait of all queued contacts (short abandons included)
    max_wait_s      = longest wait of a queued contact
    aht_s           = mean of talk_s + coalesce(hold_s, 0) + coalesce(acw_s, 0) over
                      answered contacts with talk_s
    talk_s, hold_s, acw_s = means over answered contacts where given
    transfer_rate   = transferred / answered contacts with transferred given
    fcr_rate        = repeat (default): answered contacts of identified customers with no
                      later contact by the same customer (same center, any channel)
                      within fcr_days (next arrival - arrival <= fcr_days counts as a
                      repeat) / those;
                      outcome: answered contacts whose outcome is one of the resolved
                      codes / answered contacts with an outcome
    csat_avg        = mean csat; csat_top2 = share of csat >= 4
    nps             = (share of nps 9-10) - (share of nps 0-6), a fraction in -1..1
    ivr_containment = contacts that never asked for an agent (queued_at NULL) / contacts
    occupancy       = (busy + acw seconds) / (busy + acw + available seconds) of the
                      agent-state intervals (table agent_states) in the group; the
                      intervals are split at the boundaries of the finest time key so
                      each piece counts in its own period. NULL without agent states,
                      or when grouped by channel or queue (states have neither)
    adherence       = seconds in adherence / scheduled seconds of the agents' schedules
                      (table schedules) in the group: scheduled ``work`` is in adherence
                      while the agent is available, busy or in acw; time scheduled off
                      the phones (break, meeting, training, other) while the agent is
                      not. Split at period boundaries like occupancy. NULL without
                      schedules or agent states, or when grouped by channel or queue

A ratio is NULL when its denominator is 0; a mean is NULL when no row gives it.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Callable

import duckdb

from ccaward.engine.interactions import SCHEMA

GROUP_KEYS = {
    "center": "center",
    "channel": "channel",
    "queue": "queue",
    "day": "CAST(arrived_at AS DATE)",
    "week": "CAST(date_trunc('week', arrived_at) AS DATE)",
    "month": "strftime(arrived_at, '%Y-%m')",
    "year": "CAST(year(arrived_at) AS INTEGER)",
    "interval15": "strftime(time_bucket(INTERVAL 15 MINUTE, arrived_at), '%H:%M')",
    "interval30": "strftime(time_bucket(INTERVAL 30 MINUTE, arrived_at), '%H:%M')",
}
# the standard columns, and those every figure set reads
_ALL_COLUMNS = tuple(c.name for c in SCHEMA)
_BASE_COLUMNS = (
    "center",
    "arrived_at",
    "queued_at",
    "answered_at",
    "ended_at",
    "abandon_point",
    "talk_s",
    "hold_s",
    "acw_s",
    "transferred",
    "csat",
    "nps",
)
ABANDON_TREATMENTS = ("failed", "ignored", "met")
_ON_PHONE = "('available', 'busy', 'acw')"  # agent states that count as working contacts
FCR_METHODS = ("repeat", "outcome")
# Agent-state intervals are split at the boundaries of the finest time key grouped by:
# (bucket start of a timestamp, bucket length).
_STATE_SPLITS = {
    "interval15": ("time_bucket(INTERVAL 15 MINUTE, {t})", "INTERVAL 15 MINUTE"),
    "interval30": ("time_bucket(INTERVAL 30 MINUTE, {t})", "INTERVAL 30 MINUTE"),
    "day": ("date_trunc('day', {t})", "INTERVAL 1 DAY"),
    "week": ("date_trunc('week', {t})", "INTERVAL 7 DAY"),
    "month": ("date_trunc('month', {t})", "INTERVAL 1 MONTH"),
    "year": ("date_trunc('year', {t})", "INTERVAL 1 YEAR"),
}
INDICATORS = (
    "offered",
    "answered",
    "abandoned",
    "short_abandoned",
    "ivr_abandoned",
    "answer_rate",
    "answer_rate_15s",
    "answer_rate_20s",
    "abandon_rate",
    "service_level",
    "asa_s",
    "avg_wait_s",
    "max_wait_s",
    "aht_s",
    "talk_s",
    "hold_s",
    "acw_s",
    "transfer_rate",
    "fcr_rate",
    "csat_avg",
    "csat_top2",
    "nps",
    "ivr_containment",
    "occupancy",
    "adherence",
)


def configure(
    con: duckdb.DuckDBPyConnection,
    *,
    memory_limit: str = "1GB",
    temp_directory: str | None = None,
) -> None:
    """Make DuckDB spill to disk: memory limit, temp directory, no insertion order.

    Called again on a connection that has already spilled, the temp directory is left
    as it is (DuckDB cannot move it once used); a different one is an error.
    """
    temp_directory = temp_directory or tempfile.gettempdir() + "/ccaward-duckdb"
    con.execute("SET memory_limit = ?", [memory_limit])
    current = con.execute("SELECT current_setting('temp_directory')").fetchone()[0]
    if current != temp_directory:
        con.execute("SET temp_directory = ?", [temp_directory])
    con.execute("SET preserve_insertion_order = false")


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


def _ratio(num: str, den: str) -> str:
    return f"CAST({num} AS DOUBLE) / nullif({den}, 0)"


def fcr_settings(
    con: duckdb.DuckDBPyConnection,
    fcr_method: str | None = None,
    resolved_outcomes=None,
) -> tuple[str, tuple[str, ...]]:
    """The FCR method and resolved codes ``compute`` uses: (method, codes).

    ``resolved_outcomes`` None reads the codes a mapping declared when loading (table
    ``resolved_outcomes``). ``fcr_method`` None: "outcome" when there are codes, else
    "repeat". "outcome" without codes is a ``ValueError``.
    """
    if fcr_method is not None and fcr_method not in FCR_METHODS:
        raise ValueError(f"fcr_method must be one of {FCR_METHODS}, got {fcr_method!r}")
    if resolved_outcomes is None:
        codes = ()
        if _table_exists(con, "resolved_outcomes"):
            codes = tuple(
                r[0]
                for r in con.execute("SELECT outcome FROM resolved_outcomes ORDER BY 1").fetchall()
            )
    elif isinstance(resolved_outcomes, str):
        codes = tuple(c.strip() for c in resolved_outcomes.split(",") if c.strip())
    else:
        codes = tuple(str(c) for c in resolved_outcomes)
    method = fcr_method or ("outcome" if codes else "repeat")
    if method == "outcome" and not codes:
        raise ValueError(
            "fcr_method 'outcome' needs the resolved outcome codes "
            "(resolved_outcomes in the mapping, the resolved_outcomes argument, or "
            "--resolved-outcomes on the command line)"
        )
    return method, codes


def _table_exists(con: duckdb.DuckDBPyConnection, table: str) -> bool:
    return bool(
        con.execute(
            "SELECT count(*) FROM duckdb_tables() WHERE table_name = ? AND NOT temporary",
            [table],
        ).fetchone()[0]
    )


def _has_rows(con: duckdb.DuckDBPyConnection, table: str) -> bool:
    return _table_exists(con, table) and bool(
        con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    )


def has_agent_states(con: duckdb.DuckDBPyConnection) -> bool:
    """True when the table ``agent_states`` exists and has rows."""
    return _has_rows(con, "agent_states")


def has_schedules(con: duckdb.DuckDBPyConnection) -> bool:
    """True when the table ``schedules`` (the agents' schedules) exists and has rows."""
    return _has_rows(con, "schedules")


def _state_split(keys: tuple[str, ...]) -> str | None:
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


def _pieces(table: str, columns: str, where: str, keys: tuple[str, ...]) -> str:
    """SQL of the intervals of ``table`` split at the boundaries of the finest time key.

    Each piece keeps ``columns`` and has ``arrived_at`` (its start, so the group keys'
    expressions apply), ``piece_end`` and ``secs`` (its length in seconds).
    """
    split = _state_split(keys)
    if split is None:
        return (
            f"SELECT {columns}, started_at AS arrived_at, ended_at AS piece_end, "
            f"epoch(ended_at - started_at) AS secs FROM {table} WHERE {where}"
        )
    trunc, step = _STATE_SPLITS[split]
    return f"""SELECT {columns}, greatest(b, started_at) AS arrived_at,
            least(b + {step}, ended_at) AS piece_end,
            epoch(least(b + {step}, ended_at) - greatest(b, started_at)) AS secs
        FROM (SELECT {columns}, started_at, ended_at,
                     unnest(generate_series({trunc.format(t="started_at")}, ended_at,
                                            {step})) AS b
              FROM {table}
              WHERE ({where}) AND ended_at > started_at)"""


def _occupancy_sql(keys: tuple[str, ...]) -> str:
    """SQL of the CTE ``occ``: occupancy per group from the table ``agent_states``."""
    pieces = _pieces("agent_states", "center, state", f"state IN {_ON_PHONE}", keys)
    group_select = "".join(f"{GROUP_KEYS[k]} AS {k}, " for k in keys)
    return f"""occ AS (
    SELECT {group_select}
        coalesce(sum(secs) FILTER (WHERE state IN ('busy', 'acw')), 0) AS occ_busy,
        sum(secs) AS occ_total
    FROM ({pieces}) WHERE secs > 0
    {"GROUP BY ALL" if keys else ""}
)"""


def _adherence_sql(keys: tuple[str, ...]) -> str:
    """SQL of the CTE ``adh``: schedule adherence per group (tables ``schedules`` and
    ``agent_states``).

    Each scheduled piece is in adherence for the seconds the agent's activity matched
    the plan: for ``work``, the seconds in an on-phone state (available, busy, acw)
    within the piece; for time planned off the phones, the piece's seconds minus those.
    Schedules and states are split on the same grid (the finest time key, at least by
    day) and matched within a bucket, so the join pairs a piece only with the states of
    its own bucket rather than with every state of the agent.
    """
    grid = keys if _state_split(keys) else (*keys, "day")
    trunc = _STATE_SPLITS[_state_split(grid)][0]
    planned = _pieces("schedules", "center, agent_key, activity", "TRUE", grid)
    states = _pieces("agent_states", "center, agent_key", f"state IN {_ON_PHONE}", grid)
    group_select = "".join(f"{GROUP_KEYS[k]} AS {k}, " for k in keys)
    return f"""planned AS MATERIALIZED (
    SELECT row_number() OVER () AS pid, * FROM ({planned}) WHERE secs > 0
), on_phone AS (
    SELECT p.pid,
        sum(epoch(least(p.piece_end, a.piece_end) - greatest(p.arrived_at, a.arrived_at)))
            AS secs
    FROM planned p JOIN ({states}) a
        ON a.center = p.center AND a.agent_key = p.agent_key
        AND {trunc.format(t="a.arrived_at")} = {trunc.format(t="p.arrived_at")}
        AND a.arrived_at < p.piece_end AND a.piece_end > p.arrived_at
    GROUP BY p.pid
), adh AS (
    SELECT {group_select}
        sum(CASE WHEN activity = 'work' THEN coalesce(o.secs, 0)
                 ELSE p.secs - coalesce(o.secs, 0) END) AS adh_in,
        sum(p.secs) AS adh_total
    FROM planned p LEFT JOIN on_phone o USING (pid)
    {"GROUP BY ALL" if keys else ""}
)"""


def compute_sql(
    *,
    by=("center", "day"),
    sl_seconds: float = 20,
    abandon_treatment: str = "failed",
    short_abandon_seconds: float = 5,
    fcr_days: int = 7,
    fcr_method: str = "repeat",
    resolved_outcomes=(),
    agent_states: bool = False,
    schedules: bool = False,
) -> str:
    """The SQL ``compute`` runs (exposed for the benchmark and for review).

    ``fcr_method`` "outcome" uses ``resolved_outcomes`` (a sequence of codes) and skips
    the repeat-contact window. ``agent_states``: compute occupancy from the table
    ``agent_states`` (it must exist); otherwise occupancy is NULL. ``schedules`` (with
    ``agent_states``): compute adherence from the table ``schedules`` too.
    """
    keys = parse_by(by)
    if fcr_method not in FCR_METHODS:
        raise ValueError(f"fcr_method must be one of {FCR_METHODS}, got {fcr_method!r}")
    codes = tuple(str(c) for c in resolved_outcomes or ())
    if fcr_method == "outcome" and not codes:
        raise ValueError("fcr_method 'outcome' needs resolved_outcomes")
    if abandon_treatment not in ABANDON_TREATMENTS:
        raise ValueError(
            f"abandon_treatment must be one of {ABANDON_TREATMENTS}, got {abandon_treatment!r}"
        )
    for name, value in (
        ("sl_seconds", sl_seconds),
        ("short_abandon_seconds", short_abandon_seconds),
        ("fcr_days", fcr_days),
    ):
        if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
            raise ValueError(f"{name} must be a number >= 0, got {value!r}")
    t = float(sl_seconds)
    s = float(short_abandon_seconds)
    fcr_s = float(fcr_days) * 86400.0
    group_select = "".join(f"{GROUP_KEYS[k]} AS {k}, " for k in keys)
    order_by = f"ORDER BY {', '.join(f'{k} NULLS FIRST' for k in keys)}" if keys else ""
    sl_num = {
        "failed": f"count(*) FILTER (WHERE ans AND wait <= {t})",
        "ignored": f"count(*) FILTER (WHERE ans AND wait <= {t})",
        "met": f"count(*) FILTER (WHERE (ans OR ab) AND wait <= {t})",
    }[abandon_treatment]
    sl_den = "answered" if abandon_treatment == "ignored" else "offered"
    if fcr_method == "outcome":
        in_codes = ", ".join("'" + c.replace("'", "''") + "'" for c in codes)
        fcr_n = f"count(*) FILTER (WHERE ans AND outcome IN ({in_codes}))"
        fcr_den = "count(outcome) FILTER (WHERE ans)"
        fcr_cte, figures = "", "agg"
    else:
        # The repeat window sorts what it carries: it runs over a narrow projection of
        # the identified contacts in a pass of its own, joined to the main aggregate by
        # the group keys (null-safe: channel and queue may be NULL), rather than
        # dragging every figure's columns through the sort.
        fcr_n, fcr_den = "0", "0"
        window_columns = sorted({k for k in keys if k in ("center", "channel", "queue")})
        on = " AND ".join(f"agg.{k} IS NOT DISTINCT FROM fcr.{k}" for k in keys) or "TRUE"
        fcr_cte = f""", fcr AS (
    SELECT {group_select}
        count(*) FILTER (WHERE ans AND (next_gap IS NULL OR next_gap > {fcr_s})) AS fcr_n,
        count(*) FILTER (WHERE ans) AS fcr_den
    FROM (
        SELECT {"".join(c + ", " for c in window_columns if c != "center")}center, arrived_at,
            queued_at IS NOT NULL AND answered_at IS NOT NULL AS ans,
            epoch(lead(arrived_at) OVER (PARTITION BY center, customer_key
                                         ORDER BY arrived_at, contact_id) - arrived_at)
                AS next_gap
        FROM interactions
        WHERE customer_key IS NOT NULL
    )
    {"GROUP BY ALL" if keys else ""}
), figures AS (
    SELECT agg.* REPLACE (coalesce(fcr.fcr_n, 0) AS fcr_n, coalesce(fcr.fcr_den, 0) AS fcr_den)
    FROM agg LEFT JOIN fcr ON {on}
)"""
        figures = "figures"
    # agent states and schedules have no channel or queue
    by_agent_time = not {"channel", "queue"} & set(keys)
    with_occ = agent_states and by_agent_time
    with_adh = agent_states and schedules and by_agent_time
    extra_ctes, source = "", figures
    occupancy = adherence = "CAST(NULL AS DOUBLE)"
    join = f"LEFT JOIN {{}} USING ({', '.join(keys)})" if keys else "CROSS JOIN {}"
    if with_occ:
        extra_ctes += f", {_occupancy_sql(keys)}"
        source += " " + join.format("occ")
        occupancy = _ratio("occ_busy", "occ_total")
    if with_adh:
        extra_ctes += f", {_adherence_sql(keys)}"
        source += " " + join.format("adh")
        adherence = _ratio("adh_in", "adh_total")
    # only the columns the figures use (the repeat window reads its own)
    used = {k for k in keys if k in ("center", "channel", "queue")} | set(_BASE_COLUMNS)
    if fcr_method == "outcome":
        used.add("outcome")
    columns = ", ".join(c for c in _ALL_COLUMNS if c in used)
    return f"""
WITH base AS (
    SELECT {columns},
        queued_at IS NOT NULL AS q,
        queued_at IS NOT NULL AND answered_at IS NOT NULL AS ans,
        epoch(coalesce(answered_at, ended_at) - queued_at) AS wait,
        coalesce(queued_at IS NOT NULL AND answered_at IS NULL
            AND {s} > 0 AND epoch(ended_at - queued_at) < {s}, FALSE) AS short_ab,
        coalesce(queued_at IS NULL AND abandon_point = 'ivr', FALSE) AS ivr_ab
    FROM interactions
), flagged AS (
    SELECT *, q AND NOT ans AND NOT short_ab AS ab FROM base
), agg AS (
    SELECT {group_select}
        count(*) FILTER (WHERE ans OR ab) AS offered,
        count(*) FILTER (WHERE ans) AS answered,
        count(*) FILTER (WHERE ab) AS abandoned,
        count(*) FILTER (WHERE short_ab) AS short_abandoned,
        count(*) FILTER (WHERE ivr_ab) AS ivr_abandoned,
        count(*) FILTER (WHERE ans AND wait <= 15) AS ans15,
        count(*) FILTER (WHERE ans AND wait <= 20) AS ans20,
        {sl_num} AS sl_num,
        avg(wait) FILTER (WHERE ans) AS asa_s,
        avg(wait) FILTER (WHERE q) AS avg_wait_s,
        max(wait) FILTER (WHERE q) AS max_wait_s,
        avg(talk_s + coalesce(hold_s, 0) + coalesce(acw_s, 0)) FILTER (WHERE ans) AS aht_s,
        avg(talk_s) FILTER (WHERE ans) AS talk_s,
        avg(hold_s) FILTER (WHERE ans) AS hold_s,
        avg(acw_s) FILTER (WHERE ans) AS acw_s,
        count(*) FILTER (WHERE ans AND transferred) AS transferred_n,
        count(transferred) FILTER (WHERE ans) AS transfer_known,
        {fcr_n} AS fcr_n,
        {fcr_den} AS fcr_den,
        avg(csat) AS csat_avg,
        count(*) FILTER (WHERE csat >= 4) AS csat_top,
        count(csat) AS csat_n,
        count(*) FILTER (WHERE nps >= 9) AS promoters,
        count(*) FILTER (WHERE nps <= 6) AS detractors,
        count(nps) AS nps_n,
        count(*) FILTER (WHERE NOT q) AS ivr_only,
        count(*) AS contacts
    FROM flagged
    {"GROUP BY ALL" if keys else ""}
){fcr_cte}{extra_ctes}
SELECT {"".join(f"{k}, " for k in keys)}
    offered, answered, abandoned, short_abandoned, ivr_abandoned,
    {_ratio("answered", "offered")} AS answer_rate,
    {_ratio("ans15", "offered")} AS answer_rate_15s,
    {_ratio("ans20", "offered")} AS answer_rate_20s,
    {_ratio("abandoned", "offered")} AS abandon_rate,
    {_ratio("sl_num", sl_den)} AS service_level,
    asa_s, avg_wait_s, max_wait_s, aht_s, talk_s, hold_s, acw_s,
    {_ratio("transferred_n", "transfer_known")} AS transfer_rate,
    {_ratio("fcr_n", "fcr_den")} AS fcr_rate,
    csat_avg,
    {_ratio("csat_top", "csat_n")} AS csat_top2,
    {_ratio("promoters - detractors", "nps_n")} AS nps,
    {_ratio("ivr_only", "contacts")} AS ivr_containment,
    {occupancy} AS occupancy,
    {adherence} AS adherence
FROM {source}
{order_by}
"""


def compute(
    con: duckdb.DuckDBPyConnection,
    *,
    by=("center", "day"),
    sl_seconds: float = 20,
    abandon_treatment: str = "failed",
    short_abandon_seconds: float = 5,
    fcr_days: int = 7,
    fcr_method: str | None = None,
    resolved_outcomes=None,
    memory_limit: str = "1GB",
    temp_directory: str | None = None,
    progress: Callable[[int, int, str], object] | None = None,
) -> list[dict]:
    """Indicators per group as a list of dicts: the group keys, then ``INDICATORS``.

    Dates come back as ISO strings (``day``, ``week`` = the Monday), ``month`` as
    ``YYYY-MM``, ``interval15``/``interval30`` as ``HH:MM`` (an intraday profile over all
    days). Rates are fractions 0..1 (``nps`` -1..1), times seconds, None when undefined.
    ``progress`` is called with (0, 1, "computing") before and (1, 1, ...) after.

    FCR: ``fcr_method`` "repeat" (repeat contacts within ``fcr_days``) or "outcome"
    (outcome codes in ``resolved_outcomes``); by default "outcome" when resolved codes
    are given here or were declared by the mapping at load time, else "repeat"
    (see ``fcr_settings``). Occupancy comes from the table ``agent_states`` when it
    has rows (``interactions.load_agent_states``).
    """
    method, codes = fcr_settings(con, fcr_method, resolved_outcomes)
    sql = compute_sql(
        by=by,
        sl_seconds=sl_seconds,
        abandon_treatment=abandon_treatment,
        short_abandon_seconds=short_abandon_seconds,
        fcr_days=fcr_days,
        fcr_method=method,
        resolved_outcomes=codes,
        agent_states=has_agent_states(con),
        schedules=has_schedules(con),
    )
    configure(con, memory_limit=memory_limit, temp_directory=temp_directory)
    if progress is not None:
        progress(0, 1, "computing")
    cur = con.execute(sql)
    names = [d[0] for d in cur.description]
    rows = []
    for record in cur.fetchall():
        row = {}
        for name, value in zip(names, record, strict=True):
            if isinstance(value, dt.date):
                value = value.isoformat()
            row[name] = value
        rows.append(row)
    if progress is not None:
        progress(1, 1, f"{len(rows)} group(s)")
    return rows


STAFFING_SQL = """
WITH calls AS (
    SELECT time_bucket(INTERVAL {minutes} MINUTE, queued_at) AS slot,
           count(*) AS calls,
           avg(coalesce(talk_s, 0) + coalesce(hold_s, 0) + coalesce(acw_s, 0))
               FILTER (WHERE answered_at IS NOT NULL) AS aht_s
    FROM interactions
    WHERE queued_at IS NOT NULL
    GROUP BY 1
),
sessions AS (
    SELECT started_at, ended_at,
           unnest(range(time_bucket(INTERVAL {minutes} MINUTE, started_at), ended_at,
                        INTERVAL {minutes} MINUTE)) AS slot
    FROM agent_states
    WHERE state = 'logged_in' AND ended_at > started_at
),
duty AS (
    SELECT slot,
           sum(date_diff('millisecond', greatest(started_at, slot),
                         least(ended_at, slot + INTERVAL {minutes} MINUTE))) / 1000.0
               / ({minutes} * 60) AS agents
    FROM sessions
    GROUP BY slot
)
SELECT calls.slot, calls.calls, calls.aht_s, coalesce(duty.agents, 0) AS agents
FROM calls LEFT JOIN duty USING (slot)
ORDER BY calls.slot
"""


def staffing_intervals(con: duckdb.DuckDBPyConnection, *, minutes: int = 30) -> list[tuple]:
    """Per interval of `minutes`: (start, offered contacts, AHT of the answered ones in
    seconds, agents on duty). Agents on duty = logged-in time of all agents in the
    interval / the interval's length (fractional: an agent logged in for half of it
    counts 0.5). Needs the tables ``interactions`` and ``agent_states``; the input of
    ``benchmark.staffing_efficiency``."""
    if minutes not in (15, 30, 60):
        raise ValueError(f"minutes must be 15, 30 or 60, got {minutes!r}")
    return con.execute(STAFFING_SQL.format(minutes=int(minutes))).fetchall()


MONTHLY_FIELDS = ("offered", "answered", "abandoned", "answered_within_sl", "aht_s")


def from_monthly(rows) -> dict:
    """Indicators from monthly totals a center enters by hand (no interaction records).

    Each row: offered, answered, abandoned, answered_within_sl (answered within the
    season's T), aht_s (average handle time of the month's answered contacts). The
    period's figures are the sums; rates over the summed offered contacts; the service
    level is answered within T / offered (abandoned contacts count as failures; short
    abandons cannot be told apart); AHT is weighted by answered contacts. Everything the
    totals cannot give is None.
    """
    rows = list(rows)
    if not rows:
        raise ValueError("rows: at least one month is required")
    for i, row in enumerate(rows):
        for name in ("offered", "answered", "abandoned", "answered_within_sl"):
            v = row.get(name)
            if not isinstance(v, int) or isinstance(v, bool) or v < 0:
                raise ValueError(f"rows[{i}].{name}: a whole number >= 0 is required, got {v!r}")
        if row["answered"] + row["abandoned"] > row["offered"]:
            raise ValueError(f"rows[{i}]: answered + abandoned exceed offered")
        if row["answered_within_sl"] > row["answered"]:
            raise ValueError(f"rows[{i}]: answered_within_sl exceeds answered")
        aht = row.get("aht_s")
        if aht is not None and (not isinstance(aht, int | float) or aht < 0):
            raise ValueError(f"rows[{i}].aht_s: seconds >= 0 or None, got {aht!r}")
    offered = sum(r["offered"] for r in rows)
    answered = sum(r["answered"] for r in rows)
    abandoned = sum(r["abandoned"] for r in rows)
    within = sum(r["answered_within_sl"] for r in rows)
    timed = [r for r in rows if r.get("aht_s") is not None and r["answered"]]
    timed_answered = sum(r["answered"] for r in timed)
    figures = dict.fromkeys(INDICATORS)
    figures.update(
        offered=offered,
        answered=answered,
        abandoned=abandoned,
        answer_rate=answered / offered if offered else None,
        abandon_rate=abandoned / offered if offered else None,
        service_level=within / offered if offered else None,
        aht_s=sum(r["aht_s"] * r["answered"] for r in timed) / timed_answered
        if timed_answered
        else None,
    )
    return figures
