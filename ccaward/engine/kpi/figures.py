"""The indicators' SQL over the table ``interactions``: ``compute_sql`` builds it in named
steps (the settings checked, the FCR variant, occupancy and adherence joined, the
aggregate, the final ratios)."""

from __future__ import annotations

from dataclasses import dataclass

from ccaward.engine import indicators
from ccaward.engine.interactions import SCHEMA
from ccaward.engine.kpi.agent_time import adherence_sql, occupancy_sql
from ccaward.engine.kpi.groups import group_by, group_select, parse_by
from ccaward.engine.sql import dialect as db

#: The indicators ``compute`` gives, in column order (the catalogue's ``COMPUTED``).
INDICATORS = indicators.COMPUTED
ABANDON_TREATMENTS = ("failed", "ignored", "met")
FCR_METHODS = ("repeat", "outcome")
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


def ratio(num: str, den: str) -> str:
    return f"CAST({num} AS DOUBLE) / nullif({den}, 0)"


@dataclass(frozen=True)
class _Fcr:
    """How FCR is counted: its numerator and denominator in the aggregate, the CTEs that
    follow it, and the relation holding the figures."""

    numerator: str
    denominator: str
    ctes: str
    source: str


@dataclass(frozen=True)
class _AgentTime:
    """Occupancy and adherence: their CTEs, the joins onto the figures, the ratios."""

    ctes: str
    joins: str
    occupancy: str
    adherence: str


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
    codes = _check_settings(
        fcr_method,
        resolved_outcomes,
        abandon_treatment,
        sl_seconds,
        short_abandon_seconds,
        fcr_days,
    )
    fcr = _fcr(keys, fcr_method, codes, float(fcr_days) * 86400.0)
    agent = _agent_time(keys, agent_states, schedules)
    # only the columns the figures use (the repeat window reads its own)
    used = {k for k in keys if k in ("center", "channel", "queue")} | set(_BASE_COLUMNS)
    if fcr_method == "outcome":
        used.add("outcome")
    columns = ", ".join(c for c in _ALL_COLUMNS if c in used)
    order_by = f"ORDER BY {', '.join(f'{k} NULLS FIRST' for k in keys)}" if keys else ""
    return f"""
WITH {_flagged_sql(columns, float(short_abandon_seconds))}, {
        _aggregate_sql(keys, float(sl_seconds), abandon_treatment, fcr)
    }{fcr.ctes}{agent.ctes}
{_select_sql(keys, abandon_treatment, agent)}
FROM {fcr.source}{agent.joins}
{order_by}
"""


def _check_settings(
    fcr_method, resolved_outcomes, abandon_treatment, sl_seconds, short_abandon_seconds, fcr_days
) -> tuple[str, ...]:
    """The resolved codes as texts, once every setting is checked (ValueError)."""
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
    return codes


def _fcr(keys: tuple[str, ...], method: str, codes: tuple[str, ...], window_s: float) -> _Fcr:
    """FCR from outcome codes (in the aggregate itself) or from repeat contacts.

    The repeat window sorts what it carries: it runs over a narrow projection of the
    identified contacts in a pass of its own, joined to the main aggregate by the group
    keys (null-safe: channel and queue may be NULL), rather than dragging every figure's
    columns through the sort.
    """
    if method == "outcome":
        in_codes = ", ".join(db.literal(c) for c in codes)
        return _Fcr(
            f"count(*) FILTER (WHERE ans AND outcome IN ({in_codes}))",
            "count(outcome) FILTER (WHERE ans)",
            "",
            "agg",
        )
    window_columns = sorted({k for k in keys if k in ("center", "channel", "queue")})
    carried = "".join(c + ", " for c in window_columns if c != "center")
    on = " AND ".join(f"agg.{k} IS NOT DISTINCT FROM fcr.{k}" for k in keys) or "TRUE"
    gap = (
        "lead(arrived_at) OVER (PARTITION BY center, customer_key "
        "ORDER BY arrived_at, contact_id) - arrived_at"
    )
    replaced = db.star_replace(
        "agg", {"fcr_n": "coalesce(fcr.fcr_n, 0)", "fcr_den": "coalesce(fcr.fcr_den, 0)"}
    )
    ctes = f""", fcr AS (
    SELECT {group_select(keys)}
        count(*) FILTER (WHERE ans AND (next_gap IS NULL OR next_gap > {window_s})) AS fcr_n,
        count(*) FILTER (WHERE ans) AS fcr_den
    FROM (
        SELECT {carried}center, arrived_at,
            queued_at IS NOT NULL AND answered_at IS NOT NULL AS ans,
            {db.epoch(gap)}
                AS next_gap
        FROM interactions
        WHERE customer_key IS NOT NULL
    )
    {group_by(keys)}
), figures AS (
    SELECT {replaced}
    FROM agg LEFT JOIN fcr ON {on}
)"""
    return _Fcr("0", "0", ctes, "figures")


