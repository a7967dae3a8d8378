"""The indicator catalogue: one wording per indicator in each language, the form fields
applicants report by, and what derives from it."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

import ccaward
from ccaward.engine import benchmark, indicators, interactions, kpi
from ccaward.engine.indicators import INDICATORS, Band, Indicator
from ccaward.engine.sql import dialect

FORM = Path(ccaward.__file__).parent / "applications" / "data" / "form_default.yaml"

# key, Chinese, English: the one wording of each indicator, everywhere it is shown
WORDING = [
    ("offered", "呼入量", "Offered"),
    ("answered", "接通量", "Answered"),
    ("abandoned", "排队放弃量", "Abandoned in queue"),
    ("short_abandoned", "短时放弃量", "Short abandons"),
    ("ivr_abandoned", "IVR 内挂机量", "Hung up in the IVR"),
    ("answer_rate", "接通率", "Answer rate"),
    ("answer_rate_15s", "15 秒接通率", "Answered within 15 s"),
    ("answer_rate_20s", "20 秒接通率", "Answered within 20 s"),
    ("abandon_rate", "放弃率", "Abandon rate"),
    ("service_level", "服务水平", "Service level"),
    ("asa_s", "平均应答速度", "Average speed of answer"),
    ("avg_wait_s", "平均等待时长", "Average wait"),
    ("max_wait_s", "最长等待时长", "Longest wait"),
    ("aht_s", "平均处理时长", "Average handle time"),
    ("talk_s", "平均通话时长", "Average talk time"),
    ("hold_s", "平均保持时长", "Average hold time"),
    ("acw_s", "平均话后处理时长", "Average after-contact work"),
    ("transfer_rate", "转接率", "Transfer rate"),
    ("fcr_rate", "一次性解决问题率（FCR）", "First contact resolution"),
    ("csat_avg", "客户满意度（1–5 分）", "Customer satisfaction (1–5)"),
    ("csat_top2", "满意率（前两档）", "Satisfied customers (top 2 box)"),
    ("nps", "净推荐值（NPS）", "Net promoter score"),
    ("ivr_containment", "IVR 自助解决率", "IVR containment"),
    ("occupancy", "座席占用率", "Occupancy"),
    ("adherence", "排班遵从率", "Schedule adherence"),
    ("attrition_rate", "员工流失率", "Staff attrition"),
    ("staffing_efficiency", "人力配置效率", "Staffing efficiency"),
]


def test_each_indicator_has_one_wording_in_each_language():
    assert [(k, i.name_zh, i.name_en) for k, i in INDICATORS.items()] == WORDING
    assert INDICATORS["acw_s"].name("en") == "Average after-contact work"
    assert INDICATORS["acw_s"].name("en-us") == "Average after-contact work"
    assert INDICATORS["acw_s"].name("zh-hans") == "平均话后处理时长"
    assert INDICATORS["acw_s"].name(None) == "平均话后处理时长"


def test_the_computed_indicators_are_the_columns_of_compute():
    assert kpi.INDICATORS == indicators.COMPUTED
    assert [k for k, i in INDICATORS.items() if i.source != "records"] == [
        "attrition_rate",
        "staffing_efficiency",
    ]
    assert benchmark.INDICATORS is INDICATORS
    con = dialect.connect()
    interactions.create_table(con)
    (row,) = kpi.compute(con, by=())
    assert tuple(row) == kpi.INDICATORS


def test_display_formats_follow_the_units():
    shown = {}
    for key, ind in INDICATORS.items():
        shown.setdefault(ind.display, []).append(key)
    assert shown["count"] == [
        "offered",
        "answered",
        "abandoned",
        "short_abandoned",
        "ivr_abandoned",
    ]
    assert shown["seconds"] == [
        "asa_s",
        "avg_wait_s",
        "max_wait_s",
        "aht_s",
        "talk_s",
        "hold_s",
        "acw_s",
    ]
    assert shown["decimal"] == ["csat_avg", "staffing_efficiency"]
    assert shown["points"] == ["nps"]
    assert len(shown["percent"]) == 27 - 15


def test_the_board_shows_scored_indicators():
    assert indicators.BOARD[0] == "answer_rate" and indicators.BOARD[-1] == "attrition_rate"
    assert all(INDICATORS[k].direction for k in indicators.BOARD)


def _maps_to(node, found):
    """Every maps_to target of a form definition (a field's text or a row's columns)."""
    if isinstance(node, dict):
        target = node.get("maps_to")
        if isinstance(target, str):
            found.add(target)
        elif isinstance(target, dict):
            found.update(target.values())
        for value in node.values():
            _maps_to(value, found)
    elif isinstance(node, list):
        for value in node:
            _maps_to(value, found)
    return found


def test_the_reported_indicators_are_fields_of_the_default_application_form():
    targets = _maps_to(yaml.safe_load(FORM.read_text(encoding="utf-8")), set())
    assert indicators.FORM_FIELDS == {
        "reported.abandon_rate": "abandon_rate",
        "reported.aht_s": "aht_s",
        "reported.acw_s": "acw_s",
        "reported.fcr_rate": "fcr_rate",
        "reported.occupancy": "occupancy",
        "reported.attrition_rate": "attrition_rate",
    }
    assert set(indicators.FORM_FIELDS) <= targets
    # a reported figure of the form named like an indicator is that indicator's field
    named = {t for t in targets if t.startswith("reported.") and t[9:] in INDICATORS}
    assert named == set(indicators.FORM_FIELDS)
    assert [k for k, i in INDICATORS.items() if i.reported] == list(indicators.FORM_FIELDS.values())


def test_an_entry_is_checked_when_it_is_made():
    with pytest.raises(ValueError, match="unit"):
        Indicator("x", "甲", "X", "furlongs", None)
    with pytest.raises(ValueError, match="band"):
        Indicator("x", "甲", "X", "fraction", "band")
    with pytest.raises(ValueError, match="band"):
        Indicator("x", "甲", "X", "fraction", "higher", band=Band(0, 1))
    with pytest.raises(ValueError, match="source"):
        Indicator("x", "甲", "X", "fraction", "higher", source="guess")
    assert Indicator("x", "甲", "X", "nps", "higher").display == "points"
    assert not Indicator("x", "甲", "X", "count", None).reported
