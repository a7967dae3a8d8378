"""Properties of every method (hypothesis)."""

from __future__ import annotations

import random

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from ccaward.engine.voting import Ballot, tally
from tests.engine.voting.ballots import elections, reference_pairwise

METHODS = ["approval", "borda", "schulze"]


def count(election, method, seats, **options):
    candidates, ballots = election
    return tally(
        ballots, method=method, seats=min(seats, len(candidates)), candidates=candidates, **options
    )


@pytest.mark.parametrize("method", METHODS)
@settings(deadline=None)
@given(election=elections(), seats=st.integers(1, 5))
def test_winners_never_exceed_the_seats_and_the_tie_is_the_boundary(method, election, seats):
    result = count(election, method, seats)
    seats = result.seats
    flat = [c for group in result.ranking for c in group]
    assert sorted(flat) == sorted(election[0])
    assert len(result.winners) <= seats
    # the winners are the whole groups before the boundary; the tie is the group across it
    taken = 0
    for group in result.ranking:
        if taken == len(result.winners):
            break
        taken += len(group)
    assert taken == len(result.winners)
    assert flat[: len(result.winners)] == result.winners
    if result.tied:
        assert len(result.winners) < seats < len(result.winners) + len(result.tied)
        assert (
            result.tied
            == result.ranking[len([g for g in result.ranking if g[0] in result.winners])]
        )
    else:
        assert len(result.winners) == seats


@pytest.mark.parametrize("method", ["borda", "schulze"])
@settings(deadline=None)
@given(election=elections(min_candidates=2), seats=st.integers(1, 5))
def test_a_candidate_every_voter_ranks_first_wins(method, election, seats):
    candidates, ballots = election
    assume(ballots)
    first = candidates[-1]
    ballots = [
        Ballot(
            ranks=(frozenset([first]), *(g - {first} for g in b.ranks if g - {first})),
            count=b.count,
        )
        for b in ballots
    ]
    result = count((candidates, ballots), method, seats)
    assert result.ranking[0] == [first] and first in result.winners


@settings(deadline=None)
@given(election=elections(min_candidates=2), seats=st.integers(1, 5))
def test_a_candidate_every_voter_approves_wins_or_ties_at_the_top(election, seats):
    candidates, ballots = election
    assume(ballots)
    first = candidates[-1]
    ballots = [Ballot(ranks=(b.candidates | {first},), count=b.count) for b in ballots]
    result = count((candidates, ballots), "approval", seats)
    assert first in result.ranking[0]
    assert first in result.winners or first in result.tied


@settings(deadline=None)
@given(election=elections(min_candidates=2))
def test_a_condorcet_winner_wins_under_schulze(election):
    candidates, ballots = election
    d = reference_pairwise(ballots, candidates)
    winners = [a for a in candidates if all(d[a][b] > d[b][a] for b in candidates if b != a)]
    assume(winners)
    for strength in ("winning", "margin"):
        result = count(election, "schulze", 1, strength=strength)
        assert result.winners == winners


def _shape(result, rename=lambda c: c):
    return (
        [sorted(rename(c) for c in group) for group in result.ranking],
        sorted(map(rename, result.winners)),
        sorted(map(rename, result.tied)),
        {rename(c): s for c, s in (result.scores or {}).items()},
        {
            rename(a): {rename(b): v for b, v in row.items()}
            for a, row in (result.pairwise or {}).items()
        },
    )


@pytest.mark.parametrize("method", METHODS)
@settings(deadline=None)
@given(election=elections(), seats=st.integers(1, 5), seed=st.integers(0, 2**16))
def test_relabelling_relabels_the_result_and_nothing_else(method, election, seats, seed):
    candidates, ballots = election
    names = list(candidates)
    random.Random(seed).shuffle(names)
    rename = dict(zip(candidates, [f"x{n}" for n in names], strict=True))
    relabelled = [
        Ballot(ranks=tuple(frozenset(rename[c] for c in g) for g in b.ranks), count=b.count)
        for b in ballots
    ]
    new_candidates = sorted(rename.values())
    before = count(election, method, seats)
    after = count((new_candidates, relabelled), method, seats)
    assert _shape(after) == _shape(before, rename.__getitem__)


@pytest.mark.parametrize("method", METHODS)
@settings(deadline=None)
@given(election=elections(), seats=st.integers(1, 5), seed=st.integers(0, 2**16))
def test_ballot_order_does_not_matter(method, election, seats, seed):
    candidates, ballots = election
    shuffled = list(ballots)
    random.Random(seed).shuffle(shuffled)
    assert _shape(count((candidates, shuffled), method, seats)) == _shape(
        count(election, method, seats)
    )


@pytest.mark.parametrize("method", METHODS)
@settings(deadline=None)
@given(election=elections(), seats=st.integers(1, 5))
def test_count_n_equals_n_copies(method, election, seats):
    candidates, ballots = election
    copies = [Ballot(ranks=b.ranks) for b in ballots for _ in range(b.count)]
    assert _shape(count((candidates, copies), method, seats)) == _shape(
        count(election, method, seats)
    )
