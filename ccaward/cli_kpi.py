"""`ccaward kpi`: compute indicators from interaction records, or simulate records.

ccaward kpi compute INPUT... [--mapping FILE] [--by center,day] [--sl-seconds 20]
                    [--abandon-treatment failed|ignored|met] [--short-abandon-seconds 5]
                    [--fcr-days 7] [--format json|csv|parquet] [--out FILE]
                    [--on-bad-rows reject|skip] [--memory-limit 1GB]
ccaward kpi simulate --centers N --days D [--seed S] --out DIR

No Django import. Errors print ``ccaward kpi: error: ...`` and exit with status 2.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path

import duckdb

from ccaward.engine import interactions, kpi, simulate

DECIMALS = 6


def add_parser(subparsers) -> None:
    """Add the `kpi` subcommand (with `compute` and `simulate`) to argparse subparsers."""
    p = subparsers.add_parser(
        "kpi", help="contact-center indicators from interaction records", description=__doc__
    )
    sub = p.add_subparsers(dest="kpi_command", required=True)

    c = sub.add_parser("compute", help="compute indicators from CSV / Parquet records")
    c.add_argument("inputs", nargs="+", metavar="INPUT", help="CSV or Parquet files")
    c.add_argument("--mapping", default=None, help="column mapping YAML (default: standard)")
    c.add_argument("--by", default="center,day", help="group keys, comma separated")
    c.add_argument("--sl-seconds", type=float, default=20.0, help="service-level T (20)")
    c.add_argument("--abandon-treatment", choices=kpi.ABANDON_TREATMENTS, default="failed")
    c.add_argument("--short-abandon-seconds", type=float, default=5.0, help="0 = none (5)")
    c.add_argument("--fcr-days", type=int, default=7, help="FCR repeat window in days (7)")
    c.add_argument("--format", choices=("json", "csv", "parquet"), default="json")
    c.add_argument("--out", default=None, help="output file (default: stdout; parquet needs it)")
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
    if args.format == "parquet" and not args.out:
        return _error("--format parquet needs --out FILE")
    try:
        sql = kpi.compute_sql(
            by=args.by,
            sl_seconds=args.sl_seconds,
            abandon_treatment=args.abandon_treatment,
            short_abandon_seconds=args.short_abandon_seconds,
            fcr_days=args.fcr_days,
        )
    except ValueError as exc:
        return _error(str(exc))
    con = duckdb.connect()
    try:
        kpi.configure(con, memory_limit=args.memory_limit)
        report = interactions.load(con, args.inputs, mapping=args.mapping, policy=args.on_bad_rows)
        if args.format == "parquet":  # DuckDB writes the file; the rows never pass through Python
            con.execute(f"COPY ({sql}) TO {_quote(args.out)} (FORMAT parquet)")
            text = None
        else:
            rows = kpi.compute(
                con,
                by=args.by,
                sl_seconds=args.sl_seconds,
                abandon_treatment=args.abandon_treatment,
                short_abandon_seconds=args.short_abandon_seconds,
                fcr_days=args.fcr_days,
                memory_limit=args.memory_limit,
            )
            text = _render(rows, report, args.format)
    except interactions.LoadError as exc:
        return _error(str(exc))
    except (ValueError, duckdb.Error, OSError) as exc:
        return _error(str(exc))
    finally:
        con.close()
    if report.issues:
        for issue in report.issues:
            print(
                f"ccaward kpi: skipped {issue.count} row(s) ({issue.rule}) in {issue.file}, "
                f"first rows {list(issue.rows)}",
                file=sys.stderr,
            )
    if text is not None:
        if args.out:
            Path(args.out).write_text(text, encoding="utf-8")
        else:
            sys.stdout.write(text)
    return 0


def _render(rows: list[dict], report, fmt: str) -> str:
    """The rows as CSV, or as JSON with the load report."""
    if fmt == "csv":
        buf = io.StringIO()
        if rows:
            writer = csv.DictWriter(buf, fieldnames=list(rows[0]), lineterminator="\n")
            writer.writeheader()
            writer.writerows({k: _rounded(v) for k, v in r.items()} for r in rows)
        return buf.getvalue()
    payload = {
        "load": report.as_dict(),
        "rows": [{k: _rounded(v) for k, v in r.items()} for r in rows],
    }
    return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"


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
