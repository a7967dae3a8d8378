"""The application-form engine: definitions checked, answers validated as typed."""

from decimal import Decimal

import pytest

from ccaward.engine import appform

DEFN = {
    "key": "t",
    "title": {"zh": "申报表", "en": "Form"},
    "sections": [
        {
            "key": "basic",
            "part": 1,
            "title": {"zh": "基本信息", "en": "Basic"},
            "fields": [
                {
                    "key": "name",
                    "type": "text",
                    "label": {"zh": "名称", "en": "Name"},
                    "required": True,
                },
                {"key": "email", "type": "email", "label": {"zh": "邮件", "en": "E-mail"}},
                {
                    "key": "seats",
                    "type": "integer",
                    "label": {"zh": "坐席", "en": "Seats"},
                    "min": 0,
                    "maps_to": "center.seats",
                },
                {"key": "age_a", "type": "percent", "label": {"zh": "A", "en": "A"}},
                {"key": "age_b", "type": "percent", "label": {"zh": "B", "en": "B"}},
                {
                    "key": "mode",
                    "type": "choice",
                    "label": {"zh": "模式", "en": "Mode"},
                    "options": [
                        {"value": "inbound", "label": {"zh": "呼入", "en": "Inbound"}},
                        {"value": "outbound", "label": {"zh": "呼出", "en": "Outbound"}},
                    ],
                    "other": True,
                },
            ],
        },
        {
            "key": "strategy",
            "part": 2,
            "title": {"zh": "战略", "en": "Strategy"},
            "fields": [
                {
                    "key": "challenges",
                    "type": "multi",
                    "label": {"zh": "三大挑战", "en": "Three challenges"},
                    "options": [
                        {"value": f"c{i}", "label": {"zh": f"挑战{i}", "en": f"C{i}"}}
                        for i in range(6)
                    ],
                    "min_picks": 3,
                    "max_picks": 3,
                    "required": True,
                },
                {
                    "key": "survey",
                    "type": "yesno",
                    "label": {"zh": "满意度调查", "en": "Survey"},
                    "detail": {"label": {"zh": "请说明", "en": "Please describe"}, "when": ["yes"]},
                },
                {
                    "key": "survey_year",
                    "type": "year",
                    "label": {"zh": "年份", "en": "Year"},
                    "visible_if": {"field": "survey", "equals": "yes"},
                    "required": True,
                },
                {
                    "key": "kpi",
                    "type": "table",
                    "label": {"zh": "指标", "en": "Indicators"},
                    "columns": [
                        {"key": "target", "label": {"zh": "目标", "en": "Target"}},
                        {"key": "actual", "label": {"zh": "实际", "en": "Actual"}},
                    ],
                    "rows": [
                        {
                            "key": "aht",
                            "label": {"zh": "AHT", "en": "AHT"},
                            "min": 0,
                            "maps_to": {"actual": "reported.aht_s"},
                        },
                        {
                            "key": "abandon",
                            "label": {"zh": "放弃率", "en": "Abandon"},
                            "type": "percent",
                            "maps_to": {"actual": "reported.abandon_rate"},
                        },
                        {"key": "other", "label": {"zh": "其他", "en": "Other"}, "other": True},
                    ],
                },
            ],
        },
    ],
    "checks": [
        {
            "key": "age_sum",
            "label": {"zh": "年龄", "en": "Ages"},
            "sum": ["age_a", "age_b"],
            "equals": 100,
        }
    ],
}


@pytest.fixture
def defn():
    return appform.load_definition(DEFN)


def codes(v):
    return {(p.key, p.code) for p in v.problems}


def test_a_valid_answer_set_gives_typed_values(defn):
    v = appform.validate(
        defn,
        {
            "name": " 招行 ",
            "seats": "1，200",
            "age_a": "40%",
            "age_b": "60",
            "mode": "other",
            "mode.other": "混合",
            "challenges": ["c1", "c2", "c3"],
            "survey": "yes",
            "survey.detail": "每年一次",
            "survey_year": "２０２５",
            "kpi.aht.actual": "245.5",
            "kpi.abandon.actual": "3.2",
        },
    )
    assert v.ok, v.problems
    assert v.values["name"] == "招行"
    assert v.values["seats"] == 1200
    assert v.values["survey_year"] == 2025
    assert v.values["kpi.aht.actual"] == Decimal("245.5")
    assert appform.typed(defn, v) == {
        "center.seats": (1200, "integer"),
        "reported.aht_s": (Decimal("245.5"), "decimal"),
        "reported.abandon_rate": (Decimal("3.2"), "percent"),
    }
    assert v.progress["basic"] == (5, 6)


