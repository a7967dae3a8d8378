"""Votes: one per verified account and category, for a shortlisted entry, while the
poll is held and 票选 is open; voided votes are kept and not counted; votes recorded
by organizers (imports, the demo) at given times."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone, translation

from ccaward.core.errors import StageClosed
from ccaward.core.models import AuditEvent
from ccaward.deliberation.domain import shortlist as shortlists
from ccaward.poll.domain import valid_counts, voiding, votes
from ccaward.poll.domain.gate import PollNotHeld
from ccaward.poll.models import PollVote
from ccaward.seasons.enums import StageKind
from tests.deliberation.conftest import set_stage
from tests.poll.conftest import account


def cast(category, voter, entry, network="192.0.2.0/24"):
    return votes.cast_vote(account=voter, category=category, entry_id=entry.pk, network=network)


def test_one_vote_per_account_and_category(poll_on, category, entries):
    voter = account(poll_on)
    first = cast(category, voter, entries[0])
    with pytest.raises(votes.AlreadyVoted) as exc:
        cast(category, voter, entries[1])
    assert exc.value.vote.pk == first.pk
    with translation.override("en"):
        assert "already voted" in exc.value.message and "甲客服中心" in exc.value.message
    assert PollVote.objects.count() == 1
    assert valid_counts(category) == {entries[0].pk: 1, entries[1].pk: 0, entries[2].pk: 0}


def test_the_database_refuses_a_second_vote_too(poll_on, category, entries, monkeypatch):
    voter = account(poll_on)
    cast(category, voter, entries[0])
    real, calls = votes.vote_of, []

    def blind_first(account, category):
        """As if a request at the same instant had passed the check."""
        calls.append(1)
        return None if len(calls) == 1 else real(account, category)

    monkeypatch.setattr(votes, "vote_of", blind_first)
    with pytest.raises(votes.AlreadyVoted) as exc:
        cast(category, voter, entries[1])
    assert exc.value.vote.entry_id == entries[0].pk
    assert PollVote.objects.count() == 1


def test_only_shortlisted_entries(poll_on, category, off_list):
    with pytest.raises(ValidationError) as exc:
        cast(category, account(poll_on), off_list)
    assert "entry" in exc.value.message_dict


def test_an_unverified_account_or_another_seasons_is_refused(poll_on, category, entries):
    voter = account(poll_on)
    voter.verified_at = None
    voter.save()
    with pytest.raises(PermissionDenied):
        cast(category, voter, entries[0])
    with pytest.raises(PermissionDenied):
        cast(category, None, entries[0])


def test_the_voting_stage_gates_votes(poll_on, organizer, category, entries):
    set_stage(poll_on, organizer, StageKind.VOTING, "closed")
    with pytest.raises(StageClosed):
        cast(category, account(poll_on), entries[0])
    assert PollVote.objects.count() == 0


def test_no_votes_when_the_poll_is_not_held(season, voting_open, category, entries):
    with pytest.raises(PollNotHeld):
        cast(category, account(season), entries[0])


def test_voided_votes_are_kept_and_not_counted(poll_on, organizer, category, entries):
    made = [cast(category, account(poll_on, f"v{i}@example.com"), entries[i % 2]) for i in range(4)]
    done = voiding.void_votes(
        season=poll_on, by=organizer, votes=[made[0].pk, made[2].pk], reason="同一网络刷票"
    )
    assert {v.pk for v in done} == {made[0].pk, made[2].pk}
    assert PollVote.objects.count() == 4
    kept = PollVote.objects.get(pk=made[0].pk)
    assert kept.voided_by == organizer and kept.void_reason == "同一网络刷票"
    assert valid_counts(category)[entries[0].pk] == 0
    assert valid_counts(category)[entries[1].pk] == 2
    event = AuditEvent.objects.get(action="poll.votes.voided")
    assert (
        event.data["votes"] == [made[0].pk, made[2].pk] and event.data["reason"] == "同一网络刷票"
    )
    # voiding again leaves them as they were
    again = voiding.void_votes(season=poll_on, by=organizer, votes=[made[0].pk], reason="再次")
    assert again == []
    assert PollVote.objects.get(pk=made[0].pk).void_reason == "同一网络刷票"
    rows = {r["entry"]: r for r in votes.counts_of(category)}
    assert (rows[entries[0].pk]["valid"], rows[entries[0].pk]["voided"]) == (0, 2)


def test_voiding_needs_a_reason_an_organizer_and_the_seasons_votes(
    poll_on, organizer, judge, category, entries
):
    vote = cast(category, account(poll_on), entries[0])
    with pytest.raises(ValidationError) as exc:
        voiding.void_votes(season=poll_on, by=organizer, votes=[vote.pk], reason="  ")
    assert "reason" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        voiding.void_votes(season=poll_on, by=organizer, votes=[vote.pk, 999_999], reason="x")
    assert "999999" in exc.value.message_dict["votes"][0]
    with pytest.raises(PermissionDenied):
        voiding.void_votes(season=poll_on, by=judge, votes=[vote.pk], reason="x")
    assert PollVote.objects.get().voided_at is None


def test_recorded_votes_as_given(poll_on, organizer, category, entries):
    at = timezone.now() - dt.timedelta(hours=2)
    made = votes.record_vote(
        category=category,
        entry=entries[1].pk,
        email="Demo1@example.com",
        by=organizer,
        at=at,
        network="203.0.113.0/24",
        account_created=at - dt.timedelta(minutes=3),
    )
    assert made.at == at and made.network == "203.0.113.0/24"
    assert made.account.created_at == at - dt.timedelta(minutes=3)
    assert made.account.email == "demo1@example.com"
    assert AuditEvent.objects.get(action="poll.votes.recorded").data["count"] == 1
    with pytest.raises(ValidationError):
        votes.record_vote(
            category=category,
            entry=entries[0].pk,
            email="demo1@example.com",
            by=organizer,
            at=at,
            network="x",
        )


def test_only_organizers_record_votes(poll_on, judge, category, entries):
    with pytest.raises(PermissionDenied):
        votes.record_vote(
            category=category,
            entry=entries[0].pk,
            email="a@example.com",
            by=judge,
            at=timezone.now(),
            network="x",
        )


def test_the_shortlist_is_kept_once_the_public_has_voted_on_it(
    poll_on, organizer, category, entries
):
    cast(category, account(poll_on), entries[0])
    with translation.override("en"), pytest.raises(ValidationError) as exc:
        shortlists.set_shortlist(
            category=category, listed=[e.pk for e in entries[:2]], by=organizer
        )
    assert "The public poll has 1 votes on this shortlist" in exc.value.message_dict["listed"][0]
    assert shortlists.shortlist_of(category).rows.filter(listed=True).count() == 3


def test_a_counted_category_takes_no_more_poll_votes(poll_on, category, entries):
    from ccaward.results.models import Count

    first = account(poll_on)
    cast(category, first, entries[0])
    Count.objects.create(category=category, method="schulze", seats=1, tally={}, outcome={})
    with translation.override("en"), pytest.raises(PermissionDenied) as exc:
        cast(category, account(poll_on, "late@example.com"), entries[1])
    assert "has been counted" in str(exc.value)
    assert valid_counts(category) == {entries[0].pk: 1, entries[1].pk: 0, entries[2].pk: 0}


def test_the_public_sees_the_shortlist_only_once_voting_has_opened(
    season, organizer, category, entries
):
    from ccaward.poll.domain import policy as policies

    policies.change_policy(season=season, by=organizer, values={"enabled": True, "weight": 20})
    set_stage(season, organizer, StageKind.VOTING, "")
    assert season.stage(StageKind.VOTING).state() == "upcoming"
    assert votes.public_entries(category) == []
    assert votes.entries_of(category) == sorted(entries, key=lambda e: e.center.name)
    set_stage(season, organizer, StageKind.VOTING, "open")
    assert votes.public_entries(category) == votes.entries_of(category) != []
