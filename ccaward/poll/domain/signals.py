"""The signals of stuffing in a category's poll (engine.voting.signals on the votes
still counted), with the votes they involve. Reads only."""

from __future__ import annotations

from dataclasses import dataclass

from ccaward.engine.voting import signals as engine
from ccaward.poll.domain.votes import entries_of
from ccaward.poll.models import PollVote


@dataclass(frozen=True)
class Found:
    """A signal with its votes (PollVote rows with their entry and account)."""

    signal: engine.Signal
    votes: list[PollVote]


def counted_votes(category) -> list[PollVote]:
    return list(
        PollVote.objects.filter(category=category, voided_at__isnull=True)
        .select_related("account", "entry__center")
        .order_by("at", "pk")
    )


def as_engine(vote: PollVote) -> engine.Vote:
    return engine.Vote(
        id=vote.pk,
        entry=vote.entry_id,
        account=vote.account_id,
        network=vote.network,
        at=vote.at.timestamp(),
        account_created=vote.account.created_at.timestamp(),
    )


def signals_of(category) -> list[Found]:
    """Every signal of the category's counted votes (bursts, shared networks, new
    accounts), each with its votes by time."""
    votes = counted_votes(category)
    by_id = {v.pk: v for v in votes}
    found = engine.signals(
        [as_engine(v) for v in votes], entries=[e.pk for e in entries_of(category)]
    )
    return [Found(s, [by_id[pk] for pk in s.votes]) for s in found]
