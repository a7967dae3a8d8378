"""The decision: shares, the poll's weight, the tie-break chain, the casting order."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ccaward.engine.voting import Ballot, BallotError, decide, tally
from tests.engine.voting.ballots import elections, profile
from tests.engine.voting.test_borda_approval import TENNESSEE
from tests.engine.voting.test_schulze import FORTY_FIVE, NINE


def plain(result, seats=None, **options):
    options = {"poll": None, "poll_weight": Fraction(0), "totals": {}, "dimensions": {}, **options}
    return decide(tally=result, seats=seats or result.seats, **options)


def by_name(decision):
    return {s.candidate: s for s in decision.standings}


def test_borda_share_is_points_over_the_most_possible():
    decision = plain(tally(TENNESSEE, method="borda", seats=2))
    shares = {c: s.panel for c, s in by_name(decision).items()}
    assert shares == {
        "Nashville": Fraction(194, 300),
        "Chattanooga": Fraction(173, 300),
        "Memphis": Fraction(126, 300),
        "Knoxville": Fraction(107, 300),
    }
    assert decision.winners == ["Nashville", "Chattanooga"] and decision.tied == []
    assert [s.place for s in decision.standings] == [1, 2, 3, 4]
    assert all(s.settled_by == "vote" for s in decision.standings[:3])
    assert decision.standings[-1].settled_by == ""


def test_approval_share_is_approvals_over_ballots():
    ballots = [Ballot(ranks=(frozenset("AB"),)), Ballot(ranks=(frozenset("A"),)), Ballot(ranks=())]
    decision = plain(tally(ballots, method="approval", seats=1))
    assert {c: s.panel for c, s in by_name(decision).items()} == {
        "A": Fraction(2, 3),
        "B": Fraction(1, 3),
    }


def test_schulze_share_keeps_the_order_and_equals():
    decision = plain(tally(FORTY_FIVE, method="schulze", seats=1))
    assert [(s.candidate, s.panel) for s in decision.standings] == [
        ("E", 1),
        ("A", Fraction(3, 4)),
        ("C", Fraction(1, 2)),
        ("B", Fraction(1, 4)),
        ("D", 0),
    ]
    nine = plain(tally(NINE, method="schulze", seats=1))
    shares = {c: s.panel for c, s in by_name(nine).items()}
    assert shares["B"] == shares["D"] == Fraction(5, 6) and shares["A"] == shares["C"] == Fraction(
        1, 6
    )
    assert nine.winners == [] and nine.tied == ["B", "D"]


@settings(deadline=None)
@given(election=elections(min_candidates=2))
def test_schulze_share_preserves_the_ranking_exactly(election):
    candidates, ballots = election
    result = tally(ballots, method="schulze", seats=1, candidates=candidates)
    shares = {c: s.panel for c, s in by_name(plain(result)).items()}
    for upper, lower in zip(result.ranking, result.ranking[1:], strict=False):
        assert len({shares[c] for c in upper}) == 1
        assert min(shares[c] for c in upper) > max(shares[c] for c in lower)


def test_the_poll_combined_by_its_weight():
    # panel (Borda, 3 candidates, 3 ballots, at most 6 points): A 5/6, B 4/6, C 0
    result = tally(profile((2, "A,B,C"), (1, "B,A,C")), method="borda", seats=1)
    poll = {"B": 30, "C": 10}
    decision = plain(result, poll=poll, poll_weight=Fraction(1, 2))
    b = by_name(decision)
    assert b["A"].poll == 0 and b["B"].poll == Fraction(3, 4)
    assert b["A"].combined == Fraction(5, 12) and b["B"].combined == Fraction(1, 3) + Fraction(3, 8)
    assert decision.winners == ["B"]
    assert any("50% of the panel's share and 50% of the poll's" in n for n in decision.notes)
    weightless = plain(result, poll=poll, poll_weight=Fraction(0))
    assert weightless.winners == ["A"] and by_name(weightless)["B"].poll == Fraction(3, 4)


def test_an_empty_poll_and_a_poll_naming_strangers():
    result = tally(profile((1, "A,B")), method="borda", seats=1)
    assert plain(result, poll={}, poll_weight=Fraction(1, 5)).winners == ["A"]
    with pytest.raises(BallotError, match="Z"):
        plain(result, poll={"Z": 3}, poll_weight=Fraction(1, 5))


TIED = tally(profile((1, "A,B,C,D"), (1, "B,A,D,C")), method="borda", seats=1)  # A = B, C = D


def test_the_total_breaks_a_vote_tie():
    decision = plain(
        TIED, totals={"A": Decimal("80.5"), "B": Decimal("81"), "C": None, "D": Decimal("1")}
    )
    assert decision.winners == ["B"] and decision.tied == []
    b = by_name(decision)
    assert b["B"].settled_by == "total" and b["A"].settled_by == "vote"
    assert (
        b["D"].settled_by == "total" and b["D"].place == 3 and b["C"].place == 4
    )  # no total: below
    assert any(
        "B and A were equal on the combined vote; the total put B ahead" in n
        for n in decision.notes
    )


def test_the_dimensions_in_order_then_an_open_tie():
    totals = dict.fromkeys("ABCD", Decimal("80"))
    dims = {
        "A": (Decimal(8), Decimal(9)),
        "B": (Decimal(8), Decimal(7)),
        "C": (Decimal(1), None),
        "D": (Decimal(1), None),
    }
    decision = plain(TIED, totals=totals, dimensions=dims, dimension_keys=["service", "people"])
    assert decision.winners == ["A"]
    assert by_name(decision)["A"].settled_by == "dimension:people"
    assert (
        by_name(decision)["C"].place == by_name(decision)["D"].place == 3
    )  # a tie below: shared place
    open_tie = plain(TIED, totals=totals, dimensions={c: (Decimal(5),) for c in "ABCD"})
    assert open_tie.winners == [] and open_tie.tied == ["A", "B"]
    assert [s.tied for s in open_tie.standings] == [True, True, False, False]
    assert not any(s.winner for s in open_tie.standings)
    assert "a casting decision is needed" in open_tie.notes[-1]


def test_the_casting_order_settles_the_last_seat():
    decision = plain(TIED, casting=["B", "A"])
    assert decision.winners == ["B"] and decision.tied == []
    b = by_name(decision)
    assert b["B"].settled_by == "casting" and b["B"].place == 1 and b["A"].place == 2
    assert b["C"].place == b["D"].place == 3


@pytest.mark.parametrize(
    ("casting", "words"),
    [
        (["A", "C"], "names C, not in the tie; misses B"),
        (["A"], "misses B"),
        (["A", "B", "A"], "twice"),
    ],
)
def test_a_casting_order_that_does_not_match_the_tie_is_refused(casting, words):
    with pytest.raises(BallotError, match=words):
        plain(TIED, casting=casting)


def test_a_casting_order_without_a_tie_is_refused():
    with pytest.raises(BallotError, match="no tie"):
        plain(tally(TENNESSEE, method="borda", seats=1), casting=["Memphis"])
    assert plain(tally(TENNESSEE, method="borda", seats=1), casting=[]).winners == ["Nashville"]


def test_bad_seats_and_weights():
    with pytest.raises(BallotError, match="5 seats"):
        plain(TIED, seats=5)
    with pytest.raises(BallotError, match="between 0 and 1"):
        plain(TIED, poll={}, poll_weight=Fraction(3, 2))


@pytest.mark.parametrize("method", ["approval", "borda", "schulze"])
@settings(deadline=None)
@given(
    election=elections(),
    seats=st.integers(1, 5),
    weight=st.fractions(0, 1),
    votes=st.lists(st.integers(0, 5), min_size=6, max_size=6),
)
def test_winners_never_exceed_the_seats(method, election, seats, weight, votes):
    candidates, ballots = election
    seats = min(seats, len(candidates))
    result = tally(ballots, method=method, seats=seats, candidates=candidates)
    poll = dict(zip(candidates, votes, strict=False))
    decision = plain(result, seats=seats, poll=poll, poll_weight=weight)
    assert len(decision.winners) <= seats
    if decision.tied:
        assert len(decision.winners) < seats < len(decision.winners) + len(decision.tied)
    else:
        assert len(decision.winners) == seats
    assert [s.candidate for s in decision.standings if s.winner] == decision.winners
