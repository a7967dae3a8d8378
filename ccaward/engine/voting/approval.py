"""Approval voting: each voter approves up to k candidates (k = the count's
`max_approvals`, no limit when None); a candidate's score is the number of voters
approving it, the seats go to the highest scores (Brams & Fishburn, "Approval
Voting", American Political Science Review 72, 1978; the several-seat use is
"block approval").

An approval ballot is the set of its candidates: a ballot written as ranks (as
`ccaward tally` reads a CSV row: one candidate or `B=C` per cell) approves every
candidate it names.
"""

from __future__ import annotations

from collections.abc import Sequence

from ccaward.engine.voting.types import Ballot


def approval_scores(ballots: Sequence[Ballot], candidates: Sequence[str]) -> dict[str, int]:
    """Approvals per candidate (every candidate, 0 when no ballot approves it)."""
    scores = dict.fromkeys(candidates, 0)
    for ballot in ballots:
        for candidate in ballot.candidates:
            scores[candidate] += ballot.count
    return scores
