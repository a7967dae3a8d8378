"""The entries as a workbook: one application per row after the two header
rows (labels in the reader's language, answer keys), identity columns first,
then one column per answer key of the season's current form; a second sheet
is the data dictionary. The template is the same with one example row."""

from __future__ import annotations

import datetime as dt
import io
import unicodedata

import openpyxl
from django.utils import timezone, translation
from django.utils.translation import pgettext, pgettext_lazy
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from ccaward.applications import domain
from ccaward.applications.enums import EntryStatus
from ccaward.applications.excel.common import FIRST_ROW, IDENTITY, KEY_ROW, language_of
from ccaward.applications.models import Entry, EntryFile
from ccaward.core import audit
from ccaward.engine import appform
from ccaward.recommendations.domain import count_for

IDENTITY_WIDTHS = {
    "_entry": 10,
    "_category": 24,
    "_status": 10,
    "_submitted_at": 18,
    "_duplicate": 18,
    "_recommendations": 10,
}
DUPLICATE_REASONS = {
    "credit_code": pgettext_lazy("entries", "same credit code"),
    "center_name": pgettext_lazy("entries", "same center name"),
}
KIND_NAMES = {
    "text": pgettext_lazy("field type", "Text"),
    "integer": pgettext_lazy("field type", "Whole number"),
    "decimal": pgettext_lazy("field type", "Number"),
    "percent": pgettext_lazy("field type", "Percentage (0–100)"),
    "year": pgettext_lazy("field type", "Year"),
    "date": pgettext_lazy("field type", "Date"),
    "choice": pgettext_lazy("field type", "One option"),
    "multi": pgettext_lazy("field type", "Several options, separated by “; ”"),
    "file": pgettext_lazy("field type", "File (not imported)"),
    "consent": pgettext_lazy("field type", "Confirmation (TRUE or FALSE)"),
}
KIND_WIDTHS = {"integer": 12, "decimal": 12, "percent": 12, "year": 10, "date": 12, "consent": 10}

HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="EEF2F7")
KEY_FONT = Font(size=8, color="808080")
EXAMPLE_FONT = Font(italic=True, color="808080")


def _clean(value):
    """A value openpyxl can write as typed: no control characters, no formulas."""
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("", value)
    return value


def _put(ws, row: int, column: int, value):
    cell = ws.cell(row=row, column=column, value=_clean(value))
    if isinstance(cell.value, str) and cell.value.startswith("="):
        cell.data_type = "s"  # text typed by an applicant is never a formula
    return cell


def _width(text: str) -> int:
    """Display width of `text`: CJK characters count twice."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def export_workbook(season, entries, language: str) -> openpyxl.Workbook:
    """The entries as a workbook in `language` (zh-hans or en): see the module's doc."""
    language = language_of(language)
    entries = list(entries)
    defn = domain.current_form(season).parsed
    columns = appform.export_columns(defn)
    recs = count_for(entries)
    dups = domain.duplicates(
        Entry.objects.filter(season=season).select_related("center__organization")
    )
    file_names = dict(
        EntryFile.objects.filter(entry__in=[e.pk for e in entries]).values_list("pk", "name")
    )
    book = openpyxl.Workbook()
    with translation.override(language):
        ws = book.active
        ws.title = pgettext("export", "Applications")[:31]
        keys = [*IDENTITY, *(c.key for c in columns)]
        labels = [str(label) for label in IDENTITY.values()] + [c.label(language) for c in columns]
        for i, (key, label) in enumerate(zip(keys, labels, strict=True), start=1):
            head = _put(ws, 1, i, label)
            head.font, head.fill = HEADER_FONT, HEADER_FILL
            head.alignment = Alignment(wrap_text=True, vertical="top")
            _put(ws, KEY_ROW, i, key).font = KEY_FONT
        row, forms = FIRST_ROW, {}
        for entry in entries:
            _entry_row(ws, row, entry, columns, language, recs, dups, file_names, forms)
            row += 1
        _layout(ws, keys, labels, columns, last_row=max(row - 1, KEY_ROW))
        _fields_sheet(book, defn, columns, language)
    return book


def _entry_row(ws, row, entry, columns, language, recs, dups, file_names, forms) -> None:
    form = domain.form_of(entry)
    if form.pk not in forms:  # each version's definition is parsed once
        forms[form.pk] = form.parsed
    result = appform.validate(forms[form.pk], entry.answers or {})
    answers = entry.answers or {}
    submitted = (
        timezone.localtime(entry.submitted_at).replace(tzinfo=None) if entry.submitted_at else None
    )
    identity = [
        entry.pk,
        entry.category.name,
        entry.get_status_display(),
        submitted,
        "; ".join(str(DUPLICATE_REASONS[r]) for r in dups.get(entry.pk, [])) or None,
        recs.get(entry.pk, 0),
    ]
    for i, value in enumerate(identity, start=1):
        cell = _put(ws, row, i, value)
        if isinstance(value, dt.datetime):
            cell.number_format = "yyyy-mm-dd hh:mm"
    offset = len(IDENTITY)
    for i, col in enumerate(columns, start=offset + 1):
        if col.kind == "file":
            ids = answers.get(col.key) or []
            ids = ids if isinstance(ids, list) else [ids]
            names = [file_names.get(int(x), str(x)) for x in ids if str(x).isdigit()]
            value = appform.LIST_SEPARATOR.join(names) or None
        else:
            value = appform.cell_value(col, result, answers, language)
        cell = _put(ws, row, i, value)
        if isinstance(value, dt.date):
            cell.number_format = "yyyy-mm-dd"


