"""Placeholders in a form definition's texts, filled when the form is shown.

A text (``{zh: …, en: …}``) may name the season's award, its year or its
organizer as ``{award}``, ``{year}`` and ``{organizer}``; :func:`fill` replaces
them in the language of each side, so one definition serves every season and a
renamed season renames its form. Other braces are left as they are.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

PLACEHOLDERS: tuple[str, ...] = ("award", "year", "organizer")
_TOKEN = re.compile(r"\{(" + "|".join(PLACEHOLDERS) + r")\}")
_ANY = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")
LANGUAGES = ("zh", "en")


def _is_text(value: object) -> bool:
    return isinstance(value, Mapping) and bool(value) and set(value) <= set(LANGUAGES)


def fill(data, values: Mapping[str, Mapping[str, str]]):
    """A copy of `data` (a definition, or any part of one) with the placeholders of
    every text replaced: ``values["award"]["zh"]`` in the Chinese side and so on."""
    if _is_text(data):
        return {
            lang: _TOKEN.sub(lambda m, lang=lang: str(values[m.group(1)][lang]), text)
            if isinstance(text, str)
            else text
            for lang, text in data.items()
        }
    if isinstance(data, Mapping):
        return {key: fill(value, values) for key, value in data.items()}
    if isinstance(data, list):
        return [fill(value, values) for value in data]
    return data


def unknown(text: str) -> list[str]:
    """The names in braces in `text` that are not placeholders ({awrad} …)."""
    return [name for name in _ANY.findall(text or "") if name not in PLACEHOLDERS]


def used(data) -> set[str]:
    """The placeholders the texts of `data` use."""
    if _is_text(data):
        return {m for text in data.values() if isinstance(text, str) for m in _TOKEN.findall(text)}
    if isinstance(data, Mapping):
        return set().union(*(used(v) for v in data.values())) if data else set()
    if isinstance(data, list):
        return set().union(*(used(v) for v in data)) if data else set()
    return set()
