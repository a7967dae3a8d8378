"""A shopper's card of a contact: begun with the contact's scenario and scorecard
versions fixed, saved as it is typed (core/drafts.py: only the changed answers,
each against the value it was changed from, so an answer changed elsewhere is a
conflict with both values), the unanswered attempts' times, the call's time and
the timer's seconds to a person, then submitted: scored by the engine
(engine.mystery.score), flagged when made outside the contact's slot, and the
contact made (done) or unreachable. A submitted card is read-only.

Every operation is gated by the mystery calls stage (电话暗访); organizers may
correct a card after it closes (the audit event says so). Only the card's
shopper (or an organizer) acts on it: anyone else is refused (PermissionDenied).
Messages name the item in the reader's language."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import formats, timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import pgettext

from ccaward.core import audit, drafts, text
from ccaward.engine.mystery import score, slots
from ccaward.engine.mystery.scorecard import Scorecard
from ccaward.engine.text import first_in
from ccaward.mystery.domain.card_answers import checked, item_name, value_problem
from ccaward.mystery.domain.cards import engine_card
from ccaward.mystery.domain.planning import holidays_of
from ccaward.mystery.domain.queries import profile_of
from ccaward.mystery.domain.shoppers import blocked_pairs
from ccaward.mystery.enums import CardStatus, ContactStatus, ScorerRole
from ccaward.mystery.models import NOTES_MAX, TRANSCRIPT_MAX, Card, Contact
from ccaward.people.rules import is_organizer, is_superuser
from ccaward.seasons import gates
from ccaward.seasons.enums import StageKind

STAGE = StageKind.MYSTERY_CALLS
TIMER_ITEM = "seconds_to_person"
MAX_ATTEMPTS = 20
TIMER_MAX = 24 * 3600
CLOCK_SKEW = dt.timedelta(hours=1)  # a device's clock may run this far ahead
SAME_ATTEMPT = dt.timedelta(seconds=30)  # attempts closer than this are one


# ---- the card's definition and its items' names


def definition_of(card: Card) -> Scorecard:
    """The engine's scorecard a card is scored by (the contact's when the card has
    none fixed)."""
    return engine_card(card.scorecard or card.contact.scorecard)


def points_of(card: Card) -> int:
    """The number of answer points of the card's scenario (0: none named)."""
    scenario = card.scenario or card.contact.scenario
    return len(scenario.answer_points or []) if scenario else 0


# ---- who acts, and the states that refuse


def acting_shopper(card: Card, by) -> str:
    """'' when `by` is the card's shopper, 'organizer' for an organizer of the
    season or a superuser; PermissionDenied for anyone else."""
    season = card.contact.season
    if profile_of(by, season) == card.shopper:
        return ""
    if is_superuser(by) or is_organizer(by, season):
        return "organizer"
    raise PermissionDenied


def _refuse_void(contact: Contact) -> None:
    if contact.status == ContactStatus.VOID:
        raise ValidationError(
            pgettext("mystery", "The organizers voided this contact: nothing more is recorded."),
            code="void",
        )


def refuse_blocked(shopper_id: int, contact: Contact) -> None:
    """ValidationError (code "blocked") when the conflict rules or an exclusion keep
    the shopper from the contact's entry (found after it was planned)."""
    why = blocked_pairs(contact.season).get((shopper_id, contact.entry_id))
    if why:
        raise ValidationError(
            pgettext(
                "mystery",
                "You may not contact this center (%(why)s): ask the organizers to reassign it.",
            )
            % {"why": why},
            code="blocked",
        )


def read_only_error(card: Card) -> ValidationError:
    when = timezone.localtime(card.submitted_at) if card.submitted_at else None
    return ValidationError(
        pgettext(
            "mystery",
            "This card was submitted on %(at)s and is read-only; nothing was changed.",
        )
        % {"at": formats.date_format(when, "Y-m-d H:i") if when else "—"},
        code="read_only",
    )


def _locked(card: Card) -> Card:
    """The card read again under the row lock (its contact with it)."""
    return Card.objects.select_for_update().select_related("contact__season").get(pk=card.pk)


