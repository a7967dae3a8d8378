"""Registering enterprises, centers and entries; filling, submitting and deciding
applications. Every operation that changes state is audited."""

from __future__ import annotations

import datetime as dt
import hashlib
from decimal import Decimal
from functools import cache
from pathlib import Path

import yaml
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import pgettext

from ccaward.applications.enums import EntryStatus
from ccaward.applications.models import (
    ApplicationForm,
    ContactCenter,
    Entry,
    EntryFile,
    Organization,
)
from ccaward.core import audit
from ccaward.engine import appform
from ccaward.engine.indicators import FORM_FIELDS
from ccaward.engine.names import normalize_name
from ccaward.seasons import gates
from ccaward.seasons.enums import StageKind

DEFAULT_FORM = Path(__file__).parent / "data" / "form_default.yaml"

# typed keys (maps_to) that fill the enterprise and the center
ORG_FIELDS = {
    "organization.name": "name",
    "organization.credit_code": "credit_code",
    "organization.website": "website",
    "organization.address": "address",
    "organization.wechat": "wechat",
}
CENTER_FIELDS = {
    "center.name": "name",
    "center.address": "address",
    "center.year_started": "year_started",
    "center.industry": "industry",
    "center.seats": "seats",
}


class SubmissionRefused(ValidationError):
    """Submission is refused: the stage is closed or the answers have problems."""

    def __init__(self, message: str, problems: list[appform.Problem] | None = None):
        super().__init__(message, code="submission_refused")
        self.problems = problems or []


# --------------------------------------------------------------------------- forms


