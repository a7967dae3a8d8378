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
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from ccaward.engine.ids import credit_code_problem

KEY_RE = re.compile(r"^[a-z][a-z0-9_]*$")
TEXT_TYPES = {"text", "textarea", "email", "url", "phone"}
NUMBER_TYPES = {"integer", "decimal", "percent", "year"}
CHOICE_TYPES = {"choice", "multi", "yesno"}
FIELD_TYPES = (
    TEXT_TYPES | NUMBER_TYPES | CHOICE_TYPES | {"date", "file", "table", "consent", "info"}
)
CELL_TYPES = {"integer", "decimal", "percent", "text"}
FILE_KINDS = ("pdf", "png", "jpeg", "docx", "xlsx")
DEFAULT_MAX_LENGTH = {"text": 200, "textarea": 5000, "email": 254, "url": 300, "phone": 40}
YES, NO, OTHER = "yes", "no", "other"

_EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_URL_RE = re.compile(r"^(https?://)?[\w.-]+\.[a-z]{2,}(/\S*)?$", re.IGNORECASE)
_PHONE_RE = re.compile(r"^\+?[\d\s()\-–/、,]{5,40}$")


# --------------------------------------------------------------------------- definition


@dataclass(frozen=True)
class Text:
    """A label in Chinese and English."""

    zh: str
    en: str

    def __call__(self, language: str | None) -> str:
        return self.en if (language or "").startswith("en") and self.en else self.zh


@dataclass(frozen=True)
class Option:
    value: str
    label: Text


@dataclass(frozen=True)
class Column:
    key: str
    label: Text
    type: str = "decimal"
    min: Decimal | None = None
    max: Decimal | None = None
    unit: Text | None = None


@dataclass(frozen=True)
class Row:
    key: str
    label: Text
    other: bool = False
    type: str | None = None
    min: Decimal | None = None
    max: Decimal | None = None
    unit: Text | None = None
    maps_to: Mapping[str, str] = field(default_factory=dict)
    required: tuple[str, ...] = ()  # column keys that must be answered in this row


@dataclass(frozen=True)
class Cell:
    """One cell of a table: the row's overrides applied to its column."""

    key: str
    row: Row
    column: Column
    type: str
    min: Decimal | None
    max: Decimal | None
    unit: Text | None


@dataclass(frozen=True)
class Field:
    key: str
    type: str
    label: Text
    section: str
    source: str = ""
    help: Text | None = None
    required: bool = False
    min: Decimal | None = None
    max: Decimal | None = None
    max_length: int | None = None
    unit: Text | None = None
    options: tuple[Option, ...] = ()
    other: bool = False
    min_picks: int | None = None
    max_picks: int | None = None
    detail: Text | None = None
    detail_when: tuple[str, ...] = ()
    visible_if: tuple[str, tuple[str, ...]] | None = None
    accept: tuple[str, ...] = ()
    multiple: bool = False
    rows: tuple[Row, ...] = ()
    columns: tuple[Column, ...] = ()
    maps_to: str | None = None
    format: str | None = None  # a checked identifier: credit_code
    prefill: str | None = None  # a typed key whose known value starts the answer

    @property
    def answerable(self) -> bool:
        return self.type != "info"

    def choices(self) -> tuple[Option, ...]:
        if self.type == "yesno":
            return self.options
        if self.other:
            return (*self.options, Option(OTHER, Text("其他(请说明)", "Other (please specify)")))
        return self.options

    def cells(self) -> list[Cell]:
        out = []
        for row in self.rows:
            for col in self.columns:
                out.append(
                    Cell(
                        key=f"{self.key}.{row.key}.{col.key}",
                        row=row,
                        column=col,
                        type=row.type or col.type,
                        min=row.min if row.min is not None else col.min,
                        max=row.max if row.max is not None else col.max,
                        unit=row.unit or col.unit,
                    )
                )
        return out

    def answer_keys(self) -> list[str]:
        """Every answer key this field owns, in display order."""
        if self.type == "info":
            return []
        if self.type == "table":
            keys = []
            for row in self.rows:
                if row.other:
                    keys.append(f"{self.key}.{row.key}.name")
                keys.extend(f"{self.key}.{row.key}.{c.key}" for c in self.columns)
            return keys
        keys = [self.key]
        if self.other:
            keys.append(f"{self.key}.other")
        if self.detail:
            keys.append(f"{self.key}.detail")
        return keys