def gate(card: Card, by, now) -> str:
    """The checks every operation on a card makes (its shopper or an organizer, the
    stage open or an organizer's correction, the contact not voided); returns the
    correction's note."""
    acting_shopper(card, by)
    note = gates.require_open(card.contact.season, STAGE, by=by, now=now)
    _refuse_void(card.contact)
    return note


def _names(card: Card) -> dict:
    contact = card.contact
    return {
        "contact": contact.pk,
        "entry": contact.entry_id,
        "center": contact.entry.center.name,
        "number": contact.number,
        "shopper": card.shopper.name or card.shopper.email,
        "role": card.role,
    }


def audit_card(card: Card, by, action: str, summary: str, note: str = "", **data) -> None:
    """One audit event about `card`, naming its contact, center and shopper."""
    audit.record(
        actor=by,
        action=action,
        season=card.contact.season,
        obj=card,
        summary=summary,
        data={**_names(card), **data, **({"note": note} if note else {})},
    )


# ---- the operations


def start_card(*, contact: Contact, by, now=None) -> Card:
    """`by`'s card of `contact` (an organizer: the contact's shopper's), begun as a
    draft with the contact's scenario and scorecard versions fixed when there is
    none yet. PermissionDenied unless `by` makes or second-scores the contact (or
    organizes); StageClosed outside the stage; ValidationError for a voided
    contact or one without a scorecard. Side effects: a Card row and an audit
    event `mystery.card_started` when it is new."""
    season = contact.season
    profile = profile_of(by, season)
    organizer = is_superuser(by) or is_organizer(by, season)
    if profile is not None:
        card = Card.objects.filter(contact=contact, shopper=profile).first()
        if card is not None:
            return card
    if profile is None or contact.shopper_id != profile.pk:
        if not organizer or contact.shopper is None:
            raise PermissionDenied
        profile = contact.shopper
        card = Card.objects.filter(contact=contact, shopper=profile).first()
        if card is not None:
            return card
    note = gates.require_open(season, STAGE, by=by, now=now)
    _refuse_void(contact)
    refuse_blocked(profile.pk, contact)
    if contact.scorecard is None:
        raise ValidationError(
            pgettext("mystery", "This contact has no scorecard yet: ask the organizers."),
            code="no_scorecard",
        )
    with transaction.atomic():
        card, created = Card.objects.get_or_create(
            contact=contact,
            shopper=profile,
            defaults={
                "role": ScorerRole.PRIMARY,
                "scenario": contact.scenario,
                "scorecard": contact.scorecard,
            },
        )
        if created:
            audit_card(card, by, "mystery.card_started", f"card of contact {contact.pk}", note)
    return card


def save_card(
    *, card: Card, changes: dict, bases: dict | None = None, base_version=None, by, now=None
) -> drafts.Saved:
    """Save the changed answers (item code -> value; empty clears) into the draft.

    `base_version` is the card's answers version the save was based on and `bases`
    the values the answers were changed from: an answer changed elsewhere since is
    a drafts.DraftConflict with both values, nothing written. Raises
    PermissionDenied (not the card's shopper), StageClosed, ValidationError naming
    the item (not on the card, a value out of range; code "read_only" once
    submitted, "void" for a voided contact). Side effects: the card's answers,
    versions and updated_at; no audit event for a draft (submission has one) but
    for an organizer's correction while the stage is closed
    (`mystery.card_corrected`)."""
    note = gate(card, by, now)
    if card.status != CardStatus.DRAFT:
        raise read_only_error(card)
    definition = definition_of(card)
    values = checked(definition, dict(changes), points_of(card))

    def label(code: str) -> str:
        found = definition.item(code)
        return item_name(found[1]) if found else code

    try:
        saved = drafts.save_draft(
            model=Card,
            pk=card.pk,
            changes=values,
            base_version=base_version,
            bases={k: v for k, v in (bases or {}).items() if k in values},
            editable=lambda row: row.status == CardStatus.DRAFT,
            also={"updated_at": now or timezone.now()},
            label=label,
        )
    except drafts.DraftReadOnly:
        raise read_only_error(Card.objects.get(pk=card.pk)) from None
    if note and saved.written:
        audit_card(
            card,
            by,
            "mystery.card_corrected",
            f"card of contact {card.contact_id} corrected",
            note,
            answers={k: saved.obj.answers.get(k) for k in saved.written},
        )
    return saved


