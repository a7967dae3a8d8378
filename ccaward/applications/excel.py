"""Applications as an Excel workbook, and back.

The export's sheet has the column labels in row 1 (in the reader's language),
the answer keys in row 2 (so a re-import can map the columns whatever the
labels say) and one application per row from row 3. Identity columns come
first (``_entry``, ``_category``, ...), then one column per answer key of the
season's current form (:func:`appform.export_columns`). A second sheet is the
data dictionary.

The import reads the same format. It is all-or-nothing: every row is read and
checked first, and nothing is written unless no row has a problem.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
import warnings
from dataclasses import dataclass, field
from typing import Any

import openpyxl
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import get_language, pgettext, pgettext_lazy
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from ccaward.applications import domain
from ccaward.applications.enums import EntryStatus, Industry
from ccaward.applications.wording import problem_text, question_label
from ccaward.applications.models import (
    ContactCenter,
    Entry,
    EntryFile,
    Organization,
    validate_credit_code,
)
from ccaward.core import audit
from ccaward.engine import appform
from ccaward.engine.names import normalize_name

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
KEY_ROW, FIRST_ROW = 2, 3
MAX_ROWS = 5000
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


def _language(language: str | None) -> str:
    return "en" if (language or "").startswith("en") else "zh-hans"


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


# --------------------------------------------------------------------------- export


def export_workbook(season, entries, language: str) -> openpyxl.Workbook:
    """The entries as a workbook in `language` (zh-hans or en): see the module's doc."""
    language = _language(language)
    entries = list(entries)
    defn = domain.current_form(season).parsed
    columns = appform.export_columns(defn)
    from ccaward.recommendations.domain import count_for

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
    language = _language(language)
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


# --------------------------------------------------------------------------- import


@dataclass
class ImportProblem:
    """One problem of an import: where (Excel row and column letter) and what."""

    message: str
    row: int | None = None
    column: str | None = None
    label: str = ""

    def __str__(self) -> str:
        params = {
            "row": self.row,
            "column": self.column,
            "label": self.label,
            "message": self.message,
        }
        if self.row and self.column and self.label:
            text = pgettext("import", "Row %(row)s, column %(column)s (%(label)s): %(message)s")
        elif self.row and self.column:
            text = pgettext("import", "Row %(row)s, column %(column)s: %(message)s")
        elif self.row and self.label:
            text = pgettext("import", "Row %(row)s (%(label)s): %(message)s")
        elif self.row:
            text = pgettext("import", "Row %(row)s: %(message)s")
        else:
            return self.message
        return text % params


@dataclass
class ImportReport:
    problems: list[ImportProblem] = field(default_factory=list)
    created: list[Entry] = field(default_factory=list)
    updated: list[Entry] = field(default_factory=list)
    unchanged: int = 0
    examples: int = 0
    skipped_columns: list[tuple[str, str]] = field(default_factory=list)  # (letter, label)

    @property
    def ok(self) -> bool:
        return not self.problems

    def skipped_text(self) -> str:
        return ", ".join(
            f"{letter} ({label})" if label else letter for letter, label in self.skipped_columns
        )


class NotAWorkbook(Exception):
    pass


class TooManyRows(Exception):
    pass


