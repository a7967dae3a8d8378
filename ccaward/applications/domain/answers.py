"""Filling in a draft: saving answers as typed (autosave), attaching and
removing files. A submitted application is read-only."""

from __future__ import annotations

import hashlib
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import pgettext

from ccaward.applications import files
from ccaward.applications.domain.form_versions import form_of
from ccaward.applications.enums import EntryStatus
from ccaward.applications.models import Entry, EntryFile
from ccaward.applications.wording import question_label
from ccaward.core import audit, drafts
from ccaward.engine import appform


def editable(entry: Entry) -> bool:
    return entry.status == EntryStatus.DRAFT


def require_editable(entry: Entry) -> None:
    """Raise ValidationError (code "read_only") unless the entry is a draft."""
    if not editable(entry):
        raise read_only_error()


def lock_draft(entry: Entry) -> None:
    """Hold the entry's row (inside a transaction) and read its status and answers
    afresh, so a change of its files keeps the answers saved meanwhile; raise
    ValidationError (code "read_only") unless it is still a draft."""
    fresh = Entry.objects.select_for_update().get(pk=entry.pk)
    for name in ("status", "answers", "answers_version", "answer_versions"):
        setattr(entry, name, getattr(fresh, name))
    require_editable(entry)


def read_only_error() -> ValidationError:
    return ValidationError(
        pgettext(
            "validation",
            "This application was submitted and is read-only; an organizer can reopen it.",
        ),
        code="read_only",
    )


def _too_long(defn, changes: dict) -> None:
    """Refuse a save with an answer over its limit, naming the question."""
    over = appform.over_limit(defn, {k: v for k, v in changes.items() if v not in (None, "")})
    if not over:
        return
    messages = {
        key: pgettext("validation", "%(question)s: %(length)s characters; the limit is %(limit)s.")
        % {"question": question_label(defn, key), "length": length, "limit": limit}
        for key, (limit, length) in over.items()
    }
    raise ValidationError(
        {key: ValidationError(text, code="too_long") for key, text in messages.items()}
    )


def save_answers(
    *,
    entry: Entry,
    by,
    answers: dict,
    keys: set[str] | None = None,
    version: int | None = None,
    bases: dict | None = None,
) -> drafts.Saved:
    """Save answers into the draft (core/drafts.py): only the keys of `answers`
    (or `keys`; a key in `keys` absent from `answers` is cleared, an unticked
    box) whose value changed are written, under the entry's row lock. With
    `version` (the answers' version the save was based on) and `bases` (the values
    the changes started from), a field someone else changed since is a conflict.
    Nothing else is checked: what was typed is kept, and the checks run when the
    page or the summary is shown; only the lengths are limited and control
    characters refused.

    Raises ValidationError: code "read_only" once the entry is not a draft (checked
    under the lock), or one per answer holding a control character (code
    "control_character") or over its limit (code "too_long"). Raises drafts.DraftConflict
    with the conflicting fields. Side effects: the entry's answers, their version,
    their summary (refreshed by Entry.save) and saved_at (no audit event for drafts)."""
    defn = form_of(entry).parsed
    known = set(defn.answer_keys())
    changes = {
        key: drafts.normalize(answers.get(key))
        for key in (keys if keys is not None else set(answers))
        if key in known
    }
    _too_long(defn, changes)
    # the summary of the answers this save will most likely write, computed before the
    # row lock: the save finds it (Entry.summarize) unless the answers moved meanwhile
    Entry(form=entry.form, answers=drafts.merged(entry.answers, changes)).summarize()
    try:
        saved = drafts.save_draft(
            model=Entry,
            pk=entry.pk,
            changes=changes,
            base_version=version,
            bases={k: v for k, v in (bases or {}).items() if k in changes},
            editable=editable,
            also={"saved_at": timezone.now()},
            multiline=lambda key: appform.is_multiline(defn, key),
            label=lambda key: question_label(defn, key),
        )
    except drafts.DraftReadOnly:
        raise read_only_error() from None
    for name in ("answers", "answers_version", "answer_versions", "saved_at", "status", "summary"):
        setattr(entry, name, getattr(saved.obj, name))
    return saved


def upload_limit_bytes() -> int:
    return settings.APPLICATION_UPLOAD_MB * 1024 * 1024


def _check_upload(upload, field, label: str) -> str:
    """The upload's kind (by content), or ValidationError naming the question."""
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
    kind = files.sniff(upload, label)
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
    return kind


def _sha256(upload) -> str:
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()


@transaction.atomic
def attach_file(*, entry: Entry, field_key: str, upload, by) -> EntryFile:
    """Store a file for a file question after checking its content and size.

    Raises ValidationError naming the question. Side effects: EntryFile (a file
    question that takes one file drops the one it had), the answer lists the
    file, an audit event."""
    lock_draft(entry)
    defn = form_of(entry).parsed
    field = defn.fields.get(field_key)
    if field is None or field.type != "file":
        raise ValidationError(pgettext("validation", "There is no such file question."))
    kind = _check_upload(upload, field, question_label(defn, field_key))
    sha256 = _sha256(upload)
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
        sha256=sha256,
        uploaded_by=by if getattr(by, "pk", None) else None,
    )
    stored.file.save(f"{kind}{files.EXTENSIONS[kind]}", upload, save=False)
    stored.save()
    answers = {**(entry.answers or {}), field_key: [*current, str(stored.pk)]}
    entry.saved_at = timezone.now()
    entry.save(update_fields=["saved_at", *drafts.replace(entry, answers)])
    audit.record(
        actor=by,
        action="entry.file_attached",
        season=entry.season,
        obj=entry,
        summary=f"{field_key}: {stored.name}",
        data={**entry.audit_names(), "file": stored.name},
    )
    return stored


@transaction.atomic
def remove_file(*, entry: Entry, stored: EntryFile, by) -> None:
    """Side effects: the file and its row are deleted, the answer no longer lists it."""
    lock_draft(entry)
    key = stored.field_key
    ids = [x for x in (entry.answers or {}).get(key, []) if str(x) != str(stored.pk)]
    answers = dict(entry.answers or {})
    if ids:
        answers[key] = ids
    else:
        answers.pop(key, None)
    entry.saved_at = timezone.now()
    entry.save(update_fields=["saved_at", *drafts.replace(entry, answers)])
    stored.file.delete(save=False)
    stored.delete()
