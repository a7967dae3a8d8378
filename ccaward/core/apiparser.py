"""The API's JSON body parser: ninja's, refusing text that cannot be stored.

JSON may spell lone UTF-16 surrogates (`"\\ud800"`); Python decodes them into a
str that no database accepts, so such a body is refused like malformed JSON
(400 `malformed`) before any view sees it.
"""

from __future__ import annotations

import json

from ninja.parser import Parser


class StrictJSONParser(Parser):
    def parse_body(self, request):
        data = json.loads(request.body)
        # raises UnicodeEncodeError for a lone surrogate anywhere in keys or values
        json.dumps(data, ensure_ascii=False).encode("utf-8")
        return data