@cache
def default_definition() -> dict:
    with DEFAULT_FORM.open(encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    appform.load_definition(data)  # raises if the shipped file is broken
    return data


@transaction.atomic
def install_form(*, season, data: dict, by, note: str = "") -> ApplicationForm:
    """A new version of the season's form. Side effects: ApplicationForm, audit event.

    Raises ValidationError listing the definition's problems."""
    try:
        appform.load_definition(data)
    except appform.DefinitionError as exc:
        raise ValidationError(exc.problems) from None
    last = ApplicationForm.objects.filter(season=season).order_by("-version").first()
    form = ApplicationForm.objects.create(
        season=season,
        version=(last.version + 1) if last else 1,
        definition=data,
        note=note,
        created_by=by if getattr(by, "pk", None) else None,
    )
    audit.record(
        actor=by,
        action="application_form.installed",
        season=season,
        obj=form,
        summary=f"v{form.version}",
    )
    return form


def current_form(season) -> ApplicationForm:
    """The newest version of the season's form (seed 003, installed on first use)."""
    form = ApplicationForm.objects.filter(season=season).order_by("-version").first()
    if form is None:
        form = install_form(
            season=season, data=default_definition(), by=None, note="seed 003 (default)"
        )
    return form


def form_of(entry: Entry) -> ApplicationForm:
    if entry.form_id is None:
        entry.form = current_form(entry.season)
        entry.save(update_fields=["form"])
    return entry.form


def validation(entry: Entry) -> appform.Validation:
    return appform.validate(form_of(entry).parsed, entry.answers or {})


# --------------------------------------------------------------------------- who applies


@transaction.atomic
def register_organization(*, by, member: bool = True, **values) -> Organization:
    """Side effects: an Organization (with `by` as member unless `member` is false:
    an organizer registering it for an import), an audit event."""
    org = Organization(**values)
    org.full_clean()
    org.save()
    if member and getattr(by, "pk", None):
        org.members.add(by)
    audit.record(actor=by, action="organization.registered", obj=org, summary=org.name)
    return org


@transaction.atomic
def add_member(*, organization: Organization, user, by) -> None:
    """Side effects: `user` becomes a member of the enterprise; an audit event."""
    organization.members.add(user)
    audit.record(actor=by, action="organization.member_added", obj=organization, summary=user.email)


@transaction.atomic
def add_center(*, organization: Organization, by, **values) -> ContactCenter:
    """Side effects: a ContactCenter, an audit event."""
    center = ContactCenter(organization=organization, **values)
    center.full_clean()
    center.save()
    audit.record(actor=by, action="center.added", obj=center, summary=center.name)
    return center


def prefill(defn: appform.Definition, center: ContactCenter) -> dict:
    """Answers taken from what is known of the enterprise and the center."""
    org = center.organization
    known = {k: getattr(org, attr) for k, attr in ORG_FIELDS.items()}
    known.update({k: getattr(center, attr) for k, attr in CENTER_FIELDS.items()})
    out = {}
    for f in defn.fields.values():
        value = known.get(f.maps_to or f.prefill or "")
        if value not in (None, ""):
            out[f.key] = str(value)
    return out


@transaction.atomic
def create_entry(
    *,
    season,
    category,
    center: ContactCenter,
    by,
    submit: bool = False,
    answers: dict | None = None,
) -> Entry:
    """Side effects: an Entry (a draft, or submitted) with its form version and the
    answers known already, linked recommendations, an audit event."""
    form = current_form(season)
    entry = Entry(season=season, category=category, center=center, form=form)
    entry.answers = {**prefill(form.parsed, center), **(answers or {})}
    if submit:
        entry.status = EntryStatus.SUBMITTED
        entry.submitted_at = timezone.now()
    entry.full_clean()
    entry.save()
    audit.record(
        actor=by,
        action="entry.created",
        season=season,
        obj=entry,
        summary=f"{center.name} → {category.name_zh}",
        data={"status": entry.status},
    )
    _link_recommendations(entry)
    return entry


def _link_recommendations(entry: Entry) -> int:
    from ccaward.recommendations.domain import link_entry

    return link_entry(entry)


# --------------------------------------------------------------------------- filling in


def registration_stage(season):
    return season.stages.filter(kind=StageKind.REGISTRATION).first()


def registration_open(season, now=None) -> bool:
    """Applications are taken while the registration stage is open (server clock)."""
    return gates.is_open(season, StageKind.REGISTRATION, now=now)


def editable(entry: Entry) -> bool:
    return entry.status == EntryStatus.DRAFT


def _refuse_unless_editable(entry: Entry) -> None:
    if not editable(entry):
        raise ValidationError(
            pgettext(
                "validation",
                "This application was submitted and is read-only; an organizer can reopen it.",
            ),
            code="read_only",
        )


def save_answers(*, entry: Entry, by, answers: dict, keys: set[str] | None = None) -> Entry:
    """Merge `answers` into the draft; keys in `keys` that are absent from
    `answers` are cleared (an unticked box). Nothing is checked here: what was
    typed is kept, and the checks run when the page or the summary is shown.

    Side effects: the entry's answers and saved_at (no audit event for drafts).
    """
    _refuse_unless_editable(entry)
    known = set(form_of(entry).parsed.answer_keys())
    merged = dict(entry.answers or {})
    for key in keys if keys is not None else set(answers):
        if key not in known:
            continue
        value = answers.get(key)
        if value in (None, "", []):
            merged.pop(key, None)
        elif isinstance(value, (list, tuple)):
            merged[key] = [str(v) for v in value]
        else:
            merged[key] = str(value)
    entry.answers = merged
    entry.saved_at = timezone.now()
    Entry.objects.filter(pk=entry.pk).update(answers=merged, saved_at=entry.saved_at)
    return entry


def _typed_value(value):
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


@transaction.atomic
def sync_typed(*, entry: Entry, result: appform.Validation, by) -> dict:
    """Copy the answers benchmarking needs into typed data: the enterprise and the
    center, the reported figures (source: the form; percentages become fractions),
    and everything else under Entry.figures. Returns the typed mapping."""
    from ccaward.kpis.models import ReportedFigure

    typed = appform.typed(form_of(entry).parsed, result)
    org, center = entry.center.organization, entry.center

    def assign(obj, attr, value):
        """Set a model field from an answer; an answer the model cannot hold
        (the form checked it already) leaves the field as it was."""
        if attr in ("seats", "year_started"):
            value = int(value)
        elif attr == "website" and value and "://" not in str(value):
            value = f"https://{value}"
        try:
            value = obj._meta.get_field(attr).clean(value, obj)
        except ValidationError:
            return
        setattr(obj, attr, value)

    for key, attr in ORG_FIELDS.items():
        if key in typed and typed[key][0] not in (None, ""):
            assign(org, attr, _typed_value(typed[key][0]))
    for key, attr in CENTER_FIELDS.items():
        if key in typed and typed[key][0] not in (None, ""):
            assign(center, attr, _typed_value(typed[key][0]))
    org.save()
    center.save()
    figures = {}
    for key, (value, kind) in typed.items():
        if value is None:
            continue
        figures[key] = _typed_value(value)
        rkey = FORM_FIELDS.get(key)  # the indicator this field reports, if any
        if rkey is not None:
            # a figure the KPI page checks against the records (or benchmarks, like
            # attrition); the form's other figures stay in Entry.figures
            number = float(value) / 100 if kind == "percent" else float(value)
            existing = ReportedFigure.objects.filter(entry=entry, key=rkey).first()
            if existing and existing.source == ReportedFigure.Source.MANUAL:
                continue  # a figure entered on the KPI page wins
            ReportedFigure.objects.update_or_create(
                entry=entry,
                key=rkey,
                defaults={
                    "value": number,
                    "source": ReportedFigure.Source.FORM,
                    "updated_at": timezone.now(),
                },
            )
    entry.figures = figures
    entry.save(update_fields=["figures"])
    return figures


@transaction.atomic
def submit(*, entry: Entry, by, now=None) -> Entry:
    """Submit a draft before registration closes (server clock).

    Raises SubmissionRefused (with the problems) when the stage is not open or
    the answers are incomplete. Side effects: status, submitted_at, typed data,
    an audit event, a receipt e-mail to the enterprise's members.
    """
    entry = Entry.objects.select_for_update().get(pk=entry.pk)
    _refuse_unless_editable(entry)
    now = now or timezone.now()
    if not registration_open(entry.season, now):
        raise SubmissionRefused(
            pgettext(
                "validation",
                "Registration is closed (server time %(now)s); the application was not submitted.",
            )
            % {"now": timezone.localtime(now).strftime("%Y-%m-%d %H:%M")}
        )
    result = validation(entry)
    if not result.ok:
        raise SubmissionRefused(
            pgettext(
                "validation",
                "%(n)s answers need attention before the application can be submitted.",
            )
            % {"n": len(result.problems)},
            result.problems,
        )
    record_submission(entry=entry, result=result, by=by, at=now)
    from ccaward.applications import notify

    notify.later("submitted", entry)
    return entry


def record_submission(
    *, entry: Entry, result: appform.Validation, by, at, data: dict | None = None
) -> Entry:
    """Mark a checked draft submitted: status and time, its typed data, an audit event.

    The checks (clock, problems) are the caller's: `submit` for applicants, the
    import and the demo for what they create. No e-mail is sent here.
    """
    entry.status = EntryStatus.SUBMITTED
    entry.submitted_at = at
    entry.reopen_reason = ""
    entry.save(update_fields=["status", "submitted_at", "reopen_reason"])
    sync_typed(entry=entry, result=result, by=by)
    audit.record(
        actor=by,
        action="entry.submitted",
        season=entry.season,
        obj=entry,
        summary=f"{entry.center.name} → {entry.category.name_zh}",
        data={"form_version": form_of(entry).version, **(data or {})},
    )
    return entry


@transaction.atomic
def decide(*, entry: Entry, by, accept: bool, reason: str = "") -> Entry:
    """The eligibility check: accept, or reject with a reason the applicant sees.

    Side effects: status and reason, an audit event, an e-mail to the applicant."""
    reason = (reason or "").strip()
    if entry.status not in (EntryStatus.SUBMITTED, EntryStatus.ACCEPTED, EntryStatus.REJECTED):
        raise ValidationError(
            pgettext("validation", "Only a submitted application can be accepted or rejected."),
            code="not_submitted",
        )
    if not accept and not reason:
        raise ValidationError(
            {"reason": pgettext("validation", "Say why the application is rejected.")}
        )
    entry.status = EntryStatus.ACCEPTED if accept else EntryStatus.REJECTED
    entry.decision_reason = reason[:500]
    entry.save(update_fields=["status", "decision_reason"])
    audit.record(
        actor=by,
        action="entry.accepted" if accept else "entry.rejected",
        season=entry.season,
        obj=entry,
        summary=f"{entry.center.name}: {reason}" if reason else entry.center.name,
    )
    from ccaward.applications import notify

    notify.later("accepted" if accept else "rejected", entry)
    return entry


@transaction.atomic
def reopen(*, entry: Entry, by, reason: str) -> Entry:
    """An organizer reopens a submitted application for changes (a reason is required).

    Side effects: back to draft, an audit event, an e-mail to the applicant."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": pgettext("validation", "Say why it is reopened.")})
    if entry.status == EntryStatus.DRAFT:
        raise ValidationError(pgettext("validation", "This application is a draft already."))
    if entry.status == EntryStatus.WITHDRAWN:
        raise ValidationError(
            pgettext("validation", "The applicant withdrew this application; they can restart it.")
        )
    entry.status = EntryStatus.DRAFT
    entry.reopen_reason = reason[:500]
    entry.save(update_fields=["status", "reopen_reason"])
    audit.record(
        actor=by,
        action="entry.reopened",
        season=entry.season,
        obj=entry,
        summary=f"{entry.center.name}: {reason}",
    )
    from ccaward.applications import notify

    notify.later("reopened", entry)
    return entry


@transaction.atomic
def restart(*, entry: Entry, by) -> Entry:
    """A withdrawn application becomes a draft again (its answers kept)."""
    if entry.status != EntryStatus.WITHDRAWN:
        raise ValidationError(pgettext("validation", "Only a withdrawn application can restart."))
    entry.status = EntryStatus.DRAFT
    entry.submitted_at = None
    entry.save(update_fields=["status", "submitted_at"])
    audit.record(
        actor=by,
        action="entry.restarted",
        season=entry.season,
        obj=entry,
        summary=entry.center.name,
    )
    return entry


@transaction.atomic
def withdraw(*, entry: Entry, by) -> Entry:
    if entry.status in (EntryStatus.WITHDRAWN,):
        return entry
    entry.status = EntryStatus.WITHDRAWN
    entry.save(update_fields=["status"])
    audit.record(
        actor=by,
        action="entry.withdrawn",
        season=entry.season,
        obj=entry,
        summary=entry.center.name,
    )
    return entry


def remind_drafts(*, season, by=None, now=None, days: int | None = None) -> int:
    """Remind each draft once when registration closes within `days` days.

    Returns how many entries were reminded. Side effects: reminded_at, e-mails,
    an audit event when any were sent."""
    from ccaward.applications import notify

    now = now or timezone.now()
    days = days or settings.REMINDER_DAYS
    stage = registration_stage(season)
    if stage is None or not registration_open(season, now):
        return 0
    if stage.closes_at - now > dt.timedelta(days=days):
        return 0
    drafts = Entry.objects.filter(
        season=season, status=EntryStatus.DRAFT, reminded_at__isnull=True
    ).select_related("center")
    n = 0
    with transaction.atomic():
        for entry in drafts:
            entry.reminded_at = now
            entry.save(update_fields=["reminded_at"])
            notify.later("reminder", entry)
            n += 1
        if n:
            audit.record(
                actor=by,
                action="entry.reminded",
                season=season,
                summary=str(n),
                data={"entries": n},
            )
    return n


# --------------------------------------------------------------------------- files


def upload_limit_bytes() -> int:
    return settings.APPLICATION_UPLOAD_MB * 1024 * 1024


@transaction.atomic
def attach_file(*, entry: Entry, field_key: str, upload, by) -> EntryFile:
    """Store a file for a file question after checking its content and size.

    Raises ValidationError naming the question. Side effects: EntryFile, the
    answer lists the file, an audit event."""
    from ccaward.applications import files
    from ccaward.applications.wording import question_label

    _refuse_unless_editable(entry)
    defn = form_of(entry).parsed
    field = defn.fields.get(field_key)
    if field is None or field.type != "file":
        raise ValidationError(pgettext("validation", "There is no such file question."))
    label = question_label(defn, field_key)
    if upload.size > upload_limit_bytes():
        raise ValidationError(
            pgettext(
                "validation", "%(question)s: the file is %(size)s MB; the limit is %(limit)s MB."
            )
            % {
                "question": label,
                "size": f"{upload.size / 1024 / 1024:.1f}",
                "limit": settings.APPLICATION_UPLOAD_MB,
            },
            code="too_large",
        )
    kind = files.sniff(upload)
    if kind is None or kind not in field.accept:
        raise ValidationError(
            pgettext(
                "validation",
                "%(question)s: “%(name)s” is not a %(kinds)s file (its content was checked, not its name).",
            )
            % {
                "question": label,
                "name": upload.name,
                "kinds": "/".join(k.upper() for k in field.accept),
            },
            code="file_type",
        )
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    current = [str(x) for x in (entry.answers or {}).get(field_key, [])]
    if current and not field.multiple:
        for old in EntryFile.objects.filter(entry=entry, field_key=field_key):
            old.file.delete(save=False)
            old.delete()
        current = []
    stored = EntryFile(
        entry=entry,
        field_key=field_key,
        name=Path(upload.name).name[:255],
        kind=kind,
        size=upload.size,
        sha256=digest.hexdigest(),
        uploaded_by=by if getattr(by, "pk", None) else None,
    )
    stored.file.save(f"{kind}{files.EXTENSIONS[kind]}", upload, save=False)
    stored.save()
    entry.answers = {**(entry.answers or {}), field_key: [*current, str(stored.pk)]}
    entry.saved_at = timezone.now()
    entry.save(update_fields=["answers", "saved_at"])
    audit.record(
        actor=by,
        action="entry.file_attached",
        season=entry.season,
        obj=entry,
        summary=f"{field_key}: {stored.name}",
    )
    return stored


@transaction.atomic
def remove_file(*, entry: Entry, stored: EntryFile, by) -> None:
    _refuse_unless_editable(entry)
    key = stored.field_key
    ids = [x for x in (entry.answers or {}).get(key, []) if str(x) != str(stored.pk)]
    answers = dict(entry.answers or {})
    if ids:
        answers[key] = ids
    else:
        answers.pop(key, None)
    entry.answers = answers
    entry.saved_at = timezone.now()
    entry.save(update_fields=["answers", "saved_at"])
    stored.file.delete(save=False)
    stored.delete()


# --------------------------------------------------------------------------- organizer views


def duplicates(entries) -> dict[int, list[str]]:
    """Entries that may be the same applicant twice: another enterprise with the
    same credit code, or another center with the same name. Returns entry id ->
    reasons (codes "credit_code" / "center_name")."""
    by_code: dict[str, set[int]] = {}
    by_name: dict[str, set[int]] = {}
    entries = list(entries)
    for e in entries:
        code = (e.center.organization.credit_code or "").strip().upper()
        if code:
            by_code.setdefault(code, set()).add(e.center.organization_id)
        by_name.setdefault(normalize_name(e.center.name), set()).add(e.center_id)
    out: dict[int, list[str]] = {}
    for e in entries:
        reasons = []
        code = (e.center.organization.credit_code or "").strip().upper()
        if code and len(by_code.get(code, ())) > 1:
            reasons.append("credit_code")
        if len(by_name.get(normalize_name(e.center.name), ())) > 1:
            reasons.append("center_name")
        if reasons:
            out[e.pk] = reasons
    return out
