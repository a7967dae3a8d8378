"""The checklist as data (every answer it names is a question of seed 003's
form, every criterion is in the default framework) and visit scores as the
framework's evidence."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import yaml

from ccaward.engine import appform
from ccaward.engine.visit_scores import ItemScore, criterion_scores, score_problem
from ccaward.judging.models import JudgingPolicy
from ccaward.visits import scores
from ccaward.visits.domain import checklist, records, schedule
from ccaward.visits.domain.claims import claims
from tests.visits.conftest import record

ROOT = Path(__file__).resolve().parents[2] / "ccaward"


def test_every_item_names_questions_of_the_form_and_a_criterion_of_the_framework():
    form = yaml.safe_load((ROOT / "applications/data/form_default.yaml").read_text("utf-8"))
    fields = appform.load_definition(form).fields
    framework = (ROOT / "seasons/data/framework_default.yaml").read_text("utf-8")
    codes = set()

    def walk(criteria):
        for c in criteria:
            codes.add(c["code"])
            walk(c.get("children") or [])

    for dim in yaml.safe_load(framework)["dimensions"]:
        walk(dim["criteria"])
    items = [i for g in checklist.default_groups() for i in g["items"]]
    assert len({i["key"] for i in items}) == len(items)
    for item in items:
        assert item["criterion"] in codes, item["key"]
        for key in item["answers"]:
            assert key in fields, (item["key"], key)
    sections = {fields[k].section for i in items for k in i["answers"]}
    assert {"technology", "environment"} <= sections


def test_the_claims_show_what_the_application_says(visit):
    [bcp] = claims(visit.entry, visit.item("tech_bcp"), "zh-hans")
    assert bcp["answer"] == "有：每年两次切换演练"
    [noise] = claims(visit.entry, visit.item("env_noise"), "en")
    assert noise["answer"] == "No"


def t(hours):
    return dt.datetime(2026, 5, 1, tzinfo=dt.UTC) + dt.timedelta(hours=hours)


def test_each_judges_latest_score_counts_and_judges_are_averaged():
    rows = [
        ItemScore(1, "bcp", "contingency", "a", t(0), Decimal(4), "0-10"),
        ItemScore(1, "bcp", "contingency", "a", t(1), Decimal(8), "0-10"),  # a's later edit
        ItemScore(1, "bcp", "contingency", "b", t(0), Decimal(6), "0-10"),
        ItemScore(1, "dr", "contingency", "a", t(0), Decimal(10), "0-10"),
        ItemScore(2, "dr", "contingency", "a", t(0), Decimal(2), "1-5"),
        ItemScore(1, "noise", None, "a", t(0), Decimal(2), "0-10"),  # feeds no criterion
    ]
    out = criterion_scores(rows)
    # items: (8+6)/2 = 7 -> 70; 10 -> 100; 2 on 1-5 -> 25
    assert out["contingency"].score == Decimal("65.00")
    assert (out["contingency"].items, out["contingency"].visits) == (3, 2)
    assert list(out) == ["contingency"]


def test_score_problem():
    assert score_problem("8.5", "0-10") == ""
    assert score_problem(8.25, "0-10") == "step"
    assert score_problem(11, "0-10") == "range"
    assert score_problem(0, "1-5") == "range"
    assert score_problem("nan", "0-10") == "number"


def test_criterion_scores_of_an_entry(visit, judge, organizer, judging_open, entry, judge_profile):
    records.sync_records(
        visit=visit,
        by=judge,
        records=[record("tech_bcp", score=8), record("tech_disaster_recovery", score=6)],
    )
    cancelled = schedule.schedule_visit(
        entry=entry,
        values={
            "starts_at": visit.starts_at,
            "address": "",
            "agenda": "",
            "judges": [judge_profile],
        },
        by=organizer,
    )
    records.sync_records(visit=cancelled, by=judge, records=[record("tech_bcp", score=0)])
    schedule.cancel_visit(visit=cancelled, reason="重复安排", by=organizer)
    out = scores.criterion_scores(entry)
    assert out["system_contingency"].score == Decimal("70.00")
    assert out["system_contingency"].items == 2 and out["system_contingency"].visits == 1
    JudgingPolicy.objects.create(season=entry.season, scale="1-5")
    assert scores.criterion_scores(entry)["system_contingency"].score == Decimal("70.00")
