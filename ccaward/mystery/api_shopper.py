"""Mystery calls in the API: a shopper's own contacts and cards (see api.py).

A shopper sees only their contacts (another's is 404) with what they need to
make them: the number or address, channel, slot, day, the scenario and their
own card; never an entry's application or scores. Saving a draft carries the
version it was based on and each answer's base, so an answer changed elsewhere
is 409 `conflict` naming both values; a submitted card is 409 `read_only`; a
second submission 409 `submitted`; outside the stage 409 `stage_closed`."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import pgettext
from ninja import File, Router, Schema, Status, UploadedFile
from pydantic import Field

from ccaward.core import access, drafts
from ccaward.core.apierrors import ERRORS, READ_ERRORS, error, invalid
from ccaward.mystery.domain import queries, recording, recordings
from ccaward.mystery.models import NOTES_MAX, TRANSCRIPT_MAX, Card, Contact, Recording

router = Router()
PERM = "mystery.shop"


class ScenarioOut(Schema):
    key: str
    version: int
    title: str
    story: str
    questions: str
    answer_points: list[str]


class RecordingOut(Schema):
    id: str
    name: str
    kind: str
    size: int
    sha256: str
    uploaded_at: dt.datetime


class CardOut(Schema):
    id: str
    role: str
    status: str
    answers: dict[str, Any] = Field(description="Item code -> the answer as saved.")
    version: int = Field(description="The answers' version, to send back as base_version.")
    attempts: list[str] = Field(description="Each unanswered attempt's time (ISO 8601).")
    made_at: dt.datetime | None
    timer_seconds: int | None
    reached: bool | None
    out_of_slot: bool
    submitted_at: dt.datetime | None
    scorecard_version: int | None
    notes: str
    transcript: str = Field(description="The chat transcript as pasted text.")
    recordings: list[RecordingOut]


class ContactOut(Schema):
    id: int
    center_name: str
    channel: str
    slot: str
    planned_on: dt.date | None
    target: str
    status: str
    scenario: ScenarioOut | None
    card: CardOut | None = Field(description="Your card (null before your first save).")


class SaveIn(Schema):
    changes: dict[str, str | None] = Field(description="Item code -> new value (null clears).")
    bases: dict[str, str | None] = Field(
        default_factory=dict, description="Item code -> the value it was changed from."
    )
    base_version: int | None = Field(None, description="The answers' version the save is based on.")


class AttemptIn(Schema):
    at: dt.datetime = Field(description="When the unanswered attempt was made (device clock).")


class CallIn(Schema):
    made_at: dt.datetime
    timer_seconds: int | None = Field(None, ge=0, le=recording.TIMER_MAX)


class TextsIn(Schema):
    notes: str = Field("", max_length=NOTES_MAX)
    transcript: str = Field("", max_length=TRANSCRIPT_MAX)


class SubmitIn(Schema):
    reached: bool = Field(True, description="false: could not get through (an attempt needed).")


def _scenario(s) -> dict | None:
    if s is None:
        return None
    return {
        "key": s.key,
        "version": s.version,
        "title": s.title,
        "story": s.story,
        "questions": s.questions,
        "answer_points": [str(p) for p in s.answer_points or []],
    }


def _recording(r: Recording) -> dict:
    return {
        "id": str(r.uuid),
        "name": r.name,
        "kind": r.kind,
        "size": r.size,
        "sha256": r.sha256,
        "uploaded_at": r.uploaded_at,
    }


def card_out(card: Card | None) -> dict | None:
    if card is None:
        return None
    return {
        "id": str(card.uuid),
        "role": card.role,
        "status": card.status,
        "answers": dict(card.answers or {}),
        "version": card.answers_version,
        "attempts": list(card.attempts or []),
        "made_at": card.made_at,
        "timer_seconds": card.timer_seconds,
        "reached": card.reached,
        "out_of_slot": card.out_of_slot,
        "submitted_at": card.submitted_at,
        "scorecard_version": card.scorecard.version if card.scorecard else None,
        "notes": card.notes,
        "transcript": card.transcript,
        "recordings": [_recording(r) for r in queries.recordings_for(card.contact, card)],
    }


def contact_out(contact: Contact, card: Card | None) -> dict:
    scenario = card.scenario if card and card.scenario else contact.scenario
    return {
        "id": contact.pk,
        "center_name": contact.entry.center.name,
        "channel": contact.channel,
        "slot": contact.slot,
        "planned_on": contact.planned_on,
        "target": contact.target,
        "status": contact.status,
        "scenario": _scenario(scenario),
        "card": card_out(card),
    }


def _contact(request, slug: str, pk: int):
    season = access.season_for(request.user, slug, PERM)
    return season, queries.contact_for(request.user, season, pk)


def _card(request, slug: str, pk: int) -> Card:
    season, contact = _contact(request, slug, pk)
    access.check(request.user, "mystery.record", season)
    return recording.start_card(contact=contact, by=request.user)


def _refused(exc: ValidationError):
    code = getattr(exc, "code", None)
    if not hasattr(exc, "error_dict") and code in (
        "read_only",
        "submitted",
        "void",
        "no_scorecard",
    ):
        return error(409, code, " ".join(exc.messages))
    return invalid(exc)


@router.get(
    "/{slug}/mystery/mine",
    response={200: list[ContactOut], **READ_ERRORS},
    summary="Your mystery contacts (those you make or score a second time), with your cards",
)
def my_contacts(request, slug: str):
    season = access.season_for(request.user, slug, PERM)
    contacts = list(queries.my_contacts(request.user, season))
    profile = queries.profile_of(request.user, season)
    cards = {c.contact_id: c for c in Card.objects.filter(shopper=profile, contact__in=contacts)}
    return [contact_out(c, cards.get(c.pk)) for c in contacts]


@router.get(
    "/{slug}/mystery/mine/{pk}",
    response={200: ContactOut, **READ_ERRORS},
    summary="One of your contacts with its scenario and your card",
)
def my_contact(request, slug: str, pk: int):
    _season, contact = _contact(request, slug, pk)
    return contact_out(contact, queries.card_of(contact, request.user))


@router.patch(
    "/{slug}/mystery/mine/{pk}/card",
    response={200: ContactOut, **ERRORS},
    summary="Save changed answers to your draft card (begun by the first save)",
)
def save_card(request, slug: str, pk: int, payload: SaveIn):
    """Field names are the scorecard's item codes. 409 `conflict` when an answer
    changed since `base_version` (each with its base, stored and sent value)."""
    try:
        card = _card(request, slug, pk)
        recording.save_card(
            card=card,
            changes=payload.changes,
            bases=payload.bases,
            base_version=payload.base_version,
            by=request.user,
        )
    except drafts.DraftConflict as exc:
        message = pgettext(
            "mystery",
            "This card was changed elsewhere since this page was loaded: choose which to keep.",
        )
        fields = {c.field: [f"{c.stored} ≠ {c.sent}"] for c in exc.conflicts}
        problems = [{**c.as_dict(), "version": exc.version} for c in exc.conflicts]
        return error(409, "conflict", message, fields, problems)
    except ValidationError as exc:
        return _refused(exc)
    card.refresh_from_db()
    return contact_out(card.contact, card)


@router.post(
    "/{slug}/mystery/mine/{pk}/attempts",
    response={200: ContactOut, **ERRORS},
    summary="Record an unanswered attempt (sent twice with the same time: kept once)",
)
def add_attempt(request, slug: str, pk: int, payload: AttemptIn):
    try:
        card = _card(request, slug, pk)
        card = recording.record_attempt(card=card, at=payload.at, by=request.user)
    except ValidationError as exc:
        return _refused(exc)
    return contact_out(card.contact, card)


@router.post(
    "/{slug}/mystery/mine/{pk}/attempts/withdraw",
    response={200: ContactOut, **ERRORS},
    summary="Remove a mistaken unanswered attempt (by its time) while the card is a draft",
)
def withdraw_attempt(request, slug: str, pk: int, payload: AttemptIn):
    try:
        card = _card(request, slug, pk)
        card = recording.withdraw_attempt(card=card, at=payload.at.isoformat(), by=request.user)
    except ValidationError as exc:
        return _refused(exc)
    return contact_out(card.contact, card)


@router.put(
    "/{slug}/mystery/mine/{pk}/texts",
    response={200: ContactOut, **ERRORS},
    summary="Your notes on the contact and the chat transcript as text (the last save wins)",
)
def save_texts(request, slug: str, pk: int, payload: TextsIn):
    try:
        card = _card(request, slug, pk)
        card = recording.save_texts(
            card=card, notes=payload.notes, transcript=payload.transcript, by=request.user
        )
    except ValidationError as exc:
        return _refused(exc)
    return contact_out(card.contact, card)


@router.post(
    "/{slug}/mystery/mine/{pk}/call",
    response={200: ContactOut, **ERRORS},
    summary="When the contact was made and the timer's seconds to a person",
)
def set_call(request, slug: str, pk: int, payload: CallIn):
    """The seconds prefill the card's `seconds_to_person` item when it is unanswered."""
    try:
        card = _card(request, slug, pk)
        card = recording.set_call(
            card=card,
            made_at=payload.made_at,
            timer_seconds=payload.timer_seconds,
            by=request.user,
        )
    except ValidationError as exc:
        return _refused(exc)
    return contact_out(card.contact, card)


