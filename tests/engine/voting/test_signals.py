"""Signals of stuffing (engine/voting/signals.py): each found on a constructed case,
silent on an even poll, and the burst rule's false-alarm rate on steady polls."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

from ccaward.engine.voting import signals
from ccaward.engine.voting.signals import Vote

DAY = 24 * 3600.0
T0 = 1_780_000_000.0  # a whole minute


def vote(i, entry, at, *, network=None, created=None, account=None):
    return Vote(
        id=i,
        entry=entry,
        account=account if account is not None else i,
        network=network if network is not None else f"10.{i % 250}.{i // 250 % 250}.0/24",
        at=at,
        account_created=created if created is not None else at - 30 * DAY,
    )


def steady(rng, *, entries=4, votes=400, span=3 * DAY, start_id=0):
    """Votes at uniformly random times over `span`, entries chosen at random."""
    return [
        vote(start_id + i, rng.randrange(entries), T0 + rng.random() * span) for i in range(votes)
    ]


@pytest.mark.parametrize(("k", "rate"), [(1, 0.5), (5, 0.1), (12, 3.0), (40, 20.0), (3, 1e-4)])
def test_poisson_tail_matches_scipy(k, rate):
    assert signals.poisson_tail(k, rate) == pytest.approx(stats.poisson.sf(k - 1, rate), rel=1e-9)


@pytest.mark.parametrize(
    ("k", "n", "p"), [(10, 12, 0.25), (1, 5, 0.5), (30, 100, 0.1), (5, 5, 0.9)]
)
def test_binomial_tail_matches_scipy(k, n, p):
    assert signals.binomial_tail(k, n, p) == pytest.approx(stats.binom.sf(k - 1, n, p), rel=1e-9)


def test_a_burst_is_found_with_its_votes():
    rng = random.Random(7)
    votes = steady(rng)
    burst = [vote(10_000 + i, 2, T0 + DAY + 5 + i) for i in range(15)]  # 15 votes in 15 s
    found = signals.bursts(votes + burst)
    assert len(found) == 1
    s = found[0]
    assert s.kind == signals.BURST and s.entry == 2
    assert {v.id for v in burst} <= set(s.votes)
    assert s.end - s.start == 60
    assert s.p < signals.ALPHA


def test_a_burst_across_two_minutes_is_one_signal():
    rng = random.Random(8)
    votes = steady(rng)
    burst = [vote(10_000 + i, 1, T0 + DAY + 50 + i * 4) for i in range(20)]  # 50 s .. 126 s
    found = [s for s in signals.bursts(votes + burst) if s.entry == 1]
    assert len(found) == 1
    assert found[0].detail["minutes"] == 2
    assert {v.id for v in burst} <= set(found[0].votes)


def test_fewer_than_the_minimum_in_a_minute_is_no_burst():
    votes = steady(random.Random(9), votes=40)
    few = [vote(10_000 + i, 0, T0 + DAY + i) for i in range(signals.BURST_MIN_VOTES - 1)]
    assert signals.bursts(votes + few) == []


@settings(max_examples=60, deadline=None, derandomize=True)
@given(
    counts=st.lists(st.integers(1, 60), min_size=1, max_size=6),
    span_minutes=st.integers(1, 20_000),
)
def test_an_even_poll_raises_nothing(counts, span_minutes):
    """Each entry's votes evenly spaced over the poll: no signal of any kind."""
    votes, i = [], 0
    span = span_minutes * 60.0
    for entry, n in enumerate(counts):
        for j in range(n):
            votes.append(vote(i, entry, T0 + span * (j + 0.5) / n, network=f"n{i}"))
            i += 1
    assert signals.signals(votes) == []


def test_the_burst_rules_false_alarm_rate_on_steady_polls():
    """Steady polls (uniform times, the Poisson case): a burst is raised in at most
    about ALPHA of them (here ≤ 3 of 200, seeded; the binomial chance of more at a
    true rate of 1% is under 15%; the rate is in fact far lower)."""
    raised = sum(bool(signals.bursts(steady(random.Random(seed)))) for seed in range(200))
    assert raised <= 3


def test_a_busy_entry_in_a_short_poll_is_no_burst():
    """Many votes a minute throughout: the rate is the entry's own."""
    votes = [vote(i, 0, T0 + i * 2.0) for i in range(600)]  # 30 a minute for 20 minutes
    assert signals.bursts(votes) == []


def test_many_accounts_from_one_network():
    rng = random.Random(3)
    votes = steady(rng)
    office = [
        vote(20_000 + i, 1 if i < 12 else 3, T0 + DAY + i * 300, network="203.0.113.0/24")
        for i in range(14)
    ]
    found = signals.shared_networks(votes + office)
    assert len(found) == 1
    s = found[0]
    assert s.network == "203.0.113.0/24"
    assert s.detail == {"accounts": 14, "entries": {1: 12, 3: 2}}
    assert set(s.votes) == {v.id for v in office}


def test_one_network_at_the_threshold_is_silent():
    office = [
        vote(i, 0, T0 + i, network="203.0.113.0/24") for i in range(signals.NETWORK_MAX_ACCOUNTS)
    ]
    again = [vote(100 + i, 1, T0 + i, network="203.0.113.0/24", account=i) for i in range(3)]
    assert signals.shared_networks(office + again) == []  # 10 accounts, 13 votes


def test_new_accounts_voting_for_one_entry():
    rng = random.Random(5)
    votes = steady(rng, votes=200)
    fresh = [
        vote(30_000 + i, 3, T0 + DAY + i * 90, created=T0 + DAY + i * 90 - 120) for i in range(15)
    ]
    found = signals.new_accounts(votes + fresh)
    assert [s.entry for s in found] == [3]
    assert set(found[0].votes) == {v.id for v in fresh}
    assert found[0].p < signals.ALPHA


def test_new_accounts_spread_like_the_others_are_silent():
    rng = random.Random(6)
    votes = steady(rng, votes=200)
    fresh = [
        vote(30_000 + i, i % 4, T0 + DAY + i * 90, created=T0 + DAY + i * 90 - 60)
        for i in range(40)
    ]
    assert signals.new_accounts(votes + fresh) == []


def test_new_accounts_with_no_reference_use_an_even_split():
    """Every voter new: 12 of 14 fresh votes for one of four entries is flagged; an
    even spread is not."""
    lopsided = [
        vote(i, 0 if i < 12 else 1, T0 + i * 60, created=T0 + i * 60 - 10) for i in range(14)
    ]
    assert [s.entry for s in signals.new_accounts(lopsided, entries=[0, 1, 2, 3])] == [0]
    even = [vote(i, i % 4, T0 + i * 60, created=T0 + i * 60 - 10) for i in range(40)]
    assert signals.new_accounts(even, entries=[0, 1, 2, 3]) == []


def test_signals_are_sorted_by_kind_and_keyed():
    rng = random.Random(11)
    votes = steady(rng)
    burst = [
        vote(40_000 + i, 0, T0 + DAY + i, network="198.51.100.0/24", created=T0 + DAY - 60)
        for i in range(12)
    ]
    found = signals.signals(votes + burst)
    assert [s.kind for s in found] == [signals.BURST, signals.NETWORK, signals.NEW_ACCOUNTS]
    assert len({s.key for s in found}) == 3
    assert all({v.id for v in burst} <= set(s.votes) for s in found)


def test_no_votes_no_signals():
    assert signals.signals([]) == []
