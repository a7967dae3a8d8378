"""Borda and approval: worked examples with several seats and a tie at the last seat."""

from __future__ import annotations

from fractions import Fraction

import pytest

from ccaward.engine.voting import Ballot, tally
from tests.engine.voting.ballots import profile

# The "Tennessee capital" example of the Borda literature (Wikipedia's "Borda count"):
# 100 voters in four blocs; Borda points Memphis 126, Nashville 194, Chattanooga 173,
# Knoxville 107.
TENNESSEE = profile(
    (42, "Memphis,Nashville,Chattanooga,Knoxville"),
    (26, "Nashville,Chattanooga,Knoxville,Memphis"),
    (15, "Chattanooga,Knoxville,Nashville,Memphis"),
    (17, "Knoxville,Chattanooga,Nashville,Memphis"),
)


def test_borda_tennessee_two_seats():
    result = tally(TENNESSEE, method="borda", seats=2)
    assert result.scores == {"Chattanooga": 173, "Knoxville": 107, "Memphis": 126, "Nashville": 194}
    assert result.winners == ["Nashville", "Chattanooga"] and result.tied == []
    assert result.ranking == [["Nashville"], ["Chattanooga"], ["Memphis"], ["Knoxville"]]
    assert sum(result.scores.values()) == 100 * 6  # every ballot worth n(n-1)/2


def test_borda_equal_ranks_and_unranked_share_points():
    # n = 4. "A,B=C": A 3; B and C share positions 2-3 (2 + 1) -> 3/2 each; D 0.
    # "B": B 3; A, C, D share positions 2-4 (2 + 1 + 0) -> 1 each.
    result = tally(profile((1, "A,B=C"), (1, "B")), method="borda", seats=1, candidates="ABCD")
    assert result.scores == {"A": 4, "B": Fraction(9, 2), "C": Fraction(5, 2), "D": 1}
    assert result.winners == ["B"]


def test_borda_tie_at_the_last_seat():
    # D 3+3+2 = 8; A 2+1+1/2 and B 1+2+1/2 = 7/2 (A=B share the last two positions);
    # C 0+0+3 = 3: A and B tie for the second seat behind D
    ballots = profile((1, "D,A,B,C"), (1, "D,B,A,C"), (1, "C,D,A=B"))
    result = tally(ballots, method="borda", seats=2)
    assert result.scores == {"A": Fraction(7, 2), "B": Fraction(7, 2), "C": 3, "D": 8}
    assert result.winners == ["D"] and result.tied == ["A", "B"]
    assert result.ranking == [["D"], ["A", "B"], ["C"]]
    assert "last seat" in result.notes[0]
    assert tally(ballots, method="borda", seats=3).winners == ["D", "A", "B"]


def approve(*names: str, count: int = 1) -> Ballot:
    return Ballot(ranks=(frozenset(names),), count=count)


def test_approval_several_seats_and_a_tie_at_the_last():
    ballots = [approve("A", "B"), approve("A", "C"), approve("B", "D"), approve("C"), approve("E")]
    two = tally(ballots, method="approval", seats=2, max_approvals=2)
    assert two.scores == {"A": 2, "B": 2, "C": 2, "D": 1, "E": 1}
    assert two.winners == [] and two.tied == ["A", "B", "C"]
    three = tally(ballots, method="approval", seats=3)
    assert three.winners == ["A", "B", "C"] and three.tied == []
    four = tally(ballots, method="approval", seats=4)
    assert four.winners == ["A", "B", "C"] and four.tied == ["D", "E"]
    assert "last seat" in four.notes[0]


def test_approval_of_ranked_cells_approves_each():
    result = tally([Ballot(ranks=(frozenset("AB"), frozenset("C")))], method="approval", seats=1)
    assert result.scores == {"A": 1, "B": 1, "C": 1}


def test_approval_counts_ballots_with_weights():
    result = tally([approve("A", count=3), approve("B", count=2)], method="approval", seats=1)
    assert result.scores == {"A": 3, "B": 2} and result.ballots == 5 and result.winners == ["A"]


@pytest.mark.parametrize("method", ["approval", "borda", "schulze"])
def test_candidates_no_ballot_names_stand(method):
    result = tally(profile((1, "A")), method=method, seats=2, candidates=["A", "B", "C"])
    assert result.candidates == ("A", "B", "C")
    assert result.winners == ["A"] and result.tied == ["B", "C"]
