"""linearise: each entry's total as base + judge . v + mystery . m equals the
framework's Decimal total for the same evidence."""

from __future__ import annotations

from decimal import Decimal

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ccaward.engine.framework import weighted_total
from ccaward.engine.scoring.linear import kind_weights, linearise
from ccaward.engine.scoring.table import Scale, ScoreTable
from ccaward.engine.scoring.totals import totals
from tests.engine.scoring.frameworks import codes, frameworks

SCALES = [Scale(0, 10), Scale(1, 5), Scale(-3, 7.5)]


def _table(codes_, n_entries: int, scale: Scale) -> ScoreTable:
    return ScoreTable(
        judges=("j",),
        entries=tuple(f"e{i}" for i in range(n_entries)),
        criteria=tuple(codes_),
        judge=np.zeros(0, dtype=np.int64),
        entry=np.zeros(0, dtype=np.int64),
        criterion=np.zeros(0, dtype=np.int64),
        score=np.zeros(0),
        scale=scale,
    )


def _maybe(draw, strategy):
    return draw(st.one_of(st.none(), strategy))


@st.composite
def cases(draw):
    framework = draw(frameworks())
    all_codes = codes(framework)
    # the table holds some of the framework's criteria, in some order
    table_codes = draw(st.permutations(all_codes))[: draw(st.integers(0, len(all_codes)))]
    scale = draw(st.sampled_from(SCALES))
    n = draw(st.integers(1, 4))
    unit = st.floats(0, 1, allow_nan=False)
    v = np.full((n, len(table_codes)), np.nan)
    m = np.full((n, len(table_codes)), np.nan)
    evidence = {}
    for e in range(n):
        for c in range(len(table_codes)):
            if draw(st.booleans()):
                v[e, c] = scale.low + draw(unit) * scale.width
            if draw(st.booleans()):
                m[e, c] = draw(unit) * 100
        given = {}
        for code in all_codes:
            kinds = {
                kind: Decimal(draw(st.integers(0, 10000))) / 100
                for kind in ("kpi", "visit", "mystery")
                if draw(st.integers(0, 2)) == 0
            }
            if kinds:
                given[code] = kinds
        evidence[f"e{e}"] = given
    weight = draw(st.sampled_from([0, 30, 50, 100]))
    return framework, _table(table_codes, n, scale), v, m, evidence, weight


def reference(framework, table, v, m, evidence, weight):
    """weighted_total on the exact Decimal values of the floats (no quantizing)."""
    out = []
    low, width = Decimal(table.scale.low), Decimal(table.scale.width)
    for e, label in enumerate(table.entries):
        scores = {code: dict(kinds) for code, kinds in evidence[label].items()}
        for c, code in enumerate(table.criteria):
            kinds = scores.setdefault(code, {})
            if not np.isnan(m[e, c]):
                kinds["mystery"] = Decimal(m[e, c])
            if not np.isnan(v[e, c]):
                reviews = (Decimal(v[e, c]) - low) * 100 / width
                visit = kinds.get("visit")
                kinds["judge"] = (
                    reviews
                    if visit is None
                    else (reviews * (100 - weight) + visit * weight) / Decimal(100)
                )
        for kinds in scores.values():
            if "judge" not in kinds and "visit" in kinds:
                kinds["judge"] = kinds["visit"]
            kinds.pop("visit", None)
        out.append(weighted_total(framework, scores).total)
    return out


def linear_totals(framework, table, v, m, evidence, weight):
    linear = linearise(
        framework,
        table,
        judge_present=~np.isnan(v),
        evidence=evidence,
        mystery_present=~np.isnan(m),
        visit_weight=weight,
    )
    return (
        linear.base
        + (linear.judge * np.nan_to_num(v)).sum(1)
        + (linear.mystery * np.nan_to_num(m)).sum(1)
    )


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cases())
def test_linear_total_equals_the_frameworks_decimal_total(case):
    expected = reference(*case)
    got = linear_totals(*case)
    for want, value in zip(expected, got, strict=True):
        if want is None:  # nothing scored: no total
            assert np.isnan(value)
        else:
            assert abs(float(want) - value) < 1e-9


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cases())
def test_linear_total_equals_totals_to_the_quantizing(case):
    """totals() (values quantized to 1e-6 as Decimals) agrees with the coefficients."""
    framework, table, v, m, evidence, weight = case
    results = totals(framework, table, v, evidence=evidence, mystery=m, visit_weight=weight)
    got = linear_totals(*case)
    for r, value in zip(results, got, strict=True):
        assert (r.total is None and np.isnan(value)) or abs(float(r.total) - value) < 1e-5


@settings(max_examples=100, deadline=None)
@given(frameworks())
def test_every_kind_present_weights_sum_to_one(framework):
    weights = kind_weights(framework, lambda code, kind: True)
    assert abs(sum(weights.values()) - 1) < Decimal("1e-20")


def _one_criterion_framework():
    from ccaward.engine.framework import from_data

    return from_data(
        {
            "dimensions": [
                {
                    "code": "d",
                    "name": {"zh": "维度"},
                    "weight": "100",
                    "criteria": [
                        {
                            "code": "a",
                            "name": {"zh": "甲"},
                            "evidence": {"judge": "60", "mystery": "40"},
                        }
                    ],
                }
            ]
        }
    )


def test_coefficients_of_a_simple_case():
    """judge 60 / mystery 40, visit 25% of the judges' kind, scale 0..10."""
    framework = _one_criterion_framework()
    table = _table(["a"], 1, Scale(0, 10))
    linear = linearise(
        framework,
        table,
        judge_present=np.array([[True]]),
        evidence={"e0": {"a": {"visit": Decimal(80)}}},
        mystery_present=np.array([[True]]),
        visit_weight=25,
    )
    # judge: 0.6 x 0.75 x 10 per point; visit: 0.6 x 0.25 x 80 = 12; mystery 0.4
    assert linear.judge[0, 0] == 4.5
    assert abs(linear.base[0] - 12) < 1e-12
    assert linear.mystery[0, 0] == 0.4


def test_missing_mystery_gives_its_weight_to_the_judges():
    framework = _one_criterion_framework()
    table = _table(["a"], 1, Scale(1, 5))
    linear = linearise(framework, table, judge_present=np.array([[True]]))
    assert linear.judge[0, 0] == 25.0  # 100 / (5 - 1) per point
    assert linear.base[0] == -25.0  # the scale's bottom is 0
    assert linear.mystery[0, 0] == 0
