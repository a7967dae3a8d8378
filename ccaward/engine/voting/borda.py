"""The Borda count with partial ballots and equal ranks.

With n candidates, a ballot gives each candidate one point for every candidate it
ranks strictly below, and half a point for every other candidate ranked equal with
it. Candidates a ballot leaves out rank equal below every candidate it names. So:

- a full strict ranking gives n-1, n-2, ..., 0 points (Borda's own count);
- candidates ranked equal share the points of the positions they occupy (the
  average: two candidates in 2nd and 3rd place get (n-2 + n-3)/2 each);
- the candidates a ballot leaves unranked share the remaining points equally
  (the last u positions: (u-1)/2 each).

Every ballot is worth the same n(n-1)/2 points whatever it ranks, and a candidate's
Borda score is its pairwise wins plus half its pairwise ties summed over the
ballots (Saari, "Basic Geometry of Voting", 1995: the Borda count as the sum of the
pairwise tallies). Emerson ("The original Borda count and partial voting", Social
Choice and Welfare 40, 2013) compares the ways of scoring truncated ballots; this is
the conventional averaged rule (not Emerson's modified Borda count, which gives a
ballot ranking m candidates m, m-1, ..., 1 points and the unranked none). Scores are
exact: whole or half points (Fractions).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from fractions import Fraction

from ccaward.engine.voting.types import Ballot


def borda_scores(ballots: Sequence[Ballot], candidates: Sequence[str]) -> dict[str, Fraction]:
    """Points per candidate (Fractions: whole or half points)."""
    n = len(candidates)
    doubled = dict.fromkeys(candidates, 0)  # twice the points, to stay in integers
    same = Counter()
    for ballot in ballots:
        same[ballot.ranks] += ballot.count
    for ranks, count in same.items():
        below = n
        for group in ranks:
            below -= len(group)
            points = (2 * below + len(group) - 1) * count
            for candidate in group:
                doubled[candidate] += points
        if below:  # the unranked: the last `below` positions, shared
            points = (below - 1) * count
            ranked = frozenset().union(*ranks) if ranks else frozenset()
            for candidate in candidates:
                if candidate not in ranked:
                    doubled[candidate] += points
    return {c: Fraction(points, 2) for c, points in doubled.items()}
