"""The kinds of question a form can ask, and the values that mean yes, no and other."""

from __future__ import annotations

import re

KEY_RE = re.compile(r"^[a-z][a-z0-9_]*$")
TEXT_TYPES = {"text", "textarea", "email", "url", "phone"}
NUMBER_TYPES = {"integer", "decimal", "percent", "year"}
CHOICE_TYPES = {"choice", "multi", "yesno"}
FIELD_TYPES = (
    TEXT_TYPES | NUMBER_TYPES | CHOICE_TYPES | {"date", "file", "table", "consent", "info"}
)
CELL_TYPES = {"integer", "decimal", "percent", "text"}
FILE_KINDS = ("pdf", "png", "jpeg", "docx", "xlsx")
FORMATS = ("credit_code",)
DEFAULT_MAX_LENGTH = {"text": 200, "textarea": 5000, "email": 254, "url": 300, "phone": 40}
YES, NO, OTHER = "yes", "no", "other"
