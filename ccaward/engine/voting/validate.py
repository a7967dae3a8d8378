"""Ballots checked before anything is counted: every refusal names the ballot
(1-based, in the order given) and, where there is one, the candidate."""

from __future__ import annotations

from collections.abc import Sequence

from ccaward.engine.voting.types import METHODS, STRENGTHS, Ballot, BallotError


def check_ballot(ballot: Ballot, index: int, known: frozenset[str] | None) -> None:
    """One ballot: no empty group, no candidate twice, none unknown, a count from 1."""
    if not isinstance(ballot.count, int) or ballot.count < 1:
        raise BallotError(f"count {ballot.count!r}: a count is a whole number from 1", ballot=index)
    seen: set[str] = set()
    for place, group in enumerate(ballot.ranks, start=1):
        if not group:
            raise BallotError(f"rank {place} is empty", ballot=index)
        for candidate in sorted(group):
            if not candidate:
                raise BallotError(f"rank {place} has an empty candidate name", ballot=index)
            if candidate in seen:
                raise BallotError(f"{candidate} appears twice", ballot=index, candidate=candidate)
            if known is not None and candidate not in known:
                raise BallotError(
                    f"{candidate} is not a candidate", ballot=index, candidate=candidate
                )
        seen |= group


def check_approvals(ballot: Ballot, index: int, max_approvals: int | None) -> None:
    if max_approvals is not None and len(ballot.candidates) > max_approvals:
        raise BallotError(
            f"{len(ballot.candidates)} approvals, more than the {max_approvals} allowed",
            ballot=index,
        )


def candidate_list(
    ballots: Sequence[Ballot],
    *,
    method: str,
    seats: int,
    candidates: Sequence[str] | None,
    strength: str,
    max_approvals: int | None,
) -> tuple[str, ...]:
    """Check the count's options and every ballot; the candidates in their order (the
    list given, else every candidate the ballots name, sorted)."""
    if method not in METHODS:
        raise BallotError(f"unknown method {method!r} (one of {', '.join(METHODS)})")
    if strength not in STRENGTHS:
        raise BallotError(f"unknown strength {strength!r} (one of {', '.join(STRENGTHS)})")
    if max_approvals is not None and max_approvals < 1:
        raise BallotError(f"at most {max_approvals} approvals: allow at least 1")
    known = None
    if candidates is not None:
        order = tuple(candidates)
        doubled = sorted({c for c in order if order.count(c) > 1})
        if doubled:
            raise BallotError(f"the candidate list names {', '.join(doubled)} twice")
        if any(not c for c in order):
            raise BallotError("the candidate list has an empty name")
        known = frozenset(order)
    for index, ballot in enumerate(ballots, start=1):
        check_ballot(ballot, index, known)
        if method == "approval":
            check_approvals(ballot, index, max_approvals)
    if candidates is None:
        order = tuple(sorted(frozenset().union(*(b.candidates for b in ballots))))
    if seats < 1:
        raise BallotError(f"{seats} seats: a count fills at least 1")
    if seats > len(order):
        raise BallotError(f"{seats} seats: more than the {len(order)} candidates")
    return order
