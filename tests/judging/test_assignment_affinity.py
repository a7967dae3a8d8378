"""The affinity formula (engine/affinity.py): each term in [0, 1], the weights, the
dimensions' need for expert judgement from the framework's evidence weights."""

from decimal import Decimal

import pytest

from ccaward.engine.affinity import (
    Expertise,
    Needs,
    affinity,
    check_weights,
    dimension_needs,
    number,
    score,
)
from ccaward.engine.framework import Criterion, Dimension, Framework

WEIGHTS = {"industry": 3, "channel": 1, "dimension": 1}


def crit(code, **evidence):
    return Criterion(code=code, name_zh=code, evidence={k: Decimal(v) for k, v in evidence.items()})


FRAMEWORK = Framework(
    dimensions=(
        # judged only: needs a judge for all of its weight 40
        Dimension("strategy", "战略", "Strategy", Decimal(40), (crit("s1", judge=100),)),
        # half judged, half KPI: needs a judge for 30 of its 60 when the KPIs are there
        Dimension("service", "服务", "Service", Decimal(60), (crit("q1", judge=50, kpi=50),)),
    )
)


def test_needs_follow_the_judges_share_of_each_dimension():
    assert dimension_needs(FRAMEWORK, present={"judge", "kpi"}) == {
        "strategy": 40.0,
        "service": 30.0,
    }
    # without KPI evidence the judges give the whole score of the service dimension
    assert dimension_needs(FRAMEWORK, present=()) == {"strategy": 40.0, "service": 60.0}


def test_a_criterion_with_sub_items_averages_their_shares():
    parent = Criterion(
        code="p",
        name_zh="p",
        evidence={"judge": Decimal(100)},
        children=(crit("c", kpi=100),),
    )
    framework = Framework(dimensions=(Dimension("d", "d", "d", Decimal(10), (parent,)),))
    assert dimension_needs(framework, present={"kpi"}) == {"d": 5.0}


def test_the_terms_and_the_weighted_score():
    expertise = Expertise.of(
        industries=["banking"], channels=["voice", "email"], dimensions=["strategy"]
    )
    needs = Needs(
        industry="banking",
        channels=frozenset({"voice", "web_chat"}),
        dimensions=dimension_needs(FRAMEWORK, present={"kpi"}),
    )
    result = affinity(expertise, needs, WEIGHTS)
    values = {t.key: t.value for t in result.terms}
    assert values == {"industry": 1.0, "channel": 0.5, "dimension": pytest.approx(40 / 70)}
    assert result.score == pytest.approx(3 + 0.5 + 40 / 70)
    assert [t.matched for t in result.terms] == [("banking",), ("voice",), ("strategy",)]
    assert result.expression() == "3 × 1 + 1 × 0.5 + 1 × 0.57 = 4.07"


def test_nothing_in_common_is_zero_and_every_term_stays_in_range():
    needs = Needs(industry="telecom", channels=frozenset(), dimensions={})
    result = affinity(Expertise.of(industries=["banking"]), needs, WEIGHTS)
    assert result.score == 0
    full = affinity(
        Expertise.of(["telecom"], ["voice"], ["strategy", "service"]),
        Needs("telecom", frozenset({"voice"}), {"strategy": 40.0, "service": 60.0}),
        {"industry": "2", "channel": 0, "dimension": Decimal("1.5")},
    )
    assert all(0 <= t.value <= 1 for t in full.terms)
    assert full.score == pytest.approx(3.5)


@pytest.mark.parametrize(
    "weights, name",
    [
        ({"industry": -1, "channel": 1, "dimension": 1}, "industry"),
        ({"industry": 1, "channel": "x", "dimension": 1}, "channel"),
        ({"industry": 1, "channel": 1}, "dimension"),
        ({"industry": 1, "channel": 1, "dimension": float("nan")}, "dimension"),
        ({"industry": True, "channel": 1, "dimension": 1}, "industry"),
    ],
)
def test_a_bad_weight_is_refused_by_name(weights, name):
    with pytest.raises(ValueError, match=name):
        check_weights(weights)


def test_numbers_read_as_people_write_them():
    assert [number(v) for v in (3.0, 0.5, 2 / 3, 0.0, 10.456)] == ["3", "0.5", "0.67", "0", "10.46"]


def test_the_score_alone_equals_the_explained_affinity():
    import random

    rng = random.Random(7)
    codes = ["a", "b", "c", "d"]
    for _ in range(300):
        expertise = Expertise.of(
            rng.sample(["x", "y", "z"], rng.randint(0, 2)),
            rng.sample(codes, rng.randint(0, 4)),
            rng.sample(codes, rng.randint(0, 4)),
        )
        needs = Needs(
            rng.choice(["x", "y", ""]),
            frozenset(rng.sample(codes, rng.randint(0, 4))),
            {c: rng.choice([0.0, 5.0, 12.5]) for c in rng.sample(codes, rng.randint(0, 4))},
        )
        weights = check_weights(
            {k: rng.uniform(0, 5) for k in ("industry", "channel", "dimension")}
        )
        assert score(expertise, needs, weights) == pytest.approx(
            affinity(expertise, needs, weights).score
        )
