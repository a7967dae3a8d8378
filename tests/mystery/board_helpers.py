"""Rows the board's tests make directly (the setup and shopper parts' operations
make them in production): contacts and submitted cards, and two answer sheets on
the default card whose scores are worked out by hand in test_scores.py."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from ccaward.engine.mystery import default_scorecard, score_contact
from ccaward.mystery.enums import CardStatus, Channel, ContactStatus, ScorerRole, Slot
from ccaward.mystery.models import Card, Contact
from ccaward.mystery.scores import engine_contact

# every item at its best (hold and 7x24 not applicable): 100 points
BEST = {
    "seconds_to_person": 15,
    "ivr_steps": 2,
    "rings": 3,
    "promise_7x24": "na",
    "greeting": 5,
    "identification": "yes",
    "listening": 5,
    "empathy": 5,
    "accuracy": "4/4",
    "professionalism": 5,
    "hold_etiquette": "na",
    "no_transfer_pingpong": "yes",
    "summary": "yes",
    "further_help": "yes",
    "courteous_end": 5,
}
# reaching 4+3+2+4 = 13; opening 3.5+0; handling 6+4+12+6+0+5 = 33; closing 0+5+2.5: 57
MIXED = {
    "seconds_to_person": 45,
    "ivr_steps": 3,
    "rings": 4,
    "promise_7x24": "yes",
    "greeting": 3,
    "identification": "no",
    "listening": 4,
    "empathy": 3,
    "accuracy": "3/4",
    "professionalism": 4,
    "hold_etiquette": "no",
    "no_transfer_pingpong": "yes",
    "summary": "no",
    "further_help": "yes",
    "courteous_end": 3,
}


_numbers: dict[int, int] = {}


def contact(entry, shopper, scorecard, *, planned_on=None, slot=Slot.WEEKDAY_PEAK, **values):
    number = _numbers[entry.pk] = _numbers.get(entry.pk, 0) + 1
    return Contact.objects.create(
        season=entry.season,
        entry=entry,
        number=number,
        slot=slot,
        channel=values.pop("channel", Channel.VOICE),
        planned_on=planned_on or timezone.localdate() + dt.timedelta(days=3),
        shopper=shopper,
        scorecard=scorecard,
        target="400-800-0000",
        **values,
    )


def submit(
    made: Contact,
    shopper,
    answers: dict | None,
    *,
    reached=True,
    attempts=(),
    role=ScorerRole.PRIMARY,
    out_of_slot=False,
    when=None,
) -> Card:
    """A submitted card with the engine's total (as the shopper part stores it)."""
    when = when or timezone.now()
    card = Card(
        contact=made,
        shopper=shopper,
        role=role,
        status=CardStatus.SUBMITTED,
        answers=dict(answers or {}),
        reached=reached,
        attempts=list(attempts),
        made_at=when,
        out_of_slot=out_of_slot,
        scenario=made.scenario,
        scorecard=made.scorecard,
        submitted_at=when,
    )
    score = score_contact(default_scorecard(), engine_contact(card, made))
    card.total = score.total
    card.groups = {k: str(v) for k, v in score.groups.items()}
    card.save()
    if role == ScorerRole.PRIMARY:
        made.status = ContactStatus.DONE if reached else ContactStatus.UNREACHABLE
        made.save(update_fields=["status"])
    return card


def dec(value) -> Decimal:
    return Decimal(value)
