"""A contact's total and an entry's mean, breakdown, spread and agreement against
hand calculations on the default card."""

from __future__ import annotations

from decimal import Decimal

import krippendorff
import numpy as np
import pytest
import yaml

from ccaward.engine.mystery import AnswerError, Contact, default_scorecard, score_contact
from ccaward.engine.mystery.aggregate import entry_result
from ccaward.engine.mystery.evidence import criterion_evidence
from ccaward.engine.mystery.score import item_points
from ccaward.engine.mystery.scorecard import DEFAULT_FILE, load_scorecard
from ccaward.seasons.defaults import default_framework

CARD = default_scorecard()
DEFAULT_DATA = yaml.safe_load(DEFAULT_FILE.read_text(encoding="utf-8"))

# Contact A, by hand on the default card:
#   reaching: 25 s to a person -> 6 of 8; 3 IVR steps -> 3 of 4; 2 rings -> 4 of 4;
#             7x24 promise n/a -> 13 earned of 16 applicable, x 20/16 = 16.25
#   opening:  greeting level 4 -> 7 x 3/4 = 5.25; identification yes -> 8: 13.25
#   handling: listening 5 -> 8; empathy 3 -> 8 x 2/4 = 4; accuracy 3 of 4 answer points
#             -> 16 x 3/4 = 12; professionalism 4 -> 6; hold yes -> 5; no ping-pong
#             yes -> 5: 40
#   closing:  summary no -> 0; further help yes -> 5; courteous end 5 -> 5: 10
#   total 16.25 + 13.25 + 40 + 10 = 79.5
A = {
    "seconds_to_person": "25",
    "ivr_steps": 3,
    "rings": 2,
    "promise_7x24": "na",
    "greeting": 4,
    "identification": "yes",
    "listening": 5,
    "empathy": 3,
    "accuracy": "3/4",
    "professionalism": 4,
    "hold_etiquette": True,
    "no_transfer_pingpong": "yes",
    "summary": "no",
    "further_help": "yes",
    "courteous_end": 5,
}
# Contact B, reached after one unanswered attempt: reaching 0 (the rule), then
#   opening:  greeting 5 -> 7; identification yes -> 8: 15
#   handling: listening 3 -> 4; empathy 3 -> 4; accuracy 2 of 4 -> 8; professionalism
#             3 -> 4; hold yes -> 5; ping-pong (no) -> 0: 25
#   closing:  summary yes 5; further help yes 5; courteous end 3 -> 2.5: 12.5
#   total 0 + 15 + 25 + 12.5 = 52.5
B = {
    **A,
    "greeting": 5,
    "listening": 3,
    "accuracy": (2, 4),
    "professionalism": 3,
    "no_transfer_pingpong": "no",
    "summary": "yes",
    "courteous_end": 3,
}


def test_a_contacts_total_and_breakdown():
    s = score_contact(CARD, Contact("c1", "E1", "S1", A))
    assert s.total == Decimal("79.5")
    assert s.groups == {
        "reaching": Decimal("16.25"),
        "opening": Decimal("13.25"),
        "handling": Decimal(40),
        "closing": Decimal(10),
    }
    assert s.items["promise_7x24"] is None
    assert s.items["accuracy"] == 12
    assert s.items["greeting"] == Decimal("5.25")


def test_an_unanswered_attempt_scores_reaching_at_zero():
    s = score_contact(CARD, Contact("c2", "E1", "S2", B, attempts=("2026-03-02T10:01",)))
    assert s.groups["reaching"] == 0
    assert s.total == Decimal("52.5")
    without = score_contact(CARD, Contact("c2", "E1", "S2", B))
    assert without.groups["reaching"] == Decimal("16.25")


def test_unreachable_contact_scores_zero_in_every_group():
    s = score_contact(CARD, Contact("c3", "E1", "S1", {}, reached=False, attempts=("a", "b")))
    assert s.total == 0
    assert set(s.groups.values()) == {0}


def test_wrong_answers_are_named_by_contact_group_and_item():
    answers = {**A, "seconds_to_person": 4000, "greeting": 6, "identification": "na"}
    del answers["rings"]
    answers["smile"] = "yes"
    with pytest.raises(AnswerError) as exc:
        score_contact(CARD, Contact("c9", "E1", "S1", answers))
    text = "\n".join(exc.value.problems)
    assert "c9/smile: no such item on the card" in text
    assert "c9/reaching/seconds_to_person: 4000 is outside 0-1800 seconds" in text
    assert "c9/reaching/rings: no answer" in text
    assert "c9/opening/greeting: 6 is not a level 1-5" in text
    assert "c9/opening/identification: not applicable is not allowed" in text


