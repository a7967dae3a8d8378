"""Drafts saved as they are typed: one way to apply a save so that none is lost.

Every draft that autosaves (registration's answers now; judges' reviews, site
visits and mystery scorecards next) keeps its values in a JSON field of a row,
with a version (an integer bumped by every save that changes something) and the
version each value was last written at. A save carries the version it was based
on and only the fields that changed, each with the value it was changed from
(its base). :func:`save_draft` applies it inside a transaction holding the row
(``select_for_update`` on PostgreSQL; SQLite's immediate transactions run one at
a time), so two saves of different fields are both kept, and

- a field whose stored value changed since the base (another session saved it)
  and differs from what is sent is a :class:`Conflict`: nothing is written and
  :class:`DraftConflict` lists each one (field, base, stored, sent) for the
  person to choose;
- a row that is no longer a draft (submitted in the meantime) is refused with
  :class:`DraftReadOnly`, checked under the same lock as the write;
- a value holding a control character (NUL, which PostgreSQL cannot store, and
  the other invisible ones of engine/text.py) is refused before anything is read,
  with a ValidationError naming the field (code ``control_character``), so a page
  says why and does not send the same save again.

A save without a base version merges as before (last write wins per field).
A save with a base version but without a field's base compares that field by the
version it was last written at, so every other writer of a draft's values (an
import, an attached file, a demo) goes through :func:`replace`, which records
the versions the same way.

The row is written through the model's ``save(update_fields=...)``, so a model
that keeps something derived from its data (an entry's summary of its checks)
refreshes it in the same transaction.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from ccaward.core import text
from ccaward.engine.text import first_in

# the largest body a save may have (the API's and the autosave view's)
MAX_SAVE_BYTES = 256 * 1024

EMPTY = (None, "", [], ())


def normalize(value: Any) -> str | list[str] | None:
    """A value as it is stored: None when empty, a list of strings, or a string."""
    if value is None or (isinstance(value, (str, list, tuple)) and len(value) == 0):
        return None
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value]
    return str(value)


def merged(stored: dict, changes: dict) -> dict:
    """`stored` with the (normalized) `changes` applied as a save applies them."""
    out = dict(stored or {})
    for key, value in changes.items():
        if normalize(out.get(key)) == value:
            continue
        if value is None:
            out.pop(key, None)
        else:
            out[key] = value
    return out


@dataclass(frozen=True)
class Conflict:
    field: str
    base: Any
    stored: Any
    sent: Any

    def as_dict(self) -> dict:
        return {"field": self.field, "base": self.base, "stored": self.stored, "sent": self.sent}


class DraftConflict(Exception):
    """Fields changed by someone else since the save's base version."""

    def __init__(self, conflicts: list[Conflict], version: int):
        super().__init__(", ".join(c.field for c in conflicts))
        self.conflicts = conflicts
        self.version = version


class DraftReadOnly(Exception):
    """The row is no longer a draft (checked under the row lock)."""


@dataclass(frozen=True)
class Saved:
    obj: Any
    version: int
    written: list[str]


def replace(
    obj,
    values: dict,
    *,
    data_field: str = "answers",
    version_field: str = "answers_version",
    versions_field: str = "answer_versions",
) -> list[str]:
    """Set the row's values to `values` as a writer other than :func:`save_draft`
    does (the caller holds the row): when a value changed, the version is bumped
    and every changed or removed field records it, so a save based on an older
    version meets the change as a conflict. Returns the names of the columns to
    save."""
    before = dict(getattr(obj, data_field) or {})
    changed = [
        key
        for key in {*before, *values}
        if normalize(before.get(key)) != normalize(values.get(key))
    ]
    setattr(obj, data_field, values)
    if changed:
        version = int(getattr(obj, version_field) or 0) + 1
        field_versions = dict(getattr(obj, versions_field) or {})
        field_versions.update(dict.fromkeys(changed, version))
        setattr(obj, version_field, version)
        setattr(obj, versions_field, field_versions)
    return [data_field, version_field, versions_field]


def body_too_large(request) -> bool:
    """Whether a save's request body is over MAX_SAVE_BYTES (by its Content-Length)."""
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0) > MAX_SAVE_BYTES
    except ValueError:
        return True


def _json_arg(request, name: str, kind: type):
    try:
        value = json.loads(request.POST[name])
    except (KeyError, ValueError):
        return None
    return value if isinstance(value, kind) else None


