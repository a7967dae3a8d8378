"""Reading an Excel sheet: one sheet of an .xlsx / .xlsm (openpyxl, read-only) or a
legacy .xls (xlrd), streamed row by row into a UTF-8 CSV with each record's number."""

from __future__ import annotations

import csv
import datetime as dt
import warnings
import zipfile
from pathlib import Path

from ccaward.engine import packages
from ccaward.engine.interactions.schema import FileRefused
from ccaward.engine.sql import dialect as db

EXCEL_SUFFIXES = (".xlsx", ".xlsm", ".xls")
EXCEL_ROW_COLUMN = "_ccaward_row"  # row numbers of a staged Excel sheet (blank rows skipped)
ROW = f"CAST({EXCEL_ROW_COLUMN} AS BIGINT)"


def is_excel(path: Path) -> bool:
    return path.suffix.lower() in EXCEL_SUFFIXES


def read(path: Path, sheet, tmpdir: str, limits: packages.Limits = packages.WORKBOOK) -> str:
    """SQL reading one sheet of the workbook ``path`` (a CSV copy in ``tmpdir``), with
    the column ``EXCEL_ROW_COLUMN``. Raises ``FileRefused``: ``empty_file``,
    ``missing_sheet``, ``unreadable_file`` or ``oversized_file``."""
    return db.read_csv(str(to_csv(path, sheet, tmpdir, limits)), own=True)


def check_workbook(path: Path, limits: packages.Limits = packages.WORKBOOK) -> None:
    """Refuse (``FileRefused``: ``oversized_file``) an .xlsx whose parts would expand
    beyond ``limits`` — declared in its directory or found while streaming each part
    — before openpyxl reads it (its shared strings are read whole)."""
    try:
        with path.open("rb") as fh, packages.open_checked(fh, limits) as z:
            packages.verify(z, limits)
    except packages.PackageRefused as exc:
        raise FileRefused("oversized_file", f"the workbook is refused: {exc}") from exc
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
        raise FileRefused("unreadable_file", f"not a readable .xlsx workbook: {exc}") from exc


def _cell_text(value) -> str:
    """An Excel cell value as the text a CSV export would hold (dates as ISO 8601)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0):  # a date cell: date only, so [date, time] joins work
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, dt.timedelta):  # a duration cell ([h]:mm:ss): seconds
        return repr(value.total_seconds())
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return str(value)


def _pick_sheet(names: list[str], sheet):
    """The index of the sheet a mapping names (None: the first; 1-based numbers)."""
    if sheet is None:
        if not names:
            raise FileRefused("empty_file", "the workbook has no sheet")
        return 0
    if isinstance(sheet, int):
        if sheet > len(names):
            raise FileRefused(
                "missing_sheet",
                f"no sheet number {sheet}; sheets: {names}",
                sheet=str(sheet),
                found=list(names),
            )
        return sheet - 1
    if sheet in names:
        return names.index(sheet)
    raise FileRefused(
        "missing_sheet",
        f"no sheet named {sheet!r}; sheets: {names}",
        sheet=str(sheet),
        found=list(names),
    )


def _xls_rows(path: Path, sheet):
    """(sheet title, rows of cell values) of a legacy .xls workbook (xlrd); date
    cells become datetimes, as openpyxl gives them for .xlsx."""
    import xlrd  # imported here: only .xls input needs it

    try:
        book = xlrd.open_workbook(str(path), on_demand=True)
    except (xlrd.XLRDError, OSError, ValueError, AssertionError, IndexError) as exc:
        raise FileRefused("unreadable_file", f"not a readable .xls workbook: {exc}") from exc
    try:
        ws = book.sheet_by_index(_pick_sheet(book.sheet_names(), sheet))

        def value(cell):
            if cell.ctype == xlrd.XL_CELL_DATE:
                return xlrd.xldate_as_datetime(cell.value, book.datemode)
            if cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK, xlrd.XL_CELL_ERROR):
                return None
            if cell.ctype == xlrd.XL_CELL_BOOLEAN:
                return bool(cell.value)
            return cell.value

        rows = [tuple(value(c) for c in ws.row(r)) for r in range(ws.nrows)]
        return ws.name, rows
    finally:
        book.release_resources()


def to_csv(path: Path, sheet, tmpdir: str, limits: packages.Limits = packages.WORKBOOK) -> Path:
    """Stream one sheet of an .xlsx (openpyxl read-only, after ``check_workbook``) or
    .xls (xlrd) to a UTF-8 CSV, row by row.

    The first row is the header; every later non-blank row becomes a record with its
    1-based record number (spreadsheet row - 1) in the extra column ``_ccaward_row``.
    Blank rows are left out but keep their numbers.
    """
    out = Path(tmpdir) / (path.stem + ".sheet.csv")
    if path.suffix.lower() == ".xls":
        title, rows = _xls_rows(path, sheet)
        _sheet_rows_to_csv(title, iter(rows), out)
        return out
    import openpyxl  # imported here: only Excel input needs it

    check_workbook(path, limits)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # unsupported extensions, styles
        try:
            book = openpyxl.load_workbook(path, read_only=True, data_only=True)
        except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
            raise FileRefused("unreadable_file", f"not a readable .xlsx workbook: {exc}") from exc
        try:
            names = book.sheetnames
            ws = book[names[_pick_sheet(names, sheet)]]
            _sheet_rows_to_csv(ws.title, ws.iter_rows(values_only=True), out)
        finally:
            book.close()
    return out


def _sheet_rows_to_csv(title: str, rows, out: Path) -> None:
    header = next(rows, None)
    if header is None or all(v is None for v in header):
        raise FileRefused("empty_file", f"sheet {title!r} has no header row")
    header = list(header)
    while header and header[-1] is None:
        header.pop()
    names_out = [_cell_text(v).strip() or f"column{j + 1}" for j, v in enumerate(header)]
    width = len(names_out)
    with out.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow([*names_out, EXCEL_ROW_COLUMN])
        for number, values in enumerate(rows, start=1):
            cells = [_cell_text(v) for v in values[:width]]
            if not any(cells):
                continue
            cells += [""] * (width - len(cells))
            writer.writerow([*cells, number])
