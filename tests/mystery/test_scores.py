"""An entry's mystery score, breakdown and spread checked against a hand
calculation on the default card (engine.mystery through mystery/scores.py), and
what is left out: voided contacts, drafts, a second scorer counted once."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ccaward.mystery.domain.voiding import void_contact
from ccaward.mystery.enums import ScorerRole
from ccaward.mystery.scores import card_rows, entry_results
from tests.factories import make_entry
from tests.mystery.board_helpers import BEST, MIXED, contact, submit

pytest_plugins = ["tests.mystery.conftest_board"]


@pytest.fixture
def three(season, organizer, category, shoppers, scorecard_v1):
    """An entry with three contacts: one at its best, one mixed, one unreachable."""
    entry = make_entry(season=season, by=organizer, category=category)
    a, b = shoppers
    made = [contact(entry, s, scorecard_v1) for s in (a, b, a)]
    submit(made[0], a, BEST)
    submit(made[1], b, MIXED)
    submit(made[2], a, {}, reached=False, attempts=["2026-05-01T10:00:00+08:00"])
    return entry, made


def test_an_entrys_score_breakdown_and_spread_by_hand(three):
    entry, _made = three
    result = entry_results(entry.season)[entry.pk]
    # Card 1 (BEST): reaching 8 + 4 + 4 with 7x24 "na": 16 of 16 applicable -> 20;
    #   opening 7 + 8 = 15; handling 8+8+16+8+5 of 45 applicable (hold "na") -> 50;
    #   closing 5 + 5 + 5 = 15; total 100.
    # Card 2 (MIXED): reaching 45 s -> 4, 3 steps -> 3, 4 rings -> 2, 7x24 yes 4 = 13;
    #   opening: greeting level 3 = 7 x 2/4 = 3.5, identification no = 0 -> 3.5;
    #   handling: listening 4 = 8 x 3/4 = 6, empathy 3 = 4, accuracy 3/4 of 16 = 12,
    #   professionalism 4 = 6, hold no = 0, no ping-pong 5 -> 33 of 50 applicable = 33;
    #   closing: summary 0, further help 5, courteous end 3 = 2.5 -> 7.5; total 57.
    # Card 3: could not get through: every group 0, total 0.
    assert result.contacts == 3 and result.unreachable == 1 and result.voided == 0
    # mean = (100 + 57 + 0) / 3 = 157 / 3 = 52.3333
    assert result.mean == Decimal("52.3333")
    # groups: reaching (20 + 13 + 0) / 3 = 11; opening (15 + 3.5) / 3 = 6.1667;
    #         handling (50 + 33) / 3 = 27.6667; closing (15 + 7.5) / 3 = 7.5
    assert result.groups == {
        "reaching": Decimal("11.0000"),
        "opening": Decimal("6.1667"),
        "handling": Decimal("27.6667"),
        "closing": Decimal("7.5000"),
    }
    # the reached contacts alone: (100 + 57) / 2 = 78.5
    assert result.reached_mean == Decimal("78.5000")
    # SD (population): deviations 143/3, 14/3, -157/3;
    #   variance = (143² + 14² + 157²) / 9 / 3 = 45294 / 27 = 1677.5556; SD = 40.9580
    assert result.sd == Decimal("40.9580")
    assert result.range == Decimal("100.0000")  # 100 - 0
    # consistency = 100 x (1 - 40.9580 / 50) = 18.0841
    assert result.consistency == Decimal("18.0841")
    assert result.agreement.pairs == 0 and result.agreement.alpha is None


def test_voided_contacts_and_drafts_leave_the_results(three, organizer, shoppers, scorecard_v1):
    entry, made = three
    void_contact(contact=made[2], reason="拨错号码", by=organizer)
    draft = contact(entry, shoppers[0], scorecard_v1)
    card = submit(draft, shoppers[0], BEST)
    card.status = "draft"
    card.save(update_fields=["status"])
    result = entry_results(entry.season)[entry.pk]
    # (100 + 57) / 2; the voided contact counted as such, the draft not at all
    assert (result.contacts, result.voided, result.unreachable) == (2, 1, 0)
    assert result.mean == Decimal("78.5000")
    assert len(card_rows(entry.season)) == 2


def test_two_shoppers_on_one_contact_count_once_and_agree(three, shoppers):
    entry, made = three
    # the second shopper: greeting level 4 = 5.25 (opening 13.25); accuracy 3/4 = 12,
    # handling 41 of 45 applicable x 50 / 45 = 45.5556; total 20 + 13.25 + 45.5556 + 15
    # = 93.8056
    second = dict(BEST, greeting=4, accuracy="3/4")
    submit(made[0], shoppers[1], second, role=ScorerRole.SECOND)
    result = entry_results(entry.season)[entry.pk]
    # the double-scored contact at (100 + 93.8056) / 2 = 96.9028: (96.9028 + 57 + 0) / 3
    assert result.contacts == 3
    assert result.mean == Decimal("51.3009")
    assert result.agreement.pairs == 1
    assert result.agreement.total_mad == Decimal("6.1944")  # 100 - 93.8056
    # items both scored: 13 applicable (7x24 and hold "na"); |7 - 5.25| + |16 - 12| over 13
    assert result.agreement.items == 13
    assert result.agreement.item_mad == Decimal("0.4423")


def test_a_fixed_number_of_queries(three, season, organizer, category, shoppers, scorecard_v1):
    with CaptureQueriesContext(connection) as few:
        entry_results(season)
    for _ in range(3):
        other = make_entry(season=season, by=organizer, category=category)
        submit(contact(other, shoppers[1], scorecard_v1), shoppers[1], MIXED)
    with CaptureQueriesContext(connection) as many:
        results = entry_results(season)
    assert len(results) == 4
    assert len(many) == len(few) == 3
