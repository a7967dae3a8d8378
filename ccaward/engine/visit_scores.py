"""Site-visit scores (入户评审) as framework evidence, without Django.

A judge scores a checklist item on the season's scale; the score feeds the
framework criterion the item names. Per visit and item, each judge's latest
record counts (by the device's edit time) and the judges' scores are averaged;
a criterion's visit score is the mean of its items' scores over every item and
visit that has one, mapped onto 0..100 from the scale: (score − low) / (high −
low) × 100. Decimal throughout, rounded to 0.01 at the end."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from ccaward.engine import review_scale

# scale -> (lowest, highest, step): the judges' scales (engine/review_scale.py)
SCALES: dict[str, tuple[Decimal, Decimal, Decimal]] = {
    key: (scale.low, scale.high, scale.step) for key, scale in review_scale.SCALES.items()
}
HUNDRED = Decimal(100)


def score_problem(score, scale: str) -> str:
    """ "" when `score` is on `scale`, else what is wrong: "number", "range", "step"."""
    try:
        value = Decimal(str(score))
    except (InvalidOperation, ValueError):
        return "number"
    if not value.is_finite():
        return "number"
    low, high, step = SCALES.get(scale, SCALES["0-10"])
    if value < low or value > high:
        return "range"
    if (value - low) % step:
        return "step"
    return ""


def normalized(score: Decimal, scale: str) -> Decimal:
    """`score` on `scale` as 0..100."""
    low, high, _step = SCALES.get(scale, SCALES["0-10"])
    return (Decimal(score) - low) / (high - low) * HUNDRED


@dataclass(frozen=True)
class ItemScore:
    """One judge's record of one item of one visit."""

    visit: object
    item: str
    criterion: str | None
    judge: object
    edited_at: object
    score: Decimal | None
    scale: str


@dataclass(frozen=True)
class CriterionScore:
    score: Decimal  # 0..100
    items: int  # item scores averaged (an item of a visit counts once)
    visits: int  # visits with at least one scored item for the criterion


def criterion_scores(records: Iterable[ItemScore]) -> dict[str, CriterionScore]:
    """{criterion: CriterionScore} from the records of one entry's visits."""
    latest: dict[tuple, ItemScore] = {}
    for r in records:
        if r.score is None or not r.criterion:
            continue
        key = (r.visit, r.item, r.judge)
        if key not in latest or r.edited_at >= latest[key].edited_at:
            latest[key] = r
    by_item: dict[tuple, list[Decimal]] = defaultdict(list)
    criterion_of: dict[tuple, str] = {}
    for (visit, item, _judge), r in latest.items():
        by_item[(visit, item)].append(normalized(r.score, r.scale))
        criterion_of[(visit, item)] = r.criterion
    by_criterion: dict[str, list[Decimal]] = defaultdict(list)
    visits: dict[str, set] = defaultdict(set)
    for key, scores in by_item.items():
        crit = criterion_of[key]
        by_criterion[crit].append(sum(scores) / len(scores))
        visits[crit].add(key[0])
    cent = Decimal("0.01")
    return {
        crit: CriterionScore(
            score=(sum(values) / len(values)).quantize(cent, rounding=ROUND_HALF_UP),
            items=len(values),
            visits=len(visits[crit]),
        )
        for crit, values in sorted(by_criterion.items())
    }
