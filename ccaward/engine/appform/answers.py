"""Answers as typed (strings, lists of strings) and what checking them finds.

Problems carry a code and parameters, never a sentence, so each caller says
them in its own language.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any


@dataclass(frozen=True)
class Problem:
    """``key`` is the answer key (or a check's key); ``section`` the page that shows it."""

    key: str
    section: str
    code: str
    params: Mapping[str, Any] = field(default_factory=dict)


@dataclass
class Validation:
    values: dict[str, Any]
    problems: list[Problem]
    visible: set[str]
    progress: dict[str, tuple[int, int]]

    @property
    def ok(self) -> bool:
        return not self.problems

    def by_key(self) -> dict[str, list[Problem]]:
        out: dict[str, list[Problem]] = {}
        for p in self.problems:
            out.setdefault(p.key, []).append(p)
        return out

    def by_section(self) -> dict[str, list[Problem]]:
        out: dict[str, list[Problem]] = {}
        for p in self.problems:
            out.setdefault(p.section, []).append(p)
        return out


def normalize_number(raw: str) -> str:
    """Full-width digits and signs to ASCII, thousands separators and a trailing % dropped."""
    s = unicodedata.normalize("NFKC", str(raw)).strip().replace(",", "").replace(" ", "")
    return s[:-1] if s.endswith("%") else s


def parse_number(raw: str, kind: str) -> Decimal | int:
    """Raises ValueError with the problem code ("integer" or "number")."""
    s = normalize_number(raw)
    if kind in ("integer", "year"):
        if not re.fullmatch(r"[+-]?\d+", s):
            raise ValueError("integer")
        return int(s)
    try:
        value = Decimal(s)
    except InvalidOperation:
        raise ValueError("number") from None
    if not value.is_finite():
        raise ValueError("number")
    return value


def blank(value) -> bool:
    """Nothing typed: None, spaces, or a list of them."""
    if value is None:
        return True
    if isinstance(value, (list, tuple)):
        return not any(str(v).strip() for v in value)
    return not str(value).strip()


def as_list(value) -> list[str]:
    """The non-blank strings of an answer, one or many."""
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value if str(v).strip()]
    return [str(value)] if str(value).strip() else []
