"""The shapes the voting engine shares: a ballot, a count's result, a refusal."""

from __future__ import annotations

from dataclasses import dataclass, field

METHODS = ("approval", "borda", "schulze")
# Schulze's strength of a pairwise defeat: the winner's votes, or the margin
STRENGTHS = ("winning", "margin")


@dataclass(frozen=True)
class Ballot:
    """One ballot (or `count` identical ones).

    `ranks`: groups of candidates, best first; candidates in one group are ranked
    equal; candidates in no group rank below every ranked one. An approval ballot
    is a single group: the candidates it approves.
    """

    ranks: tuple[frozenset[str], ...]
    count: int = 1

    @property
    def candidates(self) -> frozenset[str]:
        return frozenset().union(*self.ranks) if self.ranks else frozenset()


class BallotError(ValueError):
    """A ballot or a count refused, naming where: `line` (1-based, of a CSV file) or
    `ballot` (1-based index in the list given), and the `candidate` concerned."""

    def __init__(
        self,
        message: str,
        *,
        line: int | None = None,
        ballot: int | None = None,
        candidate: str | None = None,
    ):
        super().__init__(message)
        self.message = message
        self.line = line
        self.ballot = ballot
        self.candidate = candidate

    def __str__(self) -> str:
        where = (
            f"line {self.line}: " if self.line else f"ballot {self.ballot}: " if self.ballot else ""
        )
        return where + self.message


@dataclass
class TallyResult:
    """A count: the winners certain to win, the candidates tied for the remaining
    seats (never broken at random), the whole ranking as groups of equals, best first;
    `scores` (approval: approvals; Borda: points) or `pairwise` (Schulze: d[a][b], the
    voters preferring a to b) with `strongest` (p[a][b], the strongest path)."""

    method: str
    seats: int
    candidates: tuple[str, ...]
    ballots: int
    winners: list[str]
    tied: list[str]
    ranking: list[list[str]]
    scores: dict[str, float] | None = None
    pairwise: dict[str, dict[str, int]] | None = None
    strongest: dict[str, dict[str, int]] | None = None
    strength: str | None = None
    notes: list[str] = field(default_factory=list)
