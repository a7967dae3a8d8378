"""A scorecard's answers as the shopper gives them: each item's name in the
reader's language, why a value is no answer to an item (a message naming it),
and the canonical form an answer is stored in ("yes"/"no", a level, a plain
number, "k/n" with n the scenario's number of answer points, "na")."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import get_language, pgettext

from ccaward.core import drafts
from ccaward.engine.mystery import score
from ccaward.engine.mystery.scorecard import Item, Scorecard


def _chinese(language: str | None = None) -> bool:
    return (language or get_language() or "zh-hans").startswith("zh")


def item_name(item: Item, language: str | None = None) -> str:
    return item.name_zh if _chinese(language) else item.name_en


def unit_label(unit: str) -> str:
    return {
        "seconds": pgettext("mystery unit", "seconds"),
        "steps": pgettext("mystery unit", "steps"),
        "rings": pgettext("mystery unit", "rings"),
        "count": pgettext("mystery unit", "times"),
    }.get(unit, unit)


def value_problem(item: Item, value) -> str:
    """Why `value` is no answer to `item` (a message naming it), or ""."""
    try:
        score.item_points(item, value)
        return ""
    except (ValueError, ArithmeticError):
        pass
    args = {"item": f"“{item_name(item)}”", "value": value}
    if isinstance(value, str) and value.strip().lower() == score.NA:
        return pgettext("mystery", "%(item)s: this item cannot be left as not applicable.") % args
    if item.type == "measure":
        return pgettext(
            "mystery", "%(item)s: %(value)s is not a number from %(low)s to %(high)s %(unit)s."
        ) % {**args, "low": item.low, "high": item.high, "unit": unit_label(item.unit)}
    if item.type == "scale":
        return pgettext("mystery", "%(item)s: choose a level from 1 to 5.") % args
    if item.type == "yesno":
        return pgettext("mystery", "%(item)s: answer yes or no.") % args
    return (
        pgettext(
            "mystery", "%(item)s: give the answer points the answer contained as k/n (0 ≤ k ≤ n)."
        )
        % args
    )


def canonical(item: Item, value) -> str:
    """A valid answer as it is stored: "yes"/"no", a level "1".."5", a plain
    decimal number, "k/n" or "na"."""
    text = str(value).strip()
    if text.lower() == score.NA:
        return score.NA
    if item.type == "yesno":
        return "yes" if score.item_points(item, text) else "no"
    if item.type == "share":
        k, n = (int(Decimal(p.strip())) for p in text.split("/", 1))
        return f"{k}/{n}"
    number = Decimal(text)
    out = format(number.normalize(), "f")
    return out


def checked(card: Scorecard, changes: dict, points: int = 0) -> dict:
    """The changes, each stored as its canonical answer, if every field is an item
    of the card and every value a valid answer to it (a share's n is the
    scenario's number of answer points, `points`, when it names some);
    ValidationError naming each item otherwise."""
    errors, out = {}, {}
    for code, value in changes.items():
        found = card.item(code)
        if found is None:
            errors[code] = pgettext("mystery", "“%(code)s” is not an item of this card.") % {
                "code": code
            }
        elif drafts.normalize(value) is None:
            out[code] = value
        elif problem := value_problem(found[1], value):
            errors[code] = problem
        else:
            out[code] = canonical(found[1], value)
            if (
                found[1].type == "share"
                and points
                and out[code] != score.NA
                and int(out[code].split("/")[1]) != points
            ):
                errors[code] = pgettext(
                    "mystery", "%(item)s: count the answer points out of the scenario's %(n)s."
                ) % {"item": f"“{item_name(found[1])}”", "n": points}
    if errors:
        raise ValidationError(errors)
    return out