def _agent_time(keys: tuple[str, ...], agent_states: bool, schedules: bool) -> _AgentTime:
    """Occupancy (with agent states) and adherence (with schedules too), joined by the
    group keys; NULL otherwise, and when grouped by channel or queue (agent states and
    schedules have neither)."""
    by_agent_time = not {"channel", "queue"} & set(keys)
    join = f" LEFT JOIN {{}} USING ({', '.join(keys)})" if keys else " CROSS JOIN {}"
    ctes = joins = ""
    occupancy = adherence = "CAST(NULL AS DOUBLE)"
    if agent_states and by_agent_time:
        ctes += f", {occupancy_sql(keys)}"
        joins += join.format("occ")
        occupancy = ratio("occ_busy", "occ_total")
    if agent_states and schedules and by_agent_time:
        ctes += f", {adherence_sql(keys)}"
        joins += join.format("adh")
        adherence = ratio("adh_in", "adh_total")
    return _AgentTime(ctes, joins, occupancy, adherence)


def _flagged_sql(columns: str, s: float) -> str:
    """The CTEs ``base`` and ``flagged``: each contact's flags (queued, answered, short
    and IVR abandons, counted abandons) and its wait."""
    return f"""base AS (
    SELECT {columns},
        queued_at IS NOT NULL AS q,
        queued_at IS NOT NULL AND answered_at IS NOT NULL AS ans,
        {db.epoch("coalesce(answered_at, ended_at) - queued_at")} AS wait,
        coalesce(queued_at IS NOT NULL AND answered_at IS NULL
            AND {s} > 0 AND {db.epoch("ended_at - queued_at")} < {s}, FALSE) AS short_ab,
        coalesce(queued_at IS NULL AND abandon_point = 'ivr', FALSE) AS ivr_ab
    FROM interactions
), flagged AS (
    SELECT *, q AND NOT ans AND NOT short_ab AS ab FROM base
)"""


def _aggregate_sql(keys: tuple[str, ...], t: float, abandon_treatment: str, fcr: _Fcr) -> str:
    """The CTE ``agg``: the counts, sums and means per group the ratios are made of."""
    sl_num = {
        "failed": f"count(*) FILTER (WHERE ans AND wait <= {t})",
        "ignored": f"count(*) FILTER (WHERE ans AND wait <= {t})",
        "met": f"count(*) FILTER (WHERE (ans OR ab) AND wait <= {t})",
    }[abandon_treatment]
    return f"""agg AS (
    SELECT {group_select(keys)}
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
        {fcr.numerator} AS fcr_n,
        {fcr.denominator} AS fcr_den,
        avg(csat) AS csat_avg,
        count(*) FILTER (WHERE csat >= 4) AS csat_top,
        count(csat) AS csat_n,
        count(*) FILTER (WHERE nps >= 9) AS promoters,
        count(*) FILTER (WHERE nps <= 6) AS detractors,
        count(nps) AS nps_n,
        count(*) FILTER (WHERE NOT q) AS ivr_only,
        count(*) AS contacts
    FROM flagged
    {group_by(keys)}
)"""


def _select_sql(keys: tuple[str, ...], abandon_treatment: str, agent: _AgentTime) -> str:
    """The final select list: the group keys, then ``INDICATORS`` in order."""
    sl_den = "answered" if abandon_treatment == "ignored" else "offered"
    return f"""SELECT {"".join(f"{k}, " for k in keys)}
    offered, answered, abandoned, short_abandoned, ivr_abandoned,
    {ratio("answered", "offered")} AS answer_rate,
    {ratio("ans15", "offered")} AS answer_rate_15s,
    {ratio("ans20", "offered")} AS answer_rate_20s,
    {ratio("abandoned", "offered")} AS abandon_rate,
    {ratio("sl_num", sl_den)} AS service_level,
    asa_s, avg_wait_s, max_wait_s, aht_s, talk_s, hold_s, acw_s,
    {ratio("transferred_n", "transfer_known")} AS transfer_rate,
    {ratio("fcr_n", "fcr_den")} AS fcr_rate,
    csat_avg,
    {ratio("csat_top", "csat_n")} AS csat_top2,
    {ratio("promoters - detractors", "nps_n")} AS nps,
    {ratio("ivr_only", "contacts")} AS ivr_containment,
    {agent.occupancy} AS occupancy,
    {agent.adherence} AS adherence"""
