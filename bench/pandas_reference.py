"""The KPI set by center and day in plain pandas: the benchmark's reference implementation.

Written the way a data analyst would write it: read the records into one DataFrame, add
per-contact flag columns, a ``groupby(...).agg(...)``, and FCR with a sort plus a
``shift(-1)`` of the arrival time per (center, customer). It follows the formulas of
``docs/kpis.md`` with the default variant (``abandon_treatment="failed"``; the other two
treatments are here too) and must give the same figures as ``ccaward.engine.kpi.compute``
(checked by ``tests/bench/test_pandas_reference.py`` and by every benchmark run).

Reading: this environment has no pyarrow / fastparquet, so ``pandas.read_parquet`` is not
available; ``read`` uses DuckDB only as a Parquet reader (``.df()``) and falls back to
nothing else. Everything after the read is pandas.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

# the columns the indicators need (an analyst reads these, not the whole record)
COLUMNS = (
    "contact_id",
    "center",
    "customer_key",
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
COUNTS = ("offered", "answered", "abandoned", "short_abandoned", "ivr_abandoned")


def read(paths) -> pd.DataFrame:
    """All records of the Parquet files as one DataFrame (the needed columns)."""
    import duckdb

    files = [str(p) for p in paths]
    con = duckdb.connect()
    try:
        return con.execute(f"SELECT {', '.join(COLUMNS)} FROM read_parquet(?)", [files]).df()
    finally:
        con.close()


def _ratio(num: pd.Series, den: pd.Series) -> pd.Series:
    return num.astype("float64") / den.where(den != 0).astype("float64")


def indicators(
    df: pd.DataFrame,
    *,
    sl_seconds: float = 20,
    abandon_treatment: str = "failed",
    short_abandon_seconds: float = 5,
    fcr_days: int = 7,
) -> pd.DataFrame:
    """One row per (center, day), the columns of ``kpi.INDICATORS`` in that order."""
    t = float(sl_seconds)
    s = float(short_abandon_seconds)

    # per contact ---------------------------------------------------------------------
    q = df["queued_at"].notna()
    ans = q & df["answered_at"].notna()
    wait = (df["answered_at"].fillna(df["ended_at"]) - df["queued_at"]).dt.total_seconds()
    queue_ab = q & ~ans
    if s > 0:
        short_ab = queue_ab & ((df["ended_at"] - df["queued_at"]).dt.total_seconds() < s)
    else:
        short_ab = pd.Series(False, index=df.index)
    ab = queue_ab & ~short_ab
    ivr_ab = ~q & (df["abandon_point"] == "ivr").fillna(False)
    talk = df["talk_s"].astype("float64")
    hold = df["hold_s"].astype("float64")
    acw = df["acw_s"].astype("float64")
    transferred = df["transferred"].astype("boolean")
    csat = df["csat"].astype("float64")
    nps = df["nps"].astype("float64")

    # FCR: the next contact of the same customer at the same center ---------------------
    keyed = df.loc[
        df["customer_key"].notna(), ["center", "customer_key", "arrived_at", "contact_id"]
    ]
    keyed = keyed.sort_values(["center", "customer_key", "arrived_at", "contact_id"])
    next_at = keyed.groupby(["center", "customer_key"], sort=False)["arrived_at"].shift(-1)
    gap = (next_at - keyed["arrived_at"]).dt.total_seconds().reindex(df.index)
    identified = df["customer_key"].notna()
    no_repeat = identified & ~(gap <= fcr_days * 86400.0)

    if abandon_treatment in ("failed", "ignored"):
        sl_hit = ans & (wait <= t)
    elif abandon_treatment == "met":
        sl_hit = (ans | ab) & (wait <= t)
    else:
        raise ValueError(f"unknown abandon_treatment {abandon_treatment!r}")

    flags = pd.DataFrame(
        {
            "center": df["center"],
            "day": df["arrived_at"].dt.normalize(),
            "offered": ans | ab,
            "answered": ans,
            "abandoned": ab,
            "short_abandoned": short_ab,
            "ivr_abandoned": ivr_ab,
            "ans15": ans & (wait <= 15),
            "ans20": ans & (wait <= 20),
            "sl_num": sl_hit,
            "wait_answered": wait.where(ans),
            "wait_queued": wait.where(q),
            "handle": (talk + hold.fillna(0) + acw.fillna(0)).where(ans),
            "talk": talk.where(ans),
            "hold": hold.where(ans),
            "acw": acw.where(ans),
            "transferred_n": ans & transferred.fillna(False).astype(bool),
            "transfer_known": ans & transferred.notna(),
            "fcr_n": ans & no_repeat,
            "fcr_den": ans & identified,
            "csat": csat,
            "csat_top": csat >= 4,
            "promoters": nps >= 9,
            "detractors": nps <= 6,
            "nps": nps,
            "ivr_only": ~q,
        }
    )
    g = flags.groupby(["center", "day"], sort=True).agg(
        offered=("offered", "sum"),
        answered=("answered", "sum"),
        abandoned=("abandoned", "sum"),
        short_abandoned=("short_abandoned", "sum"),
        ivr_abandoned=("ivr_abandoned", "sum"),
        ans15=("ans15", "sum"),
        ans20=("ans20", "sum"),
        sl_num=("sl_num", "sum"),
        asa_s=("wait_answered", "mean"),
        avg_wait_s=("wait_queued", "mean"),
        max_wait_s=("wait_queued", "max"),
        aht_s=("handle", "mean"),
        talk_s=("talk", "mean"),
        hold_s=("hold", "mean"),
        acw_s=("acw", "mean"),
        transferred_n=("transferred_n", "sum"),
        transfer_known=("transfer_known", "sum"),
        fcr_n=("fcr_n", "sum"),
        fcr_den=("fcr_den", "sum"),
        csat_avg=("csat", "mean"),
        csat_top=("csat_top", "sum"),
        csat_n=("csat", "count"),
        promoters=("promoters", "sum"),
        detractors=("detractors", "sum"),
        nps_n=("nps", "count"),
        ivr_only=("ivr_only", "sum"),
        contacts=("ivr_only", "size"),
    )

    out = g[list(COUNTS)].copy()
    out["answer_rate"] = _ratio(g["answered"], g["offered"])
    out["answer_rate_15s"] = _ratio(g["ans15"], g["offered"])
    out["answer_rate_20s"] = _ratio(g["ans20"], g["offered"])
    out["abandon_rate"] = _ratio(g["abandoned"], g["offered"])
    sl_den = g["answered"] if abandon_treatment == "ignored" else g["offered"]
    out["service_level"] = _ratio(g["sl_num"], sl_den)
    for name in ("asa_s", "avg_wait_s", "max_wait_s", "aht_s", "talk_s", "hold_s", "acw_s"):
        out[name] = g[name]
    out["transfer_rate"] = _ratio(g["transferred_n"], g["transfer_known"])
    out["fcr_rate"] = _ratio(g["fcr_n"], g["fcr_den"])
    out["csat_avg"] = g["csat_avg"]
    out["csat_top2"] = _ratio(g["csat_top"], g["csat_n"])
    out["nps"] = _ratio(g["promoters"] - g["detractors"], g["nps_n"])
    out["ivr_containment"] = _ratio(g["ivr_only"], g["contacts"])
    out["occupancy"] = np.nan
    out["adherence"] = np.nan
    return out.reset_index()


def to_records(frame: pd.DataFrame) -> list[dict]:
    """The result as ``kpi.compute`` gives it: dicts, ISO days, ints, None for NaN."""
    rows = []
    for rec in frame.to_dict("records"):
        row = {}
        for key, value in rec.items():
            if key == "day":
                value = value.date().isoformat()
            elif key in COUNTS:
                value = int(value)
            elif isinstance(value, float | np.floating):
                value = None if math.isnan(value) else float(value)
            row[key] = value
        rows.append(row)
    return rows


def compute(paths, **options) -> list[dict]:
    """Read the Parquet files and return the indicator rows (as ``kpi.compute`` does)."""
    return to_records(indicators(read(paths), **options))
