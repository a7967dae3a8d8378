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
    fcr_rate        = answered contacts of identified customers with no later contact by
                      the same customer (same center, any channel) within fcr_days
                      (next arrival - arrival <= fcr_days counts as a repeat) / those
    csat_avg        = mean csat; csat_top2 = share of csat >= 4
    nps             = (share of nps 9-10) - (share of nps 0-6), a fraction in -1..1
    ivr_containment = contacts that never asked for an agent (queued_at NULL) / contacts
    occupancy       = NULL (needs agent states, not loaded yet)

A ratio is NULL when its denominator is 0; a mean is NULL when no row gives it.
"""

from __future__ import annotations

import datetime as dt
import tempfile

import duckdb

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
ABANDON_TREATMENTS = ("failed", "ignored", "met")
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
)


def configure(
    con: duckdb.DuckDBPyConnection,
    *,
    memory_limit: str = "1GB",
    temp_directory: str | None = None,
) -> None:
    """Make DuckDB spill to disk: memory limit, temp directory, no insertion order."""
    temp_directory = temp_directory or tempfile.gettempdir() + "/ccaward-duckdb"
    con.execute("SET memory_limit = ?", [memory_limit])
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


def compute_sql(
    *,
    by=("center", "day"),
    sl_seconds: float = 20,
    abandon_treatment: str = "failed",
    short_abandon_seconds: float = 5,
    fcr_days: int = 7,
) -> str:
    """The SQL ``compute`` runs (exposed for the benchmark and for review)."""
    keys = parse_by(by)
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
    return f"""
WITH base AS (
    SELECT *,
        queued_at IS NOT NULL AS q,
        queued_at IS NOT NULL AND answered_at IS NOT NULL AS ans,
        epoch(coalesce(answered_at, ended_at) - queued_at) AS wait,
        coalesce(queued_at IS NOT NULL AND answered_at IS NULL
            AND {s} > 0 AND epoch(ended_at - queued_at) < {s}, FALSE) AS short_ab,
        coalesce(queued_at IS NULL AND abandon_point = 'ivr', FALSE) AS ivr_ab,
        CASE WHEN customer_key IS NOT NULL THEN
            epoch(lead(arrived_at) OVER (PARTITION BY center, customer_key
                                         ORDER BY arrived_at, contact_id) - arrived_at)
        END AS next_gap
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
        count(*) FILTER (WHERE ans AND customer_key IS NOT NULL
                         AND (next_gap IS NULL OR next_gap > {fcr_s})) AS fcr_n,
        count(*) FILTER (WHERE ans AND customer_key IS NOT NULL) AS fcr_den,
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
)
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
    CAST(NULL AS DOUBLE) AS occupancy
FROM agg
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
    memory_limit: str = "1GB",
    temp_directory: str | None = None,
) -> list[dict]:
    """Indicators per group as a list of dicts: the group keys, then ``INDICATORS``.

    Dates come back as ISO strings (``day``, ``week`` = the Monday), ``month`` as
    ``YYYY-MM``, ``interval15``/``interval30`` as ``HH:MM`` (an intraday profile over all
    days). Rates are fractions 0..1 (``nps`` -1..1), times seconds, None when undefined.
    """
    sql = compute_sql(
        by=by,
        sl_seconds=sl_seconds,
        abandon_treatment=abandon_treatment,
        short_abandon_seconds=short_abandon_seconds,
        fcr_days=fcr_days,
    )
    configure(con, memory_limit=memory_limit, temp_directory=temp_directory)
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
    return rows