def _read_rows(file) -> list[list[Any]]:
    """The cell values of the applications sheet, row by row (1-based Excel rows)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about styles it does not know
            if hasattr(file, "seek"):
                file.seek(0)
            book = openpyxl.load_workbook(file, read_only=True, data_only=True)
            try:
                names = {
                    "申报",
                    "applications",
                    pgettext("export", "Applications").casefold(),
                }
                sheets = [ws for ws in book.worksheets if hasattr(ws, "iter_rows")]
                if not sheets:
                    raise NotAWorkbook
                ws = next((s for s in sheets if s.title.casefold() in names), sheets[0])
                if hasattr(ws, "reset_dimensions"):
                    ws.reset_dimensions()  # a file's stated size is not trusted: no padding
                rows: list[list[Any]] = []
                width = None  # columns after the last answer key are not kept
                filled = 0
                for n, values in enumerate(ws.iter_rows(values_only=True), start=1):
                    values = list(values[:width] if width is not None else values)
                    if n == KEY_ROW:
                        width = max(
                            (i + 1 for i, v in enumerate(values) if not _blank(v)), default=0
                        )
                    elif n > KEY_ROW and not all(_blank(v) for v in values):
                        filled += 1
                        if filled > MAX_ROWS:
                            raise TooManyRows
                    rows.append(values)
                return rows
            finally:
                book.close()
    except TooManyRows:
        raise
    except Exception as exc:  # a broken file can fail anywhere inside openpyxl or zipfile
        raise NotAWorkbook from exc


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _norm(text) -> str:
    return unicodedata.normalize("NFKC", str(text)).strip().casefold()


def _int(value) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    s = _norm(value).lstrip("#")
    return int(s) if re.fullmatch(r"\d+", s) else None


def _statuses() -> dict[str, str]:
    out = {}
    for value, label in EntryStatus.choices:
        out[value] = value
        for lang in ("zh-hans", "en"):
            with translation.override(lang):
                out[_norm(label)] = value
    out.update({"草稿": EntryStatus.DRAFT, "已提交": EntryStatus.SUBMITTED})
    return out


@dataclass
class _Plan:
    """What one row will do, decided before anything is written."""

    row: int
    answers: dict
    result: appform.Validation
    category: Any
    submit: bool
    existing: Entry | None = None
    org: Organization | None = None
    org_token: tuple = ()
    org_name: str = ""
    credit_code: str = ""
    center: ContactCenter | None = None
    center_values: dict = field(default_factory=dict)


# problems that stop a draft from being imported: a value of the wrong type, out
# of range or not an option (a missing answer does not: drafts may be incomplete)
BLOCKING = {
    "integer",
    "number",
    "min",
    "max",
    "max_length",
    "email",
    "url",
    "phone",
    "date",
    "choice",
    "one_choice",
    "picks_max",
}


def _blocks(problem: appform.Problem, defn: appform.Definition, submit: bool) -> bool:
    owner = defn.owner(problem.key)
    if owner is not None and owner.type == "file":
        return False  # files are not imported; they are attached on the application's page
    if submit:
        return True
    if problem.code == "picks_exact":
        return problem.params.get("picked", 0) > problem.params.get("n", 0)
    return problem.code in BLOCKING


def _empty(value) -> bool:
    if isinstance(value, (list, tuple)):
        return all(_blank(v) for v in value)
    return _blank(value)


def _comparable(answers: dict) -> dict:
    return {k: v for k, v in answers.items() if not _empty(v)}


class _Rollback(Exception):
    pass


def import_workbook(season, file, by) -> ImportReport:
    """Create or update the applications a workbook in the export's format holds.

    All or nothing: when any row has a problem nothing is written and the report
    lists every problem. Side effects on success: organizations, centers and
    entries (drafts, or submitted with their typed data), an audit event.
    """
    language = _language(get_language())
    report = ImportReport()
    try:
        rows = _read_rows(file)
    except TooManyRows:
        report.problems.append(
            ImportProblem(
                pgettext("import", "At most %(n)s applications can be imported at once.")
                % {"n": MAX_ROWS}
            )
        )
        return report
    except NotAWorkbook:
        report.problems.append(
            ImportProblem(
                pgettext(
                    "import",
                    "This file is not an Excel workbook (.xlsx). Save it in Excel as "
                    "“Excel Workbook (*.xlsx)” and upload it again.",
                )
            )
        )
        return report
    form = domain.current_form(season)
    defn = form.parsed
    export_cols = {c.key: c for c in appform.export_columns(defn)}

    # row 2: which column holds which answer
    labels_row = rows[0] if rows else []
    keys_row = rows[KEY_ROW - 1] if len(rows) >= KEY_ROW else []
    where: dict[str, int] = {}  # key -> 0-based column index
    letters: dict[str, str] = {}
    for i, raw in enumerate(keys_row):
        if _blank(raw):
            continue
        key = str(raw).strip()
        letter = get_column_letter(i + 1)
        label = labels_row[i] if i < len(labels_row) and not _blank(labels_row[i]) else ""
        if key in where:
            report.problems.append(
                ImportProblem(
                    pgettext("import", "The answer key “%(key)s” appears twice.") % {"key": key},
                    KEY_ROW,
                    letter,
                    str(label),
                )
            )
        elif key in IDENTITY:
            where[key], letters[key] = i, letter
        elif key in export_cols:
            if export_cols[key].kind == "file":
                report.skipped_columns.append((letter, export_cols[key].label(language)))
                continue
            where[key], letters[key] = i, letter
        else:
            report.problems.append(
                ImportProblem(
                    pgettext("import", "“%(key)s” is not an answer key of this season's form.")
                    % {"key": key},
                    KEY_ROW,
                    letter,
                    str(label),
                )
            )
    if not where:
        report.problems = [
            ImportProblem(
                pgettext(
                    "import",
                    "Row 2 holds no answer keys, so this file is not in the export's format. "
                    "Download the template and copy your rows into it.",
                )
            )
        ]
        return report
    answer_keys = [k for k in where if k not in IDENTITY]

    def column_label(key: str) -> str:
        if key in IDENTITY:
            return str(IDENTITY[key])
        return question_label(defn, key, language)

    categories = {}
    for c in season.categories.all():
        for name in (c.name_zh, c.name_en):
            if name:
                categories.setdefault(_norm(name), c)
    statuses = _statuses()
    plans: list[_Plan] = []
    seen: dict[tuple, int] = {}  # (center identity, category) -> first row
    planned_orgs: dict[tuple, tuple] = {}  # ("code", x) / ("name", x) -> token

    for n, values in enumerate(rows[FIRST_ROW - 1 :], start=FIRST_ROW):

        def cell(key, values=values):
            i = where.get(key)
            return values[i] if i is not None and i < len(values) else None

        if all(_blank(cell(k)) for k in where):
            continue
        if not _blank(cell("_entry")) and _norm(cell("_entry")) in EXAMPLE_MARKS:
            report.examples += 1
            continue
        problems: list[ImportProblem] = []

        def problem(key, message, problems=problems, n=n):
            problems.append(
                ImportProblem(message, n, letters.get(key), column_label(key) if key else "")
            )

        new = appform.answers_from_cells(defn, {k: cell(k) for k in answer_keys})
        existing = None
        if not _blank(cell("_entry")):
            pk = _int(cell("_entry"))
            if pk is None:
                problem(
                    "_entry",
                    pgettext("import", "“%(value)s” is not an application number.")
                    % {"value": cell("_entry")},
                )
            else:
                existing = (
                    Entry.objects.select_related("center__organization", "category", "form")
                    .filter(season=season, pk=pk)
                    .first()
                )
                if existing is None:
                    problem(
                        "_entry",
                        pgettext("import", "There is no application %(n)s in this season.")
                        % {"n": pk},
                    )
        status = None
        if not _blank(cell("_status")):
            status = statuses.get(_norm(cell("_status")))
            if status is None:
                problem(
                    "_status",
                    pgettext("import", "“%(value)s” is not a status.") % {"value": cell("_status")},
                )
        category = existing.category if existing else None
        if _blank(cell("_category")):
            if existing is None:
                problem("_category", pgettext("import", "The category is missing."))
        else:
            category = categories.get(_norm(cell("_category")))
            if category is None:
                problem(
                    "_category",
                    pgettext("import", "“%(value)s” is not a category of this season.")
                    % {"value": cell("_category")},
                )
            elif existing is not None and category != existing.category:
                problem(
                    "_category",
                    pgettext(
                        "import", "The category of an existing application cannot be changed."
                    ),
                )
                category = existing.category

        if existing is not None:
            answers = {k: v for k, v in (existing.answers or {}).items() if k not in where}
            answers.update(new)
            before = _as_imported(existing, defn, answers_keys=answer_keys, language=language)
            changed = _comparable(before) != _comparable(
                {k: v for k, v in new.items() if k in answer_keys}
            )
            submit = status == EntryStatus.SUBMITTED and existing.status == EntryStatus.DRAFT
            if existing.status != EntryStatus.DRAFT:
                if changed or status not in (None, existing.status):
                    problem(
                        "_entry",
                        pgettext(
                            "import",
                            "Application %(n)s is %(status)s and read-only; an organizer can "
                            "reopen it before it is changed by an import.",
                        )
                        % {"n": existing.pk, "status": existing.get_status_display()},
                    )
                    report.problems.extend(problems)
                    continue
                if not problems:
                    report.unchanged += 1
                    continue
            elif status not in (None, EntryStatus.DRAFT, EntryStatus.SUBMITTED):
                problem("_status", _status_message())
            elif not changed and not submit and not problems:
                report.unchanged += 1
                continue
        else:
            answers = dict(new)
            submit = status == EntryStatus.SUBMITTED
            if status not in (None, EntryStatus.DRAFT, EntryStatus.SUBMITTED):
                problem("_status", _status_message())

        result = appform.validate(defn, answers)
        for p in result.problems:
            if _blocks(p, defn, submit):
                problems.append(
                    ImportProblem(
                        problem_text(p, language),
                        n,
                        letters.get(p.key),
                        question_label(defn, p.key, language),
                    )
                )
        plan = _Plan(row=n, answers=answers, result=result, category=category, submit=submit)
        if existing is not None:
            plan.existing = existing
            identity = ("center", existing.center_id)
        else:
            identity = _plan_center(plan, new, result, defn, problem, planned_orgs)
        if category is not None and identity:
            twice = seen.get((identity, category.pk))
            if twice is not None:
                problem(
                    "center_name",
                    pgettext(
                        "import", "The same contact center and category are in row %(row)s too."
                    )
                    % {"row": twice},
                )
            else:
                seen[(identity, category.pk)] = n
            if existing is None and plan.center is not None:
                taken = Entry.objects.filter(category=category, center=plan.center).first()
                if taken is not None:
                    problem(
                        "center_name",
                        pgettext(
                            "import",
                            "This contact center has entered this category already "
                            "(application %(n)s).",
                        )
                        % {"n": taken.pk},
                    )
        report.problems.extend(problems)
        plans.append(plan)

    if not plans and not report.problems and not report.unchanged:
        report.problems.append(
            ImportProblem(pgettext("import", "The file has no applications to import."))
        )
    if report.problems:
        return report
    try:
        with transaction.atomic():
            _write(plans, season=season, form=form, by=by, report=report)
            if report.problems:
                raise _Rollback
            audit.record(
                actor=by,
                action="entries.imported",
                season=season,
                summary=str(len(report.created) + len(report.updated)),
                data={
                    "count": len(report.created) + len(report.updated),
                    "created": [e.pk for e in report.created],
                    "updated": [e.pk for e in report.updated],
                    "unchanged": report.unchanged,
                },
            )
    except _Rollback:
        report.created, report.updated = [], []
    return report


def _status_message() -> str:
    return pgettext("import", "Only drafts and submitted applications can be imported.")


def _as_imported(entry: Entry, defn, *, answers_keys, language) -> dict:
    """The entry's answers as they would come back from its export row."""
    own = domain.form_of(entry).parsed
    answers = entry.answers or {}
    result = appform.validate(own, answers)
    cols = {c.key: c for c in appform.export_columns(defn)}
    cells = {
        k: appform.cell_value(cols[k], result, answers, language) for k in answers_keys if k in cols
    }
    return appform.answers_from_cells(defn, cells)