def posted_save(request, keys: set[str], stored: dict) -> dict:
    """An autosaving page's post as a save: the fields among `keys` that differ from
    the value the page showed (`_base`, JSON) with that base, and the page's
    `_version` as `base_version` (None when missing); autosave sends only the changed
    fields and their names (`_keys`). The conflict panel's buttons post `_keep`
    (mine over the stored value) or `_take` (the stored value) naming one field."""
    sent = _json_arg(request, "_keys", list)
    if sent is not None:
        keys = keys & {str(k) for k in sent}
    posted = {k: request.POST.get(k, "") for k in keys}
    bases = _json_arg(request, "_base", dict) or {}
    try:
        version = int(request.POST["_version"])
    except (KeyError, ValueError):
        version = None
    keep, take = request.POST.get("_keep"), request.POST.get("_take")
    if keep in keys:
        bases[keep] = stored.get(keep)
    if take in keys:
        posted[take] = stored.get(take) or ""
    changes = {k: posted[k] for k in keys if normalize(posted[k]) != normalize(bases.get(k))}
    return {
        "changes": changes,
        "base_version": version,
        "bases": {k: bases.get(k) for k in changes},
    }


def conflicts_of(
    *,
    stored: dict,
    field_versions: dict,
    changes: dict,
    base_version: int,
    bases: dict,
) -> list[Conflict]:
    """Changed fields whose stored value moved since the base and is not what is sent.

    A field sent with its base value is compared by value; without one, by the
    version it was last written at."""
    out = []
    for key, sent in changes.items():
        current = normalize(stored.get(key))
        if current == sent:
            continue
        if key in bases:
            moved = current != normalize(bases[key])
        else:
            moved = int(field_versions.get(key, 0)) > base_version
        if moved:
            out.append(Conflict(key, normalize(bases.get(key)), current, sent))
    return out


def refuse_control_characters(
    changes: dict, *, multiline: Callable[[str], bool], label: Callable[[str], str]
) -> None:
    """Raise ValidationError {field: message naming it} (code ``control_character``)
    for every changed value holding a control character; line breaks are allowed
    where `multiline(field)`, a tab anywhere."""
    found = {
        key: ValidationError(text.message(label(key), char), code=text.CODE)
        for key, value in changes.items()
        if (char := first_in(value, multiline=multiline(key)))
    }
    if found:
        raise ValidationError(found)


def save_draft(
    *,
    model,
    pk,
    changes: dict,
    base_version: int | None = None,
    bases: dict | None = None,
    editable: Callable[[Any], bool] = lambda obj: True,
    also: dict | None = None,
    data_field: str = "answers",
    version_field: str = "answers_version",
    versions_field: str = "answer_versions",
    multiline: Callable[[str], bool] = lambda key: False,
    label: Callable[[str], str] = str,
) -> Saved:
    """Apply a save to the draft row `model`(pk=`pk`).

    `changes` maps fields to their new values (empty clears); `bases` maps them to
    the values they were changed from. Raises ValidationError (writing nothing)
    when a value holds a control character (`label(field)` names the field in the
    message; `multiline(field)` allows line breaks), DraftReadOnly when
    `editable(row)` is false and DraftConflict (writing nothing) when a field
    changed since `base_version`. Side effects: the row's data, version and field versions,
    and `also` (other columns to set, e.g. the time of the save)."""
    changes = {key: normalize(value) for key, value in changes.items()}
    refuse_control_characters(changes, multiline=multiline, label=label)
    with transaction.atomic():
        obj = model.objects.select_for_update().get(pk=pk)
        if not editable(obj):
            raise DraftReadOnly
        stored = dict(getattr(obj, data_field) or {})
        field_versions = dict(getattr(obj, versions_field) or {})
        version = int(getattr(obj, version_field) or 0)
        if base_version is not None:
            conflicts = conflicts_of(
                stored=stored,
                field_versions=field_versions,
                changes=changes,
                base_version=base_version,
                bases=bases or {},
            )
            if conflicts:
                raise DraftConflict(conflicts, version)
        written = [key for key, value in changes.items() if normalize(stored.get(key)) != value]
        if written:
            version += 1
        stored = merged(stored, changes)
        for key in written:
            field_versions[key] = version
        update = {
            data_field: stored,
            version_field: version,
            versions_field: field_versions,
            **(also or {}),
        }
        for name, value in update.items():
            setattr(obj, name, value)
        # through the model's save, which may derive more from the data (a summary)
        obj.save(update_fields=list(update))
    return Saved(obj=obj, version=version, written=written)