@dataclass(frozen=True)
class Section:
    key: str
    part: int
    title: Text
    intro: Text | None
    fields: tuple[Field, ...]


@dataclass(frozen=True)
class Check:
    key: str
    label: Text
    refs: tuple[str, ...]
    equals: Decimal
    when_any_filled: bool
    section: str


@dataclass(frozen=True)
class Definition:
    key: str
    title: Text
    sections: tuple[Section, ...]
    checks: tuple[Check, ...]

    @property
    def fields(self) -> dict[str, Field]:
        return {f.key: f for s in self.sections for f in s.fields}

    def field(self, key: str) -> Field:
        return self.fields[key]

    def section(self, key: str) -> Section:
        for s in self.sections:
            if s.key == key:
                return s
        raise KeyError(key)

    def owner(self, answer_key: str) -> Field | None:
        """The field an answer key belongs to."""
        return self.fields.get(answer_key.split(".", 1)[0])

    def answer_keys(self) -> list[str]:
        return [k for f in self.fields.values() for k in f.answer_keys()]

    def expand(self, ref: str) -> list[str]:
        """Answer keys a check reference names (``table.*.column`` is every row)."""
        parts = ref.split(".")
        if len(parts) == 3 and parts[1] == "*":
            table = self.fields.get(parts[0])
            if table is None:
                return []
            return [f"{parts[0]}.{r.key}.{parts[2]}" for r in table.rows]
        return [ref]


class DefinitionError(ValueError):
    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("; ".join(problems))


def _text(value, where: str, problems: list[str], *, required: bool = True) -> Text | None:
    if value is None:
        if required:
            problems.append(f"{where}: needs zh and en text")
        return None
    if isinstance(value, str):
        return Text(value, value)
    if not isinstance(value, Mapping) or not value.get("zh"):
        problems.append(f"{where}: needs zh and en text")
        return Text("", "")
    return Text(str(value["zh"]), str(value.get("en") or value["zh"]))


def _dec(value, where: str, problems: list[str]) -> Decimal | None:
    if value is None:
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        problems.append(f"{where}: {value!r} is not a number")
        return None


def _options(raw, where: str, problems: list[str]) -> tuple[Option, ...]:
    out = []
    seen = set()
    for i, o in enumerate(raw or []):
        value = str(o.get("value", "")) if isinstance(o, Mapping) else ""
        if not KEY_RE.match(value):
            problems.append(f"{where}.options[{i}]: value {value!r} is not a key")
        if value in seen:
            problems.append(f"{where}.options[{i}]: value {value!r} repeated")
        seen.add(value)
        out.append(Option(value, _text(o.get("label"), f"{where}.options[{i}]", problems)))
    return tuple(out)


FIELD_KEYS = {
    "key",
    "type",
    "label",
    "help",
    "required",
    "visible_if",
    "maps_to",
    "source",
    "min",
    "max",
    "max_length",
    "unit",
    "options",
    "other",
    "min_picks",
    "max_picks",
    "detail",
    "yes_label",
    "no_label",
    "accept",
    "multiple",
    "rows",
    "columns",
    "format",
    "prefill",
}
FORMATS = ("credit_code",)
ROW_KEYS = {"key", "label", "other", "type", "min", "max", "unit", "maps_to", "required"}
COLUMN_KEYS = {"key", "label", "type", "min", "max", "unit"}
SECTION_KEYS = {"key", "part", "title", "intro", "fields"}
CHECK_KEYS = {"key", "label", "sum", "equals", "when_any_filled", "section"}


def _unknown(raw: Mapping, allowed: set[str], where: str, problems: list[str]) -> None:
    for k in raw:
        if k not in allowed:
            problems.append(f"{where}: unknown attribute {k!r}")


