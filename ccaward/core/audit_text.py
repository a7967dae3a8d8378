"""How an audit event reads: a sentence in the reader's language, filled from the event.

Each app's ``audit_labels.py`` declares ``AUDIT_LABELS`` (event key -> ``Label``: the
kind's short name, for badges and filters, and a sentence template such as
"%(actor)s imported %(count)s applications") and may declare ``AUDIT_VALUES`` (data key
-> how one value reads, e.g. a role key as the role's name). ``core.plugins`` registers
both when Django is ready. A sentence is filled with ``actor`` (the person's name, or
"the system"), ``season`` (its name), ``object`` (the event's summary) and the event's
data: text and whole numbers as they are, lists joined with the language's separator, a
{"zh", "en"} pair by the language, [before, after] pairs as the changed fields' names
(``fields``). An event whose template cannot be filled (an older event without the data)
reads "actor: kind" with its summary; no key or Python value is ever shown as it is.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.utils import formats, timezone
from django.utils.translation import get_language, pgettext

KINDS: dict[str, Any] = {}
SENTENCES: dict[str, Label] = {}
VALUES: dict[str, Callable[[Any], str]] = {}

NOTE_KEYS = ("reason", "note", "correction")


@dataclass(frozen=True)
class Label:
    """An event key's kind (short name) and sentence; ``params(data)`` adds values."""

    kind: Any
    sentence: Any
    params: Callable[[dict], dict] | None = None

    def __str__(self) -> str:
        return str(self.kind)


def register(labels: dict, values: dict | None = None) -> None:
    for key, label in labels.items():
        KINDS[key] = label  # str(label): the kind's short name
        if isinstance(label, Label):
            SENTENCES[key] = label
    VALUES.update(values or {})


def join(items: Iterable) -> str:
    """Items joined with the language's list separator (", " or "、")."""
    return pgettext("list separator", ", ").join(str(i) for i in items)


def localized(pair: dict) -> str:
    """The zh or en text of a {"zh": ..., "en": ...} pair by the active language."""
    if (get_language() or "").startswith("en"):
        return pair.get("en") or pair.get("zh") or ""
    return pair.get("zh") or pair.get("en") or ""


def _moment(text: str) -> str | None:
    try:
        when = dt.datetime.fromisoformat(text)
    except ValueError:
        return None
    if timezone.is_aware(when):
        when = timezone.localtime(when)
    return formats.date_format(when, "Y-m-d H:i")


def shown(key: str, value) -> str | None:
    """How one data value reads, or None when it cannot be shown as text."""
    if key in VALUES:
        return VALUES[key](value)
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        return formats.number_format(value, force_grouping=True)
    if isinstance(value, str):
        return (_moment(value) if key == "until" or key.endswith("_at") else None) or value
    if isinstance(value, dict) and {"zh", "en"} >= set(value) and value:
        return localized(value)
    if isinstance(value, list) and all(isinstance(v, str | int | float) for v in value):
        return join(shown(key, v) if key in VALUES else v for v in value)
    return None


def field_names(event) -> list[str]:
    """The names of the fields an event's [before, after] pairs changed."""
    try:
        model = apps.get_model(event.object_type) if event.object_type else None
    except (LookupError, ValueError):
        model = None
    names = []
    for name, value in (event.data or {}).items():
        if not (isinstance(value, list) and len(value) == 2) or model is None:
            continue
        try:
            names.append(str(model._meta.get_field(name).verbose_name))
        except FieldDoesNotExist:
            continue
    return names


def actor_name(event) -> str:
    if event.actor is not None:
        return event.actor.display_name
    if event.actor_label and event.actor_label != "system":
        return event.actor_label
    return pgettext("audit", "The system")


def params(event) -> dict:
    out = {"actor": actor_name(event), "object": event.summary}
    if event.season_id:
        out["season"] = event.season.name
    for key, value in (event.data or {}).items():
        text = shown(key, value)
        if text is not None:
            # a whole number stays a number: a plural sentence chooses its form by it
            out[key] = value if isinstance(value, int) and key not in VALUES else text
    names = field_names(event)
    if names:
        out["fields"] = join(names)
    label = SENTENCES.get(event.action)
    if label is not None and label.params is not None:
        out.update(label.params(event.data or {}))
    return out


def kind(action: str) -> str:
    """An event key's short name; an unknown key reads as "Other change"."""
    label = KINDS.get(action)
    return str(label) if label is not None else pgettext("audit", "Other change")


def sentence(event) -> str:
    """What happened, as a sentence in the active language."""
    values = params(event)
    label = SENTENCES.get(event.action)
    if label is not None:
        try:
            return str(label.sentence % values)
        except (KeyError, TypeError, ValueError):
            pass
    text = pgettext("audit", "%(actor)s: %(kind)s") % {
        "actor": values["actor"],
        "kind": kind(event.action),
    }
    return f"{text} — {event.summary}" if event.summary else text


def details(event) -> str:
    """The reason or note given with the event, when there is one."""
    data = event.data or {}
    return join(shown(k, data[k]) or "" for k in NOTE_KEYS if data.get(k))