def _moment(value, field: str, now: dt.datetime, contact: Contact) -> dt.datetime:
    """An aware moment from a datetime or ISO 8601 text, not in the future (beyond
    a device clock's skew) nor before the contact was planned; ValidationError
    naming `field`."""
    moment = value if isinstance(value, dt.datetime) else parse_datetime(str(value or ""))
    if moment is None:
        raise ValidationError(
            {field: pgettext("mystery", "Give the time as a date and time (ISO 8601).")}
        )
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    if moment > now + CLOCK_SKEW:
        raise ValidationError({field: pgettext("mystery", "This time is in the future.")})
    if moment < contact.created_at - CLOCK_SKEW:
        raise ValidationError(
            {field: pgettext("mystery", "This time is before the contact was planned.")}
        )
    return moment


def record_attempt(*, card: Card, at, by, now=None) -> Card:
    """Record an unanswered attempt at `at` (the device's clock; a datetime or ISO
    8601 text). An attempt sent again (the same time) is kept once. An unanswered
    attempt counts against reaching the center (engine.mystery.score). Raises
    PermissionDenied, StageClosed, ValidationError (a time in the future, too many
    attempts, read-only once submitted). Side effects: the card's attempts, an
    audit event `mystery.attempt_recorded` when the attempt is new."""
    now = now or timezone.now()
    note = gate(card, by, now)
    moment = _moment(at, "at", now, card.contact)
    stamp = moment.astimezone(dt.UTC).isoformat()
    with transaction.atomic():
        card = _locked(card)
        if card.status != CardStatus.DRAFT:
            raise read_only_error(card)
        attempts = list(card.attempts or [])
        if any(abs(moment - parse_datetime(a)) < SAME_ATTEMPT for a in attempts):
            return card  # sent again, or a double tap: one attempt
        if len(attempts) >= MAX_ATTEMPTS:
            raise ValidationError(
                {"at": pgettext("mystery", "At most %(n)s attempts.") % {"n": MAX_ATTEMPTS}}
            )
        card.attempts = sorted([*attempts, stamp])
        card.updated_at = now
        card.save(update_fields=["attempts", "updated_at"])
        audit_card(
            card,
            by,
            "mystery.attempt_recorded",
            f"unanswered attempt for contact {card.contact_id}",
            note,
            at=stamp,
            attempts=len(card.attempts),
        )
    return card


def withdraw_attempt(*, card: Card, at, by, now=None) -> Card:
    """Remove the unanswered attempt recorded at `at` (a mistaken tap) while the
    card is a draft. Raises PermissionDenied, StageClosed, ValidationError (no such
    attempt, read-only once submitted). Side effects: the card's attempts, an audit
    event `mystery.attempt_withdrawn` with the attempt's time."""
    now = now or timezone.now()
    note = gate(card, by, now)
    moment = parse_datetime(str(at or ""))
    if moment is not None and timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    with transaction.atomic():
        card = _locked(card)
        if card.status != CardStatus.DRAFT:
            raise read_only_error(card)
        kept = [a for a in card.attempts or [] if moment is None or parse_datetime(a) != moment]
        if moment is None or len(kept) == len(card.attempts or []):
            raise ValidationError(
                {"at": pgettext("mystery", "No attempt was recorded at this time.")}
            )
        card.attempts, card.updated_at = kept, now
        card.save(update_fields=["attempts", "updated_at"])
        audit_card(
            card,
            by,
            "mystery.attempt_withdrawn",
            f"attempt withdrawn for contact {card.contact_id}",
            note,
            at=moment.isoformat(),
            attempts=len(kept),
        )
    return card