def _field(raw: Mapping, section: str, problems: list[str]) -> Field:
    key = str(raw.get("key", ""))
    where = f"field {key or '?'}"
    _unknown(raw, FIELD_KEYS, where, problems)
    if not KEY_RE.match(key):
        problems.append(f"{where}: key must match {KEY_RE.pattern}")
    ftype = raw.get("type")
    if ftype not in FIELD_TYPES:
        problems.append(f"{where}: unknown type {ftype!r}")
    options = _options(raw.get("options"), where, problems)
    if ftype == "yesno":
        options = (
            Option(
                YES,
                _text(raw.get("yes_label"), where, problems, required=False) or Text("是", "Yes"),
            ),
            Option(
                NO, _text(raw.get("no_label"), where, problems, required=False) or Text("否", "No")
            ),
        )
    elif ftype in ("choice", "multi") and not options:
        problems.append(f"{where}: a {ftype} needs options")
    detail = raw.get("detail")
    detail_label = detail_when = None
    if detail is not None:
        if ftype not in ("yesno", "choice") or not isinstance(detail, Mapping):
            problems.append(f"{where}: detail is for yesno and choice fields")
        else:
            detail_label = _text(detail.get("label"), f"{where}.detail", problems)
            detail_when = tuple(str(v) for v in detail.get("when") or [YES])
            values = {o.value for o in options} | ({OTHER} if raw.get("other") else set())
            for v in detail_when:
                if v not in values:
                    problems.append(f"{where}.detail: when {v!r} is not an option")
    visible_if = None
    if raw.get("visible_if") is not None:
        vi = raw["visible_if"]
        if not isinstance(vi, Mapping) or "field" not in vi or not ("equals" in vi or "in" in vi):
            problems.append(f"{where}: visible_if needs field and equals or in")
        else:
            values = vi["in"] if "in" in vi else [vi["equals"]]
            visible_if = (str(vi["field"]), tuple(str(v) for v in values))
    columns = []
    rows = []
    if ftype == "table":
        for i, c in enumerate(raw.get("columns") or []):
            ckey = str(c.get("key", ""))
            if not KEY_RE.match(ckey):
                problems.append(f"{where}.columns[{i}]: key {ckey!r}")
            _unknown(c, COLUMN_KEYS, f"{where}.columns[{i}]", problems)
            ctype = c.get("type", "decimal")
            if ctype not in CELL_TYPES:
                problems.append(f"{where}.columns[{i}]: type {ctype!r} is not a cell type")
            columns.append(
                Column(
                    ckey,
                    _text(c.get("label"), f"{where}.{ckey}", problems),
                    ctype,
                    _dec(c.get("min"), where, problems),
                    _dec(c.get("max"), where, problems),
                    _text(c.get("unit"), where, problems, required=False),
                )
            )
        col_keys = {c.key for c in columns}
        for i, r in enumerate(raw.get("rows") or []):
            rkey = str(r.get("key", ""))
            if not KEY_RE.match(rkey):
                problems.append(f"{where}.rows[{i}]: key {rkey!r}")
            rtype = r.get("type")
            if rtype is not None and rtype not in CELL_TYPES:
                problems.append(f"{where}.rows[{i}]: type {rtype!r} is not a cell type")
            maps = dict(r.get("maps_to") or {})
            for ck in maps:
                if ck not in col_keys:
                    problems.append(f"{where}.{rkey}: maps_to names no column {ck!r}")
            req = r.get("required") or ()
            if req is True:
                req = [c.key for c in columns]
            req = tuple(str(x) for x in req)
            for ck in req:
                if ck not in col_keys:
                    problems.append(f"{where}.{rkey}: required names no column {ck!r}")
            _unknown(r, ROW_KEYS, f"{where}.rows[{i}]", problems)
            rows.append(
                Row(
                    rkey,
                    _text(r.get("label"), f"{where}.{rkey}", problems),
                    bool(r.get("other")),
                    rtype,
                    _dec(r.get("min"), where, problems),
                    _dec(r.get("max"), where, problems),
                    _text(r.get("unit"), where, problems, required=False),
                    maps,
                    req,
                )
            )
        if not rows or not columns:
            problems.append(f"{where}: a table needs rows and columns")
        for label, keys in (("row", [r.key for r in rows]), ("column", [c.key for c in columns])):
            if len(set(keys)) != len(keys):
                problems.append(f"{where}: a {label} key is repeated")
    accept = tuple(raw.get("accept") or (FILE_KINDS if ftype == "file" else ()))
    for kind in accept:
        if kind not in FILE_KINDS:
            problems.append(f"{where}: accept {kind!r} is not one of {', '.join(FILE_KINDS)}")
    lo = _dec(raw.get("min"), where, problems)
    hi = _dec(raw.get("max"), where, problems)
    if ftype == "percent":
        lo = Decimal(0) if lo is None else lo
        hi = Decimal(100) if hi is None else hi
    fmt = raw.get("format")
    if fmt is not None and (fmt not in FORMATS or ftype != "text"):
        problems.append(f"{where}: format {fmt!r} is not one of {', '.join(FORMATS)} on a text")
    min_picks, max_picks = raw.get("min_picks"), raw.get("max_picks")
    if (min_picks is not None or max_picks is not None) and ftype != "multi":
        problems.append(f"{where}: min_picks/max_picks are for multi fields")
    if min_picks is not None and max_picks is not None and min_picks > max_picks:
        problems.append(f"{where}: min_picks is above max_picks")
    return Field(
        key=key,
        type=ftype or "text",
        label=_text(raw.get("label"), where, problems),
        section=section,
        source=str(raw.get("source", "")),
        help=_text(raw.get("help"), where, problems, required=False),
        required=bool(raw.get("required", False)),
        min=lo,
        max=hi,
        max_length=raw.get("max_length") or DEFAULT_MAX_LENGTH.get(ftype),
        unit=_text(raw.get("unit"), where, problems, required=False),
        options=options,
        other=bool(raw.get("other")),
        min_picks=min_picks,
        max_picks=max_picks,
        detail=detail_label,
        detail_when=detail_when or (),
        visible_if=visible_if,
        accept=accept,
        multiple=bool(raw.get("multiple")),
        rows=tuple(rows),
        columns=tuple(columns),
        maps_to=raw.get("maps_to"),
        format=fmt,
        prefill=raw.get("prefill"),
    )


