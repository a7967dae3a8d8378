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
from ccaward.core import audit


def editable(entry: Entry) -> bool:
    return entry.status == EntryStatus.DRAFT


def require_editable(entry: Entry) -> None:
    """Raise ValidationError (code "read_only") unless the entry is a draft."""
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
    require_editable(entry)
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
    require_editable(entry)
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
    """Side effects: the file and its row are deleted, the answer no longer lists it."""
    require_editable(entry)
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
