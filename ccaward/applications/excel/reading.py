"""Reading an uploaded workbook: the applications sheet's rows (never more than
the limit, never trusting the file's stated size), and which column holds
which answer key (row 2)."""

from __future__ import annotations

import warnings
import zipfile
from dataclasses import dataclass, field
from typing import Any

import openpyxl
from django.utils.translation import pgettext
from openpyxl.utils import get_column_letter

from ccaward.applications.excel.common import IDENTITY, KEY_ROW, blank
from ccaward.applications.excel.report import ImportProblem, ImportReport
from ccaward.engine import packages

MAX_ROWS = 5000
SHEET_NAMES = {"申报", "applications"}
# what an imported workbook may expand to (5,000 rows need far less)
LIMITS = packages.Limits(
    total_bytes=256 * packages.MiB,
    caps={"xl/sharedStrings.xml": 32 * packages.MiB, "xl/styles.xml": 16 * packages.MiB},
)


class SheetRows(list):
    """The rows of a sheet (lists of cell values), with the sheet's name."""

    def __init__(self, rows=(), title: str = ""):
        super().__init__(rows)
        self.title = title


class NotAWorkbook(Exception):
    pass


class TooManyRows(Exception):
    def __init__(self, limit: int):
        super().__init__(limit)
        self.limit = limit


def _sheet(book):
    names = {*SHEET_NAMES, pgettext("export", "Applications").casefold()}
    sheets = [ws for ws in book.worksheets if hasattr(ws, "iter_rows")]
    if not sheets:
        raise NotAWorkbook
    return next((s for s in sheets if s.title.casefold() in names), sheets[0])


def _rows(ws) -> SheetRows:
    if hasattr(ws, "reset_dimensions"):
        ws.reset_dimensions()  # a file's stated size is not trusted: no padding
    rows: list[list[Any]] = []
    width = None  # columns after the last answer key are not kept
    filled = 0
    for n, values in enumerate(ws.iter_rows(values_only=True), start=1):
        values = list(values[:width] if width is not None else values)
        if n == KEY_ROW:
            width = max((i + 1 for i, v in enumerate(values) if not blank(v)), default=0)
        elif n > KEY_ROW and not all(blank(v) for v in values):
            filled += 1
            if filled > MAX_ROWS:
                raise TooManyRows(MAX_ROWS)
        rows.append(values)
    return SheetRows(rows, title=ws.title)


def _check_package(file, limits: packages.Limits) -> None:
    """Refuse a workbook whose parts would expand beyond ``limits`` (declared or
    found while streaming them) before openpyxl reads it. Raises PackageRefused,
    NotAWorkbook for a file that is no ZIP package."""
    try:
        file.seek(0)
        with packages.open_checked(file, limits) as z:
            packages.verify(z, limits)
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        raise NotAWorkbook from exc
    finally:
        file.seek(0)


def read_rows(file, limits: packages.Limits | None = None) -> SheetRows:
    """The cell values of the applications sheet, row by row (1-based Excel rows),
    and the sheet's name.

    Raises NotAWorkbook for anything openpyxl cannot read, TooManyRows past MAX_ROWS,
    packages.PackageRefused for a workbook that would expand beyond ``limits``
    (``LIMITS`` by default)."""
    _check_package(file, limits or LIMITS)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about styles it does not know
            book = openpyxl.load_workbook(file, read_only=True, data_only=True)
            try:
                return _rows(_sheet(book))
            finally:
                book.close()
    except (TooManyRows, NotAWorkbook):
        raise
    except Exception as exc:  # a broken file can fail anywhere inside openpyxl or zipfile
        raise NotAWorkbook from exc


@dataclass
class Columns:
    """Where each answer key is: its 0-based index and its column letter."""

    index: dict[str, int] = field(default_factory=dict)
    letters: dict[str, str] = field(default_factory=dict)

    def answer_keys(self) -> list[str]:
        return [k for k in self.index if k not in IDENTITY]


def read_columns(rows, export_cols: dict, language: str, report: ImportReport) -> Columns | None:
    """Map the answer keys of row 2 to their columns. Problems (a key twice, a key
    the form does not have) go to `report`; file columns are skipped (named in
    `report.skipped_columns`). None when row 2 holds no answer key at all."""
    labels_row = rows[0] if rows else []
    keys_row = rows[KEY_ROW - 1] if len(rows) >= KEY_ROW else []
    columns = Columns()
    for i, raw in enumerate(keys_row):
        if blank(raw):
            continue
        key = str(raw).strip()
        letter = get_column_letter(i + 1)
        label = labels_row[i] if i < len(labels_row) and not blank(labels_row[i]) else ""
        if key in columns.index:
            report.problems.append(
                ImportProblem(
                    pgettext("import", "The answer key “%(key)s” appears twice.") % {"key": key},
                    KEY_ROW,
                    letter,
                    str(label),
                )
            )
        elif key in export_cols and export_cols[key].kind == "file":
            report.skipped_columns.append((letter, export_cols[key].label(language)))
        elif key in IDENTITY or key in export_cols:
            columns.index[key], columns.letters[key] = i, letter
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
    if not columns.index:
        report.problems = [
            ImportProblem(
                pgettext(
                    "import",
                    "Row 2 holds no answer keys, so this file is not in the export's format. "
                    "Download the template and copy your rows into it.",
                )
            )
        ]
        return None
    return columns
