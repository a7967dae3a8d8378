"""Applications over the API: the form, entries, answers, submission, decisions.

The same permissions as the pages: a person without any role in the season gets
404, one who lacks the right gets 403; entries are looked up inside the season
(a guessed id of another season, or of another enterprise's entry, is 404).

Answers are the raw strings the applicant typed, keyed by answer key (see
``ccaward.engine.appform``); the typed values, problems and progress are derived
from them each time an entry is read.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, Literal

from django.core.exceptions import ValidationError
from django.utils.translation import get_language, pgettext
from ninja import Router, Schema, Status
from pydantic import Field

from ccaward.applications import domain
from ccaward.applications.access import entry_for
from ccaward.applications.enums import EntryStatus, Industry
from ccaward.applications.models import ContactCenter, Entry, Organization
from ccaward.applications.wording import problem_message
from ccaward.core import access, drafts
from ccaward.core.apierrors import ERRORS, READ_ERRORS, error, invalid
from ccaward.core.apitypes import RowId
from ccaward.engine import appform

router = Router(tags=["applications"])


# --------------------------------------------------------------------------- schemas


class ProblemOut(Schema):
    key: str
    section: str
    code: str
    params: dict[str, Any]
    message: str


class FormOut(Schema):
    version: int
    note: str
    created_at: dt.datetime
    definition: dict[str, Any]


class EntryOut(Schema):
    id: int
    category: int
    category_name: str
    center: int
    center_name: str
    enterprise: int
    enterprise_name: str
    industry: str
    status: EntryStatus
    created_at: dt.datetime
    submitted_at: dt.datetime | None
    saved_at: dt.datetime | None
    form_version: int | None
    decision_reason: str
    reopen_reason: str


class SectionProgressOut(Schema):
    section: str
    title: str
    done: int
    total: int
    problems: int


class FileOut(Schema):
    id: int
    field_key: str
    name: str
    kind: str
    size: int
    uploaded_at: dt.datetime


class EntryDetailOut(EntryOut):
    editable: bool
    answers: dict[str, Any]
    answers_version: int = Field(
        description="Bumped by every change of the answers: send it as `version` "
        "with PATCH …/answers so that a change made meanwhile is not overwritten."
    )
    values: dict[str, Any]
    problems: list[ProblemOut]
    progress: list[SectionProgressOut]
    files: list[FileOut]


class EntryIn(Schema):
    """Either an existing contact center of one of your enterprises (`center`), or a
    new one: `center_name` and `industry`, in an enterprise of yours (`enterprise`)
    or a new enterprise (`enterprise_name`, optionally `credit_code`)."""

    category: RowId
    center: RowId | None = None
    enterprise: RowId | None = None
    enterprise_name: str = ""
    credit_code: str = ""
    center_name: str = ""
    industry: Industry | None = None


AnswerValue = str | bool | int | float | list[str] | None


class AnswersIn(Schema):
    """Answers to save into a draft. Without `version` the answers are merged, last
    write wins per answer. With `version`, no answer changed since that version is
    overwritten: such an answer is a 409 `conflict` naming both values (`stored`
    and `sent`), and nothing is saved. Every change counts, whoever made it (a
    page, the API, an Excel import, an attached file)."""

    answers: dict[str, AnswerValue] = Field(
        description="Answer key → new value; an empty value clears the answer."
    )
    version: int | None = Field(
        None,
        description=(
            "The entry's `answers_version` the change was based on (as read from "
            "GET …/entries/{pk}). An answer written after it and holding a value other "
            "than the one sent is a 409 `conflict`."
        ),
    )
    base: dict[str, AnswerValue] | None = Field(
        None,
        description=(
            "With `version`: the values the changed answers had when the change began. "
            "An answer listed here is compared by value (a conflict only when its stored "
            "value is no longer its base), one not listed by the version it was last "
            "written at."
        ),
    )


class DecisionIn(Schema):
    action: Literal["accept", "reject", "reopen"]
    reason: str = Field("", max_length=500, description="Required to reject or reopen.")


# --------------------------------------------------------------------------- helpers


def _lang() -> str:
    return get_language() or "zh-hans"


def _json(value, lang: str):
    """A value safe for JSON: Decimals as plain strings, dates ISO, labels in `lang`."""
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, appform.Text):
        return value(lang)
    if isinstance(value, (list, tuple, set)):
        return [_json(v, lang) for v in value]
    if isinstance(value, dict):
        return {str(k): _json(v, lang) for k, v in value.items()}
    return value


def entry_out(entry: Entry) -> dict:
    org = entry.center.organization
    return {
        "id": entry.pk,
        "category": entry.category_id,
        "category_name": entry.category.name,
        "center": entry.center_id,
        "center_name": entry.center.name,
        "enterprise": org.pk,
        "enterprise_name": org.name,
        "industry": entry.center.industry,
        "status": entry.status,
        "created_at": entry.created_at,
        "submitted_at": entry.submitted_at,
        "saved_at": entry.saved_at,
        "form_version": entry.form.version if entry.form_id else None,
        "decision_reason": entry.decision_reason,
        "reopen_reason": entry.reopen_reason,
    }


def problems_out(defn: appform.Definition, problems, lang: str) -> list[dict]:
    return [
        {
            "key": p.key,
            "section": p.section,
            "code": p.code,
            "params": _json(dict(p.params), lang),
            "message": problem_message(defn, p, lang),
        }
        for p in problems
    ]


def entry_detail(entry: Entry) -> dict:
    lang = _lang()
    defn = domain.form_of(entry).parsed
    result = appform.validate(defn, entry.answers or {})
    by_section = result.by_section()
    return {
        **entry_out(entry),
        "editable": domain.editable(entry),
        "answers": dict(entry.answers or {}),
        "answers_version": entry.answers_version,
        "values": _json(result.values, lang),
        "problems": problems_out(defn, result.problems, lang),
        "progress": [
            {
                "section": s.key,
                "title": s.title(lang),
                "done": result.progress.get(s.key, (0, 0))[0],
                "total": result.progress.get(s.key, (0, 0))[1],
                "problems": len(by_section.get(s.key, [])),
            }
            for s in defn.sections
        ],
        "files": [
            {
                "id": f.pk,
                "field_key": f.field_key,
                "name": f.name,
                "kind": f.kind,
                "size": f.size,
                "uploaded_at": f.uploaded_at,
            }
            for f in entry.files.all()
        ],
    }


def _entries(season):
    return Entry.objects.filter(season=season).select_related(
        "center__organization", "category", "form"
    )


# --------------------------------------------------------------------------- endpoints


@router.get(
    "/{slug}/form",
    response={200: FormOut, **READ_ERRORS},
    summary="The current application form (definition as data)",
)
def get_form(request, slug: str):
    season = access.season_for(request.user, slug, "seasons.view_season")
    form = domain.current_form(season)
    return {
        "version": form.version,
        "note": form.note,
        "created_at": form.created_at,
        "definition": form.definition,
    }


@router.get(
    "/{slug}/entries",
    response={200: list[EntryOut], **READ_ERRORS},
    summary="Entries (organizers and judges: all; applicants: their enterprises')",
)
def list_entries(
    request,
    slug: str,
    status: EntryStatus | None = None,
    category: RowId | None = None,
    industry: Industry | None = None,
):
    season = access.season_for(request.user, slug, "seasons.view_season")
    qs = _entries(season)
    if not request.user.has_perm("applications.view_entries", season):
        qs = qs.filter(center__organization__members=request.user).distinct()
    if status:
        qs = qs.filter(status=status)
    if category is not None:
        qs = qs.filter(category_id=category)
    if industry:
        qs = qs.filter(center__industry=industry)
    return [entry_out(e) for e in qs.order_by("category__position", "center__name", "pk")]


@router.post(
    "/{slug}/entries",
    response={201: EntryDetailOut, **ERRORS},
    summary="Start an application (an existing contact center, or a new one)",
)
def create_entry(request, slug: str, payload: EntryIn):
    season = access.season_for(request.user, slug, "applications.apply")
    user = request.user
    fields: dict[str, list[str]] = {}
    category = season.categories.filter(pk=payload.category).first()
    if category is None:
        fields["category"] = [pgettext("validation", "There is no such category in this season.")]
    mine = Organization.objects.filter(members=user)
    center = organization = None
    if payload.center is not None:
        center = ContactCenter.objects.filter(pk=payload.center, organization__in=mine).first()
        if center is None:
            fields["center"] = [
                pgettext("api", "There is no such contact center in your enterprises.")
            ]
    elif payload.enterprise is not None:
        organization = mine.filter(pk=payload.enterprise).first()
        if organization is None:
            fields["enterprise"] = [pgettext("api", "You are not a member of this enterprise.")]
    if fields:
        return error(422, "invalid", " ".join(m for ms in fields.values() for m in ms), fields)
    try:
        entry = domain.start_application(
            season=season,
            category=category,
            by=user,
            center=center,
            organization=organization,
            enterprise_name=payload.enterprise_name,
            credit_code=payload.credit_code,
            center_name=payload.center_name,
            industry=payload.industry or "",
        )
    except domain.DuplicateEntry as exc:
        return error(409, "duplicate", exc.text, {"category": [exc.text]})
    except ValidationError as exc:
        return invalid(exc)
    return Status(201, entry_detail(entry))


@router.get(
    "/{slug}/entries/{pk}",
    response={200: EntryDetailOut, **READ_ERRORS},
    summary="An entry with its answers, typed values, problems and progress",
)
def get_entry(request, slug: str, pk: int):
    season = access.season_for(request.user, slug, "seasons.view_season")
    return entry_detail(entry_for(request.user, season, pk))


def _api_value(value):
    """An answer as the API gives it, as it is stored (a boolean is yes/no)."""
    if isinstance(value, bool):
        return appform.YES if value else appform.NO
    if isinstance(value, list) or value is None:
        return value
    return str(value)


def _api_values(values: dict) -> dict:
    return {key: _api_value(value) for key, value in values.items()}


@router.patch(
    "/{slug}/entries/{pk}/answers",
    response={200: EntryDetailOut, **ERRORS},
    summary="Save answers into the draft (merged; an empty value clears the answer)",
)
def patch_answers(request, slug: str, pk: int, payload: AnswersIn):
    season = access.season_for(request.user, slug, "seasons.view_season")
    entry = entry_for(request.user, season, pk, "applications.own_entry")
    if drafts.body_too_large(request):
        message = pgettext("api", "The request is larger than %(kb)s KB.") % {
            "kb": drafts.MAX_SAVE_BYTES // 1024
        }
        return error(413, "too_large", message)
    defn = domain.form_of(entry).parsed
    known = set(defn.answer_keys())
    fields: dict[str, list[str]] = {}
    answers: dict[str, Any] = {}
    for key, value in payload.answers.items():
        owner = defn.owner(key)
        if key not in known:
            fields[key] = [pgettext("api", "There is no such answer key in this form.")]
        elif owner is not None and owner.type == "file":
            fields[key] = [pgettext("api", "Files are attached by upload, not as answers.")]
        else:
            answers[key] = _api_value(value)
    if fields:
        message = pgettext("api", "Unknown or unsettable answer keys: %(keys)s") % {
            "keys": ", ".join(sorted(fields))
        }
        return error(422, "unknown_answers", message, fields)
    try:
        domain.save_answers(
            entry=entry,
            by=request.user,
            answers=answers,
            version=payload.version,
            bases=_api_values(payload.base or {}),
        )
    except drafts.DraftConflict as exc:
        message = pgettext("api", "Answers changed since version %(version)s: %(keys)s") % {
            "version": payload.version,
            "keys": ", ".join(c.field for c in exc.conflicts),
        }
        fields = {c.field: [message] for c in exc.conflicts}
        conflicts = [{**c.as_dict(), "version": exc.version} for c in exc.conflicts]
        return error(409, "conflict", message, fields, conflicts)
    except ValidationError as exc:
        if hasattr(exc, "error_dict"):
            return invalid(exc)
        return error(409, "read_only", " ".join(exc.messages))
    return entry_detail(entry)


@router.post(
    "/{slug}/entries/{pk}/submit",
    response={200: EntryDetailOut, **ERRORS},
    summary="Submit the application (refused with the problems, or when registration is closed)",
)
def submit_entry(request, slug: str, pk: int):
    season = access.season_for(request.user, slug, "seasons.view_season")
    entry = entry_for(request.user, season, pk, "applications.own_entry")
    try:
        entry = domain.submit(entry=entry, by=request.user)
    except domain.SubmissionRefused as exc:
        if exc.problems:
            defn = domain.form_of(entry).parsed
            problems = problems_out(defn, exc.problems, _lang())
            fields: dict[str, list[str]] = {}
            for p in problems:
                fields.setdefault(p["key"], []).append(p["message"])
            return error(422, "problems", exc.messages[0], fields, problems)
        return error(409, "registration_closed", exc.messages[0])
    except ValidationError as exc:
        return error(409, getattr(exc, "code", None) or "conflict", " ".join(exc.messages))
    return entry_detail(entry)


@router.post(
    "/{slug}/entries/{pk}/decision",
    response={200: EntryDetailOut, **ERRORS},
    summary="Organizers: accept, reject (with a reason) or reopen (with a reason)",
)
def decide_entry(request, slug: str, pk: int, payload: DecisionIn):
    season = access.season_for(request.user, slug, "applications.decide_entry")
    entry = entry_for(request.user, season, pk)
    try:
        if payload.action == "reopen":
            entry = domain.reopen(entry=entry, by=request.user, reason=payload.reason)
        else:
            entry = domain.decide(
                entry=entry,
                by=request.user,
                accept=payload.action == "accept",
                reason=payload.reason,
            )
    except ValidationError as exc:
        if hasattr(exc, "error_dict"):
            return invalid(exc)
        return error(409, getattr(exc, "code", None) or "conflict", " ".join(exc.messages))
    return entry_detail(entry)