def load_definition(data: Mapping[str, Any]) -> Definition:
    """A checked definition; raises :class:`DefinitionError` listing every problem."""
    problems: list[str] = []
    if not isinstance(data, Mapping):
        raise DefinitionError(["a form definition is a mapping"])
    sections = []
    seen_sections: set[str] = set()
    seen_fields: set[str] = set()
    for i, s in enumerate(data.get("sections") or []):
        skey = str(s.get("key", ""))
        _unknown(s, SECTION_KEYS, f"sections[{i}]", problems)
        if not KEY_RE.match(skey):
            problems.append(f"sections[{i}]: key {skey!r}")
        if skey in seen_sections:
            problems.append(f"section {skey}: key repeated")
        seen_sections.add(skey)
        part = s.get("part")
        if part not in (1, 2, 3, 4):
            problems.append(f"section {skey}: part must be 1..4")
        fields = []
        for raw in s.get("fields") or []:
            f = _field(raw, skey, problems)
            if f.key in seen_fields:
                problems.append(f"field {f.key}: key repeated")
            seen_fields.add(f.key)
            fields.append(f)
        sections.append(
            Section(
                skey,
                part or 0,
                _text(s.get("title"), f"section {skey}", problems),
                _text(s.get("intro"), f"section {skey}", problems, required=False),
                tuple(fields),
            )
        )
    if not sections:
        problems.append("a form needs sections")
    defn = Definition(
        key=str(data.get("key", "")),
        title=_text(data.get("title"), "title", problems),
        sections=tuple(sections),
        checks=(),
    )
    fields = defn.fields
    for f in fields.values():
        if f.visible_if:
            target = fields.get(f.visible_if[0])
            if target is None:
                problems.append(f"field {f.key}: visible_if names no field {f.visible_if[0]!r}")
            elif target.type not in CHOICE_TYPES:
                problems.append(f"field {f.key}: visible_if must name a choice, multi or yesno")
    all_keys = set(defn.answer_keys())
    checks = []
    for i, c in enumerate(data.get("checks") or []):
        ckey = str(c.get("key", ""))
        where = f"check {ckey or i}"
        _unknown(c, CHECK_KEYS, where, problems)
        refs = tuple(str(r) for r in c.get("sum") or [])
        if not refs:
            problems.append(f"{where}: sum needs answer keys")
        for ref in refs:
            expanded = defn.expand(ref)
            if not expanded or any(k not in all_keys for k in expanded):
                problems.append(f"{where}: {ref!r} names no answer")
        section = c.get("section")
        if section is None and refs:
            owner = defn.owner(refs[0])
            section = owner.section if owner else None
        if section not in seen_sections:
            problems.append(f"{where}: section {section!r} is not a section")
        checks.append(
            Check(
                ckey,
                _text(c.get("label"), where, problems),
                refs,
                _dec(c.get("equals", 100), where, problems) or Decimal(0),
                bool(c.get("when_any_filled", True)),
                str(section),
            )
        )
    if problems:
        raise DefinitionError(problems)
    return Definition(defn.key, defn.title, defn.sections, tuple(checks))