def _plan_center(plan: _Plan, new: dict, result, defn, problem, planned_orgs) -> tuple:
    """Find the enterprise and the center a new row names (or plan to add them).
    Returns the center's identity within the file."""
    name = str(new.get("enterprise_name") or "").strip()
    code = str(new.get("enterprise_credit_code") or "").strip().upper()
    center_name = str(new.get("center_name") or "").strip()
    if not name:
        problem("enterprise_name", pgettext("import", "The enterprise name is missing."))
    if not center_name:
        problem("center_name", pgettext("import", "The contact center name is missing."))
    org = None
    if code:
        org = Organization.objects.filter(credit_code__iexact=code).order_by("pk").first()
    if org is None and name:
        org = Organization.objects.filter(name=name).order_by("pk").first()
    if org is None:
        if code:
            try:
                validate_credit_code(code)
            except ValidationError as exc:
                problem("enterprise_credit_code", " ".join(exc.messages))
        token = planned_orgs.get(("code", code)) if code else None
        token = token or planned_orgs.get(("name", name)) or ("new", len(planned_orgs), name)
        if code:
            planned_orgs[("code", code)] = token
        if name:
            planned_orgs[("name", name)] = token
        plan.org_token, plan.org_name, plan.credit_code = token, name, code
    else:
        plan.org, plan.org_token = org, ("org", org.pk)
        wanted = normalize_name(center_name)
        plan.center = next((c for c in org.centers.all() if normalize_name(c.name) == wanted), None)
    if not center_name:
        return ()
    if plan.center is not None:
        return ("center", plan.center.pk)
    typed = appform.typed(defn, result)
    industry = result.values.get("center_industry")
    if industry is None and "center.industry" in typed:
        industry = typed["center.industry"][0]
    if not industry and _empty(new.get("center_industry")):
        problem(
            "center_industry",
            pgettext("import", "The industry is needed to add a new contact center."),
        )
    values = {
        "name": center_name,
        "industry": industry if industry in Industry.values else Industry.OTHER,
    }
    for key, attr in (
        ("center.address", "address"),
        ("center.year_started", "year_started"),
        ("center.seats", "seats"),
    ):
        value = typed.get(key, (None, ""))[0]
        if value not in (None, ""):
            values[attr] = int(value) if attr != "address" else str(value)
    plan.center_values = values
    return ("new", plan.org_token, normalize_name(center_name))


