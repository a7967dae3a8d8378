from decimal import Decimal

import pytest

from ccaward.engine import framework as fw
from ccaward.seasons.defaults import default_framework, default_framework_data

D = Decimal


def test_default_framework_is_seed_001_exactly():
    f = default_framework()
    assert fw.validate(f) == []
    assert [(d.name_zh, d.weight) for d in f.dimensions] == [
        ("服务战略与价值", D(15)),
        ("社会影响力", D(15)),
        ("客户忠诚度", D(10)),
        ("人力资源管理", D(10)),
        ("运营管理水平", D(10)),
        ("客户服务水平", D(10)),
        ("信息管理", D(10)),
        ("技术能力", D(10)),
        ("持续提升潜力", D(10)),
    ]
    names = {d.name_zh: [c.name_zh for c in d.criteria] for d in f.dimensions}
    assert names["服务战略与价值"] == ["战略规划", "服务价值", "助销价值"]
    assert names["社会影响力"] == ["服务印象", "品牌地位"]
    assert names["客户忠诚度"] == ["客户满意", "客户忠诚", "业务增长率和保持率", "客户流失率"]
    assert names["人力资源管理"] == ["招聘与培训", "绩效与考核", "晋升与激励", "员工满意度与流失率"]
    assert names["运营管理水平"] == ["制度及流程", "管理文化", "效率", "成本控制"]
    assert names["客户服务水平"] == ["质量绩效", "一致性"]
    assert names["信息管理"] == ["竞争信息管理", "运营信息管理", "决策信息管理"]
    assert names["技术能力"] == ["业务系统满足能力", "技术响应", "系统应急方案"]
    assert names["持续提升潜力"] == ["意识", "目标", "方法"]
    quality = f.dimensions[5].criteria[0]
    assert [c.name_zh for c in quality.children] == [
        "接通率",
        "放弃率",
        "排队时长",
        "服务水平",
        "一次性解决问题率",
    ]
    assert [c.indicator for c in quality.children] == [
        "answer_rate",
        "abandon_rate",
        "asa_s",
        "service_level",
        "fcr_rate",
    ]
    assert all(d.name_en for d in f.dimensions)
    assert default_framework_data()["dimensions"][0]["weight"] == "15"


def make(weights, evidence=None):
    return fw.Framework(
        dimensions=tuple(
            fw.Dimension(
                code=f"d{i}",
                name_zh=f"维度{i}",
                name_en=f"D{i}",
                weight=D(w),
                criteria=(
                    fw.Criterion(
                        code=f"c{i}a", name_zh="甲", evidence=evidence or {"judge": D(100)}
                    ),
                    fw.Criterion(code=f"c{i}b", name_zh="乙"),
                ),
            )
            for i, w in enumerate(weights)
        )
    )


def test_weights_must_sum_to_exactly_100_and_the_message_names_the_sum():
    problems = fw.validate(make(["15", "80.5"]))
    assert [p.code for p in problems] == ["weights_sum"]
    assert problems[0].params == {"sum": "95.5", "difference": "-4.5"}
    assert "95.5" in problems[0].message
    over = fw.validate(make(["60", "45"]))
    assert over[0].params["difference"] == "+5"


def test_decimal_weights_are_exact_where_floats_are_not():
    # 0.1 * 3 + 99.7 is not 100 in binary floating point; in Decimal it is.
    assert fw.validate(make(["0.1", "0.1", "0.1", "99.7"])) == []
    with pytest.raises(ValueError, match="not a decimal"):
        fw.to_decimal(0.1, where="w")
    with pytest.raises(ValueError, match="not a number"):
        fw.to_decimal("abc", where="w")
    with pytest.raises(ValueError, match="finite"):
        fw.to_decimal("NaN", where="w")


def test_evidence_rules():
    problems = fw.validate(make(["50", "50"], evidence={"judge": D(60), "kpi": D(30)}))
    codes = sorted({p.code for p in problems})
    assert codes == ["evidence_sum", "indicator_missing"]
    bad_kind = fw.validate(make(["50", "50"], evidence={"vibes": D(100)}))
    assert "evidence_kind" in {p.code for p in bad_kind}


def test_duplicate_codes_and_empty_names_are_reported():
    f = fw.Framework(
        dimensions=(
            fw.Dimension(
                code="x",
                name_zh="",
                name_en="",
                weight=D(100),
                criteria=(fw.Criterion(code="x", name_zh=""),),
            ),
        )
    )
    codes = [p.code for p in fw.validate(f)]
    assert codes.count("duplicate_code") == 1
    assert codes.count("name_missing") == 2


def test_weighted_total_is_sum_of_weight_times_dimension_score():
    f = make(["40", "60"])
    scores = {
        "c0a": {"judge": D(80)},
        "c0b": {"judge": D(90)},  # dimension 0: 85
        "c1a": {"judge": D(70)},
        "c1b": {"judge": D(50)},  # dimension 1: 60
    }
    result = fw.weighted_total(f, scores)
    assert result.total == D(40) * D(85) / 100 + D(60) * D(60) / 100 == D(70)
    assert result.complete is True
    assert result.as_dict()["dimensions"][0] == {
        "code": "d0",
        "weight": "40",
        "score": "85.00",
        "contribution": "34.00",
        "criteria": {"c0a": "80.00", "c0b": "90.00"},
    }


def test_missing_scores_leave_the_result_incomplete_not_wrong():
    f = make(["40", "60"])
    result = fw.weighted_total(f, {"c0a": {"judge": D(80)}})
    assert result.complete is False
    assert result.dimensions[0].score == D(80)
    assert result.dimensions[1].score is None
    assert result.total == D(32)


def test_blend_shares_a_missing_kind_among_present_ones():
    ev = {"judge": D(40), "mystery": D(60)}
    assert fw.blend(ev, {"judge": D(50), "mystery": D(100)}) == D(80)
    assert fw.blend(ev, {"judge": D(50)}) == D(50)
    assert fw.blend(ev, {}) is None
    with pytest.raises(ValueError, match="outside 0..100"):
        fw.blend(ev, {"judge": D(101)})


def test_criterion_with_children_averages_own_and_children():
    f = default_framework()
    quality = f.dimensions[5].criteria[0]
    scores = {
        "quality_performance": {"judge": D(60)},
        **{c.code: {"kpi": D(90)} for c in quality.children},
    }
    assert fw.criterion_score(quality, scores) == (D(60) + 5 * D(90)) / 6


def test_total_refuses_an_invalid_framework():
    with pytest.raises(fw.FrameworkInvalid, match="sum to 90"):
        fw.weighted_total(make(["45", "45"]), {})


def test_engine_does_not_import_django():
    import subprocess
    import sys

    code = (
        "import sys, ccaward.engine.framework, ccaward.engine.schedule, ccaward.engine.erlang,"
        " ccaward.engine.kpi, ccaward.engine.interactions, ccaward.engine.simulate;"
        "print(any(m == 'django' or m.startswith('django.') for m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
