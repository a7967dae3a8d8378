"""The scorecard's definition: the default card, and each bad definition refused by
path with its sum."""

from __future__ import annotations

import copy
from decimal import Decimal

import pytest
import yaml

from ccaward.engine.mystery.scorecard import (
    DEFAULT_FILE,
    ScorecardError,
    default_scorecard,
    load_scorecard,
    measure_points,
)


def raw():
    return yaml.safe_load(DEFAULT_FILE.read_text(encoding="utf-8"))


def problems(data) -> str:
    with pytest.raises(ScorecardError) as exc:
        load_scorecard(data)
    return "\n".join(exc.value.problems)


def test_default_card_validates_and_sums_to_100():
    card = default_scorecard()
    assert sum(g.points for g in card.groups) == 100
    assert [g.code for g in card.groups] == ["reaching", "opening", "handling", "closing"]
    for group in card.groups:
        assert sum(i.points for i in group.items) == group.points
    codes = {i.code for _, i in card.items()}
    assert {"promise_7x24", "identification", "accuracy", "hold_etiquette"} <= codes
    assert {"no_transfer_pingpong", "summary", "further_help", "courteous_end"} <= codes
    for _, item in card.items():
        assert item.name_zh and item.name_en
        if item.type == "scale":
            assert sorted(item.anchors) == [1, 2, 3, 4, 5]


def test_items_not_adding_up_to_their_group_are_refused_with_the_sum():
    data = raw()
    data["groups"]["handling"]["items"]["empathy"]["points"] = 7
    text = problems(data)
    assert "handling: its items' points add up to 49, not the group's 50" in text


def test_groups_not_adding_up_to_100_are_refused_with_the_sum():
    data = raw()
    data["groups"]["closing"]["points"] = 20
    data["groups"]["closing"]["items"]["courteous_end"]["points"] = 10
    text = problems(data)
    assert "groups: the groups' points add up to 105, not 100" in text
    assert "closing:" not in text


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            lambda t: t[-1].update(up_to=600),
            "reaching/seconds_to_person/thresholds: the last up_to is 600, not the range's max 1800",
        ),
        (
            lambda t: t[1].update(points=9),
            "reaching/seconds_to_person/thresholds: points must move one way only",
        ),
        (
            lambda t: t[2].update(up_to=25),
            "reaching/seconds_to_person/thresholds: up_to must increase strictly",
        ),
        (
            lambda t: t[0].update(points="many"),
            "reaching/seconds_to_person/thresholds/1/points: 'many' is not a number",
        ),
    ],
)
def test_bad_threshold_tables_are_refused_by_path(change, expected):
    data = raw()
    change(data["groups"]["reaching"]["items"]["seconds_to_person"]["thresholds"])
    assert expected in problems(data)


def test_other_bad_items_are_named_by_path():
    data = raw()
    items = data["groups"]["opening"]["items"]
    del items["greeting"]["anchors"][3]
    items["identification"]["type"] = "stars"
    data["groups"]["handling"]["items"]["listening"]["name_en"] = ""
    text = problems(data)
    assert "opening/greeting/anchors/3: a description in zh and en is needed" in text
    assert "opening/identification/type: 'stars' is not one of" in text
    assert "handling/listening: name_en is missing" in text


def test_the_best_threshold_row_must_earn_the_items_points():
    data = copy.deepcopy(raw())
    data["groups"]["reaching"]["items"]["rings"]["thresholds"][0]["points"] = 3
    assert "reaching/rings/thresholds: the best row earns 3, not the item's 4 points" in problems(
        data
    )


def test_measured_values_map_through_the_table_and_out_of_range_is_refused():
    card = default_scorecard()
    _, item = card.item("seconds_to_person")
    assert [measure_points(item, Decimal(v)) for v in (0, 20, 21, 60, 61, 1800)] == [
        8,
        8,
        6,
        4,
        2,
        0,
    ]
    with pytest.raises(ValueError, match="outside 0-1800 seconds"):
        measure_points(item, Decimal(1801))
    with pytest.raises(ValueError, match="outside"):
        measure_points(item, Decimal(-1))
