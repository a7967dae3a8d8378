"""The mystery shopper's pages, made for a phone: their contacts (today, overdue,
upcoming, done) and one contact: whom to contact and how, the scenario with its
answer points as a checklist, the timer to a person, the scorecard saved as it
is typed (static/js/autosave.js; static/js/mystery.js for the timer, the
attempts and the checklist, kept on the device while offline), "could not get
through" with each attempt's time, the recording's upload and submission.

A shopper sees only their own contacts and never an entry's application or
scores. Views call the domain (mystery/domain/recording.py, recordings.py)."""

from __future__ import annotations

from functools import wraps

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import formats, timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import pgettext
from django.views.decorators.http import require_POST

from ccaward.core import access, drafts
from ccaward.core.access import season_view
from ccaward.core.errors import StageClosed
from ccaward.mystery import files
from ccaward.mystery.domain import card_answers, queries, recording, recordings
from ccaward.mystery.enums import CardStatus, ContactStatus
from ccaward.mystery.views.shopper_card import field_keys, form_context, shown
from ccaward.seasons import gates
from ccaward.seasons.enums import StageKind

PAGE = "mystery/shopper/contact.html"
PERM = "mystery.shop"


@season_view(PERM)
def mine(request, season):
    today = timezone.localdate()
    lines = queries.lines(request.user, season, today)
    sections = [
        (queries.TODAY, pgettext("mystery", "Today"), lines[queries.TODAY]),
        (queries.OVERDUE, pgettext("mystery", "Overdue"), lines[queries.OVERDUE]),
        (queries.UPCOMING, pgettext("mystery", "Upcoming"), lines[queries.UPCOMING]),
        (queries.DONE, pgettext("mystery", "Done"), lines[queries.DONE]),
    ]
    return render(
        request,
        "mystery/shopper/mine.html",
        {
            "season": season,
            "sections": sections,
            "today": today,
            "is_shopper": queries.profile_of(request.user, season) is not None,
            "closed": None
            if gates.is_open(season, StageKind.MYSTERY_CALLS)
            else gates.closed(season, StageKind.MYSTERY_CALLS),
        },
    )


def saved_label(card) -> str:
    if card is None or card.answers_version == 0:
        return pgettext("form", "Not saved yet")
    when = timezone.localtime(card.updated_at)
    return pgettext("form", "Saved at %(time)s") % {
        "time": formats.date_format(when, "Y-m-d H:i:s")
    }


def _page(request, season, contact, card, status=200, **extra):
    editable = (
        contact.status != ContactStatus.VOID
        and (card is None or card.status == CardStatus.DRAFT)
        and request.user.has_perm("mystery.record", season)
    )
    form = form_context(
        contact,
        card,
        values=extra.pop("values", None),
        errors=extra.get("errors"),
        base=extra.pop("base", None),
    )
    scenario = card.scenario if card and card.scenario else contact.scenario
    context = {
        "season": season,
        "contact": contact,
        "card": card,
        "scenario": scenario,
        "editable": editable,
        "can_upload": contact.status != ContactStatus.VOID
        and request.user.has_perm("mystery.record", season),
        "closed": None
        if gates.is_open(season, StageKind.MYSTERY_CALLS)
        else gates.closed(season, StageKind.MYSTERY_CALLS),
        "saved_label": saved_label(card),
        "saved_ms": int(card.updated_at.timestamp() * 1000) if card else 0,
        "attempts": [(a, _attempt_time(a)) for a in (card.attempts if card else [])],
        "recordings": list(queries.recordings_for(contact, card)),
        "audio_mb": files.AUDIO_MAX_BYTES // 2**20,
        "text_mb": files.TEXT_MAX_BYTES // 2**20,
        **form,
        **extra,
    }
    return render(request, PAGE, context, status=status)


def _attempt_time(stamp: str):
    moment = parse_datetime(stamp)
    return timezone.localtime(moment) if moment else stamp


@season_view(PERM)
def contact_page(request, season, pk):
    contact = queries.contact_for(request.user, season, pk)
    return _page(request, season, contact, queries.card_of(contact, request.user))


def save_args(request, keys: set[str], stored: dict) -> dict:
    """A post's changes as save_card's arguments (core/drafts.posted_save)."""
    return drafts.posted_save(request, keys, stored)


class NotBegun(Exception):
    """The card cannot be begun (a voided contact, one without a scorecard)."""

    def __init__(self, contact, exc: ValidationError):
        super().__init__(" ".join(exc.messages))
        self.contact, self.exc = contact, exc


def _mine(request, season, pk):
    """The contact (404 unless the shopper's own) and the shopper's card, begun now
    (NotBegun when it cannot be)."""
    contact = queries.contact_for(request.user, season, pk)
    access.check(request.user, "mystery.record", season)
    try:
        return contact, recording.start_card(contact=contact, by=request.user)
    except ValidationError as exc:
        raise NotBegun(contact, exc) from None