def text_label(name: str) -> str:
    if name == "notes":
        return pgettext("mystery", "Notes on the contact")
    return pgettext("mystery", "Chat transcript (pasted)")


def save_texts(*, card: Card, notes: str, transcript: str, by, now=None) -> Card:
    """Save the shopper's notes on the contact and the chat transcript pasted as
    text (the last save wins) while the card is a draft. Raises PermissionDenied,
    StageClosed, ValidationError naming the field (too long, a control character;
    read-only once submitted). Side effects: the card's notes, transcript and
    updated_at; an audit event `mystery.card_corrected` for an organizer's
    correction while the stage is closed."""
    now = now or timezone.now()
    note = gate(card, by, now)
    values = {"notes": (notes or "").strip(), "transcript": (transcript or "").strip()}
    limits = {"notes": NOTES_MAX, "transcript": TRANSCRIPT_MAX}
    errors = {}
    for name, value in values.items():
        if len(value) > limits[name]:
            errors[name] = pgettext("mystery", "At most %(n)s characters.") % {"n": limits[name]}
        elif found := first_in(value, multiline=True):
            errors[name] = text.message(text_label(name), found)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        card = _locked(card)
        if card.status != CardStatus.DRAFT:
            raise read_only_error(card)
        card.notes, card.transcript, card.updated_at = values["notes"], values["transcript"], now
        card.save(update_fields=["notes", "transcript", "updated_at"])
        if note:
            audit_card(card, by, "mystery.card_corrected", "notes corrected", note, texts=True)
    return card


def _prefill(card: Card, definition: Scorecard, seconds: int | None) -> list[str]:
    """Put the timer's seconds into the card's seconds-to-a-person item when it has
    one, it is unanswered and the seconds are in its range; the columns to save."""
    found = definition.item(TIMER_ITEM)
    if seconds is None or found is None or found[1].type != "measure":
        return []
    if drafts.normalize((card.answers or {}).get(TIMER_ITEM)) is not None:
        return []
    if value_problem(found[1], seconds):
        return []
    return drafts.replace(card, {**(card.answers or {}), TIMER_ITEM: str(seconds)})


def set_call(*, card: Card, made_at, timer_seconds: int | None, by, now=None) -> Card:
    """Record when the contact was made and the timer's seconds to a person (None:
    not timed). The seconds prefill the card's `seconds_to_person` item when it
    has one and it is unanswered. Raises PermissionDenied, StageClosed,
    ValidationError (a time in the future, seconds out of range, read-only once
    submitted). Side effects: the card's made_at, timer_seconds (and that answer,
    its version bumped), an audit event `mystery.call_timed`."""
    now = now or timezone.now()
    note = gate(card, by, now)
    moment = _moment(made_at, "made_at", now, card.contact)
    if timer_seconds is not None and not (
        isinstance(timer_seconds, int) and 0 <= timer_seconds <= TIMER_MAX
    ):
        raise ValidationError(
            {
                "timer_seconds": pgettext(
                    "mystery", "The seconds to a person must be a whole number from 0 to %(n)s."
                )
                % {"n": TIMER_MAX}
            }
        )
    with transaction.atomic():
        card = _locked(card)
        if card.status != CardStatus.DRAFT:
            raise read_only_error(card)
        card.made_at, card.timer_seconds, card.updated_at = moment, timer_seconds, now
        columns = ["made_at", "timer_seconds", "updated_at"]
        columns += _prefill(card, definition_of(card), timer_seconds)
        card.save(update_fields=columns)
        audit_card(
            card,
            by,
            "mystery.call_timed",
            f"call of contact {card.contact_id} timed",
            note,
            made_at=moment.isoformat(),
            timer_seconds=timer_seconds,
        )
    return card


# ---- submission


def made_when(card: Card) -> dt.datetime | None:
    """When the contact was made: the call's time, else its first attempt's."""
    if card.made_at:
        return card.made_at
    for stamp in card.attempts or []:
        moment = parse_datetime(str(stamp))
        if moment is not None:
            return moment
    return None


