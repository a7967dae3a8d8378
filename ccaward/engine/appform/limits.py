"""How long an answer may be when it is saved.

A text question's limit is its ``max_length``; every other answer (a number, a
choice, a table cell, the text of "other" or of a detail) has a short default,
and a multi-choice answer has at most one value per option. A save over a limit
is refused whole, so a draft never holds more than its form allows."""

from __future__ import annotations

from ccaward.engine.appform.definition import Definition

# a number, a choice, a cell, the text of "other, please specify" or of a detail
SHORT_ANSWER = 500


def answer_limit(defn: Definition, key: str) -> int:
    """The most characters the answer under `key` may hold."""
    field = defn.owner(key)
    if field is not None and key == field.key and field.max_length:
        return field.max_length
    return SHORT_ANSWER


def over_limit(defn: Definition, answers: dict) -> dict[str, tuple[int, int]]:
    """Answers longer than their limit: key → (limit, length). A list counts its
    longest value, and a list longer than the question's options is over too."""
    out: dict[str, tuple[int, int]] = {}
    for key, value in answers.items():
        limit = answer_limit(defn, key)
        if isinstance(value, (list, tuple)):
            field = defn.owner(key)
            most = len(field.choices()) if field is not None and field.choices() else 50
            if len(value) > most:
                out[key] = (most, len(value))
                continue
            length = max((len(str(v)) for v in value), default=0)
        else:
            length = len(str(value or ""))
        if length > limit:
            out[key] = (limit, length)
    return out


def is_multiline(defn: Definition, key: str) -> bool:
    """Whether the answer under `key` may span lines (a multi-line text question's)."""
    field = defn.owner(key)
    return field is not None and key == field.key and field.type == "textarea"
