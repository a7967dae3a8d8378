"""Application forms as data: a versioned definition, answers checked against it.

A definition is a mapping (YAML in ``applications/data/form_default.yaml``) of
sections and fields; the schema is described in ``docs/forms.md`` (the default
form's questions and keys are listed in ``docs/application-form.md``).
Answers are kept as the applicant typed them: a flat mapping from *answer key*
to a string (or a list of strings for multi-choice and file fields), so nothing
typed is ever lost. :func:`validate` derives typed values, the problems, which
fields are shown and each section's progress from the definition and the answers.

Answer keys: ``<field>``; ``<field>.other`` (the text of "other, please
specify"); ``<field>.detail`` (the text a yes/choice answer asks for);
``<table>.<row>.<column>``; ``<table>.<row>.name`` (an "other" row's name).

Problems carry a code and parameters, never a sentence, so each caller says
them in its own language.

The modules: ``fieldtypes`` (the kinds of question), ``definition`` (the
definition's data classes), ``fields`` and ``loading`` (reading a definition and
its problems), ``answers`` (problems, numbers, blanks), ``checks`` (the check of
each type of question), ``visibility``, ``validation`` (values, problems,
progress, sum checks, typed data), ``summary`` (what is stored beside the answers
for tables) and ``spreadsheet`` (export columns and import).
"""

from ccaward.engine.appform.answers import (
    Problem,
    Validation,
    normalize_number,
    parse_number,
)
from ccaward.engine.appform.checks import CHECKS
from ccaward.engine.appform.definition import (
    Cell,
    Check,
    Column,
    Definition,
    Field,
    Option,
    Row,
    Section,
    Text,
    section_keys,
)
from ccaward.engine.appform.fields import COLUMN_KEYS, FIELD_KEYS, ROW_KEYS
from ccaward.engine.appform.fieldtypes import (
    CELL_TYPES,
    CHOICE_TYPES,
    DEFAULT_MAX_LENGTH,
    FIELD_TYPES,
    FILE_KINDS,
    FORMATS,
    KEY_RE,
    NO,
    NUMBER_TYPES,
    OTHER,
    TEXT_TYPES,
    YES,
)
from ccaward.engine.appform.limits import (
    answer_limit,
    is_multiline,
    over_limit,
)
from ccaward.engine.appform.loading import (
    CHECK_KEYS,
    SECTION_KEYS,
    DefinitionError,
    load_definition,
)
from ccaward.engine.appform.placeholders import PLACEHOLDERS
from ccaward.engine.appform.placeholders import fill as fill_placeholders
from ccaward.engine.appform.placeholders import unknown as unknown_placeholders
from ccaward.engine.appform.spreadsheet import (
    LIST_SEPARATOR,
    ExportColumn,
    answers_from_cells,
    cell_value,
    export_columns,
)
from ccaward.engine.appform.summary import MISSING_CODES, summarize
from ccaward.engine.appform.validation import typed, validate
from ccaward.engine.appform.visibility import is_visible

__all__ = [
    "MISSING_CODES",
    "summarize",
    "PLACEHOLDERS",
    "fill_placeholders",
    "unknown_placeholders",
    "answer_limit",
    "over_limit",
    "is_multiline",
    "CELL_TYPES",
    "CHECKS",
    "CHECK_KEYS",
    "CHOICE_TYPES",
    "COLUMN_KEYS",
    "DEFAULT_MAX_LENGTH",
    "FIELD_KEYS",
    "FIELD_TYPES",
    "FILE_KINDS",
    "FORMATS",
    "KEY_RE",
    "LIST_SEPARATOR",
    "NO",
    "NUMBER_TYPES",
    "OTHER",
    "ROW_KEYS",
    "SECTION_KEYS",
    "TEXT_TYPES",
    "YES",
    "Cell",
    "Check",
    "Column",
    "Definition",
    "DefinitionError",
    "ExportColumn",
    "Field",
    "Option",
    "Problem",
    "Row",
    "Section",
    "Text",
    "Validation",
    "answers_from_cells",
    "cell_value",
    "export_columns",
    "is_visible",
    "load_definition",
    "normalize_number",
    "parse_number",
    "section_keys",
    "typed",
    "validate",
]