# --------------------------------------------------------------------------- answers


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


def _blank(value) -> bool:
    if value is None:
        return True
    if isinstance(value, (list, tuple)):
        return not any(str(v).strip() for v in value)
    return not str(value).strip()


def _as_list(value) -> list[str]:
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value if str(v).strip()]
    return [str(value)] if str(value).strip() else []


def is_visible(f: Field, answers: Mapping[str, Any], fields: Mapping[str, Field]) -> bool:
    if not f.visible_if:
        return True
    target_key, values = f.visible_if
    target = fields.get(target_key)
    if target is not None and not is_visible(target, answers, fields):
        return False
    return bool(set(_as_list(answers.get(target_key))) & set(values))


def _number(key, section, raw, kind, lo, hi, problems) -> Decimal | int | None:
    try:
        value = parse_number(raw, kind)
    except ValueError as exc:
        problems.append(Problem(key, section, str(exc), {"value": str(raw)}))
        return None
    if lo is not None and value < lo:
        problems.append(Problem(key, section, "min", {"min": lo, "value": value}))
    elif hi is not None and value > hi:
        problems.append(Problem(key, section, "max", {"max": hi, "value": value}))
    return value


def _check_field(f: Field, answers: Mapping[str, Any], values: dict, problems: list[Problem]):
    s = f.section
    raw = answers.get(f.key)
    if f.type == "table":
        filled_rows = set()
        for cell in f.cells():
            v = answers.get(cell.key)
            if _blank(v):
                continue
            filled_rows.add(cell.row.key)
            if cell.type == "text":
                values[cell.key] = str(v).strip()
                continue
            kind = cell.type
            lo, hi = cell.min, cell.max
            if kind == "percent":
                lo = Decimal(0) if lo is None else lo
                hi = Decimal(100) if hi is None else hi
            n = _number(cell.key, s, v, kind, lo, hi, problems)
            if n is not None:
                values[cell.key] = n
        for row in f.rows:
            name_key = f"{f.key}.{row.key}.name"
            if row.other:
                name = answers.get(name_key)
                if not _blank(name):
                    values[name_key] = str(name).strip()
                elif row.key in filled_rows:
                    problems.append(Problem(name_key, s, "other_required"))
            else:
                for col in f.columns:
                    key = f"{f.key}.{row.key}.{col.key}"
                    if (f.required or col.key in row.required) and _blank(answers.get(key)):
                        problems.append(Problem(key, s, "required"))
        return
    if f.type == "info":
        return
    if _blank(raw):
        if f.required:
            problems.append(Problem(f.key, s, "consent" if f.type == "consent" else "required"))
        return
    if f.type in TEXT_TYPES:
        text = str(raw).strip()
        if f.max_length and len(text) > f.max_length:
            problems.append(
                Problem(f.key, s, "max_length", {"max": f.max_length, "length": len(text)})
            )
        pattern = {"email": _EMAIL_RE, "url": _URL_RE, "phone": _PHONE_RE}.get(f.type)
        if pattern and not pattern.match(unicodedata.normalize("NFKC", text)):
            problems.append(Problem(f.key, s, f.type, {"value": text}))
        if f.format == "credit_code":
            text = unicodedata.normalize("NFKC", text).upper()
            bad = credit_code_problem(text)
            if bad:
                problems.append(Problem(f.key, s, f"credit_code_{bad}", {"value": text}))
        values[f.key] = text
    elif f.type in NUMBER_TYPES:
        n = _number(f.key, s, raw, f.type, f.min, f.max, problems)
        if n is not None:
            values[f.key] = n
    elif f.type == "date":
        try:
            values[f.key] = dt.date.fromisoformat(unicodedata.normalize("NFKC", str(raw)).strip())
        except ValueError:
            problems.append(Problem(f.key, s, "date", {"value": str(raw)}))
    elif f.type == "consent":
        values[f.key] = str(raw).strip().lower() in ("1", "true", "yes", "on")
        if f.required and not values[f.key]:
            problems.append(Problem(f.key, s, "consent"))
    elif f.type == "file":
        ids = _as_list(raw)
        if len(ids) > 1 and not f.multiple:
            problems.append(Problem(f.key, s, "one_file"))
        values[f.key] = ids
    elif f.type in CHOICE_TYPES:
        picked = _as_list(raw)
        allowed = {o.value for o in f.choices()}
        unknown = [v for v in picked if v not in allowed]
        if unknown:
            problems.append(Problem(f.key, s, "choice", {"value": ", ".join(unknown)}))
        picked = [v for v in picked if v in allowed]
        if f.type == "multi":
            n = len(picked)
            if f.min_picks is not None and f.min_picks == f.max_picks and n != f.min_picks:
                problems.append(Problem(f.key, s, "picks_exact", {"n": f.min_picks, "picked": n}))
            elif f.min_picks is not None and n < f.min_picks:
                problems.append(Problem(f.key, s, "picks_min", {"n": f.min_picks, "picked": n}))
            elif f.max_picks is not None and n > f.max_picks:
                problems.append(Problem(f.key, s, "picks_max", {"n": f.max_picks, "picked": n}))
            values[f.key] = picked
        else:
            if len(picked) > 1:
                problems.append(Problem(f.key, s, "one_choice"))
            values[f.key] = picked[0] if picked else None
        if OTHER in picked and f.other:
            other = answers.get(f"{f.key}.other")
            if _blank(other):
                problems.append(Problem(f"{f.key}.other", s, "other_required"))
            else:
                values[f"{f.key}.other"] = str(other).strip()
        if f.detail and set(picked) & set(f.detail_when):
            detail = answers.get(f"{f.key}.detail")
            if _blank(detail):
                problems.append(Problem(f"{f.key}.detail", s, "detail_required"))
            else:
                values[f"{f.key}.detail"] = str(detail).strip()


