"""The engine's problems read in the reader's language: a refused scorecard and
an infeasible plan in Chinese, paths kept; the scenario's title is 标题."""

from __future__ import annotations

import re

import pytest
import yaml
from django.urls import reverse
from django.utils import translation

from ccaward.engine.mystery.scorecard import DEFAULT_FILE
from ccaward.mystery.domain import cards, planning, shoppers
from ccaward.mystery.domain.problems import plan_problems, scorecard_problems

CJK = re.compile(r"[\u4e00-\u9fff]")


def default_data():
    return yaml.safe_load(DEFAULT_FILE.read_text(encoding="utf-8"))


def broken_cards():
    sums = default_data()
    sums["groups"]["reaching"]["points"] = 25
    table = default_data()
    reaching = table["groups"]["reaching"]["items"]
    measured = next(k for k, v in reaching.items() if v.get("type") == "measure")
    reaching[measured]["points"] = 99
    reaching[measured]["min"], reaching[measured]["max"] = 100, 10
    wrong = default_data()
    item = next(iter(wrong["groups"]["opening"]["items"].values()))
    item["type"], item["points"] = "guess", -1
    wrong["reaching"] = "nowhere"
    wrong["version"] = "x"
    return [sums, table, wrong]


@pytest.mark.parametrize("data", broken_cards())
def test_a_refused_card_reads_chinese_with_its_paths(season, organizer, data):
    with translation.override("zh-hans"), pytest.raises(cards.ScorecardRefused) as exc:
        cards.upload_scorecard(season=season, source=yaml.safe_dump(data), by=organizer)
    problems = exc.value.problems
    assert problems and all(CJK.search(p) for p in problems), problems
    assert all(re.match(r"^[\w/()]+: ", p) for p in problems)  # group/item paths kept


def test_the_sums_name_group_and_total():
    lines = ["reaching: its items' points add up to 20, not the group's 25"]
    with translation.override("zh-hans"):
        assert scorecard_problems(lines) == ["reaching: 其下各项分值合计 20，不等于该组的 25"]
    with translation.override("en"):
        assert scorecard_problems(lines) == lines


def test_an_infeasible_plan_reads_chinese(season, organizer, plan, shopper_profiles):
    for s in shopper_profiles:
        shoppers.save_shopper(
            season=season,
            shopper=s,
            values={"name": s.name, "email": s.email, "max_load": 1},
            by=organizer,
        )
    with translation.override("zh-hans"):
        result = planning.run_plan(season=season, by=organizer)
    assert result.infeasible and all(CJK.search(line) for line in result.infeasible)
    assert not any("contacts" in line for line in result.infeasible)


def test_shoppers_at_the_cap_are_not_conflicted():
    line = (
        "entry 甲客服中心: 2 contacts, but only 0 of 2 shoppers may contact it (0 of its "
        "organisation, 0 conflicted, 0 without places, 2 at the cap per pair), 0 contacts at most"
    )
    with translation.override("zh-hans"):
        (out,) = plan_problems([line])
    assert "2 名已达同一单位的暗访上限" in out and "0 名有利益冲突" in out


def test_the_scenario_title_reads_biaoti(season, organizer, client):
    client.force_login(organizer)
    page = client.get(reverse("mystery:scenario_new", args=[season.slug])).content.decode()
    assert "标题" in page and "职务" not in page
