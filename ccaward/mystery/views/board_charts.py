"""The board's ECharts options as plain data (as kpis/charts.py): the page puts
each in a data attribute and static/js/charts.js draws it, so no code travels in
an option and the Content-Security-Policy holds."""

from __future__ import annotations

import json

from django.utils.translation import pgettext

from ccaward.mystery.board import BINS


def _json(option: dict) -> str:
    return json.dumps(option, ensure_ascii=False, separators=(",", ":"))


def bin_labels() -> list[str]:
    step = 100 // BINS
    return [f"{lo}–{lo + step}" for lo in range(0, 100, step)]


def distribution(bins: list[int]) -> str:
    """A bar per tenth of 0..100: how many contacts scored in it."""
    return _json(
        {
            "tooltip": {"trigger": "axis"},
            "grid": {"left": 40, "right": 12, "top": 16, "bottom": 48},
            "xAxis": {
                "type": "category",
                "data": bin_labels(),
                "name": pgettext("mystery chart", "Score"),
                "nameLocation": "middle",
                "nameGap": 30,
                "axisLabel": {"hideOverlap": True},
            },
            "yAxis": {"type": "value", "minInterval": 1},
            "series": [
                {
                    "name": pgettext("mystery chart", "Contacts"),
                    "type": "bar",
                    "data": bins,
                    "itemStyle": {"color": "#2f6fb0"},
                }
            ],
        }
    )
