"""What the assignment solver takes and gives: judges, entries, pairs, the result and
the explanation of an instance that cannot be solved."""

from __future__ import annotations

from dataclasses import dataclass, field

UNLIMITED = 10**9


@dataclass(frozen=True)
class Judge:
    """A judge: how many entries they review at least and at most, and their employer
    as typed (compared by `names.organization_key`; empty: an employer of their own)."""

    id: str
    min_load: int = 0
    max_load: int = UNLIMITED
    employer: str = ""


@dataclass(frozen=True)
class Entry:
    """An entry reviewed by exactly `reviewers` judges; its organization as typed."""

    id: str
    reviewers: int
    organization: str = ""


@dataclass(frozen=True)
class Pair:
    """One judge reviewing one entry, with the pair's affinity."""

    judge: str
    entry: str
    affinity: float


@dataclass(frozen=True)
class Infeasibility:
    """Why no assignment satisfies the constraints: the entries and judges involved,
    `code` a stable key and `detail` its numbers (for a message in any language),
    `reason` the English sentence."""

    entries: list[str]
    judges: list[str]
    reason: str
    code: str
    detail: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Result:
    """An assignment (empty when `infeasible` says why there is none).

    `objective` is the sum of the assigned pairs' affinity; `optimal` is true when the
    solver proved the optimum (in randomized mode: of the capped fractional problem,
    of which `assignments` is one draw). The last five fields are set in randomized
    mode only: the seed of the draw, the cap on each pair's probability, the optimum
    without the cap, the expected affinity of a draw and each pair's probability."""

    assignments: list[Pair]
    objective: float
    optimal: bool
    loads: dict[str, int]
    infeasible: Infeasibility | None = None
    seed: int | None = None
    max_probability: float | None = None
    deterministic_objective: float | None = None
    expected_objective: float | None = None
    probabilities: dict[tuple[str, str], float] | None = None


class AssignmentInputError(ValueError):
    """Input that is wrong whatever the solver does (an unknown id, a minimum load above
    the maximum, a duplicate id ...): `code` a stable key, `detail` the field and values."""

    def __init__(self, message: str, *, code: str, detail: dict | None = None):
        super().__init__(message)
        self.code = code
        self.detail = detail or {}
