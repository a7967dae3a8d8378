"""Computing the indicators on a connection: the FCR settings in force, the settings of
the backend, and the rows."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from ccaward.engine.kpi.agent_time import has_agent_states, has_schedules
from ccaward.engine.kpi.figures import FCR_METHODS, compute_sql
from ccaward.engine.sql import dialect as db

#: Make the backend spill to disk: memory limit, temp directory, no insertion order.
configure = db.configure


def fcr_settings(
    con: db.Connection,
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
        if db.table_exists(con, "resolved_outcomes"):
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


def compute(
    con: db.Connection,
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
