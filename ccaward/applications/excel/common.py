"""The workbook format that the export writes and the import reads: the column
keys in row 2, the identity columns before the answers, and how a cell's text
is compared."""

from __future__ import annotations

import re
import unicodedata

from django.utils import translation
from django.utils.translation import pgettext_lazy

from ccaward.applications.enums import EntryStatus

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
KEY_ROW, FIRST_ROW = 2, 3
EXAMPLE_MARKS = {"example", "示例"}

# identity columns, before the answers; only the first three are read on import
IDENTITY = {
    "_entry": pgettext_lazy("export column", "Application no."),
    "_category": pgettext_lazy("export column", "Category"),
    "_status": pgettext_lazy("export column", "Status"),
    "_submitted_at": pgettext_lazy("export column", "Submitted at (Beijing time)"),
    "_duplicate": pgettext_lazy("export column", "Possible duplicate"),
    "_recommendations": pgettext_lazy("export column", "Recommendations"),
}


def language_of(language: str | None) -> str:
    return "en" if (language or "").startswith("en") else "zh-hans"


def blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def empty(value) -> bool:
    if isinstance(value, (list, tuple)):
        return all(blank(v) for v in value)
    return blank(value)


def norm(text) -> str:
    return unicodedata.normalize("NFKC", str(text)).strip().casefold()


def as_int(value) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    s = norm(value).lstrip("#")
    return int(s) if re.fullmatch(r"\d+", s) else None


def statuses() -> dict[str, str]:
    """A status cell's text (value, or label in either language) -> the status."""
    out = {}
    for value, label in EntryStatus.choices:
        out[value] = value
        for lang in ("zh-hans", "en"):
            with translation.override(lang):
                out[norm(label)] = value
    out.update({"草稿": EntryStatus.DRAFT, "已提交": EntryStatus.SUBMITTED})
    return out
