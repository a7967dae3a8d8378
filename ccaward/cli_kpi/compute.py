"""``ccaward kpi compute``: check the arguments, load the inputs, compute and write."""

from __future__ import annotations

import sys
from pathlib import Path

from ccaward.cli_kpi.output import ProgressBars, error, render, write_xlsx
from ccaward.engine import interactions, kpi
from ccaward.engine.sql import dialect as db


def compute(args) -> int:
    """Run ``kpi compute``: 0, or 2 after printing the error."""
    problem = _check(args)
    if problem:
        return error(problem)
    con = db.connect()
    bars = ProgressBars() if sys.stderr.isatty() else None
    try:
        kpi.configure(con, memory_limit=args.memory_limit)
        reports = _load(con, args, bars)
        text = _compute(con, args, reports, bars)
    except (ValueError, db.Error, OSError) as exc:  # a LoadError is a ValueError
        return error(str(exc))
    finally:
        if bars:
            bars.close()
        con.close()
    _print_skipped(reports)
    if text is None:
        return 0
    if not args.out:
        sys.stdout.write(text)
        return 0
    try:
        Path(args.out).write_text(text, encoding="utf-8")
    except OSError as exc:
        return error(f"--out {args.out}: {exc.strerror or exc}")
    return 0


def _settings(args) -> dict:
    """The indicator settings of the command line, as ``kpi.compute_sql`` takes them."""
    return {
        "by": args.by,
        "sl_seconds": args.sl_seconds,
        "abandon_treatment": args.abandon_treatment,
        "short_abandon_seconds": args.short_abandon_seconds,
        "fcr_days": args.fcr_days,
    }


def _check(args) -> str | None:
    """What is wrong with the arguments, before any input is read (None: nothing)."""
    if args.format in ("parquet", "xlsx") and not args.out:
        return f"--format {args.format} needs --out FILE"
    if args.out and not Path(args.out).resolve().parent.is_dir():
        return f"--out {args.out}: the directory {Path(args.out).parent} does not exist"
    if args.schedules and not args.agent_states:
        return (
            "--schedules needs --agent-states: adherence compares the schedules with the "
            "agents' states"
        )
    try:
        kpi.compute_sql(**_settings(args))
    except ValueError as exc:
        return str(exc)
    return None


def _load(con, args, bars) -> list[tuple[str, interactions.LoadReport]]:
    """Load the records, then the agent states and schedules when given: (name, report)."""
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
            loaded = load(con, files, mapping=mapping, policy=args.on_bad_rows, progress=progress)
            reports.append((name, loaded))
    return reports


def _compute(con, args, reports, bars) -> str | None:
    """Compute and write a Parquet or .xlsx file (None), or the text to print or write."""
    fcr_method, codes = kpi.fcr_settings(con, args.fcr_method, args.resolved_outcomes)
    if args.format == "parquet":  # the backend writes the file; the rows never pass through Python
        sql = kpi.compute_sql(
            **_settings(args),
            fcr_method=fcr_method,
            resolved_outcomes=codes,
            agent_states=kpi.has_agent_states(con),
            schedules=kpi.has_schedules(con),
        )
        step = bars and bars.phase("compute", "step")
        if step:
            step(0, 1, "computing")
        db.copy_to_parquet(con, sql, args.out)
        if step:
            step(1, 1, "written")
        return None
    rows = kpi.compute(
        con,
        **_settings(args),
        fcr_method=fcr_method,
        resolved_outcomes=codes,
        memory_limit=args.memory_limit,
        progress=bars and bars.phase("compute", "step"),
    )
    if args.format == "xlsx":
        write_xlsx(rows, reports, args.out)
        return None
    return render(rows, reports, args.format)


def _print_skipped(reports) -> None:
    for issue in (i for _, r in reports for i in r.issues):
        print(
            f"ccaward kpi: skipped {issue.count} row(s) ({issue.rule}) in {issue.file}, "
            f"first rows {list(issue.rows)}" + (f": {issue.message}" if issue.message else ""),
            file=sys.stderr,
        )
