"""One contact as organizers see it: each shopper's card with the answer to every
item and the points it earned against the item's, each group's points, the
total, the unanswered attempts, the time to a person, whether it was made
outside its slot, the recordings to download, and the void form."""

from __future__ import annotations

import datetime as dt

from django.shortcuts import render
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import get_language, pgettext

from ccaward.mystery import scores
from ccaward.mystery.board import is_overdue
from ccaward.mystery.enums import ContactStatus
from ccaward.mystery.models import Card


def _name(thing, english: bool) -> str:
    return (thing.name_en or thing.name_zh) if english else thing.name_zh


def answer_text(item, value, *, english: bool) -> str:
    """An answer as a person reads it: yes/no, not applicable, a level with its
    anchor, a measured number with its unit, k of n answer points."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return "—"
    if isinstance(value, str) and value.strip().lower() == "na":
        return pgettext("mystery answer", "Not applicable")
    if item.type == "yesno":
        yes = value is True or str(value).strip().lower() in {"yes", "y", "true", "1", "是", "有"}
        return pgettext("mystery answer", "Yes") if yes else pgettext("mystery answer", "No")
    if item.type == "scale":
        anchor = item.anchors.get(int(value)) if str(value).isdigit() else None
        if anchor is None:
            return pgettext("mystery answer", "Level %(n)s") % {"n": value}
        return pgettext("mystery answer", "Level %(n)s: %(anchor)s") % {
            "n": value,
            "anchor": anchor[1 if english else 0],
        }
    if item.type == "measure":
        units = {
            "seconds": pgettext("mystery unit", "s"),
            "steps": pgettext("mystery unit", "steps"),
            "rings": pgettext("mystery unit", "rings"),
        }
        return f"{value} {units.get(item.unit, '')}".strip()
    if isinstance(value, list | tuple) and len(value) == 2:
        value = f"{value[0]}/{value[1]}"
    return pgettext("mystery answer", "%(share)s of the answer points") % {"share": value}


def attempt_times(card: Card) -> list[dt.datetime | str]:
    out = []
    for at in scores.attempts_of(card):
        parsed = parse_datetime(at)
        out.append(timezone.localtime(parsed) if parsed and parsed.tzinfo else at)
    return out


def card_context(card: Card, english: bool) -> dict:
    scorecard = scores.scorecard_of(card)
    score = scores.score_card(card, scorecard)
    groups = []
    for group in scorecard.groups if scorecard else ():
        items = [
            {
                "name": _name(item, english),
                "answer": answer_text(item, (card.answers or {}).get(item.code), english=english),
                "points": score.items.get(item.code) if score else None,
                "max": item.points,
            }
            for item in group.items
        ]
        groups.append(
            {
                "name": _name(group, english),
                "points": score.groups.get(group.code) if score else None,
                "max": group.points,
                "items": items,
            }
        )
    return {
        "card": card,
        "groups": groups,
        "total": score.total if score else None,
        "reached": scores.reached_of(card, card.contact),
        "attempts": attempt_times(card),
        "recordings": list(card.recordings.all()),
    }


def card_view(request, season, contact, form, *, status: int = 200):
    english = (get_language() or "").startswith("en")
    cards = (
        Card.objects.filter(contact=contact)
        .select_related("shopper", "scorecard", "contact__scorecard")
        .prefetch_related("recordings")
        .order_by("role", "pk")
    )
    return render(
        request,
        "mystery/board/contact.html",
        {
            "season": season,
            "contact": contact,
            "cards": [card_context(c, english) for c in cards],
            "overdue": is_overdue(contact),
            "voided": contact.status == ContactStatus.VOID,
            "form": form,
            "can_manage": request.user.has_perm("mystery.manage", season),
        },
        status=status,
    )
