"""The totals as a file (CSV, XLSX): the season and how the totals were made in
the first rows (the method and its caveats, as the page states them), then one
row per entry by category and rank, in the reader's language. Text that starts
like a formula is written as text."""

from __future__ import annotations

import csv
import io

import openpyxl
from django.utils.translation import pgettext
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font

from ccaward.deliberation.wording import statement
from ccaward.reviews.blind import entry_code

CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _name(dim, language_en: bool) -> str:
    return (dim.name_en or dim.name_zh) if language_en else dim.name_zh


def header(se, *, english: bool) -> list[str]:
    dims = se.framework.dimensions if se.framework is not None else ()
    return [
        pgettext("table", "Category"),
        pgettext("table", "Rank"),
        pgettext("table", "Tied"),
        pgettext("table", "Code"),
        pgettext("table", "Entry"),
        pgettext("table", "Total"),
        *[_name(d, english) for d in dims],
        pgettext("table", "90% rank interval, from"),
        pgettext("table", "90% rank interval, to"),
        pgettext("table", "Probability within the quota"),
        pgettext("table", "Complete"),
        pgettext("table", "Uncertain at the quota line"),
    ]


def _float(value, places: int = 2):
    """As the page shows it: totals and dimensions to 0.01 (ties are decided there)."""
    return None if value is None else round(float(value), places)


def rows(se, namer) -> list[list]:
    """One row per entry, by category and rank (values typed: numbers as numbers)."""
    dims = se.framework.dimensions if se.framework is not None else ()
    yes, no = pgettext("table", "yes"), pgettext("table", "no")
    out = []
    for category, results in se.by_category():
        for r in results:
            entry = se.entries[r.entry]
            lo, hi = r.rank_interval or (None, None)
            out.append(
                [
                    category.name,
                    r.rank,
                    yes if r.tied else no,
                    entry_code(entry),
                    namer(entry),
                    _float(r.total),
                    *[_float(r.dimensions.get(d.code)) for d in dims],
                    lo,
                    hi,
                    _float(r.p_in_quota, 4),
                    yes if r.complete else no,
                    yes if r.uncertain else no,
                ]
            )
    return out


def preamble(se, season) -> list[str]:
    return [
        f"{season.name} · {pgettext('page', 'Totals')}",
        *statement(se),
    ]


def _text(value):
    """A cell's text that no spreadsheet runs as a formula."""
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
        if value.startswith(FORMULA_START):
            return "'" + value
    return value


def totals_csv(se, season, namer, *, english: bool) -> bytes:
    """UTF-8 with a byte-order mark (so spreadsheet programs read the Chinese)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for line in preamble(se, season):
        writer.writerow([_text(line)])
    writer.writerow([])
    writer.writerow(header(se, english=english))
    for row in rows(se, namer):
        writer.writerow(["" if v is None else _text(v) for v in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def totals_xlsx(se, season, namer, *, english: bool) -> bytes:
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = pgettext("page", "Totals")[:31]
    lines = preamble(se, season)
    for i, line in enumerate(lines, start=1):
        cell = ws.cell(row=i, column=1, value=_text(line))
        cell.data_type = "s"
        if i == 1:
            cell.font = Font(bold=True, size=13)
    first = len(lines) + 2
    for col, title in enumerate(header(se, english=english), start=1):
        ws.cell(row=first, column=col, value=title).font = Font(bold=True)
    for r, row in enumerate(rows(se, namer), start=first + 1):
        for col, value in enumerate(row, start=1):
            cell = ws.cell(row=r, column=col, value=_text(value))
            if isinstance(value, str):
                cell.data_type = "s"
    ws.freeze_panes = ws.cell(row=first + 1, column=1)
    ws.column_dimensions["A"].width = 24
    ws.column_dimensions["E"].width = 28
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
