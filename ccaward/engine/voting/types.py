"""The shapes the voting engine shares: a ballot, a count's result, a refusal."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

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
    scores: dict[str, int | Fraction] | None = None  # approval: ints; Borda: Fractions
    pairwise: dict[str, dict[str, int]] | None = None
    strongest: dict[str, dict[str, int]] | None = None
    strength: str | None = None
    notes: list[str] = field(default_factory=list)


@dataclass
class Standing:
    """One candidate in a category's decision. `panel` and `poll` are the vote's
    shares on 0..1 (how each is normalised is stated by `decide`), `combined` their
    mix by the poll's weight; `place` is 1-based after the tie-break chain (equal
    places for a tie the chain left open); `settled_by` names the step of the chain
    that separated the candidate from the next one: "vote", "total",
    "dimension:<key>", "casting", or "" when nothing needed separating."""

    candidate: str
    panel: Fraction
    poll: Fraction | None
    combined: Fraction
    total: Decimal | None
    dimensions: tuple[Decimal | None, ...]
    place: int
    settled_by: str
    winner: bool
    tied: bool  # in a tie across the last seat that only a casting decision can break


@dataclass
class Decision:
    """A category's decision: winners never more than `seats`; `tied` the candidates
    of an open tie across the last seat (publishing refuses while any remains)."""

    seats: int
    poll_weight: Fraction
    standings: list[Standing]
    winners: list[str]
    tied: list[str]
    notes: list[str] = field(default_factory=list)
