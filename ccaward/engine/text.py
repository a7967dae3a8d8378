"""Control characters in typed text.

NUL and the other control characters have no place in what a person types:
PostgreSQL refuses NUL in text outright, and the others are invisible (they come
with text pasted from terminals, PDFs or mis-decoded files). Refused are the C0
controls (U+0000-U+001F), DEL (U+007F) and the C1 controls (U+0080-U+009F, which
in typed text are only ever mis-decoded bytes), with two exceptions: a tab is
allowed anywhere (pasted from a spreadsheet), and line feed and carriage return
where text spans lines (``multiline``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

_SINGLE_LINE = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f]")
_MULTI_LINE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def control_character(value: str, *, multiline: bool = False) -> str | None:
    """The first control character of ``value`` not allowed there, as ``U+0000``;
    None when there is none."""
    found = (_MULTI_LINE if multiline else _SINGLE_LINE).search(value)
    return f"U+{ord(found.group()):04X}" if found else None


def first_in(value, *, multiline: bool = False) -> str | None:
    """:func:`control_character` of a string or of the first string in a list
    holding one; None for other values."""
    for item in value if isinstance(value, list | tuple) else [value]:
        if isinstance(item, str) and (found := control_character(item, multiline=multiline)):
            return found
    return None


def control_characters_in(data, path: str = "") -> Iterator[tuple[str, str]]:
    """(path, character) for every string in a JSON-like value (dicts, lists, strings)
    holding a control character other than tab, line feed or carriage return; keys
    are checked too. The path joins keys and list indexes with dots."""
    if isinstance(data, str):
        if found := control_character(data, multiline=True):
            yield path, found
    elif isinstance(data, dict):
        for key, value in data.items():
            inner = f"{path}.{key}" if path else str(key)
            if isinstance(key, str) and (found := control_character(key, multiline=True)):
                yield inner, found
            yield from control_characters_in(value, inner)
    elif isinstance(data, list | tuple):
        for i, value in enumerate(data):
            yield from control_characters_in(value, f"{path}.{i}" if path else str(i))