def _wants_json(request) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def refusals(view):
    """A card that cannot be begun answers 409 with its reason (JSON for the
    scripts, the contact's page with the message otherwise); a closed stage answers
    the scripts 409 `stage_closed` as JSON (the page gets the closed-stage page)."""

    @wraps(view)
    def wrapper(request, season, pk, *args, **kwargs):
        try:
            return view(request, season, pk, *args, **kwargs)
        except NotBegun as refused:
            code = getattr(refused.exc, "code", None) or "invalid"
            if _wants_json(request):
                return JsonResponse({"code": code, "error": str(refused)}, status=409)
            messages.error(request, str(refused))
            return redirect("mystery:my_contact", season.slug, pk)
        except StageClosed as exc:
            if not _wants_json(request):
                raise
            return JsonResponse({"code": exc.code, "error": exc.message}, status=409)

    return wrapper


def conflict_rows(card, exc: drafts.DraftConflict) -> list[dict]:
    definition = recording.definition_of(card)
    rows = []
    for c in exc.conflicts:
        found = definition.item(c.field)
        rows.append(
            {
                "field": c.field,
                "label": card_answers.item_name(found[1]) if found else c.field,
                "id": f"item-{c.field}",
                "mine": shown(c.sent),
                "theirs": shown(c.stored),
                "sent": c.sent,
                "stored": c.stored,
            }
        )
    return rows


def _errors(exc: ValidationError) -> dict:
    return exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}


@require_POST
@season_view(PERM)
@refusals
def autosave(request, season, pk):
    if drafts.body_too_large(request):
        return JsonResponse({"code": "too_large", "error": "too large"}, status=413)
    contact, card = _mine(request, season, pk)
    args = save_args(request, field_keys(contact, card), card.answers)
    try:
        saved = recording.save_card(card=card, by=request.user, **args)
    except drafts.DraftConflict as exc:
        return JsonResponse(
            {
                "code": "conflict",
                "version": exc.version,
                "error": pgettext(
                    "mystery",
                    "This card was changed elsewhere since this page was loaded: choose which to keep.",
                ),
                "conflicts": [
                    {k: r[k] for k in ("field", "label", "id", "sent", "stored")}
                    for r in conflict_rows(card, exc)
                ],
            },
            status=409,
        )
    except ValidationError as exc:
        code = getattr(exc, "code", None)
        if code in ("read_only", "void"):
            return JsonResponse({"code": code, "error": " ".join(exc.messages)}, status=409)
        return JsonResponse(
            {"code": "invalid", "error": " ".join(exc.messages), "fields": _errors(exc)},
            status=422,
        )
    return JsonResponse(
        {
            "saved_ms": int(saved.obj.updated_at.timestamp() * 1000),
            "message": saved_label(saved.obj),
            "version": saved.version,
        }
    )


@require_POST
@season_view(PERM)
@refusals
def save(request, season, pk):
    """The form posted without the script (or a conflict's choice): save, show again."""
    contact, card = _mine(request, season, pk)
    args = save_args(request, field_keys(contact, card), card.answers)
    try:
        recording.save_card(card=card, by=request.user, **args)
    except drafts.DraftConflict as exc:
        card.refresh_from_db()
        base = {**card.answers, **{c.field: args["bases"].get(c.field) for c in exc.conflicts}}
        return _page(
            request,
            season,
            contact,
            card,
            status=409,
            values=args["changes"],
            conflicts=conflict_rows(card, exc),
            base=base,
        )
    except ValidationError as exc:
        return _page(
            request, season, contact, card, status=422, values=args["changes"], errors=_errors(exc)
        )
    messages.success(request, saved_label(queries.card_of(contact, request.user)))
    return redirect("mystery:my_contact", season.slug, contact.pk)


@require_POST
@season_view(PERM)
@refusals
def submit(request, season, pk):
    """Save what the page holds, then submit (reached, or "could not get through"
    with `reached=no`); what is missing is named in a summary."""
    contact, card = _mine(request, season, pk)
    reached = request.POST.get("reached") != "no"
    args = save_args(request, field_keys(contact, card), card.answers)
    try:
        if args["changes"] and card.status == CardStatus.DRAFT:
            recording.save_card(card=card, by=request.user, **args)
        card.refresh_from_db()
        recording.submit_card(card=card, by=request.user, reached=reached)
    except drafts.DraftConflict as exc:
        # nothing saved: the answers posted stay in the form beside the conflict's choice
        card.refresh_from_db()
        base = {**card.answers, **{c.field: args["bases"].get(c.field) for c in exc.conflicts}}
        return _page(
            request,
            season,
            contact,
            card,
            status=409,
            values=args["changes"],
            conflicts=conflict_rows(card, exc),
            base=base,
        )
    except ValidationError as exc:
        card.refresh_from_db()
        if getattr(exc, "code", None) in ("submitted", "read_only"):
            messages.error(request, " ".join(exc.messages))
            return redirect("mystery:my_contact", season.slug, contact.pk)
        return _page(
            request,
            season,
            contact,
            card,
            status=422,
            values=args["changes"],
            errors=_errors(exc),
            error_list=exc.messages,
            base=card.answers,
        )
    messages.success(
        request,
        pgettext("mystery", "Submitted. Thank you: the card is now read-only.")
        if reached
        else pgettext("mystery", "Submitted as could not get through, with each attempt's time."),
    )
    return redirect("mystery:mine", season.slug)


