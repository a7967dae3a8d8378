"""What ``ccaward kpi compute`` writes: progress bars on a terminal, the rows as CSV or
JSON (with the load reports) or as an .xlsx workbook, and its errors."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import sys

DECIMALS = 6
FORMATS = ("json", "csv", "parquet", "xlsx")


def _rounded(value):
    return round(value, DECIMALS) if isinstance(value, float) else value


def error(message: str) -> int:
    """Print ``ccaward kpi: error: ...`` and return the exit status 2."""
    print(f"ccaward kpi: error: {message}", file=sys.stderr)
    return 2


class ProgressBars:
    """tqdm bars on stderr, one per phase; ``phase()`` returns the engine's callback.

    The engine functions take ``progress(done, total, message)``; this is the CLI's one
    (the web app's background job passes its own).
    """

    def __init__(self, file=None):
        self.file = file or sys.stderr
        self.bar = None

    def phase(self, name: str, unit: str):
        self.close()
        from tqdm import tqdm  # imported here: only a terminal needs it

        self.bar = tqdm(total=None, desc=name, unit=unit, file=self.file, leave=True)
        bar = self.bar

        def callback(done: int, total: int, message: str) -> None:
            bar.total = total
            bar.n = done
            bar.set_postfix_str(message, refresh=False)
            bar.refresh()

        return callback

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None


def render(rows: list[dict], reports, fmt: str) -> str:
    """The rows as CSV, or as JSON with the load report(s) (``agent_states_load`` and
    ``schedules_load`` too when agent states or schedules were given)."""
    if fmt == "csv":
        buf = io.StringIO()
        if rows:
            writer = csv.DictWriter(buf, fieldnames=list(rows[0]), lineterminator="\n")
            writer.writeheader()
            writer.writerows({k: _rounded(v) for k, v in r.items()} for r in rows)
        return buf.getvalue()
    keys = {"agent states": "agent_states_load", "schedules": "schedules_load"}
    payload = {"load": reports[0][1].as_dict()}
    for name, report in reports[1:]:
        payload[keys[name]] = report.as_dict()
    payload |= {
        "rows": [{k: _rounded(v) for k, v in r.items()} for r in rows],
    }
    return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"


def write_xlsx(rows: list[dict], report, out) -> None:
    """An .xlsx with the sheets "indicators" (the rows) and "load report".

    openpyxl write-only workbook: rows are streamed to the file, not kept as cells.
    ``day`` and ``week`` become Excel dates; a null is an empty cell.
    """
    import openpyxl  # imported here: only xlsx output needs it

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("indicators")
    if rows:
        sheet.append(list(rows[0]))
        for row in rows:
            sheet.append([_xlsx_value(k, v) for k, v in row.items()])
    _xlsx_load_report(book.create_sheet("load report"), report)
    book.save(out)


def _xlsx_value(key, value):
    if key in ("day", "week") and isinstance(value, str):
        return dt.date.fromisoformat(value)
    return _rounded(value)


def _xlsx_load_report(sheet, report, title="interaction records") -> None:
    reports = report if isinstance(report, list | tuple) else [(title, report)]
    for index, (name, rep) in enumerate(reports):
        if index:
            sheet.append([])
        sheet.append([name])
        sheet.append(["files", ", ".join(rep.files)])
        sheet.append(["policy", rep.policy])
        sheet.append(["rows read", rep.rows_read])
        sheet.append(["rows loaded", rep.rows_loaded])
        sheet.append(["rows skipped", rep.rows_skipped])
        sheet.append([])
        sheet.append(["rule", "count", "first rows", "file", "message"])
        for issue in rep.issues:
            sheet.append(
                [
                    issue.rule,
                    issue.count,
                    ", ".join(map(str, issue.rows)),
                    issue.file,
                    issue.message or None,
                ]
            )
