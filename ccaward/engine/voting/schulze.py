"""The Schulze method (Markus Schulze, "A new monotonic, clone-independent, reversal
symmetric, and Condorcet-consistent single-winner election method", Social Choice
and Welfare 36, 2011, 267-303).

- d[a][b]: the voters who strictly prefer a to b. Candidates ranked equal, and two
  candidates a ballot leaves unranked, count for neither; a ranked candidate is
  preferred to every unranked one.
- The strength of the link a -> b: by winning votes (the default) d[a][b] when
  d[a][b] > d[b][a]; by margins d[a][b] - d[b][a] when that is positive; otherwise
  there is no link (strength 0).
- p[a][b]: the strength of the strongest path from a to b, a path being as strong as
  its weakest link (Floyd-Warshall, the widest-path variant of the paper's section 2.3).
- a beats b in the Schulze order when p[a][b] > p[b][a]; Schulze proves the relation
  transitive (section 4.1), so the order has a best set at every step.

Ranking for several seats: the Schulze winners (the candidates no other beats) form
the first group; they are set aside, and the winners of the rest form the next group,
and so on. Candidates in one group are equals (neither beats the other).

The pairwise count uses numpy to count ballots (exact: identical ballots once, their
multiplicities by bits, sums in Python integers); the rest is plain integers.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import numpy as np

from ccaward.engine.voting.types import Ballot


def _places(same: Counter, index: dict[str, int]) -> np.ndarray:
    """place[c, v]: the rank of candidate c on distinct ballot v (0 best); a candidate
    the ballot leaves out gets n, below every rank."""
    n = len(index)
    rows, cols, places = [], [], []
    for col, ranks in enumerate(same):
        for place, group in enumerate(ranks):
            for candidate in group:
                rows.append(index[candidate])
                cols.append(col)
                places.append(place)
    place = np.full((n, len(same)), n, dtype=np.int32)
    place[rows, cols] = places
    return place


def pairwise(ballots: Sequence[Ballot], candidates: Sequence[str]) -> list[list[int]]:
    """d[i][j]: the voters preferring candidates[i] to candidates[j].

    Identical ballots are counted once; their multiplicities are split into bits, so
    numpy only counts ballots (`count_nonzero`) and the sums stay Python integers:
    exact for any count."""
    n = len(candidates)
    same: Counter = Counter()
    for ballot in ballots:
        same[ballot.ranks] += ballot.count
    d = [[0] * n for _ in range(n)]
    if not same or not n:
        return d
    place = _places(same, {c: i for i, c in enumerate(candidates)})
    counts = list(same.values())
    for bit in range(max(counts).bit_length()):
        chosen = np.fromiter(((c >> bit) & 1 for c in counts), dtype=bool, count=len(counts))
        if not chosen.any():
            continue
        sub = place[:, chosen]
        for i in range(n):
            above = np.count_nonzero(sub[i] < sub, axis=1)  # ballots ranking i above j
            row = d[i]
            for j, k in enumerate(above.tolist()):
                row[j] += k << bit
    return d


def link_strengths(d: list[list[int]], strength: str) -> list[list[int]]:
    """The strength of each direct link (0 where a does not defeat b)."""
    n = len(d)
    links = [[0] * n for _ in range(n)]
    for i in range(n):
        for j in range(n):
            if i != j and d[i][j] > d[j][i]:
                links[i][j] = d[i][j] if strength == "winning" else d[i][j] - d[j][i]
    return links


def strongest_paths(links: list[list[int]]) -> list[list[int]]:
    """p[i][j]: the strength of the strongest path from i to j (widest paths)."""
    n = len(links)
    p = [row[:] for row in links]
    for k in range(n):
        pk = p[k]
        for i in range(n):
            if i == k:
                continue
            pik = p[i][k]
            if not pik:
                continue
            pi = p[i]
            for j in range(n):
                if j != i and j != k:
                    via = pik if pik < pk[j] else pk[j]
                    if via > pi[j]:
                        pi[j] = via
    return p


def schulze_groups(p: list[list[int]], candidates: Sequence[str]) -> list[list[str]]:
    """The Schulze ranking as groups of equals, best first, each in candidate order."""
    remaining = list(range(len(candidates)))
    groups = []
    while remaining:
        best = [a for a in remaining if not any(p[b][a] > p[a][b] for b in remaining)]
        if not best:  # cannot happen (the order is transitive); never loop forever
            best = remaining
        groups.append([candidates[a] for a in best])
        remaining = [a for a in remaining if a not in best]
    return groups


def as_table(matrix: list[list[int]], candidates: Sequence[str]) -> dict[str, dict[str, int]]:
    """A matrix by candidate name, the diagonal left out."""
    return {
        a: {b: matrix[i][j] for j, b in enumerate(candidates) if j != i}
        for i, a in enumerate(candidates)
    }
