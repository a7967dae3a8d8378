"""Mystery calls in the season's totals (deliberation/domain/inputs.py): a row per
(contact, criterion) with the contact's total for the criteria whose evidence names
mystery calls, the consistency score fixed for 一致性, and a total that moves as
the hand calculation says; a season without cards totals as before."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from ccaward.deliberation.domain.evaluation import compute
from ccaward.deliberation.domain.inputs import season_inputs
from ccaward.deliberation.domain.policy import change_policy
from ccaward.deliberation.wording import statement
from ccaward.judging.models import JudgeProfile
from ccaward.mystery.domain.voiding import void_contact
from tests.deliberation.conftest import criteria_of, review
from tests.factories import make_entry
from tests.mystery.board_helpers import BEST, MIXED, contact, submit

pytest_plugins = ["tests.mystery.conftest_board"]


@pytest.fixture
def judged(season, organizer, category):
    """Two entries scored 8 of 10 on every judged criterion by one judge (the mean
    method, no resamples): every criterion 80, every total 80."""
    change_policy(season=season, by=organizer, values={"method": "mean", "bootstrap": 0})
    judge = JudgeProfile.objects.create(season=season, name="钱评委", email="q@example.cn")
    entries = [make_entry(season=season, by=organizer, category=category) for _ in range(2)]
    for entry in entries:
        review(season, judge, entry, dict.fromkeys(criteria_of(season), 8))
    return entries


@pytest.fixture
def called(judged, shoppers, scorecard_v1):
    """The first entry's three contacts of test_scores.py: 100, 57 and unreachable."""
    entry = judged[0]
    a, b = shoppers
    made = [contact(entry, s, scorecard_v1) for s in (a, b, a)]
    submit(made[0], a, BEST)
    submit(made[1], b, MIXED)
    submit(made[2], a, {}, reached=False)
    return made


def test_the_default_framework_feeds_the_three_criteria_the_issue_names(season):
    framework = season.current_framework().to_engine()
    fed = {
        c.code: dict(c.evidence) for _d, c, _p in framework.criteria() if "mystery" in c.evidence
    }
    assert fed == {
        "quality_performance": {"judge": Decimal(50), "mystery": Decimal(50)},
        "service_impression": {"judge": Decimal(50), "mystery": Decimal(50)},
        "consistency": {"judge": Decimal(40), "mystery": Decimal(60)},
    }


def test_season_inputs_carry_the_contacts(season, judged, called):
    inputs = season_inputs(season)
    assert inputs.mystery is True
    c = inputs.contacts
    index = {code: i for i, code in enumerate(inputs.table.criteria)}
    # three contacts on 质量绩效 and 服务印象 (一致性 takes a fixed value), each with its total
    assert len(c.score) == 6
    assert set(c.entry.tolist()) == {0}  # the first entry of the table
    assert set(c.criterion.tolist()) == {
        index["quality_performance"],
        index["service_impression"],
    }
    assert sorted(c.score.tolist()) == [0, 0, 57, 57, 100, 100]
    assert len(set(c.contact.tolist())) == 3
    # 一致性 takes the consistency score: 100 x (1 - 40.9580 / 50)
    first, second = (str(e.pk) for e in judged)
    assert inputs.evidence[first]["consistency"] == {"mystery": Decimal("18.0841")}
    assert second not in inputs.evidence


def test_the_total_moves_as_the_hand_calculation_says(
    season, judged, organizer, shoppers, scorecard_v1
):
    before = {r.entry: r.total for r in compute(season).results}
    assert set(before.values()) == {Decimal(80)}
    made = [contact(judged[0], shoppers[0], scorecard_v1) for _ in range(2)]
    submit(made[0], shoppers[0], BEST)
    submit(made[1], shoppers[0], MIXED)
    void_contact(contact=made[1], reason="测试", by=organizer)
    results = {r.entry: r for r in compute(season).results}
    first, second = (str(e.pk) for e in judged)
    # one contact left, at 100: its spread is not measured (one contact), so 一致性
    # has no mystery evidence and takes the judges' 80 alone
    # 服务印象 = (50 x 80 + 50 x 100) / 100 = 90; 社会影响力 = (90 + 80) / 2 = 85, weight 15
    # 质量绩效 = (50 x 80 + 50 x 100) / 100 = 90 (no KPI figures for its indicators);
    # 一致性 80; 客户服务水平 = (90 + 80) / 2 = 85, weight 10
    # total = 75% x 80 + 15% x 85 + 10% x 85 = 60 + 12.75 + 8.5 = 81.25
    assert results[first].total == Decimal("81.25")
    assert "mystery" not in results[first].evidence["consistency"]
    assert results[second].total == Decimal(80)


def test_all_three_contacts_in_the_total(season, judged, called):
    results = {r.entry: r for r in compute(season).results}
    first = str(judged[0].pk)
    # mean of the contacts (100 + 57 + 0) / 3 = 52.333333 (to 1e-6); consistency 18.0841
    # 服务印象 = (80 + 52.333333) / 2 = 66.1666665
    # 社会影响力 = (66.1666665 + 80) / 2 = 73.08333325;  x 15% = 10.9624999875
    # 质量绩效 = (80 + 52.333333) / 2 = 66.1666665
    # 一致性 = (40 x 80 + 60 x 18.0841) / 100 = 42.85046
    # 客户服务水平 = (66.1666665 + 42.85046) / 2 = 54.50856325;  x 10% = 5.450856325
    # total = 60 + 10.9624999875 + 5.450856325 = 76.4133563125
    assert results[first].total == Decimal("76.4133563125")
    assert results[first].evidence["service_impression"]["mystery"] == Decimal("52.333333")


def test_the_statement_names_mystery_calls_only_when_there_are_none(season, judged, called):
    lines = " ".join(statement(compute(season)))
    assert "No mystery-call evidence yet" not in lines


def test_rank_confidence_resamples_the_contacts(season, judged, called, organizer):
    change_policy(season=season, by=organizer, values={"bootstrap": 200})
    ev = compute(season)
    assert ev.evaluation.bootstrap == 200
    ranks = {r.entry: r.rank_interval for r in ev.results}
    # even three contacts at 100 leave the first entry below the second's 80
    assert ranks == {str(judged[0].pk): (2, 2), str(judged[1].pk): (1, 1)}


def test_the_breakdown_page_shows_the_mystery_evidence(
    season, judged, called, organizer, client_en
):
    first = judged[0]
    url = reverse("deliberation:explain", args=[season.slug, first.pk])
    html = client_en(organizer).get(url).content.decode()
    # 服务印象: judges 80 (weight 50) and the contacts' mean 52.3 (weight 50)
    assert '52.3<br><small class="muted">50% → 50%</small>' in html
    # 一致性: the consistency score 18.1, weight 60
    assert '18.1<br><small class="muted">60% → 60%</small>' in html
    assert "Mystery calls: a criterion&#x27;s mystery-call evidence" in html