def _answered(f: Field, answers: Mapping[str, Any]) -> bool:
    if f.type == "table":
        return any(not _blank(answers.get(k)) for k in f.answer_keys())
    return not _blank(answers.get(f.key))


def validate(defn: Definition, answers: Mapping[str, Any]) -> Validation:
    """Typed values, problems, shown fields and per-section progress for `answers`."""
    fields = defn.fields
    values: dict[str, Any] = {}
    problems: list[Problem] = []
    visible: set[str] = set()
    progress: dict[str, tuple[int, int]] = {}
    for section in defn.sections:
        done = total = 0
        for f in section.fields:
            if not is_visible(f, answers, fields):
                continue
            visible.add(f.key)
            if not f.answerable:
                continue
            _check_field(f, answers, values, problems)
            total += 1
            done += _answered(f, answers)
        progress[section.key] = (done, total)
    bad = {p.key for p in problems}
    for check in defn.checks:
        keys = [k for ref in check.refs for k in defn.expand(ref)]
        owner_visible = all(defn.owner(k) is None or defn.owner(k).key in visible for k in keys)
        if not owner_visible or any(k in bad for k in keys):
            continue
        given = [values.get(k) for k in keys]
        if check.when_any_filled and all(v is None for v in given):
            continue
        total = sum((Decimal(v) for v in given if v is not None), Decimal(0))
        if total != check.equals:
            problems.append(
                Problem(
                    check.key,
                    check.section,
                    "sum",
                    {"label": check.label, "total": total, "equals": check.equals, "keys": keys},
                )
            )
    order = {s.key: i for i, s in enumerate(defn.sections)}
    problems.sort(key=lambda p: order.get(p.section, len(order)))
    return Validation(values, problems, visible, progress)


def typed(defn: Definition, validation: Validation) -> dict[str, tuple[Any, str]]:
    """The typed data the form fills (``maps_to``): key -> (value, answer type).

    Percentages stay in percent here; the caller converts them where its store
    keeps fractions.
    """
    out: dict[str, tuple[Any, str]] = {}
    for f in defn.fields.values():
        if f.key not in validation.visible:
            continue
        if f.maps_to and f.key in validation.values:
            out[f.maps_to] = (validation.values[f.key], f.type)
        if f.type == "table":
            cells = {c.key: c for c in f.cells()}
            for row in f.rows:
                for col_key, target in row.maps_to.items():
                    key = f"{f.key}.{row.key}.{col_key}"
                    if key in validation.values:
                        out[target] = (validation.values[key], cells[key].type)
    return out


# --------------------------------------------------------------------------- export / import


@dataclass(frozen=True)
class ExportColumn:
    """One spreadsheet column: an answer key and how to label and type it."""

    key: str
    field: Field
    label: Text
    kind: str  # text | integer | decimal | percent | year | date | choice | multi | file | consent


