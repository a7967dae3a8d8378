"""Schulze against worked examples (Schulze 2011) and the definition."""

from __future__ import annotations

from hypothesis import given, settings

from ccaward.engine.voting import tally
from ccaward.engine.voting.schulze import pairwise
from tests.engine.voting.ballots import elections, profile, reference_pairwise

# Schulze (2011), section 3.1, reproduced in Wikipedia's "Schulze method": 45 voters,
# five candidates; the winner is E and the order E > A > C > B > D.
FORTY_FIVE = profile(
    (5, "A,C,B,E,D"),
    (5, "A,D,E,C,B"),
    (8, "B,E,D,A,C"),
    (3, "C,A,B,E,D"),
    (7, "C,A,E,B,D"),
    (2, "C,B,A,D,E"),
    (7, "D,C,E,B,A"),
    (8, "E,B,A,D,C"),
)


def test_forty_five_voters_pairwise_paths_and_order():
    result = tally(FORTY_FIVE, method="schulze", seats=1)
    assert result.winners == ["E"] and result.tied == []
    assert result.ranking == [["E"], ["A"], ["C"], ["B"], ["D"]]
    d = result.pairwise
    assert [d["A"][x] for x in "BCDE"] == [20, 26, 30, 22]
    assert [d["B"][x] for x in "ACDE"] == [25, 16, 33, 18]
    assert [d["C"][x] for x in "ABDE"] == [19, 29, 17, 24]
    assert [d["D"][x] for x in "ABCE"] == [15, 12, 28, 14]
    assert [d["E"][x] for x in "ABCD"] == [23, 27, 21, 31]
    p = result.strongest
    assert [p["A"][x] for x in "BCDE"] == [28, 28, 30, 24]
    assert [p["B"][x] for x in "ACDE"] == [25, 28, 33, 24]
    assert [p["C"][x] for x in "ABDE"] == [25, 29, 29, 24]
    assert [p["D"][x] for x in "ABCE"] == [25, 28, 28, 24]
    assert [p["E"][x] for x in "ABCD"] == [25, 28, 28, 31]


def test_forty_five_voters_three_seats():
    result = tally(FORTY_FIVE, method="schulze", seats=3)
    assert result.winners == ["E", "A", "C"] and result.tied == []


# Schulze (2011), section 3.4: 9 voters; B and D are both Schulze winners (a tie).
NINE = profile((3, "A,B,C,D"), (2, "D,A,B,C"), (2, "D,B,C,A"), (2, "C,B,D,A"))


def test_nine_voters_tie_between_b_and_d():
    one = tally(NINE, method="schulze", seats=1)
    assert one.winners == [] and one.tied == ["B", "D"]
    assert one.ranking == [["B", "D"], ["A", "C"]]
    assert one.notes and "not broken" in one.notes[0]
    two = tally(NINE, method="schulze", seats=2)
    assert two.winners == ["B", "D"] and two.tied == []
    three = tally(NINE, method="schulze", seats=3)
    assert three.winners == ["B", "D"] and three.tied == ["A", "C"]


# With truncated ballots the two strengths can differ (with complete strict ballots
# d[a][b] + d[b][a] is the same for every pair, and they cannot). Worked by hand:
# B beats A 6:5 (margin 1), A beats C 5:3 (margin 2), C beats B 8:3 (margin 5).
# Winning votes drop the weakest defeat A>C (5 votes): C > B > A, C wins.
# Margins drop the weakest defeat B>A (margin 1): A > C > B, A wins.
TRUNCATED = profile((3, "B"), (5, "A,C"), (3, "C,B"))


def test_winning_votes_and_margins_differ():
    winning = tally(TRUNCATED, method="schulze", seats=1)
    margin = tally(TRUNCATED, method="schulze", seats=1, strength="margin")
    assert winning.pairwise == {"A": {"B": 5, "C": 5}, "B": {"A": 6, "C": 3}, "C": {"A": 3, "B": 8}}
    assert winning.winners == ["C"] and winning.ranking == [["C"], ["B"], ["A"]]
    assert margin.winners == ["A"] and margin.ranking == [["A"], ["C"], ["B"]]
    assert winning.strength == "winning" and margin.strength == "margin"


def test_equal_ranks_and_unranked_count_for_neither():
    result = tally(profile((1, "A=B,C")), method="schulze", seats=1, candidates="ABCD")
    d = result.pairwise
    assert d["A"]["B"] == d["B"]["A"] == 0  # ranked equal
    assert d["C"]["D"] == 1 and d["D"]["C"] == 0  # ranked above unranked
    assert d["A"]["D"] == 1
    assert result.ranking == [["A", "B"], ["C"], ["D"]]


def test_no_ballots_everyone_equal():
    result = tally([], method="schulze", seats=1, candidates=["A", "B"])
    assert result.ranking == [["A", "B"]] and result.tied == ["A", "B"]


@settings(deadline=None)
@given(elections())
def test_pairwise_counts_by_the_definition(election):
    candidates, ballots = election
    d = pairwise(ballots, candidates)
    table = {
        a: {b: d[i][j] for j, b in enumerate(candidates) if j != i}
        for i, a in enumerate(candidates)
    }
    assert table == reference_pairwise(ballots, candidates)


def test_huge_counts_stay_exact():
    ballots = profile((1, "A,B"), (1, "B,A"))
    ballots = [
        type(b)(ranks=b.ranks, count=c) for b, c in zip(ballots, [2**70 + 3, 2**64], strict=True)
    ]
    d = pairwise(ballots, ["A", "B"])
    assert d == [[0, 2**70 + 3], [2**64, 0]]
