"""A contact's recording (MP3, M4A, AMR, WAV) or chat transcript (UTF-8 text),
uploaded to the shopper's card: checked by its content (mystery/files.py, never
by its name), within its size limit, stored under the card with its SHA-256.

A recording may be added to a submitted card too (a second scorer scores from
it, organizers listen to it); it never changes the card's answers or score."""

from __future__ import annotations

import hashlib

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import pgettext

from ccaward.mystery import files
from ccaward.mystery.domain.recording import audit_card, gate
from ccaward.mystery.models import Card, Recording

NAME_MAX = 200


def _refuse(name: str, why: str) -> ValidationError:
    return ValidationError(
        {"file": pgettext("mystery", "“%(name)s” %(why)s") % {"name": name, "why": why}},
        code="upload",
    )


def _digest(upload) -> str:
    sha = hashlib.sha256()
    upload.seek(0)
    for chunk in (
        upload.chunks() if hasattr(upload, "chunks") else iter(lambda: upload.read(1 << 20), b"")
    ):
        sha.update(chunk)
    upload.seek(0)
    return sha.hexdigest()


def checked_kind(upload, name: str) -> str:
    """The upload's kind (files.AUDIO_KINDS or "txt"); ValidationError naming the
    file when it is none of them or over its size limit."""
    size = getattr(upload, "size", None)
    if size is None:
        raise _refuse(name, pgettext("mystery", "could not be read."))
    if size > files.AUDIO_MAX_BYTES:
        return _too_large(name, files.AUDIO_MAX_BYTES)
    kind = files.sniff(upload)
    if kind is None:
        upload.seek(0)
        found = files.control_in(upload.read(files.TEXT_MAX_BYTES + 1))
        upload.seek(0)
        if found:
            raise _refuse(
                name,
                pgettext(
                    "mystery",
                    "is text holding a control character (%(character)s): remove it and upload again.",
                )
                % {"character": found},
            )
        raise _refuse(
            name,
            pgettext(
                "mystery",
                "is neither a recording (MP3, M4A, AMR, WAV) nor a transcript (UTF-8 text).",
            ),
        )
    if size > files.limit_of(kind):
        _too_large(name, files.limit_of(kind))
    return kind


def _too_large(name: str, limit: int):
    raise _refuse(
        name, pgettext("mystery", "is larger than %(mb)s MB.") % {"mb": limit // (1024 * 1024)}
    )


def upload(*, card: Card, file, by, now=None) -> Recording:
    """Store `file` (an uploaded file) under `card`. Raises PermissionDenied (not the
    card's shopper), StageClosed, ValidationError naming the file (not a recording
    or transcript, too large, an empty file). Side effects: the file in the media
    storage, a Recording row, an audit event `mystery.recording_uploaded`."""
    note = gate(card, by, now)
    name = (getattr(file, "name", "") or "upload").rsplit("/", 1)[-1][:NAME_MAX]
    if not getattr(file, "size", 0):
        raise _refuse(name, pgettext("mystery", "is empty."))
    kind = checked_kind(file, name)
    digest = _digest(file)
    with transaction.atomic():
        row = Recording(
            card=card, name=name, kind=kind, size=file.size, sha256=digest, uploaded_by=by
        )
        row.file.save(f"{row.uuid.hex}.{kind}", file, save=False)
        row.save()
        audit_card(
            card,
            by,
            "mystery.recording_uploaded",
            f"{kind} for contact {card.contact_id}",
            note,
            name=name,
            kind=kind,
            size=file.size,
            sha256=digest,
        )
    return row
