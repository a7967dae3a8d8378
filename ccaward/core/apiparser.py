"""The API's request parser: ninja's, refusing text that cannot be stored.

It runs after authentication (ninja checks the token or session first), before
the endpoint reads its input:

- JSON may spell lone UTF-16 surrogates (`"\\ud800"`); Python decodes them into a
  str that no database accepts, so such a body is refused like malformed JSON
  (400 `malformed`);
- a string holding NUL or another control character (engine/text.py; tab, line
  feed and carriage return are allowed), in a JSON body, a form body or the query
  string, raises :class:`ControlCharacters`, answered 422 `control_character`
  naming each field by its path (`answers.culture_mission`) in core/api.py.
"""

from __future__ import annotations

import json

from django.utils.translation import pgettext
from ninja.parser import Parser

from ccaward.core import apierrors, text
from ccaward.engine.text import control_characters_in


class ControlCharacters(Exception):
    """Strings of the request holding control characters: [(path, "U+0000"), ...]."""

    def __init__(self, found: list[tuple[str, str]]):
        super().__init__(", ".join(path for path, _ in found))
        self.found = found

    def response(self):
        fields = {path or "body": [text.message(path or "body", char)] for path, char in self.found}
        message = (
            next(iter(fields.values()))[0]
            if len(fields) == 1
            else pgettext("validation", "Some fields hold control characters.")
        )
        return apierrors.error(422, text.CODE, message, fields)


def refuse_control_characters(data) -> None:
    if found := list(control_characters_in(data)):
        raise ControlCharacters(found)


class StrictJSONParser(Parser):
    def parse_body(self, request):
        data = json.loads(request.body)
        # raises UnicodeEncodeError for a lone surrogate anywhere in keys or values
        json.dumps(data, ensure_ascii=False).encode("utf-8")
        refuse_control_characters(data)
        return data

    def parse_querydict(self, data, list_fields, request):
        values = {key: data.getlist(key) for key in data}
        refuse_control_characters({k: v[0] if len(v) == 1 else v for k, v in values.items()})
        return super().parse_querydict(data, list_fields, request)
