"""One mystery contact's score: its answers to the card's items, 0..100 with the
breakdown per group and item.

Computed in exact fractions and given as Decimal rounded half up to 4 places
(`PLACES`); the total is rounded once from the exact sum, so the groups as shown
may differ from it in the last place.

Rules:

- An optional item answered "na" leaves its group; the group's points are earned in
  proportion to its applicable items' points (a group with none applicable earns all
  of them: nothing in it could go wrong).
- Could not get through (`reached` false): the contact counts, with every group at 0
  and the total 0. The customer who cannot reach the center is given no opening, no
  handling and no close, so those groups are not "unknown" but not delivered;
  leaving them out would build an entry's mean only from the calls it answered and
  reward a center for not answering. It is the rule of the answer rate (接通率), in
  which an unanswered call stays in the denominator, and of seed 004's 零等待 (the line
  must be reached before anything else counts). The entry's results also give the
  mean of its reached contacts alone (aggregate.py), so the quality of the service
  when reached stays visible.
- An unanswered attempt counts against reaching the center: a contact reached only
  after one or more unanswered attempts scores the reaching group at 0 (the customer
  had to call again); its other groups are scored as answered.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from fractions import Fraction

from .scorecard import LEVELS, Item, Scorecard, measure_points

PLACES = Decimal("0.0001")
NA = "na"
YES = {"yes", "y", "true", "1", "是", "有"}
NO = {"no", "n", "false", "0", "否", "无"}


class AnswerError(ValueError):
    """Answers that cannot be scored; `problems` are "contact/item: message" lines."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


@dataclass(frozen=True)
class Contact:
    """A shopper's scoring of one contact with an entry. `answers`: item code ->
    yes/no (bool or text), a level 1-5, a measured number, a share "k/n" or (k, n),
    or "na" for an optional item. `attempts`: the times of unanswered attempts.
    `void`: the organizer's reason for voiding it (voided contacts are kept, never
    scored into an entry)."""

    id: str
    entry: str
    shopper: str
    answers: Mapping[str, object] = field(default_factory=dict)
    reached: bool = True
    attempts: tuple[str, ...] = ()
    void: str = ""


@dataclass(frozen=True)
class ContactScore:
    contact: Contact
    total: Decimal
    groups: dict[str, Decimal]  # group code -> points earned
    items: dict[str, Decimal | None]  # item code -> points earned (None: not applicable)
    exact: Fraction = Fraction(0)  # the total before rounding
    exact_groups: dict[str, Fraction] = field(default_factory=dict)


def decimal(value: Fraction) -> Decimal:
    """A fraction as Decimal rounded half up to PLACES."""
    return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(
        PLACES, rounding=ROUND_HALF_UP
    )


def _number(value) -> Decimal:
    """A number given as int, Decimal, float or text ("12.5", "1e3") as Decimal;
    ValueError when it is not a finite number."""
    if isinstance(value, bool):
        raise ValueError(f"{value!r} is not a number")
    if isinstance(value, Fraction):
        return Decimal(value.numerator) / Decimal(value.denominator)
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation:
        raise ValueError(f"{value!r} is not a number") from None
    if not number.is_finite():
        raise ValueError(f"{value!r} is not a finite number")
    return number


def _fraction(value) -> Fraction:
    if isinstance(value, Fraction | int) and not isinstance(value, bool):
        return Fraction(value)
    return Fraction(_number(value))


def _yesno(value) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in YES:
        return True
    if text in NO:
        return False
    raise ValueError(f"{value!r} is not yes or no")


def _share(value) -> Fraction:
    """k of n answer points as a fraction 0..1, from (k, n) or "k/n"."""
    if isinstance(value, str) and "/" in value:
        value = tuple(value.split("/", 1))
    if not isinstance(value, tuple | list) or len(value) != 2:
        raise ValueError(f"{value!r} is not k/n (answer points contained / the scenario's)")
    k, n = (_fraction(v) for v in value)
    if k.denominator != 1 or n.denominator != 1 or n < 1 or not 0 <= k <= n:
        raise ValueError(f"{value!r}: k/n needs whole numbers with 0 <= k <= n and n >= 1")
    return k / n


def item_points(item: Item, value) -> Fraction | None:
    """The points an answer earns (None: not applicable); ValueError naming what is
    wrong with it."""
    if isinstance(value, str) and value.strip().lower() == NA:
        if not item.optional:
            raise ValueError("not applicable is not allowed for this item")
        return None
    points = Fraction(item.points)
    if item.type == "yesno":
        return points if _yesno(value) else Fraction(0)
    if item.type == "scale":
        level = _fraction(value)
        if level not in LEVELS:
            raise ValueError(f"{value!r} is not a level 1-5")
        return points * (level - 1) / 4
    if item.type == "measure":
        return Fraction(measure_points(item, _number(value)))
    return points * _share(value)


def score_contact(card: Scorecard, contact: Contact) -> ContactScore:
    """The contact's total and breakdown under the card's rules (module docstring);
    AnswerError naming each missing, unknown or wrong answer."""
    problems = [
        f"{contact.id}/{code}: no such item on the card"
        for code in contact.answers
        if card.item(code) is None
    ]
    items: dict[str, Fraction | None] = {}
    groups: dict[str, Fraction] = {}
    for group in card.groups:
        earned, applicable = Fraction(0), Fraction(0)
        for item in group.items:
            if not contact.reached:
                items[item.code] = Fraction(0)
                continue
            value = contact.answers.get(item.code)
            if value is None or (isinstance(value, str) and not value.strip()):
                problems.append(f"{contact.id}/{group.code}/{item.code}: no answer")
                continue
            try:
                points = item_points(item, value)
            except ValueError as exc:
                problems.append(f"{contact.id}/{group.code}/{item.code}: {exc}")
                continue
            items[item.code] = points
            if points is not None:
                earned += points
                applicable += Fraction(item.points)
        if not contact.reached or (group.code == card.reaching and contact.attempts):
            groups[group.code] = Fraction(0)
        elif applicable:
            groups[group.code] = earned * Fraction(group.points) / applicable
        else:
            groups[group.code] = Fraction(group.points)
    if problems:
        raise AnswerError(problems)
    total = sum(groups.values(), Fraction(0))
    return ContactScore(
        contact=contact,
        total=decimal(total),
        groups={code: decimal(v) for code, v in groups.items()},
        items={code: None if v is None else decimal(v) for code, v in items.items()},
        exact=total,
        exact_groups=groups,
    )
