"""Bad input to a count: every refusal names the ballot; nothing is counted."""

from __future__ import annotations

import pytest

from ccaward.engine.voting import Ballot, BallotError, tally
from tests.engine.voting.ballots import profile, ranked


def refusal(ballots, **options) -> BallotError:
    options = {"method": "schulze", "seats": 1, **options}
    with pytest.raises(BallotError) as caught:
        tally(ballots, **options)
    return caught.value


def test_a_candidate_not_standing_names_the_ballot_and_candidate():
    error = refusal(profile((1, "A,B"), (1, "B,Z")), candidates=["A", "B"])
    assert (error.ballot, error.candidate) == (2, "Z")
    assert str(error) == "ballot 2: Z is not a candidate"


def test_a_candidate_twice_on_one_ballot():
    error = refusal([ranked("A"), Ballot(ranks=(frozenset("A"), frozenset("BA")))])
    assert error.ballot == 2 and error.candidate == "A" and "twice" in str(error)


def test_more_approvals_than_allowed():
    error = refusal(
        [Ballot(ranks=(frozenset("AB"),)), Ballot(ranks=(frozenset("ABC"),))],
        method="approval",
        max_approvals=2,
    )
    assert error.ballot == 2 and "3 approvals, more than the 2 allowed" in str(error)


def test_an_empty_ranked_group():
    error = refusal([ranked("A"), Ballot(ranks=(frozenset("A"), frozenset()))])
    assert error.ballot == 2 and "rank 2 is empty" in str(error)


def test_a_count_below_one():
    assert refusal([Ballot(ranks=(frozenset("A"),), count=0)]).ballot == 1


@pytest.mark.parametrize("seats", [0, -1, 4])
def test_seats_outside_one_to_the_candidates(seats):
    error = refusal(profile((1, "A,B,C")), seats=seats)
    assert error.ballot is None and f"{seats} seats" in str(error)


def test_unknown_method_and_strength_and_candidate_list():
    assert "method" in str(refusal([], method="irv", candidates="A"))
    assert "strength" in str(refusal([], strength="ratio", candidates="A"))
    assert "twice" in str(refusal([], candidates=["A", "A"]))
    assert "at least 1" in str(refusal([], method="approval", max_approvals=0, candidates="A"))