def test_an_entrys_mean_breakdown_and_spread_by_hand():
    scores = [
        score_contact(CARD, Contact("c1", "E1", "S1", A)),
        score_contact(CARD, Contact("c2", "E1", "S2", B, attempts=("10:01",))),
        score_contact(CARD, Contact("c3", "E1", "S1", {}, reached=False, attempts=("9:00",))),
        score_contact(CARD, Contact("c4", "E1", "S3", {**A, "greeting": 1}, void="wrong number")),
        score_contact(CARD, Contact("x", "E2", "S1", A)),
    ]
    r = entry_result("E1", scores)
    # totals 79.5, 52.5, 0 (c4 voided): mean 132 / 3 = 44
    assert (r.contacts, r.unreachable, r.voided) == (3, 1, 1)
    assert r.mean == 44
    # groups: reaching (16.25 + 0 + 0) / 3 = 5.41666..; opening (13.25 + 15) / 3;
    # handling (40 + 25) / 3; closing (10 + 12.5) / 3 = 7.5
    assert r.groups == {
        "reaching": Decimal("5.4167"),
        "opening": Decimal("9.4167"),
        "handling": Decimal("21.6667"),
        "closing": Decimal("7.5"),
    }
    assert r.reached_mean == 66  # (79.5 + 52.5) / 2
    # deviations 35.5, 8.5, -44: squares 1260.25 + 72.25 + 1936 = 3268.5; / 3 = 1089.5
    # SD = sqrt(1089.5) = 33.00757..; range 79.5; consistency 100 (1 - 33.00757 / 50)
    assert r.sd == Decimal("33.0076")
    assert r.range == Decimal("79.5")
    assert r.consistency == Decimal("33.9849")
    assert r.agreement.pairs == 0 and r.agreement.alpha is None


def test_agreement_on_a_double_scored_contact():
    # S2 differs from S1 on greeting (5 vs 4: 7 vs 5.25), empathy (4 vs 3: 6 vs 4) and
    # summary (yes vs no: 5 vs 0); 14 items compared (the 7x24 promise n/a for both)
    other = {**A, "greeting": 5, "empathy": 4, "summary": "yes"}
    s1 = score_contact(CARD, Contact("k", "E2", "S1", A))
    s2 = score_contact(CARD, Contact("k", "E2", "S2", other))
    r = entry_result("E2", [s1, s2])
    assert s2.total == Decimal("88.25")
    assert r.contacts == 1
    assert r.mean == Decimal("83.875")  # (79.5 + 88.25) / 2, the contact once
    # one contact: SD 0, but no spread is measured on one contact
    assert (r.sd, r.consistency) == (0, None)
    assert (r.agreement.pairs, r.agreement.items) == (1, 14)
    assert r.agreement.item_mad == Decimal("0.625")  # (1.75 + 2 + 5) / 14
    assert r.agreement.total_mad == Decimal("8.75")
    codes = [c for c, v in s1.items.items() if v is not None]
    data = np.array([[float(s.items[c]) for c in codes] for s in (s1, s2)])
    expected = krippendorff.alpha(reliability_data=data, level_of_measurement="interval")
    assert r.agreement.alpha == pytest.approx(expected)
    assert 0 < r.agreement.alpha < 1


def test_framework_evidence_takes_the_mean_and_the_consistency():
    scores = [
        score_contact(CARD, Contact("c1", "E1", "S1", A)),
        score_contact(CARD, Contact("c3", "E1", "S1", {}, reached=False)),
    ]
    r = entry_result("E1", scores)
    # totals 79.5 and 0: mean 39.75, SD 39.75, consistency 100 (1 - 39.75 / 50) = 20.5
    assert criterion_evidence(r, default_framework()) == {
        "quality_performance": Decimal("39.75"),
        "service_impression": Decimal("39.75"),
        "consistency": Decimal("20.5"),
    }
    assert criterion_evidence(entry_result("E9", scores), default_framework()) == {}


def test_consistency_needs_two_contacts_and_one_that_got_through():
    reached = [score_contact(CARD, Contact(f"r{i}", "E", "S1", A)) for i in range(2)]
    assert entry_result("E", reached).consistency == 100  # the same twice: no spread
    assert entry_result("E", reached[:1]).consistency is None
    lost = [
        score_contact(CARD, Contact(f"u{i}", "E", "S1", {}, reached=False, attempts=("t",)))
        for i in range(3)
    ]
    nobody = entry_result("E", lost)
    assert (nobody.mean, nobody.sd, nobody.consistency) == (0, 0, None)
    # one of three got through: 79.5, 0, 0: mean 26.5, squares 2809 + 702.25 + 702.25,
    # variance 1404.5, SD 37.476659; 100 x (1 - 37.476659 / 50) = 25.04668
    mixed = entry_result("E", [reached[0], *lost[:2]])
    assert mixed.consistency == Decimal("25.0467")


def test_a_measured_value_with_decimals_earns_its_threshold_row():
    card_item = CARD.item("seconds_to_person")[1]
    assert item_points(card_item, "12.5") == 8  # up to 20 s: 8 points
    assert item_points(card_item, "20.5") == 6
    assert item_points(card_item, Decimal("1e3")) == 0
    with pytest.raises(ValueError):
        item_points(card_item, "1800.5")  # above the range
    with pytest.raises(ValueError):
        item_points(card_item, "NaN")


def test_groups_of_two_card_versions_are_each_the_mean_of_the_contacts_that_have_them():
    renamed = load_scorecard(
        {
            **DEFAULT_DATA,
            "version": 2,
            "reaching": "connect",
            "groups": {
                ("connect" if k == "reaching" else k): v for k, v in DEFAULT_DATA["groups"].items()
            },
        }
    )
    old = score_contact(CARD, Contact("a", "E", "S1", A))
    new = score_contact(renamed, Contact("b", "E", "S1", A))
    r = entry_result("E", [old, new])
    assert r.mean == old.total == new.total
    assert r.groups["reaching"] == old.groups["reaching"] == r.groups["connect"]
    assert r.group_contacts == {
        "reaching": 1,
        "opening": 2,
        "handling": 2,
        "closing": 2,
        "connect": 1,
    }
