"""What a mystery shopper sees: their own contacts (the ones they make, and the
ones they score a second time from the recording), voided ones shown as voided,
and one of them by its id (any other contact is not revealed: Http404).

A shopper never sees an entry's application or scores: the rows carry the
contact's number or address, channel, slot, day, scenario and the shopper's own
card, and the center's name they need to check whom they reached."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q
from django.http import Http404
from django.utils import timezone

from ccaward.engine.mystery import slots
from ccaward.mystery.domain.shoppers import shopper_of
from ccaward.mystery.enums import CardStatus, ContactStatus, ScorerRole
from ccaward.mystery.models import Card, Contact, Recording, ShopperProfile

TODAY, UPCOMING, OVERDUE, DONE = "today", "upcoming", "overdue", "done"
BUCKETS = (TODAY, OVERDUE, UPCOMING, DONE)


def profile_of(user, season) -> ShopperProfile | None:
    """The active shopper profile of `user` in `season` (shoppers.shopper_of: by
    account, else by e-mail); None for a shopper the organizers set inactive."""
    found = shopper_of(user, season)
    return found if found is not None and found.active else None


def my_contacts(user, season):
    """The contacts of `season` that `user` makes or scores a second time (by day,
    entry and number), with their scenario and the entry's center."""
    profile = profile_of(user, season)
    if profile is None:
        return Contact.objects.none()
    return (
        Contact.objects.filter(season=season)
        .filter(Q(shopper=profile) | Q(cards__shopper=profile))
        .select_related("entry__center", "scenario", "scorecard")
        .distinct()
    )


def contact_for(user, season, pk) -> Contact:
    """Contact `pk` of `user`'s own, else Http404 (one that is not theirs is not
    revealed)."""
    found = my_contacts(user, season).filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def card_of(contact: Contact, user) -> Card | None:
    """`user`'s card of `contact` (None before their first save)."""
    profile = profile_of(user, contact.season)
    if profile is None:
        return None
    return Card.objects.filter(contact=contact, shopper=profile).first()


def bucket(contact: Contact, card: Card | None, today: dt.date) -> str:
    """Where a contact stands for its shopper: done (their card submitted, the
    contact made or voided), today, overdue (its day passed) or upcoming."""
    if contact.status == ContactStatus.VOID:
        return DONE
    if card is not None and card.status == CardStatus.SUBMITTED:
        return DONE
    if card is None and contact.status != ContactStatus.PLANNED:
        return DONE
    if contact.planned_on == today:
        return TODAY
    now = dt.datetime.combine(today, timezone.localtime().time())
    if contact.planned_on is not None and slots.is_overdue(contact.slot, contact.planned_on, now):
        return OVERDUE
    if contact.planned_on is not None and contact.planned_on < today:
        return TODAY  # a night begun the day before, still running
    return UPCOMING


def lines(user, season, today: dt.date) -> dict[str, list[tuple[Contact, Card | None]]]:
    """The shopper's contacts in BUCKETS, each with their card."""
    contacts = list(my_contacts(user, season))
    profile = profile_of(user, season)
    cards = {
        c.contact_id: c
        for c in Card.objects.filter(shopper=profile, contact__in=[c.pk for c in contacts])
    }
    out: dict[str, list] = {b: [] for b in BUCKETS}
    for contact in contacts:
        card = cards.get(contact.pk)
        out[bucket(contact, card, today)].append((contact, card))
    return out


def recordings_for(contact: Contact, card: Card | None):
    """The recordings a shopper hears for `contact`: their own card's, and for a
    second scorer also those of the card of the shopper who made the contact
    (never that card's answers)."""
    if card is None:
        return Recording.objects.none()
    mine = Q(card=card)
    if card.role == ScorerRole.SECOND:
        mine |= Q(card__contact=contact, card__role=ScorerRole.PRIMARY)
    return Recording.objects.filter(mine).order_by("uploaded_at", "id")


def recording_for(contact: Contact, card: Card | None, uuid) -> Recording:
    found = recordings_for(contact, card).filter(uuid=uuid).first()
    if found is None:
        raise Http404
    return found