def test_bad_input_is_named_by_answer_key(defn):
    v = appform.validate(
        defn,
        {
            "email": "not-an-address",
            "seats": "-3",
            "age_a": "abc",
            "mode": "other",
            "challenges": ["c1", "c2"],
            "kpi.abandon.actual": "120",
            "kpi.other.actual": "5",
        },
    )
    assert codes(v) == {
        ("name", "required"),
        ("email", "email"),
        ("seats", "min"),
        ("age_a", "number"),
        ("mode.other", "other_required"),
        ("challenges", "picks_exact"),
        ("kpi.abandon.actual", "max"),
        ("kpi.other.name", "other_required"),
    }
    # problems come in section order
    assert [p.section for p in v.problems] == sorted(
        (p.section for p in v.problems), key=["basic", "strategy"].index
    )


def test_a_percent_group_must_sum_to_100(defn):
    v = appform.validate(defn, {"age_a": "40", "age_b": "50"})
    (p,) = [p for p in v.problems if p.code == "sum"]
    assert p.key == "age_sum" and p.params["total"] == Decimal(90) and p.section == "basic"
    assert not [p for p in appform.validate(defn, {}).problems if p.code == "sum"]


def test_hidden_fields_are_neither_checked_nor_kept(defn):
    v = appform.validate(defn, {"survey": "no", "survey_year": "oops"})
    assert "survey_year" not in v.visible
    assert ("survey_year", "integer") not in codes(v)
    v = appform.validate(defn, {"survey": "yes"})
    assert {("survey_year", "required"), ("survey.detail", "detail_required")} <= codes(v)


def test_definition_problems_are_all_listed():
    bad = {
        "sections": [
            {
                "key": "s",
                "part": 7,
                "title": {"zh": "x", "en": "x"},
                "fields": [
                    {"key": "a", "type": "bogus", "label": {"zh": "a", "en": "a"}},
                    {"key": "a", "type": "text", "label": {"zh": "a", "en": "a"}},
                    {
                        "key": "b",
                        "type": "text",
                        "label": {"zh": "b", "en": "b"},
                        "visible_if": {"field": "zz", "equals": "1"},
                    },
                ],
            }
        ],
        "checks": [{"key": "k", "sum": ["nope"], "equals": 100}],
    }
    with pytest.raises(appform.DefinitionError) as exc:
        appform.load_definition(bad)
    text = str(exc.value)
    for needle in (
        "part must be 1..4",
        "unknown type 'bogus'",
        "a: key repeated",
        "names no field 'zz'",
        "'nope' names no answer",
    ):
        assert needle in text


def test_export_and_import_round_trip(defn):
    answers = {
        "name": "中心",
        "mode": "inbound",
        "challenges": ["c0", "c4", "c5"],
        "kpi.aht.actual": "300",
    }
    v = appform.validate(defn, answers)
    cols = appform.export_columns(defn)
    keys = [c.key for c in cols]
    assert keys[:7] == ["name", "email", "seats", "age_a", "age_b", "mode", "mode.other"]
    assert "kpi.other.name" in keys and "survey.detail" in keys
    row = {c.key: appform.cell_value(c, v, answers, "zh-hans") for c in cols}
    assert row["mode"] == "呼入" and row["challenges"] == "挑战0; 挑战4; 挑战5"
    assert row["kpi.aht.actual"] == 300
    back = appform.answers_from_cells(defn, row)
    assert back["mode"] == "inbound" and back["challenges"] == ["c0", "c4", "c5"]
    assert appform.validate(defn, back).values == v.values
    # an unknown label is kept, and named by validation
    back = appform.answers_from_cells(defn, {"mode": "卫星"})
    assert ("mode", "choice") in codes(appform.validate(defn, back))


def test_every_question_type_has_its_check():
    assert set(appform.CHECKS) == appform.FIELD_TYPES