def export_columns(defn: Definition) -> list[ExportColumn]:
    out = []
    for f in defn.fields.values():
        if f.type == "info":
            continue
        if f.type == "table":
            for row in f.rows:
                if row.other:
                    out.append(
                        ExportColumn(
                            f"{f.key}.{row.key}.name",
                            f,
                            Text(
                                f"{f.label.zh} · {row.label.zh}",
                                f"{f.label.en} · {row.label.en}",
                            ),
                            "text",
                        )
                    )
                for col in f.columns:
                    kind = row.type or col.type
                    out.append(
                        ExportColumn(
                            f"{f.key}.{row.key}.{col.key}",
                            f,
                            Text(
                                f"{f.label.zh} · {row.label.zh} · {col.label.zh}",
                                f"{f.label.en} · {row.label.en} · {col.label.en}",
                            ),
                            kind,
                        )
                    )
            continue
        kind = {
            "yesno": "choice",
            "textarea": "text",
            "email": "text",
            "url": "text",
            "phone": "text",
        }.get(f.type, f.type)
        out.append(ExportColumn(f.key, f, f.label, kind))
        if f.other:
            out.append(
                ExportColumn(
                    f"{f.key}.other",
                    f,
                    Text(f"{f.label.zh} · 其他(请说明)", f"{f.label.en} · other (please specify)"),
                    "text",
                )
            )
        if f.detail:
            out.append(
                ExportColumn(
                    f"{f.key}.detail",
                    f,
                    Text(f"{f.label.zh} · {f.detail.zh}", f"{f.label.en} · {f.detail.en}"),
                    "text",
                )
            )
    return out


LIST_SEPARATOR = "; "


def cell_value(
    col: ExportColumn, validation: Validation, answers: Mapping[str, Any], language: str
):
    """The spreadsheet value of one column: numbers as numbers, choices as labels.

    A value that does not parse is written as typed, so nothing is lost.
    """
    if col.key in validation.values:
        v = validation.values[col.key]
        if v is None:
            return None
        if col.kind in ("choice", "multi"):
            labels = {o.value: o.label(language) for o in col.field.choices()}
            picked = v if isinstance(v, list) else [v]
            return LIST_SEPARATOR.join(labels.get(x, x) for x in picked) or None
        if col.kind == "consent":
            return bool(v)
        if col.kind == "file":
            return None  # files are named by the caller
        if isinstance(v, Decimal):
            return int(v) if v == v.to_integral_value() else float(v)
        return v
    raw = answers.get(col.key)
    if _blank(raw):
        return None
    return LIST_SEPARATOR.join(_as_list(raw)) if isinstance(raw, list) else str(raw)


def answers_from_cells(defn: Definition, cells: Mapping[str, Any]) -> dict[str, Any]:
    """Raw answers from spreadsheet values keyed by answer key (labels or values
    of choices both accepted). Unknown choice labels are kept as typed, so the
    validation names them."""
    columns = {c.key: c for c in export_columns(defn)}
    out: dict[str, Any] = {}
    for key, value in cells.items():
        col = columns.get(key)
        if col is None or value is None or (isinstance(value, str) and not value.strip()):
            continue
        if col.kind in ("choice", "multi"):
            by_label = {}
            for o in col.field.choices():
                for text in (o.value, o.label.zh, o.label.en):
                    by_label[text.strip().casefold()] = o.value
            parts = [p.strip() for p in re.split(r"[;；\n]", str(value)) if p.strip()]
            picked = [by_label.get(p.casefold(), p) for p in parts]
            out[key] = (
                picked if col.kind == "multi" else (picked[0] if len(picked) == 1 else picked)
            )
        elif col.kind == "consent":
            out[key] = (
                "yes"
                if str(value).strip().lower() in ("1", "true", "yes", "是", "y", "x", "✓")
                else ""
            )
        elif isinstance(value, bool):
            out[key] = "yes" if value else ""
        elif isinstance(value, dt.datetime):
            out[key] = value.date().isoformat()
        elif isinstance(value, dt.date):
            out[key] = value.isoformat()
        elif isinstance(value, float) and value.is_integer():
            out[key] = str(int(value))
        else:
            out[key] = str(value).strip()
    return out


def section_keys(defn: Definition) -> Iterable[str]:
    return (s.key for s in defn.sections)
