"""Voiding a mystery contact (作废): an organizer takes a contact out of its
entry's results with a reason (a wrong number dialled, a shopper who knew the
agent, a recording that shows the card is wrong). Nothing is deleted: the
contact, its cards and recordings stay, the reason is kept on the contact and in
the audit log, and the board counts it as voided. Undoing it (with a reason too)
puts the contact back as it was before: made (done or could not get through)
when a card of it was submitted, else still planned."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import pgettext

from ccaward.core import audit, text
from ccaward.core.stale import RowChanged
from ccaward.mystery.enums import CardStatus, ContactStatus
from ccaward.mystery.models import REASON_MAX, Card, Contact
from ccaward.people.rules import is_organizer, is_superuser


def _require_organizer(season, by) -> None:
    if not (is_superuser(by) or is_organizer(by, season)):
        raise PermissionDenied


def _reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(
            {"reason": pgettext("validation", "Say why the contact is voided.")}, code="required"
        )
    if len(reason) > REASON_MAX:
        raise ValidationError(
            {"reason": pgettext("validation", "At most %(n)s characters.") % {"n": REASON_MAX}}
        )
    text.check(reason, field=pgettext("field", "Reason"))
    return reason


def _names(contact: Contact) -> dict:
    return {
        "center": contact.entry.center.name,
        "number": contact.number,
        "date": f"{contact.planned_on:%Y-%m-%d}" if contact.planned_on else "",
    }


def _locked(contact: Contact) -> Contact:
    return (
        Contact.objects.select_for_update()
        .select_related("entry__center", "season")
        .get(pk=contact.pk)
    )


class ContactChanged(RowChanged):
    """The contact was changed by someone else since `base_version` (its status and
    void reason compared with what was sent)."""

    message = "the mystery contact changed since it was opened"
    fields = ("status", "void_reason")


def _check_version(locked: Contact, base_version: int | None, sent: dict) -> None:
    if base_version is not None and base_version != locked.version:
        raise ContactChanged(row=locked, sent=sent)


def void_contact(*, contact: Contact, reason: str, by, base_version: int | None = None) -> Contact:
    """Void `contact` with `reason` (organizers). Side effects: the contact's status,
    reason, who and when; one audit event `mystery.contact_voided` with the reason
    and the status it had. Its cards and recordings are kept. ValidationError for a
    missing reason or a contact voided already; ContactChanged when `base_version`
    is given and the contact moved on (nothing written)."""
    _require_organizer(contact.season, by)
    reason = _reason(reason)
    with transaction.atomic():
        locked = _locked(contact)
        _check_version(locked, base_version, {"status": ContactStatus.VOID, "void_reason": reason})
        if locked.status == ContactStatus.VOID:
            raise ValidationError(pgettext("validation", "This contact is voided already."))
        before = locked.status
        now = timezone.now()
        locked.status = ContactStatus.VOID
        locked.void_reason = reason
        locked.voided_by = by
        locked.voided_at = now
        locked.version += 1
        locked.updated_at = now
        locked.save()
        audit.record(
            actor=by,
            action="mystery.contact_voided",
            season=locked.season,
            obj=locked,
            summary=f"mystery contact {locked.pk} voided",
            data={**_names(locked), "reason": reason, "status": before},
        )
    return locked


def status_from_cards(contact: Contact) -> str:
    """What a contact is when not voided: as its submitted primary card says (done,
    or could not get through), else planned."""
    card = (
        Card.objects.filter(contact=contact, status=CardStatus.SUBMITTED)
        .order_by("role", "pk")  # the primary shopper's first
        .first()
    )
    if card is None:
        return ContactStatus.PLANNED
    return ContactStatus.UNREACHABLE if card.reached is False else ContactStatus.DONE


def unvoid_contact(
    *, contact: Contact, reason: str, by, base_version: int | None = None
) -> Contact:
    """Undo the voiding of `contact` (organizers), with a reason. Side effects: the
    status its cards give (status_from_cards), the void fields cleared on the row
    (the voiding stays in the audit log); one audit event `mystery.contact_unvoided`
    with the reason and the reason it had been voided for."""
    _require_organizer(contact.season, by)
    reason = _reason(reason)
    with transaction.atomic():
        locked = _locked(contact)
        _check_version(locked, base_version, {"status": "", "void_reason": ""})
        if locked.status != ContactStatus.VOID:
            raise ValidationError(pgettext("validation", "This contact is not voided."))
        voided_for = locked.void_reason
        locked.status = status_from_cards(locked)
        locked.void_reason = ""
        locked.voided_by = None
        locked.voided_at = None
        locked.version += 1
        locked.updated_at = timezone.now()
        locked.save()
        audit.record(
            actor=by,
            action="mystery.contact_unvoided",
            season=locked.season,
            obj=locked,
            summary=f"mystery contact {locked.pk} restored",
            data={**_names(locked), "reason": reason, "voided_for": voided_for},
        )
    return locked