def _answer(request, ok: dict, exc: ValidationError | None, contact, season):
    """JSON for the script, a redirect (with the message) for a plain form."""
    wants_json = "application/json" in request.headers.get("Accept", "")
    if exc is not None:
        if wants_json:
            return JsonResponse(
                {"code": getattr(exc, "code", None) or "invalid", "error": " ".join(exc.messages)},
                status=422,
            )
        messages.error(request, " ".join(exc.messages))
    elif wants_json:
        return JsonResponse(ok)
    return redirect("mystery:my_contact", season.slug, contact.pk)


@require_POST
@season_view(PERM)
@refusals
def attempt(request, season, pk):
    """An unanswered attempt at `at` (the device's time; now when not given)."""
    contact, card = _mine(request, season, pk)
    at = request.POST.get("at") or timezone.now()
    try:
        card = recording.record_attempt(card=card, at=at, by=request.user)
    except ValidationError as exc:
        return _answer(request, {}, exc, contact, season)
    return _answer(request, {"attempts": card.attempts}, None, contact, season)


@require_POST
@season_view(PERM)
@refusals
def withdraw_attempt(request, season, pk):
    """Remove a mistaken attempt (its time posted as `at`) while the card is a draft."""
    contact, card = _mine(request, season, pk)
    try:
        card = recording.withdraw_attempt(card=card, at=request.POST.get("at"), by=request.user)
    except ValidationError as exc:
        return _answer(request, {}, exc, contact, season)
    return _answer(request, {"attempts": card.attempts}, None, contact, season)


@require_POST
@season_view(PERM)
@refusals
def texts(request, season, pk):
    """The shopper's notes and a pasted chat transcript."""
    contact, card = _mine(request, season, pk)
    notes, transcript = request.POST.get("notes", ""), request.POST.get("transcript", "")
    try:
        recording.save_texts(card=card, notes=notes, transcript=transcript, by=request.user)
    except ValidationError as exc:
        return _page(
            request,
            season,
            contact,
            card,
            status=422,
            text_errors=exc.message_dict,
            texts={"notes": notes, "transcript": transcript},
        )
    messages.success(request, pgettext("mystery", "The notes are saved."))
    return redirect("mystery:my_contact", season.slug, contact.pk)


@require_POST
@season_view(PERM)
@refusals
def call(request, season, pk):
    """The call's time and the timer's seconds to a person."""
    contact, card = _mine(request, season, pk)
    raw = request.POST.get("timer_seconds", "")
    try:
        seconds = int(raw) if raw.strip() else None
    except ValueError:
        seconds = -1
    try:
        card = recording.set_call(
            card=card,
            made_at=request.POST.get("made_at") or timezone.now(),
            timer_seconds=seconds,
            by=request.user,
        )
    except ValidationError as exc:
        return _answer(request, {}, exc, contact, season)
    ok = {
        "timer_seconds": card.timer_seconds,
        "answers_version": card.answers_version,
        "seconds_to_person": card.answers.get(recording.TIMER_ITEM),
    }
    return _answer(request, ok, None, contact, season)


@require_POST
@season_view(PERM)
@refusals
def upload(request, season, pk):
    contact, card = _mine(request, season, pk)
    file = request.FILES.get("file")
    try:
        if file is None:
            raise ValidationError(
                {"file": pgettext("mystery", "Choose a recording or a transcript to upload.")}
            )
        row = recordings.upload(card=card, file=file, by=request.user)
    except ValidationError as exc:
        return _page(request, season, contact, card, status=422, upload_errors=exc.messages)
    messages.success(request, pgettext("mystery", "“%(name)s” is uploaded.") % {"name": row.name})
    return redirect("mystery:my_contact", season.slug, contact.pk)


@season_view(PERM)
def recording_file(request, season, pk, uuid):
    contact = queries.contact_for(request.user, season, pk)
    row = queries.recording_for(contact, queries.card_of(contact, request.user), uuid)
    return FileResponse(
        row.file.open("rb"), filename=row.name, content_type=files.CONTENT_TYPES[row.kind]
    )