def _write(plans: list[_Plan], *, season, form, by, report: ImportReport) -> None:
    """Carry the plans out (inside the caller's transaction); a row that still
    fails adds a problem to the report, and the caller rolls everything back."""
    orgs: dict[tuple, Organization] = {}
    centers: dict[tuple, ContactCenter] = {}
    now = timezone.now()
    for plan in plans:
        added: dict = {}  # kept only when the row's savepoint is kept
        try:
            with transaction.atomic():
                if plan.existing is not None:
                    entry = _update(plan, form=form, by=by, now=now)
                    report.updated.append(entry)
                    continue
                org = plan.org or orgs.get(plan.org_token)
                if org is None:
                    # the importing organizer registers the enterprise, not as its member
                    org = domain.register_organization(
                        by=by, member=False, name=plan.org_name, credit_code=plan.credit_code
                    )
                    added[("org", plan.org_token)] = org
                key = (plan.org_token, normalize_name(plan.center_values.get("name", "")))
                center = plan.center or centers.get(key)
                if center is None:
                    center = domain.add_center(organization=org, by=by, **plan.center_values)
                    added[("center", key)] = center
                entry = domain.create_entry(
                    season=season,
                    category=plan.category,
                    center=center,
                    by=by,
                    submit=plan.submit,
                    answers=plan.answers,
                )
                if plan.submit:
                    domain.sync_typed(entry=entry, result=domain.validation(entry), by=by)
                report.created.append(entry)
        except ValidationError as exc:
            report.problems.append(ImportProblem(" ".join(exc.messages), plan.row))
            continue
        for (kind, key), obj in added.items():
            (orgs if kind == "org" else centers)[key] = obj


def _update(plan: _Plan, *, form, by, now) -> Entry:
    entry = Entry.objects.select_for_update().get(pk=plan.existing.pk)
    if entry.status != EntryStatus.DRAFT:
        raise ValidationError(
            pgettext("import", "This application was submitted while the file was imported.")
        )
    entry.form = form
    entry.answers = plan.answers
    entry.saved_at = now
    entry.save(update_fields=["form", "answers", "saved_at"])
    if plan.submit:
        domain.record_submission(
            entry=entry, result=plan.result, by=by, at=now, data={"import": True}
        )
    return entry
