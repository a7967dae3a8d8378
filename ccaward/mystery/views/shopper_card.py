"""The scorecard as the shopper's page shows it: each group's items with the
shopper's answer, the input each type takes (yes/no, a level 1-5 with its
anchored text, a measured number with its unit and range, the share of the
scenario's answer points), and the messages of a refused save or submission."""

from __future__ import annotations

import json

from django.utils.translation import get_language, pgettext

from ccaward.core import drafts
from ccaward.engine.mystery.scorecard import Scorecard
from ccaward.mystery.domain.card_answers import item_name, unit_label
from ccaward.mystery.domain.cards import engine_card

DEFAULT_POINTS = 4  # the share's n when the scenario names no answer points


def _chinese() -> bool:
    return (get_language() or "zh-hans").startswith("zh")


def group_name(group) -> str:
    return group.name_zh if _chinese() else group.name_en


def share_options(n: int) -> list[tuple[str, str]]:
    return [
        (f"{k}/{n}", pgettext("mystery", "%(k)s of %(n)s") % {"k": k, "n": n}) for k in range(n + 1)
    ]


def yesno_options(optional: bool) -> list[tuple[str, str]]:
    out = [("yes", pgettext("mystery", "Yes")), ("no", pgettext("mystery", "No"))]
    if optional:
        out.append(("na", pgettext("mystery", "Not applicable")))
    return out


def _item(item, value, errors, n_points: int) -> dict:
    out = {
        "code": item.code,
        "id": f"item-{item.code}",
        "type": item.type,
        "name": item_name(item),
        "points": item.points,
        "optional": item.optional,
        "value": "" if value is None else str(value),
        "errors": errors.get(item.code, []),
    }
    if item.type == "yesno":
        out["options"] = yesno_options(item.optional)
    elif item.type == "scale":
        levels = [
            (str(level), text[0] if _chinese() else text[1])
            for level, text in sorted(item.anchors.items())
        ]
        if item.optional:
            levels.append(("na", pgettext("mystery", "Not applicable")))
        out["options"] = levels
    elif item.type == "measure":
        out.update(unit=unit_label(item.unit), low=item.low, high=item.high)
    else:
        out["options"] = share_options(n_points)
        if item.optional:
            out["options"].append(("na", pgettext("mystery", "Not applicable")))
    return out


def groups(definition: Scorecard, answers: dict, errors: dict, n_points: int) -> list[dict]:
    return [
        {
            "code": g.code,
            "name": group_name(g),
            "points": g.points,
            "items": [_item(i, answers.get(i.code), errors, n_points) for i in g.items],
        }
        for g in definition.groups
    ]


def form_context(contact, card, *, values=None, errors=None, base=None) -> dict:
    """What the card's form needs: its groups, version and bases (JSON)."""
    row = (card.scorecard if card else None) or contact.scorecard
    if row is None:
        return {"groups": [], "card_version": 0, "base_json": "{}"}
    definition = engine_card(row)
    stored = dict(card.answers) if card else {}
    scenario = card.scenario if card and card.scenario else contact.scenario
    points = list(scenario.answer_points) if scenario else []
    shown = {**stored, **(values or {})}
    return {
        "definition": definition,
        "groups": groups(definition, shown, errors or {}, len(points) or DEFAULT_POINTS),
        "card_version": card.answers_version if card else 0,
        "base_json": json.dumps(stored if base is None else base, ensure_ascii=False),
        "share_code": next((i.code for _g, i in definition.items() if i.type == "share"), ""),
        "timer_code": next(
            (i.code for _g, i in definition.items() if i.code == "seconds_to_person"), ""
        ),
    }


def field_keys(contact, card) -> set[str]:
    row = (card.scorecard if card else None) or contact.scorecard
    return {i.code for _g, i in engine_card(row).items()} if row else set()


def shown(value) -> str:
    return drafts.normalize(value) or pgettext("form", "(empty)")