def _layout(ws, keys, labels, columns, *, last_row: int) -> None:
    kinds = {c.key: c.kind for c in columns}
    for i, key in enumerate(keys, start=1):
        letter = get_column_letter(i)
        if key in IDENTITY_WIDTHS:
            width = IDENTITY_WIDTHS[key]
        else:
            kind = kinds.get(key, "text")
            width = max(KIND_WIDTHS.get(kind, 18), min(_width(labels[i - 1]) // 2 + 2, 36))
        ws.column_dimensions[letter].width = width
    ws.row_dimensions[1].height = 48
    ws.freeze_panes = "C3"
    ws.auto_filter.ref = f"A{KEY_ROW}:{get_column_letter(len(keys))}{last_row}"


def _rules(col: appform.ExportColumn, language: str) -> str:
    f = col.field
    if col.kind in ("choice", "multi"):
        return appform.LIST_SEPARATOR.join(o.label(language) for o in f.choices())
    lo = hi = None
    if col.key == f.key:
        lo, hi = f.min, f.max
        if f.type == "percent":
            lo = 0 if lo is None else lo
            hi = 100 if hi is None else hi
    else:
        cell = next((c for c in f.cells() if c.key == col.key), None)
        if cell is not None:
            lo, hi = cell.min, cell.max
            if cell.type == "percent":
                lo = 0 if lo is None else lo
                hi = 100 if hi is None else hi
    if lo is not None or hi is not None:
        return f"{'' if lo is None else lo} … {'' if hi is None else hi}".strip()
    if col.kind == "date":
        return "YYYY-MM-DD"
    return ""


def _fields_sheet(book, defn, columns, language) -> None:
    ws = book.create_sheet(pgettext("export", "Fields")[:31])
    heads = [
        pgettext("export", "Answer key"),
        pgettext("export", "Label (Chinese)"),
        pgettext("export", "Label (English)"),
        pgettext("export", "Type"),
        pgettext("export", "Required"),
        pgettext("export", "Options or range"),
    ]
    for i, text in enumerate(heads, start=1):
        _put(ws, 1, i, text).font = HEADER_FONT
    row = 2
    for key, label in IDENTITY.items():
        with translation.override("zh-hans"):
            zh = str(label)
        with translation.override("en"):
            en = str(label)
        for i, value in enumerate([key, zh, en, str(KIND_NAMES["text"]), "", ""], start=1):
            _put(ws, row, i, value)
        row += 1
    for col in columns:
        required = col.key == col.field.key and col.field.required
        values = [
            col.key,
            col.label.zh,
            col.label.en,
            str(KIND_NAMES.get(col.kind, col.kind)),
            pgettext("export", "yes") if required else "",
            _rules(col, language),
        ]
        for i, value in enumerate(values, start=1):
            _put(ws, row, i, value)
        row += 1
    for letter, width in zip("ABCDEF", (34, 40, 48, 22, 8, 48), strict=True):
        ws.column_dimensions[letter].width = width
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:F{row - 1}"


def template_workbook(season, language: str) -> openpyxl.Workbook:
    """The export's header rows and one example row (in italics) that the import skips."""
    language = language_of(language)
    book = export_workbook(season, [], language)
    ws = book.worksheets[0]
    defn = domain.current_form(season).parsed
    keys = [ws.cell(row=KEY_ROW, column=i).value for i in range(1, ws.max_column + 1)]
    category = season.categories.first()
    with translation.override(language):
        example = {
            "_entry": "示例" if language == "zh-hans" else "example",
            "_category": category.name if category else None,
            "_status": str(EntryStatus.DRAFT.label),
            "enterprise_name": pgettext("import example", "Example Enterprise Co., Ltd."),
            "center_name": pgettext("import example", "Example Customer Service Center"),
            "filler_email": "name@example.cn",
            "center_start_year": 2015,
            "center_seats": 300,
        }
        industry = defn.fields.get("center_industry")
        if industry is not None and industry.choices():
            example["center_industry"] = industry.choices()[0].label(language)
    for i, key in enumerate(keys, start=1):
        if key in example:
            _put(ws, FIRST_ROW, i, example[key])
        ws.cell(row=FIRST_ROW, column=i).font = EXAMPLE_FONT
    ws.auto_filter.ref = f"A{KEY_ROW}:{get_column_letter(len(keys))}{FIRST_ROW}"
    return book


def workbook_bytes(book: openpyxl.Workbook) -> bytes:
    """The workbook as an .xlsx file's bytes."""
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def record_export(*, season, by, entries, filters: dict) -> None:
    """Side effect: an audit event naming how many applications left the system."""
    entries = list(entries)
    audit.record(
        actor=by,
        action="entries.exported",
        season=season,
        summary=str(len(entries)),
        data={"count": len(entries), "filters": {k: v for k, v in filters.items() if v}},
    )
