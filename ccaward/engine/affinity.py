"""How well a judge's expertise fits an entry (评审分配的专业匹配度). No Django.

The affinity of a judge and an entry is a weighted sum of three terms, each in [0, 1]:

    affinity = w_industry × industry + w_channel × channel + w_dimension × dimension

- **industry**: 1 when the entry's center is in an industry the judge knows
  (ContactCenter.industry against the judge's industries), else 0.
- **channel**: the share of the entry's service channels (the application form's
  服务渠道 answer) that the judge knows: |judge ∩ entry| / |entry|; 0 when the entry
  names none.
- **dimension**: the share of the entry's need for expert judgement that falls in the
  framework dimensions the judge is strongest in. Each dimension needs judgement in
  proportion to its weight in the framework times the share of its criteria's score
  that comes from the judges' scores: a criterion scored 60 % by judges and 40 % by
  the KPI benchmark needs a judge for 60 % of it, and for all of it when the entry
  has no KPI evidence (a missing kind of evidence has its weight shared by the
  present ones, as `framework.blend` does). So
  dimension = Σ need(d) over the judge's dimensions / Σ need(d) over all dimensions.

The weights are the season's (JudgingPolicy.weights(): industry 3, channel 1,
dimension 1 by default). `affinity` returns the score and its terms, so a page can
say why: "industry 3 × 1 + channels 1 × 0.5 + dimensions 1 × 0.4 = 3.9".
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from ccaward.engine.framework import Criterion, Framework

TERMS = ("industry", "channel", "dimension")
# the kinds of evidence a judge always gives (the judges' own scores)
JUDGE = "judge"


@dataclass(frozen=True)
class Expertise:
    """What a judge knows: industries, service channels, framework dimension codes."""

    industries: frozenset[str] = frozenset()
    channels: frozenset[str] = frozenset()
    dimensions: frozenset[str] = frozenset()

    @classmethod
    def of(cls, industries=(), channels=(), dimensions=()) -> Expertise:
        return cls(frozenset(industries), frozenset(channels), frozenset(dimensions))


@dataclass(frozen=True)
class Needs:
    """What an entry asks of its judges: its industry, the channels it serves, and
    each dimension's need for expert judgement (see `dimension_needs`)."""

    industry: str = ""
    channels: frozenset[str] = frozenset()
    dimensions: Mapping[str, float] | None = None


@dataclass(frozen=True)
class Term:
    """One term of the formula: its weight, its value in [0, 1], what matched."""

    key: str
    weight: float
    value: float
    matched: tuple[str, ...] = ()

    @property
    def contribution(self) -> float:
        return self.weight * self.value


@dataclass(frozen=True)
class Affinity:
    score: float
    terms: tuple[Term, ...]

    def expression(self) -> str:
        """The sum as numbers: "3 × 1 + 1 × 0.5 + 1 × 0.4 = 3.9"."""
        parts = " + ".join(f"{number(t.weight)} × {number(t.value)}" for t in self.terms)
        return f"{parts} = {number(self.score)}"


def number(value: float) -> str:
    """A number as a person reads it: 3, 0.5, 0.67 (two places at most)."""
    text = f"{round(value, 2):.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def check_weights(weights: Mapping[str, object]) -> dict[str, float]:
    """The three weights as floats; a missing, non-numeric, negative or non-finite
    one raises ValueError naming it."""
    checked = {}
    for key in TERMS:
        value = weights.get(key)
        if isinstance(value, bool) or not isinstance(value, int | float | Decimal | str):
            raise ValueError(f"weight {key!r}: {value!r} is not a number")
        try:
            value = float(value)
        except ValueError:
            raise ValueError(f"weight {key!r}: {value!r} is not a number") from None
        if not math.isfinite(value) or value < 0:
            raise ValueError(f"weight {key!r}: {value!r} must be a number >= 0")
        checked[key] = value
    return checked


def _judge_share(crit: Criterion, present: frozenset[str]) -> float:
    """The share of a criterion's score given by the judges, the evidence kinds not
    in `present` left out (their weight shared by the present ones); a criterion
    with sub-items averages its own share and theirs, as its score does."""
    weights = {k: float(w) for k, w in crit.evidence.items() if w > 0 and (k in present)}
    total = sum(weights.values())
    own = weights.get(JUDGE, 0.0) / total if total else 0.0
    if not crit.children:
        return own
    shares = [_judge_share(c, present) for c in crit.children] + [own]
    return sum(shares) / len(shares)


def dimension_needs(framework: Framework, present: Iterable[str] = (JUDGE,)) -> dict[str, float]:
    """Each dimension's need for expert judgement: its weight times the judges' mean
    share of its criteria's scores, given the kinds of evidence `present` for the
    entry (the judges' own is always present)."""
    kinds = frozenset(present) | {JUDGE}
    needs = {}
    for dim in framework.dimensions:
        shares = [_judge_share(c, kinds) for c in dim.criteria]
        share = sum(shares) / len(shares) if shares else 1.0
        needs[dim.code] = float(dim.weight) * share
    return needs


def terms(expertise: Expertise, needs: Needs) -> dict[str, tuple[float, tuple[str, ...]]]:
    """{term: (value in [0, 1], what matched)}."""
    industry = 1.0 if needs.industry and needs.industry in expertise.industries else 0.0
    shared = tuple(sorted(needs.channels & expertise.channels))
    channel = len(shared) / len(needs.channels) if needs.channels else 0.0
    dims = needs.dimensions or {}
    total = sum(dims.values())
    strong = tuple(code for code in dims if code in expertise.dimensions)
    dimension = sum(dims[c] for c in strong) / total if total > 0 else 0.0
    return {
        "industry": (industry, (needs.industry,) if industry else ()),
        "channel": (channel, shared),
        "dimension": (min(1.0, dimension), strong),
    }


def score(expertise: Expertise, needs: Needs, weights: Mapping[str, float]) -> float:
    """The affinity alone, for the many pairs of a run: `weights` as `check_weights`
    returns them. Equal to `affinity(...).score`."""
    total = 0.0
    if needs.industry and needs.industry in expertise.industries:
        total += weights["industry"]
    if needs.channels:
        total += weights["channel"] * len(needs.channels & expertise.channels) / len(needs.channels)
    dims = needs.dimensions
    if dims:
        need = sum(dims.values())
        if need > 0:
            strong = sum(v for code, v in dims.items() if code in expertise.dimensions)
            total += weights["dimension"] * min(1.0, strong / need)
    return total


def affinity(expertise: Expertise, needs: Needs, weights: Mapping[str, object]) -> Affinity:
    """The judge's affinity to the entry with its terms (see the module's docstring)."""
    checked = check_weights(weights)
    parts = terms(expertise, needs)
    out = tuple(
        Term(key=key, weight=checked[key], value=parts[key][0], matched=parts[key][1])
        for key in TERMS
    )
    return Affinity(score=math.fsum(t.contribution for t in out), terms=out)
