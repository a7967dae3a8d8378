"""ECharts options for the KPI pages, built here as plain data.

The page puts each option in a data attribute; static/js/charts.js draws it.
No code travels in an option, so the strict Content-Security-Policy holds.
"""

from __future__ import annotations

import json

from django.utils.translation import pgettext


def _json(option: dict) -> str:
    return json.dumps(option, ensure_ascii=False, separators=(",", ":"))


def _pct(v):
    return None if v is None else round(v * 100, 1)


def service_level_by_day(result, target: float) -> dict:
    days = [r["day"] for r in result.daily]
    return {
        "tooltip": {"trigger": "axis"},
        "grid": {"left": 48, "right": 16, "top": 30, "bottom": 40},
        "legend": {"top": 0},
        "xAxis": {"type": "category", "data": days},
        "yAxis": {"type": "value", "min": 0, "max": 100, "axisLabel": {"formatter": "{value}%"}},
        "series": [
            {
                "name": pgettext("chart", "Service level"),
                "type": "line",
                "smooth": True,
                "data": [_pct(r.get("service_level")) for r in result.daily],
                "markLine": {
                    "symbol": "none",
                    # inside the plot: at the end of the line the label was cut off
                    "label": {"position": "insideEndTop", "formatter": "{b} {c}%"},
                    "data": [
                        {"yAxis": round(target * 100, 1), "name": pgettext("chart", "Target")}
                    ],
                },
            },
            {
                "name": pgettext("chart", "Answer rate"),
                "type": "line",
                "smooth": True,
                "data": [_pct(r.get("answer_rate")) for r in result.daily],
            },
        ],
    }


def intraday(result) -> dict:
    rows = result.intraday
    return {
        "tooltip": {"trigger": "axis"},
        "grid": {"left": 56, "right": 56, "top": 30, "bottom": 40},
        "legend": {"top": 0},
        "xAxis": {"type": "category", "data": [r["interval30"] for r in rows]},
        "yAxis": [
            {"type": "value", "name": pgettext("chart", "Contacts")},
            {"type": "value", "min": 0, "max": 100, "axisLabel": {"formatter": "{value}%"}},
        ],
        "series": [
            {
                "name": pgettext("chart", "Offered"),
                "type": "bar",
                "data": [r.get("offered") for r in rows],
            },
            {
                "name": pgettext("chart", "Service level"),
                "type": "line",
                "yAxisIndex": 1,
                "data": [_pct(r.get("service_level")) for r in rows],
            },
        ],
    }


def peer_distribution(position, label: str, scale: float) -> dict:
    """A box plot of the peers with the entry marked on it."""
    s = position.stats
    box = [round(x * scale, 2) for x in (s.min, s.q1, s.median, s.q3, s.max)]
    return {
        "tooltip": {"trigger": "item"},
        "grid": {"left": 140, "right": 24, "top": 10, "bottom": 30},
        "yAxis": {"type": "category", "data": [label]},
        "xAxis": {"type": "value", "scale": True},
        "series": [
            {"name": pgettext("chart", "Peers"), "type": "boxplot", "data": [box]},
            {
                "name": pgettext("chart", "This entry"),
                "type": "scatter",
                "symbolSize": 14,
                "data": [[round(position.value * scale, 2), 0]],
            },
        ],
    }


def entry_charts(result, bench) -> dict:
    target = float(bench.target) if bench else 0.8
    out = {
        "service_level": _json(service_level_by_day(result, target)) if result.daily else "",
        "intraday": _json(intraday(result)) if result.intraday else "",
    }
    if bench and bench.distribution:
        out["distribution"] = _json(peer_distribution(*bench.distribution))
    return out
