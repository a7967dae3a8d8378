"""Indicators from monthly totals a center enters by hand (no interaction records)."""

from __future__ import annotations

from ccaward.engine.kpi.figures import INDICATORS

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
