"""Reading one field of a definition, with every problem it has.

Each step reads one part of the field's mapping and appends what is wrong with
it to ``problems`` (a sentence naming where, for the form's author); the
definition is refused as a whole by :func:`load_definition` when any was found.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal, InvalidOperation

from ccaward.engine.appform.definition import Column, Field, Option, Row, Text
from ccaward.engine.appform.fieldtypes import (
    CELL_TYPES,
    DEFAULT_MAX_LENGTH,
    FIELD_TYPES,
    FILE_KINDS,
    FORMATS,
    KEY_RE,
    NO,
    OTHER,
    YES,
)

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
ROW_KEYS = {"key", "label", "other", "type", "min", "max", "unit", "maps_to", "required"}
COLUMN_KEYS = {"key", "label", "type", "min", "max", "unit"}


def read_text(value, where: str, problems: list[str], *, required: bool = True) -> Text | None:
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


def read_decimal(value, where: str, problems: list[str]) -> Decimal | None:
    if value is None:
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        problems.append(f"{where}: {value!r} is not a number")
        return None


def unknown_attributes(raw: Mapping, allowed: set[str], where: str, problems: list[str]) -> None:
    for k in raw:
        if k not in allowed:
            problems.append(f"{where}: unknown attribute {k!r}")


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
        out.append(Option(value, read_text(o.get("label"), f"{where}.options[{i}]", problems)))
    return tuple(out)


def _choices(raw: Mapping, ftype, where: str, problems: list[str]) -> tuple[Option, ...]:
    """The options of a choice or multi; a yes/no question's two, labelled."""
    options = _options(raw.get("options"), where, problems)
    if ftype == "yesno":
        yes = read_text(raw.get("yes_label"), where, problems, required=False)
        no = read_text(raw.get("no_label"), where, problems, required=False)
        return (Option(YES, yes or Text("是", "Yes")), Option(NO, no or Text("否", "No")))
    if ftype in ("choice", "multi") and not options:
        problems.append(f"{where}: a {ftype} needs options")
    return options


def _detail(
    raw: Mapping, ftype, options: tuple[Option, ...], where: str, problems: list[str]
) -> tuple[Text | None, tuple[str, ...]]:
    """The text a yes (or a named choice) asks for, and the answers that ask for it."""
    detail = raw.get("detail")
    if detail is None:
        return None, ()
    if ftype not in ("yesno", "choice") or not isinstance(detail, Mapping):
        problems.append(f"{where}: detail is for yesno and choice fields")
        return None, ()
    label = read_text(detail.get("label"), f"{where}.detail", problems)
    when = tuple(str(v) for v in detail.get("when") or [YES])
    values = {o.value for o in options} | ({OTHER} if raw.get("other") else set())
    for v in when:
        if v not in values:
            problems.append(f"{where}.detail: when {v!r} is not an option")
    return label, when


def _visible_if(raw: Mapping, where: str, problems: list[str]):
    vi = raw.get("visible_if")
    if vi is None:
        return None
    if not isinstance(vi, Mapping) or "field" not in vi or not ("equals" in vi or "in" in vi):
        problems.append(f"{where}: visible_if needs field and equals or in")
        return None
    values = vi["in"] if "in" in vi else [vi["equals"]]
    return (str(vi["field"]), tuple(str(v) for v in values))


def _column(c: Mapping, i: int, where: str, problems: list[str]) -> Column:
    ckey = str(c.get("key", ""))
    if not KEY_RE.match(ckey):
        problems.append(f"{where}.columns[{i}]: key {ckey!r}")
    unknown_attributes(c, COLUMN_KEYS, f"{where}.columns[{i}]", problems)
    ctype = c.get("type", "decimal")
    if ctype not in CELL_TYPES:
        problems.append(f"{where}.columns[{i}]: type {ctype!r} is not a cell type")
    return Column(
        ckey,
        read_text(c.get("label"), f"{where}.{ckey}", problems),
        ctype,
        read_decimal(c.get("min"), where, problems),
        read_decimal(c.get("max"), where, problems),
        read_text(c.get("unit"), where, problems, required=False),
    )


def _row(r: Mapping, i: int, columns: list[Column], where: str, problems: list[str]) -> Row:
    rkey = str(r.get("key", ""))
    if not KEY_RE.match(rkey):
        problems.append(f"{where}.rows[{i}]: key {rkey!r}")
    rtype = r.get("type")
    if rtype is not None and rtype not in CELL_TYPES:
        problems.append(f"{where}.rows[{i}]: type {rtype!r} is not a cell type")
    col_keys = {c.key for c in columns}
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
    unknown_attributes(r, ROW_KEYS, f"{where}.rows[{i}]", problems)
    return Row(
        rkey,
        read_text(r.get("label"), f"{where}.{rkey}", problems),
        bool(r.get("other")),
        rtype,
        read_decimal(r.get("min"), where, problems),
        read_decimal(r.get("max"), where, problems),
        read_text(r.get("unit"), where, problems, required=False),
        maps,
        req,
    )


