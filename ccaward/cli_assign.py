"""`ccaward assign`: the judges' assignment from CSV files, without the platform.

ccaward assign --judges JUDGES.csv --entries ENTRIES.csv --affinity AFFINITY.csv
               [--conflicts CONFLICTS.csv] [--max-probability P [--seed N]]
               [--format json|csv] [--out FILE]

Files: see `ccaward.engine.assignment.csvfiles`. Employer and organization names are
compared as the platform compares them (a judge never reviews their own
organisation). Output (stdout unless --out): JSON with the assignments, objective,
optimality, loads and `infeasible` (null, or the entries, judges and reason), plus the
seed, cap, deterministic and expected objectives and each pair's probability in
randomized mode; or CSV rows judge,entry,affinity (the seed then on stderr). Exit
status 0 solved, 1 infeasible (the JSON is written whatever the format, the reason
also on stderr), 2 bad input (the message names the file, line and column). Without
--max-probability the result is deterministic. No Django import.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path

from ccaward.engine.assignment import AssignmentInputError, Result, csvfiles, solve

DECIMALS = 9


def add_parser(subparsers) -> None:
    """Add the `assign` subcommand to an argparse subparsers object."""
    p = subparsers.add_parser(
        "assign",
        help="assign judges to entries, proven optimal (CSV in, JSON or CSV out)",
        description=(
            "Each entry its reviewers, each judge a load within bounds, no conflicted pair, "
            "no two judges of one employer on an entry, the sum of affinity maximised. "
            "Exit status 1 when infeasible (the JSON says why), 2 on bad input."
        ),
    )
    p.add_argument("--judges", required=True, help="CSV: judge,min_load,max_load,employer")
    p.add_argument("--entries", required=True, help="CSV: entry,reviewers,organization")
    p.add_argument("--affinity", required=True, help="CSV: judge,entry,score (unlisted: 0)")
    p.add_argument("--conflicts", help="CSV: judge,entry (pairs never assigned)")
    p.add_argument(
        "--max-probability",
        type=float,
        default=None,
        metavar="P",
        help="randomized mode: no judge-entry pair has a probability above P (0 < P <= 1)",
    )
    p.add_argument("--seed", type=int, default=None, help="the randomized draw's seed")
    p.add_argument("--format", choices=("json", "csv"), default="json")
    p.add_argument("--out", help="write here instead of stdout")
    p.set_defaults(func=run)


def _read(args):
    judges = csvfiles.read_judges(args.judges)
    entries = csvfiles.read_entries(args.entries)
    judge_ids, entry_ids = {j.id for j in judges}, {e.id for e in entries}
    affinity = csvfiles.read_affinity(args.affinity, judge_ids, entry_ids)
    conflicts = (
        csvfiles.read_conflicts(args.conflicts, judge_ids, entry_ids) if args.conflicts else set()
    )
    return judges, entries, affinity, conflicts


def _round(value):
    return None if value is None else round(value, DECIMALS)


def as_json(result: Result) -> dict:
    """The result as the command prints it."""
    why = result.infeasible
    out = {
        "assignments": [
            {"judge": p.judge, "entry": p.entry, "affinity": p.affinity} for p in result.assignments
        ],
        "objective": _round(result.objective),
        "optimal": result.optimal,
        "loads": result.loads,
        "infeasible": None
        if why is None
        else {
            "entries": why.entries,
            "judges": why.judges,
            "reason": why.reason,
            "code": why.code,
            "detail": why.detail,
        },
    }
    if result.seed is not None:
        given_up = None
        if result.expected_objective is not None and result.deterministic_objective is not None:
            given_up = result.deterministic_objective - result.expected_objective
        out |= {
            "seed": result.seed,
            "max_probability": result.max_probability,
            "deterministic_objective": _round(result.deterministic_objective),
            "expected_objective": _round(result.expected_objective),
            "affinity_given_up": _round(given_up),
            "probabilities": [
                {"judge": j, "entry": e, "probability": _round(p)}
                for (j, e), p in (result.probabilities or {}).items()
            ],
        }
    return out


def as_csv(result: Result) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["judge", "entry", "affinity"])
    for p in result.assignments:
        writer.writerow([p.judge, p.entry, repr(p.affinity)])
    return buffer.getvalue()


def run(args) -> int:
    """Solve and write the result; exit status 0, 1 (infeasible) or 2 (bad input)."""
    try:
        judges, entries, affinity, conflicts = _read(args)
        result = solve(
            judges,
            entries,
            affinity,
            conflicts=conflicts,
            max_probability=args.max_probability,
            seed=args.seed,
        )
    except (csvfiles.CsvError, AssignmentInputError) as exc:
        message = str(exc)
        if isinstance(exc, AssignmentInputError) and exc.detail.get("field") in (
            "seed",
            "max_probability",
        ):
            message = "--" + exc.detail["field"].replace("_", "-") + ": " + message
        print(f"ccaward assign: error: {message}", file=sys.stderr)
        return 2
    if args.format == "csv" and result.infeasible is None:
        text = as_csv(result)
        if result.seed is not None:
            print(f"ccaward assign: seed {result.seed}", file=sys.stderr)
    else:
        text = json.dumps(as_json(result), indent=2, ensure_ascii=False) + "\n"
    if args.out:
        Path(args.out).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    if result.infeasible is not None:
        print(f"ccaward assign: infeasible: {result.infeasible.reason}", file=sys.stderr)
        return 1
    return 0
