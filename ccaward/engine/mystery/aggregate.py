"""An entry's mystery results from its contacts' scores.

- Voided contacts are left out (they stay in the records, with their reason).
- A contact scored by more than one shopper counts once, at the mean of its scorings.
- `mean`: the mean total of its contacts (unreachable ones at 0, score.py), with the
  mean of each group (the groups' means add up to the mean, up to rounding);
  `reached_mean`: the mean of the contacts that got through.
- Spread: the standard deviation of the contacts' totals (population: the spread of
  these contacts, not an estimate of another sample's) and the range (max - min).
- Consistency (for the framework's 一致性): 100 x (1 - SD / 50), 100 when every contact
  scores the same and 0 at the widest spread totals on 0..100 can have (half at 0,
  half at 100: SD 50). Linear, so an SD of 10 points costs 20. Undefined (None, so
  the framework gives its weight to the other evidence) with fewer than
  `MIN_FOR_CONSISTENCY` valid contacts (one contact has no spread to measure) or
  when no contact got through (a center nobody reaches serves no one consistently:
  its mean, 0, already says so).
- Groups: the mean of each group over the contacts whose card has it (a season's
  card may change between versions; `group_contacts` says how many had it). With one
  card version the groups' means add up to the mean.
- Agreement where two (or more) shoppers scored one contact: Krippendorff's alpha
  (interval) over the items both scored (units are (contact, item), the values the
  points each shopper's answer earned; scoring/alpha.py), and the mean absolute
  difference of those points and of the contacts' totals.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from itertools import combinations

from ccaward.engine.scoring.alpha import interval_alpha

from .score import ContactScore, decimal

FULL_SPREAD = Decimal(50)  # the largest SD of totals on 0..100
MIN_FOR_CONSISTENCY = 2


@dataclass(frozen=True)
class Agreement:
    pairs: int  # (contact, shopper pair) compared
    items: int  # double-scored item values compared
    alpha: float | None  # None: undefined (no variation, or fewer than 2 pairable values)
    item_mad: Decimal | None  # mean |difference| of an item's points
    total_mad: Decimal | None  # mean |difference| of the contacts' totals


@dataclass(frozen=True)
class EntryResult:
    entry: str
    contacts: int  # valid contacts (a double-scored one counts once)
    unreachable: int
    voided: int
    mean: Decimal | None
    groups: dict[str, Decimal]  # group code -> mean points
    reached_mean: Decimal | None
    sd: Decimal | None
    range: Decimal | None
    consistency: Decimal | None
    agreement: Agreement
    group_contacts: dict[str, int] = field(default_factory=dict)  # group -> contacts with it


def _mean(values: list[Fraction]) -> Fraction:
    return sum(values, Fraction(0)) / len(values)


def spread(totals: list[Fraction]) -> tuple[Decimal, Decimal, Decimal]:
    """(SD, range, consistency) of contacts' totals (at least one)."""
    mean = _mean(totals)
    variance = _mean([(t - mean) ** 2 for t in totals])
    sd = (Decimal(variance.numerator) / Decimal(variance.denominator)).sqrt()
    consistency = max(Decimal(0), 100 * (1 - sd / FULL_SPREAD))
    return decimal(Fraction(sd)), decimal(max(totals) - min(totals)), decimal(Fraction(consistency))


def agreement(scores: Iterable[ContactScore]) -> Agreement:
    """Agreement between shoppers who scored the same contacts (non-voided)."""
    by_contact: dict[str, list[ContactScore]] = {}
    for s in scores:
        if not s.contact.void:
            by_contact.setdefault(s.contact.id, []).append(s)
    units, values, item_diffs, total_diffs = [], [], [], []
    pairs = 0
    for contact, scorings in sorted(by_contact.items()):
        if len(scorings) < 2:
            continue
        for a, b in combinations(scorings, 2):
            pairs += 1
            total_diffs.append(abs(a.total - b.total))
            for code, pa in a.items.items():
                pb = b.items.get(code)
                if pa is not None and pb is not None:
                    item_diffs.append(abs(pa - pb))
        codes = set.intersection(
            *({k for k, v in s.items.items() if v is not None} for s in scorings)
        )
        for code in sorted(codes):
            for s in scorings:
                units.append(f"{contact}\x00{code}")
                values.append(float(s.items[code]))

    def mad(diffs: list[Decimal]) -> Decimal | None:
        return decimal(Fraction(sum(diffs, Decimal(0))) / len(diffs)) if diffs else None

    return Agreement(
        pairs=pairs,
        items=len(item_diffs),
        alpha=interval_alpha(units, values) if units else None,
        item_mad=mad(item_diffs),
        total_mad=mad(total_diffs),
    )


def entry_result(entry: str, scores: Iterable[ContactScore]) -> EntryResult:
    """The entry's results from the scores of its contacts (module docstring)."""
    scores = [s for s in scores if s.contact.entry == entry]
    valid = [s for s in scores if not s.contact.void]
    voided = len({s.contact.id for s in scores if s.contact.void})
    by_contact: dict[str, list[ContactScore]] = {}
    for s in valid:
        by_contact.setdefault(s.contact.id, []).append(s)
    totals = [_mean([s.exact for s in group]) for group in by_contact.values()]
    reached = [
        _mean([s.exact for s in group])
        for group in by_contact.values()
        if all(s.contact.reached for s in group)
    ]
    groups: dict[str, Decimal] = {}
    group_contacts: dict[str, int] = {}
    codes = dict.fromkeys(code for s in valid for code in s.exact_groups)
    for code in codes:
        per = [
            _mean([s.exact_groups[code] for s in g if code in s.exact_groups])
            for g in by_contact.values()
            if any(code in s.exact_groups for s in g)
        ]
        groups[code] = decimal(_mean(per))
        group_contacts[code] = len(per)
    sd = rng = consistency = None
    if totals:
        sd, rng, consistency = spread(totals)
        if len(totals) < MIN_FOR_CONSISTENCY or not reached:
            consistency = None
    return EntryResult(
        entry=entry,
        contacts=len(totals),
        unreachable=sum(1 for g in by_contact.values() if not all(s.contact.reached for s in g)),
        voided=voided,
        mean=decimal(_mean(totals)) if totals else None,
        groups=groups,
        reached_mean=decimal(_mean(reached)) if reached else None,
        sd=sd,
        range=rng,
        consistency=consistency,
        agreement=agreement(scores),
        group_contacts=group_contacts,
    )


def entry_results(scores: Iterable[ContactScore]) -> list[EntryResult]:
    """Every entry's results, by entry id."""
    scores = list(scores)
    return [entry_result(e, scores) for e in sorted({s.contact.entry for s in scores})]
