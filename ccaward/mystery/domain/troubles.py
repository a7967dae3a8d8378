"""Planned contacts their shopper can no longer make: the shopper left the plan
(no longer active) or the pair became blocked after planning (an edited profile,
an exclusion; shoppers.blocked_pairs). The pages name them; those not begun are
given to the allowed active shopper with the lowest load; a begun draft (nothing
submitted) moves with a reason: the contact is voided with that reason (its draft
kept, as every voided contact's) and a new contact of the same entry, day, slot,
channel and versions is planned for the other shopper."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import pgettext

from ccaward.core import audit
from ccaward.mystery.domain.adjust import check_shopper, reassign
from ccaward.mystery.domain.planning import loads
from ccaward.mystery.domain.scenarios import require_organizer
from ccaward.mystery.domain.shoppers import blocked_pairs, roster
from ccaward.mystery.domain.voiding import void_contact
from ccaward.mystery.enums import CardStatus, ContactStatus, ScorerRole
from ccaward.mystery.models import Contact


def troubled(season, *, shopper=None) -> list[Contact]:
    """The planned contacts (nothing submitted) whose shopper is inactive or whose
    pair is blocked, each with `trouble` (why, in words) and `begun` (a draft
    exists), by entry and number."""
    rows = (
        Contact.objects.filter(season=season, status=ContactStatus.PLANNED, shopper__isnull=False)
        .exclude(cards__status=CardStatus.SUBMITTED)
        .select_related("entry__center", "shopper")
        .order_by("entry__center__name", "number")
    )
    if shopper is not None:
        rows = rows.filter(shopper=shopper)
    rows = list(rows.distinct())
    if not rows:
        return []
    blocked = blocked_pairs(season)
    begun = set(
        Contact.objects.filter(
            pk__in=[c.pk for c in rows], cards__role=ScorerRole.PRIMARY
        ).values_list("pk", flat=True)
    )
    out = []
    for c in rows:
        if not c.shopper.active:
            c.trouble = pgettext("mystery", "%(name)s is no longer active") % {
                "name": c.shopper.name
            }
        elif (c.shopper_id, c.entry_id) in blocked:
            c.trouble = blocked[(c.shopper_id, c.entry_id)]
        else:
            continue
        c.begun = c.pk in begun
        out.append(c)
    return out


def _best(contact, shoppers, blocked, load):
    """The allowed active shopper with the lowest load and room left, or None."""
    fits = [
        s
        for s in shoppers
        if s.active
        and s.pk != contact.shopper_id
        and (s.pk, contact.entry_id) not in blocked
        and (s.max_load is None or load.get(s.pk, 0) < s.max_load)
    ]
    return min(fits, key=lambda s: (load.get(s.pk, 0), s.name, s.pk), default=None)


def reassign_troubled(*, season, by, shopper=None) -> tuple[list[Contact], list[Contact]]:
    """Give each troubled contact not yet begun (of `shopper`, or all) to the allowed
    active shopper with the lowest load (planning.loads, counted on as they move),
    through adjust.reassign. Returns (moved, left): left are the begun ones and those
    no shopper may take. Side effects: the moved Contacts (adjusted, version + 1),
    one audit event `mystery.contact_reassigned` each."""
    require_organizer(season, by)
    shoppers, blocked, load = roster(season), blocked_pairs(season), loads(season)
    moved, left = [], []
    for contact in troubled(season, shopper=shopper):
        taken = set(contact.cards.values_list("shopper_id", flat=True))
        best = None if contact.begun else _best(contact, shoppers, blocked, load)
        if best is None or best.pk in taken:
            left.append(contact)
            continue
        load[contact.shopper_id] = load.get(contact.shopper_id, 0) - 1
        moved.append(reassign(contact=contact, shopper=best, base_version=None, by=by))
        load[best.pk] = load.get(best.pk, 0) + 1
    return moved, left


def move_begun(*, contact: Contact, shopper, reason: str, by) -> Contact:
    """Move a begun contact (a draft, nothing submitted) of an inactive or blocked
    shopper to another shopper (organizers, with a reason). The contact is voided
    with the reason (voiding.void_contact: its draft kept for the record) and a new
    contact made: the same entry, day, slot, channel, target, scenario and scorecard
    versions, the next free number, the other shopper. Returns the new contact. Side
    effects: the old Contact voided (audit `mystery.contact_voided`), one new Contact
    (adjusted), one audit event `mystery.contact_moved_begun`."""
    require_organizer(contact.season, by)
    check_shopper(contact, shopper)
    if not any(c.pk == contact.pk and c.begun for c in troubled(contact.season)):
        raise ValidationError(
            {
                "contact": pgettext(
                    "validation",
                    "Only a begun contact (nothing submitted) whose shopper is no longer "
                    "active or may not contact the entry moves this way.",
                )
            }
        )
    with transaction.atomic():
        old = void_contact(contact=contact, reason=reason, by=by)
        top = Contact.objects.filter(entry=old.entry).aggregate(n=Max("number"))["n"] or 0
        fields = ("season", "entry", "slot", "channel", "planned_on", "scenario", "scorecard")
        row = Contact.objects.create(
            **{f: getattr(old, f) for f in fields},
            target=old.target,
            number=top + 1,
            shopper=shopper,
            adjusted=True,
        )
        audit.record(
            actor=by,
            action="mystery.contact_moved_begun",
            season=row.season,
            obj=row,
            summary=f"begun contact {old.pk} moved to contact {row.pk}",
            data={
                "center": row.entry.center.name,
                "number": row.number,
                "old_number": old.number,
                "from": old.shopper.name,
                "to": shopper.name,
                "reason": old.void_reason,
            },
        )
    return row