@router.post(
    "/{slug}/mystery/mine/{pk}/recordings",
    response={201: RecordingOut, **ERRORS},
    summary="Upload the recording (MP3, M4A, AMR, WAV) or the transcript (UTF-8 text)",
)
def upload(request, slug: str, pk: int, file: File[UploadedFile | None] = None):
    """Checked by its content, never by its name; 422 naming the file otherwise."""
    if file is None:
        message = pgettext("mystery", "Choose a recording or a transcript to upload.")
        return error(422, "invalid", message, {"file": [message]})
    try:
        card = _card(request, slug, pk)
        row = recordings.upload(card=card, file=file, by=request.user)
    except ValidationError as exc:
        return _refused(exc)
    return Status(201, _recording(row))


@router.post(
    "/{slug}/mystery/mine/{pk}/submit",
    response={200: ContactOut, **ERRORS},
    summary="Submit your card (422 naming each missing item; 409 submitted when sent twice)",
)
def submit(request, slug: str, pk: int, payload: SubmitIn):
    try:
        card = _card(request, slug, pk)
        card = recording.submit_card(
            card=card, by=request.user, reached=payload.reached, now=timezone.now()
        )
    except ValidationError as exc:
        return _refused(exc)
    card.contact.refresh_from_db()
    return contact_out(card.contact, card)