def _table(
    raw: Mapping, ftype, where: str, problems: list[str]
) -> tuple[tuple[Row, ...], tuple[Column, ...]]:
    """A table's rows and columns (none for another type of field)."""
    if ftype != "table":
        return (), ()
    columns = [_column(c, i, where, problems) for i, c in enumerate(raw.get("columns") or [])]
    rows = [_row(r, i, columns, where, problems) for i, r in enumerate(raw.get("rows") or [])]
    if not rows or not columns:
        problems.append(f"{where}: a table needs rows and columns")
    for label, keys in (("row", [r.key for r in rows]), ("column", [c.key for c in columns])):
        if len(set(keys)) != len(keys):
            problems.append(f"{where}: a {label} key is repeated")
    return tuple(rows), tuple(columns)


def _accept(raw: Mapping, ftype, where: str, problems: list[str]) -> tuple[str, ...]:
    accept = tuple(raw.get("accept") or (FILE_KINDS if ftype == "file" else ()))
    for kind in accept:
        if kind not in FILE_KINDS:
            problems.append(f"{where}: accept {kind!r} is not one of {', '.join(FILE_KINDS)}")
    return accept


def _limits(raw: Mapping, ftype, where: str, problems: list[str]):
    """The lowest and highest number allowed; a percentage is 0..100 unless narrowed."""
    lo = read_decimal(raw.get("min"), where, problems)
    hi = read_decimal(raw.get("max"), where, problems)
    if ftype == "percent":
        lo = Decimal(0) if lo is None else lo
        hi = Decimal(100) if hi is None else hi
    return lo, hi


def _format(raw: Mapping, ftype, where: str, problems: list[str]) -> str | None:
    fmt = raw.get("format")
    if fmt is not None and (fmt not in FORMATS or ftype != "text"):
        problems.append(f"{where}: format {fmt!r} is not one of {', '.join(FORMATS)} on a text")
    return fmt


def _picks(raw: Mapping, ftype, where: str, problems: list[str]):
    """How many options a multi takes at least and at most."""
    min_picks, max_picks = raw.get("min_picks"), raw.get("max_picks")
    if (min_picks is not None or max_picks is not None) and ftype != "multi":
        problems.append(f"{where}: min_picks/max_picks are for multi fields")
    if min_picks is not None and max_picks is not None and min_picks > max_picks:
        problems.append(f"{where}: min_picks is above max_picks")
    return min_picks, max_picks


def read_field(raw: Mapping, section: str, problems: list[str]) -> Field:
    """The field `raw` describes in `section`; what is wrong with it goes to `problems`."""
    key = str(raw.get("key", ""))
    where = f"field {key or '?'}"
    unknown_attributes(raw, FIELD_KEYS, where, problems)
    if not KEY_RE.match(key):
        problems.append(f"{where}: key must match {KEY_RE.pattern}")
    ftype = raw.get("type")
    if ftype not in FIELD_TYPES:
        problems.append(f"{where}: unknown type {ftype!r}")
    options = _choices(raw, ftype, where, problems)
    detail, detail_when = _detail(raw, ftype, options, where, problems)
    visible_if = _visible_if(raw, where, problems)
    rows, columns = _table(raw, ftype, where, problems)
    accept = _accept(raw, ftype, where, problems)
    lo, hi = _limits(raw, ftype, where, problems)
    fmt = _format(raw, ftype, where, problems)
    min_picks, max_picks = _picks(raw, ftype, where, problems)
    return Field(
        key=key,
        type=ftype or "text",
        label=read_text(raw.get("label"), where, problems),
        section=section,
        source=str(raw.get("source", "")),
        help=read_text(raw.get("help"), where, problems, required=False),
        required=bool(raw.get("required", False)),
        min=lo,
        max=hi,
        max_length=raw.get("max_length") or DEFAULT_MAX_LENGTH.get(ftype),
        unit=read_text(raw.get("unit"), where, problems, required=False),
        options=options,
        other=bool(raw.get("other")),
        min_picks=min_picks,
        max_picks=max_picks,
        detail=detail,
        detail_when=detail_when,
        visible_if=visible_if,
        accept=accept,
        multiple=bool(raw.get("multiple")),
        rows=rows,
        columns=columns,
        maps_to=raw.get("maps_to"),
        format=fmt,
        prefill=raw.get("prefill"),
    )