def out_of_slot(card: Card, moment: dt.datetime) -> bool:
    """Whether the contact was made outside its planned slot (local time, the
    season's holidays and make-up working days); a second scorer's card never is."""
    if card.role != ScorerRole.PRIMARY or not card.contact.slot:
        return False
    holidays, workdays = holidays_of(card.contact.season)
    local = timezone.localtime(moment).replace(tzinfo=None)
    return slots.slot_of(local, holidays, workdays) != card.contact.slot


def missing(definition: Scorecard, answers: dict) -> dict[str, str]:
    """{item code: message} for each item without an answer or with an invalid one,
    in the card's order."""
    out = {}
    for _group, item in definition.items():
        value = answers.get(item.code)
        if drafts.normalize(value) is None:
            out[item.code] = pgettext("mystery", "%(item)s: no answer yet.") % {
                "item": f"“{item_name(item)}”"
            }
        elif problem := value_problem(item, value):
            out[item.code] = problem
    return out


def _score(card: Card, definition: Scorecard, reached: bool) -> score.ContactScore:
    answers = {k: v for k, v in (card.answers or {}).items() if definition.item(k)}
    if not reached and not card.attempts:
        raise ValidationError(
            {
                "attempts": pgettext(
                    "mystery",
                    "Record at least one unanswered attempt before saying you could not get through.",
                )
            }
        )
    if reached and (problems := missing(definition, answers)):
        raise ValidationError(problems)
    contact = score.Contact(
        id=str(card.contact_id),
        entry=str(card.contact.entry_id),
        shopper=str(card.shopper_id),
        answers=answers if reached else {},
        reached=reached,
        attempts=tuple(card.attempts or ()),
    )
    try:
        return score.score_contact(definition, contact)
    except score.AnswerError as exc:
        raise ValidationError(exc.problems) from None


def submit_card(*, card: Card, by, now=None, reached: bool = True) -> Card:
    """Submit the card: every item answered with a value in range (`reached`), or
    "could not get through" (`reached` false) after at least one unanswered
    attempt. The engine's total and groups are stored; the contact is flagged out
    of its slot when made in another; the contact becomes done or unreachable (a
    second scorer's card leaves its status alone). A card submitted already is
    refused and nothing is overwritten. Raises PermissionDenied, StageClosed,
    ValidationError naming each missing or invalid item (code "submitted" for a
    second submission). Side effects: the card (status, reached, total, groups,
    out_of_slot, submitted_at), the contact's status and
    version, an audit event `mystery.card_submitted`."""
    now = now or timezone.now()
    note = gate(card, by, now)
    refuse_blocked(card.shopper_id, card.contact)
    definition = definition_of(card)
    with transaction.atomic():
        card = _locked(card)
        if card.status != CardStatus.DRAFT:
            when = timezone.localtime(card.submitted_at) if card.submitted_at else None
            raise ValidationError(
                pgettext(
                    "mystery",
                    "This card was submitted on %(at)s already; it cannot be submitted "
                    "again and nothing was changed.",
                )
                % {"at": formats.date_format(when, "Y-m-d H:i") if when else "—"},
                code="submitted",
            )
        result = _score(card, definition, reached)
        card.reached = reached
        card.total = result.total
        card.groups = {code: str(points) for code, points in result.groups.items()}
        card.out_of_slot = out_of_slot(card, made_when(card) or now)
        card.status, card.submitted_at, card.updated_at = CardStatus.SUBMITTED, now, now
        card.save()
        if card.role == ScorerRole.PRIMARY:
            Contact.objects.filter(pk=card.contact_id).update(
                status=ContactStatus.DONE if reached else ContactStatus.UNREACHABLE,
                version=F("version") + 1,
                updated_at=now,
            )
        audit_card(
            card,
            by,
            "mystery.card_submitted",
            f"card of contact {card.contact_id} submitted: {result.total}",
            note,
            reached=reached,
            total=str(result.total),
            groups=card.groups,
            out_of_slot=card.out_of_slot,
            attempts=list(card.attempts or []),
            answers=dict(card.answers or {}),
        )
    return card
