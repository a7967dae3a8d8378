"""Shared test helpers: ballots from short strings, a plain pairwise count, and a
hypothesis strategy of small elections."""

from __future__ import annotations

from hypothesis import strategies as st

from ccaward.engine.voting import Ballot

NAMES = ("A", "B", "C", "D", "E", "F")


def ranked(text: str, count: int = 1) -> Ballot:
    """'A,B=C,D' -> a ballot ranking A, then B and C equal, then D."""
    cells = [c for c in text.split(",") if c]
    return Ballot(ranks=tuple(frozenset(c.split("=")) for c in cells), count=count)


def profile(*rows: tuple[int, str]) -> list[Ballot]:
    return [ranked(text, count) for count, text in rows]


def reference_pairwise(ballots, candidates) -> dict[str, dict[str, int]]:
    """d[a][b] by the definition, one voter at a time."""
    d = {a: {b: 0 for b in candidates if b != a} for a in candidates}
    for ballot in ballots:
        place = {c: i for i, group in enumerate(ballot.ranks) for c in group}
        for a in candidates:
            for b in candidates:
                if a != b and place.get(a, len(candidates)) < place.get(b, len(candidates)):
                    d[a][b] += ballot.count
    return d


@st.composite
def elections(draw, min_candidates=1, max_candidates=5, max_ballots=12):
    """(candidates, ballots): weak orders over subsets of the candidates, counts 1-3."""
    n = draw(st.integers(min_candidates, max_candidates))
    candidates = list(NAMES[:n])
    ballots = []
    for _ in range(draw(st.integers(0, max_ballots))):
        named = draw(st.permutations(candidates))[: draw(st.integers(0, n))]
        cuts = sorted(draw(st.sets(st.integers(1, max(1, len(named) - 1)))))
        groups, start = [], 0
        for cut in [*cuts, len(named)]:
            if start < cut <= len(named):
                groups.append(frozenset(named[start:cut]))
                start = cut
        ballots.append(Ballot(ranks=tuple(groups), count=draw(st.integers(1, 3))))
    return candidates, ballots
