"""`tally`: a count by the method asked for, from checked ballots to the winners, the
candidates tied across the last seat, and the ranking in groups of equals."""

from __future__ import annotations

from collections.abc import Sequence

from ccaward.engine.voting import approval, borda, schulze
from ccaward.engine.voting.seats import fill_seats, groups_by_score, tie_note
from ccaward.engine.voting.types import Ballot, TallyResult
from ccaward.engine.voting.validate import candidate_list


def tally(
    ballots: Sequence[Ballot],
    *,
    method: str,
    seats: int,
    candidates: Sequence[str] | None = None,
    strength: str = "winning",
    max_approvals: int | None = None,
) -> TallyResult:
    """Count `ballots` by `method` ("approval", "borda", "schulze") for `seats`.

    `candidates`: the candidates standing (a ballot naming another is refused; those no
    ballot names still stand); None: the candidates the ballots name. `strength`:
    Schulze's defeat strength, "winning" votes or "margin". `max_approvals`: approval's
    k, None for no limit. Raises BallotError naming the ballot (1-based) for a
    candidate not standing, a candidate twice on a ballot, an empty rank, too many
    approvals, a count below 1; and for seats below 1 or above the candidates.
    """
    ballots = list(ballots)
    order = candidate_list(
        ballots,
        method=method,
        seats=seats,
        candidates=candidates,
        strength=strength,
        max_approvals=max_approvals,
    )
    voters = sum(b.count for b in ballots)
    result = TallyResult(
        method=method,
        seats=seats,
        candidates=order,
        ballots=voters,
        winners=[],
        tied=[],
        ranking=[],
    )
    if method == "schulze":
        d = schulze.pairwise(ballots, order)
        p = schulze.strongest_paths(schulze.link_strengths(d, strength))
        result.ranking = schulze.schulze_groups(p, order)
        result.pairwise = schulze.as_table(d, order)
        result.strongest = schulze.as_table(p, order)
        result.strength = strength
    else:
        count = approval.approval_scores if method == "approval" else borda.borda_scores
        result.scores = count(ballots, order)
        result.ranking = groups_by_score(result.scores, order)
    result.winners, result.tied = fill_seats(result.ranking, seats)
    result.notes = tie_note(result.winners, result.tied, seats)
    return result
