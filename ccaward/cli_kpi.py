"""`ccaward kpi`: compute indicators from interaction records, or simulate records.

ccaward kpi compute INPUT... [--mapping FILE] [--by center,day] [--sl-seconds 20]
                    [--abandon-treatment failed|ignored|met] [--short-abandon-seconds 5]
                    [--fcr-days 7] [--fcr-method repeat|outcome]
                    [--resolved-outcomes CODE,CODE] [--format json|csv|parquet|xlsx]
                    [--out FILE] [--agent-states FILE... [--agent-states-mapping FILE]]
                    [--schedules FILE... [--schedules-mapping FILE]]
                    [--on-bad-rows reject|skip] [--memory-limit 1GB]
ccaward kpi simulate --centers N --days D [--seed S] --out DIR

No Django import. Errors print ``ccaward kpi: error: ...`` and exit with status 2.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import json
import sys
from pathlib import Path

import duckdb

from ccaward.engine import interactions, kpi, simulate

DECIMALS = 6
FORMATS = ("json", "csv", "parquet", "xlsx")


def add_parser(subparsers) -> None:
    """Add the `kpi` subcommand (with `compute` and `simulate`) to argparse subparsers."""
    p = subparsers.add_parser(
        "kpi",
        help="contact-center indicators from interaction records",
        description=(__doc__ or "").split("\n\nNo Django")[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = p.add_subparsers(dest="kpi_command", required=True)

    c = sub.add_parser("compute", help="compute indicators from CSV / Excel / Parquet records")
    c.add_argument("inputs", nargs="+", metavar="INPUT", help="CSV, Parquet or Excel files")
    c.add_argument("--mapping", default=None, help="column mapping YAML (default: standard)")
    c.add_argument("--by", default="center,day", help="group keys, comma separated")
    c.add_argument("--sl-seconds", type=float, default=20.0, help="service-level T (20)")
    c.add_argument("--abandon-treatment", choices=kpi.ABANDON_TREATMENTS, default="failed")
    c.add_argument("--short-abandon-seconds", type=float, default=5.0, help="0 = none (5)")
    c.add_argument("--fcr-days", type=int, default=7, help="FCR repeat window in days (7)")
    c.add_argument(
        "--fcr-method",
        choices=kpi.FCR_METHODS,
        default=None,
        help="FCR from repeat contacts or from outcome codes (default: outcome when "
        "resolved codes are given or declared by the mapping, else repeat)",
    )
    c.add_argument(
        "--resolved-outcomes",
        default=None,
        metavar="CODE,CODE",
        help="outcome codes meaning resolved (overrides the mapping's resolved_outcomes)",
    )
    c.add_argument("--format", choices=FORMATS, default="json")
    c.add_argument(
        "--out", default=None, help="output file (default: stdout; parquet and xlsx need it)"
    )
    c.add_argument(
        "--agent-states",
        nargs="+",
        default=None,
        metavar="FILE",
        help="agent-state intervals (CSV, Parquet or Excel) for occupancy",
    )
    c.add_argument(
        "--agent-states-mapping", default=None, help="column mapping YAML for --agent-states"
    )
    c.add_argument(
        "--schedules",
        nargs="+",
        default=None,
        metavar="FILE",
        help="the agents' schedules (CSV, Parquet or Excel) for adherence (with --agent-states)",
    )
    c.add_argument("--schedules-mapping", default=None, help="column mapping YAML for --schedules")
    c.add_argument("--on-bad-rows", choices=interactions.POLICIES, default="reject")
    c.add_argument("--memory-limit", default="1GB", help="DuckDB memory limit (1GB)")
    c.set_defaults(func=run)

    s = sub.add_parser("simulate", help="write simulated records (Parquet)")
    s.add_argument("--centers", type=int, required=True)
    s.add_argument("--days", type=int, required=True)
    s.add_argument("--seed", type=int, default=0)
    s.add_argument("--out", required=True, help="output directory")
    s.set_defaults(func=run)


def _rounded(value):
    return round(value, DECIMALS) if isinstance(value, float) else value


def _error(message: str) -> int:
    print(f"ccaward kpi: error: {message}", file=sys.stderr)
    return 2


def _compute(args) -> int:
    if args.format in ("parquet", "xlsx") and not args.out:
        return _error(f"--format {args.format} needs --out FILE")
    if args.out and not Path(args.out).resolve().parent.is_dir():
        return _error(f"--out {args.out}: the directory {Path(args.out).parent} does not exist")
    if args.schedules and not args.agent_states:
        return _error(
            "--schedules needs --agent-states: adherence compares the schedules with the "
            "agents' states"
        )
    try:  # check the arguments before reading any input
        kpi.compute_sql(
            by=args.by,
            sl_seconds=args.sl_seconds,
            abandon_treatment=args.abandon_treatment,
            short_abandon_seconds=args.short_abandon_seconds,
            fcr_days=args.fcr_days,
        )
    except ValueError as exc:
        return _error(str(exc))
    con = duckdb.connect()
    bars = ProgressBars() if sys.stderr.isatty() else None
    try:
        kpi.configure(con, memory_limit=args.memory_limit)
        report = interactions.load(
            con,
            args.inputs,
            mapping=args.mapping,
            policy=args.on_bad_rows,
            progress=bars and bars.phase("load", "file"),
            replace=True,
            in_place=True,  # Parquet inputs are read where they are (no copy)
        )
        reports = [("interaction records", report)]
        for name, files, mapping, load in (
            (
                "agent states",
                args.agent_states,
                args.agent_states_mapping,
                interactions.load_agent_states,
            ),
            ("schedules", args.schedules, args.schedules_mapping, interactions.load_schedules),
        ):
            if files:
                progress = bars and bars.phase(name, "file")
                reports.append(
                    (
                        name,
                        load(
                            con, files, mapping=mapping, policy=args.on_bad_rows, progress=progress
                        ),
                    )
                )
        fcr_method, codes = kpi.fcr_settings(con, args.fcr_method, args.resolved_outcomes)
        if args.format == "parquet":  # DuckDB writes the file; the rows never pass through Python
            sql = kpi.compute_sql(
                by=args.by,
                sl_seconds=args.sl_seconds,
                abandon_treatment=args.abandon_treatment,
                short_abandon_seconds=args.short_abandon_seconds,
                fcr_days=args.fcr_days,
                fcr_method=fcr_method,
                resolved_outcomes=codes,
                agent_states=kpi.has_agent_states(con),
                schedules=kpi.has_schedules(con),
            )
            step = bars and bars.phase("compute", "step")
            if step:
                step(0, 1, "computing")
            con.execute(f"COPY ({sql}) TO {_quote(args.out)} (FORMAT parquet)")
            if step:
                step(1, 1, "written")
            text = None
        else:
            rows = kpi.compute(
                con,
                by=args.by,
                sl_seconds=args.sl_seconds,
                abandon_treatment=args.abandon_treatment,
                short_abandon_seconds=args.short_abandon_seconds,
                fcr_days=args.fcr_days,
                fcr_method=fcr_method,
                resolved_outcomes=codes,
                memory_limit=args.memory_limit,
                progress=bars and bars.phase("compute", "step"),
            )
            if args.format == "xlsx":
                write_xlsx(rows, reports, args.out)
                text = None
            else:
                text = _render(rows, reports, args.format)
    except interactions.LoadError as exc:
        return _error(str(exc))
    except (ValueError, duckdb.Error, OSError) as exc:
        return _error(str(exc))
    finally:
        if bars:
            bars.close()
        con.close()
    for issue in (i for _, r in reports for i in r.issues):
        print(
            f"ccaward kpi: skipped {issue.count} row(s) ({issue.rule}) in {issue.file}, "
            f"first rows {list(issue.rows)}" + (f": {issue.message}" if issue.message else ""),
            file=sys.stderr,
        )
    if text is not None:
        if args.out:
            try:
                Path(args.out).write_text(text, encoding="utf-8")
            except OSError as exc:
                return _error(f"--out {args.out}: {exc.strerror or exc}")
        else:
            sys.stdout.write(text)
    return 0


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


def _render(rows: list[dict], reports, fmt: str) -> str:
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


def _quote(value: str) -> str:
    return "'" + str(value).replace("'", "''") + "'"


def run(args) -> int:
    """Run `kpi compute` or `kpi simulate`; exit status 2 on invalid input."""
    if args.kpi_command == "simulate":
        try:
            paths = simulate.simulate(
                centers=args.centers, days=args.days, seed=args.seed, out_dir=args.out
            )
        except (ValueError, OSError) as exc:
            return _error(str(exc))
        for path in paths:
            print(path)
        return 0
    return _compute(args)
