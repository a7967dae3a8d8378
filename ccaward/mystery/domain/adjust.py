"""Organizers' adjustments of single planned contacts: another shopper (never one
kept from the entry: the reason is given), another day or slot, a second scorer
(a second shopper's draft card of the same contact, for agreement). Each change
carries the contact's version it was made from (ContactChanged with both when it
moved on), marks the contact adjusted and writes one audit event."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import pgettext

from ccaward.core import audit
from ccaward.core.stale import RowChanged
from ccaward.engine.mystery.slots import days_for
from ccaward.mystery.domain.plansettings import holidays_of
from ccaward.mystery.domain.scenarios import require_organizer
from ccaward.mystery.domain.shoppers import blocked_pairs
from ccaward.mystery.enums import CardStatus, ContactStatus, ScorerRole, Slot
from ccaward.mystery.models import Card, Contact

FIELDS = ("shopper", "planned_on", "slot", "second")


class ContactChanged(RowChanged):
    message = "the contact changed since it was opened"
    fields = FIELDS


def snapshot(contact: Contact) -> dict:
    seconds = contact.cards.filter(role=ScorerRole.SECOND).select_related("shopper")
    return {
        "shopper": contact.shopper.name if contact.shopper_id else "",
        "planned_on": contact.planned_on.isoformat() if contact.planned_on else "",
        "slot": contact.slot,
        "second": ", ".join(c.shopper.name for c in seconds),
    }


def _locked(contact: Contact, base_version, sent: dict) -> Contact:
    # locked alone: FOR UPDATE cannot reach the nullable side of a join (the shopper)
    row = Contact.objects.select_for_update().get(pk=contact.pk)
    if base_version is not None and base_version != row.version:
        stored = snapshot(row)
        raise ContactChanged(row=row, stored=stored, sent={**stored, **sent})
    return row


def check_shopper(contact: Contact, shopper) -> None:
    field = pgettext("field", "Shopper")
    if shopper.season_id != contact.season_id or not shopper.active:
        raise ValidationError(
            {
                "shopper": pgettext(
                    "validation", "%(field)s: not an active shopper of this season."
                )
                % {"field": field}
            }
        )
    why = blocked_pairs(contact.season).get((shopper.pk, contact.entry_id))
    if why:
        raise ValidationError(
            {
                "shopper": pgettext(
                    "validation", "%(field)s: %(name)s may not contact %(center)s (%(reason)s)."
                )
                % {
                    "field": field,
                    "name": shopper.name,
                    "center": contact.entry.center.name,
                    "reason": why,
                }
            }
        )


def _planned(row: Contact) -> None:
    if row.status != ContactStatus.PLANNED or row.cards.filter(role=ScorerRole.PRIMARY).exists():
        raise ValidationError(
            {
                "contact": pgettext(
                    "validation",
                    "This contact is being made or was made already: it cannot be moved.",
                )
            }
        )


def _saved(row: Contact, by, action: str, old: dict, summary: str) -> Contact:
    row.adjusted = True
    row.version += 1
    row.updated_at = timezone.now()
    row.save()
    audit.record(
        actor=by,
        action=action,
        season=row.season,
        obj=row,
        summary=summary,
        data={
            "center": row.entry.center.name,
            "number": row.number,
            "old": old,
            "new": snapshot(row),
        },
    )
    return row


def reassign(*, contact: Contact, shopper, base_version: int | None, by) -> Contact:
    """Give a planned contact to another shopper (organizers; not one kept from the
    entry, not once its card is begun). Side effects: the Contact (adjusted, version
    + 1), one audit event `mystery.contact_reassigned`."""
    require_organizer(contact.season, by)
    check_shopper(contact, shopper)
    with transaction.atomic():
        row = _locked(contact, base_version, {"shopper": shopper.name})
        _planned(row)
        if row.cards.filter(shopper=shopper).exists():
            raise ValidationError(
                {
                    "shopper": pgettext("validation", "%(name)s scores this contact already.")
                    % {"name": shopper.name}
                }
            )
        old = snapshot(row)
        row.shopper = shopper
        return _saved(row, by, "mystery.contact_reassigned", old, f"contact {row.pk} reassigned")


def reschedule(*, contact: Contact, planned_on: dt.date, slot: str, base_version: int | None, by):
    """Move a planned contact to another day and slot (organizers; the day must be
    one the slot can fall on: a working day for weekday slots, counting holidays and
    make-up working days). Side effects: the Contact (adjusted, version + 1), one
    audit event `mystery.contact_rescheduled`."""
    require_organizer(contact.season, by)
    if slot not in Slot.values:
        raise ValidationError({"slot": pgettext("validation", "Pick a time slot.")})
    if not isinstance(planned_on, dt.date):
        raise ValidationError({"planned_on": pgettext("validation", "Give a date.")})
    holidays, workdays = holidays_of(contact.season)
    if not days_for(slot, planned_on, planned_on, holidays, workdays):
        raise ValidationError(
            {
                "planned_on": pgettext(
                    "validation",
                    "%(day)s is not a day of the slot %(slot)s (working day or day off).",
                )
                % {"day": planned_on.isoformat(), "slot": Slot(slot).label}
            }
        )
    with transaction.atomic():
        sent = {"planned_on": planned_on.isoformat(), "slot": slot}
        row = _locked(contact, base_version, sent)
        _planned(row)
        old = snapshot(row)
        row.planned_on, row.slot = planned_on, slot
        return _saved(row, by, "mystery.contact_rescheduled", old, f"contact {row.pk} rescheduled")


def add_second_scorer(*, contact: Contact, shopper, by, base_version: int | None = None) -> Card:
    """A second shopper scores the same contact from its recording or transcript
    (organizers; not the shopper who makes it, nor one kept from the entry). Side
    effects: a draft Card (role SECOND, the contact's scenario and scorecard
    versions), the Contact's version + 1, one audit event `mystery.second_scorer_added`."""
    require_organizer(contact.season, by)
    check_shopper(contact, shopper)
    with transaction.atomic():
        row = _locked(contact, base_version, {"second": shopper.name})
        if row.status == ContactStatus.VOID:
            raise ValidationError({"contact": pgettext("validation", "This contact is voided.")})
        if row.shopper_id == shopper.pk or row.cards.filter(shopper=shopper).exists():
            raise ValidationError(
                {
                    "shopper": pgettext("validation", "%(name)s scores this contact already.")
                    % {"name": shopper.name}
                }
            )
        old = snapshot(row)
        card = Card.objects.create(
            contact=row,
            shopper=shopper,
            role=ScorerRole.SECOND,
            status=CardStatus.DRAFT,
            scenario=row.scenario,
            scorecard=row.scorecard,
        )
        _saved(row, by, "mystery.second_scorer_added", old, f"contact {row.pk}: second scorer")
    return card
