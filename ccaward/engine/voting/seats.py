"""From a count to its outcome: the ranking as groups of equals, best first, and the
seats filled by whole groups.

Every method ends here: approval and Borda through their scores (`groups_by_score`),
Schulze through its own groups. `fill_seats` gives the winners certain to win (whole
groups that fit in the seats) and the group that crosses the last seat (`tied`, never
broken at random).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from fractions import Fraction


def in_order(candidates: Iterable[str], order: Sequence[str]) -> list[str]:
    """`candidates` in the order of `order` (the count's candidate list)."""
    position = {c: i for i, c in enumerate(order)}
    return sorted(candidates, key=position.__getitem__)


def groups_by_score(scores: Mapping[str, int | Fraction], order: Sequence[str]) -> list[list[str]]:
    """Candidates grouped by equal score, highest first; each group in `order`."""
    by_score: dict[int | Fraction, list[str]] = {}
    for candidate in order:
        by_score.setdefault(scores[candidate], []).append(candidate)
    return [by_score[score] for score in sorted(by_score, reverse=True)]


def fill_seats(ranking: Sequence[Sequence[str]], seats: int) -> tuple[list[str], list[str]]:
    """(winners, tied): whole groups while they fit in `seats`; the group that crosses
    the last seat is tied for the seats that remain."""
    winners: list[str] = []
    for group in ranking:
        if len(winners) >= seats:
            return winners, []
        if len(winners) + len(group) > seats:
            return winners, list(group)
        winners += group
    return winners, []


def tie_note(winners: Sequence[str], tied: Sequence[str], seats: int) -> list[str]:
    """The plain statement of a tie across the last seat, if there is one."""
    if not tied:
        return []
    left = seats - len(winners)
    return [
        f"{len(tied)} candidates ({', '.join(tied)}) are tied for the last "
        + (f"{left} seats" if left > 1 else "seat")
        + "; the tie is stated, not broken."
    ]


def positional_share(ranking: Sequence[Sequence[str]]) -> dict[str, Fraction]:
    """Each candidate's place in a ranking of groups as a share on 0..1: the
    candidates ranked below it plus half of those ranked equal with it, over the
    others (n - 1). Strictly decreasing from group to group and equal within a group,
    so it keeps the ranking exactly."""
    n = sum(len(group) for group in ranking)
    share: dict[str, Fraction] = {}
    below = n
    for group in ranking:
        below -= len(group)
        points = Fraction(2 * below + len(group) - 1, 2)
        for candidate in group:
            share[candidate] = points / (n - 1) if n > 1 else Fraction(1)
    return share
