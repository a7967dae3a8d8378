"""`ccaward score`: the totals of a score file, the platform's computation without
the platform.

ccaward score SCORES.csv --framework FILE [--method mean|trimmed|median|zscore|calibrated]
              [--scale MIN-MAX] [--bootstrap N --seed S --quota K]
              [--format json|csv] [--out FILE] [--explain ENTRY]

SCORES.csv: UTF-8, the header judge,entry,criterion,score; a criterion is a code
of the framework file (the YAML of `ccaward framework export`); scores are any
decimal on the scale (0-10 unless --scale). Output (stdout unless --out): JSON
with the method, the scale, the entries by rank (ties stated), the judges'
severity and scale, Krippendorff's alpha, outliers, disagreements and notes; or
CSV, one row per entry. --explain ENTRY writes that entry's breakdown instead.
Rank intervals and the probability within the quota come from N resamples of
each entry's judges (1,000 unless --bootstrap; 0 for none), seeded by S (0).
Exit status 0, or 2 for bad input (every problem named by file, line and column;
nothing computed). No Django import.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from ccaward.engine.scoring import csvin, output
from ccaward.engine.scoring.evaluate import evaluate
from ccaward.engine.scoring.explain import explain
from ccaward.engine.scoring.table import DEFAULT_METHOD, METHODS, Scale

PROG = "ccaward score"


def _count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"{value} is below 0")
    return value


def _positive(text: str) -> int:
    value = _count(text)
    if value < 1:
        raise argparse.ArgumentTypeError("a quota is at least 1")
    return value


def _scale(text: str):
    try:
        return csvin.parse_scale(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def add_parser(subparsers) -> None:
    """Add the `score` subcommand."""
    p = subparsers.add_parser(
        "score",
        help="totals, ranks and reliability of judges' scores (CSV in, JSON or CSV out)",
        description=(__doc__ or "").split("\n\n", 1)[1],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("scores", metavar="SCORES.csv", help="judge,entry,criterion,score")
    p.add_argument("--framework", required=True, metavar="FILE", help="the framework (YAML)")
    p.add_argument("--method", choices=METHODS, default=DEFAULT_METHOD)
    p.add_argument("--scale", type=_scale, default=Scale(), metavar="MIN-MAX")
    p.add_argument("--bootstrap", type=_count, default=1000, metavar="N", help="resamples")
    p.add_argument("--seed", type=_count, default=0, metavar="S")
    p.add_argument("--quota", type=_positive, default=None, metavar="K", help="places awarded")
    p.add_argument("--format", choices=("json", "csv"), default="json")
    p.add_argument("--out", metavar="FILE", help="write here instead of stdout")
    p.add_argument("--explain", metavar="ENTRY", help="write this entry's breakdown")
    p.set_defaults(func=run)


def _fail(problems: list[str]) -> int:
    for problem in problems:
        print(f"{PROG}: error: {problem}", file=sys.stderr)
    return 2


def _read(args):
    """(framework, table), or the list of problems of the input."""
    problems = []
    framework = table = None
    try:
        framework = csvin.read_framework(args.framework)
    except csvin.InputError as exc:
        problems += str(exc).splitlines()
    if framework is not None:
        try:
            table = csvin.read_scores(args.scores, framework=framework, scale=args.scale)
        except csvin.InputError as exc:
            problems += str(exc).splitlines()
    if table is not None:
        if args.quota is not None and args.quota > len(table.entries):
            problems.append(
                f"--quota {args.quota}: larger than the {len(table.entries)} entries "
                f"of {args.scores}"
            )
        if args.explain is not None and args.explain not in table.entries:
            problems.append(f"--explain: no entry {args.explain!r} in {args.scores}")
    return framework, table, problems


def run(args) -> int:
    """Evaluate and write; 0, or 2 with every problem of the input."""
    framework, table, problems = _read(args)
    if problems:
        return _fail(problems)
    evaluation = evaluate(
        table,
        framework,
        method=args.method,
        quotas={} if args.quota is None else {None: args.quota},
        bootstrap=args.bootstrap,
        seed=args.seed,
    )
    if note := output.judges_only_note(framework):
        evaluation.notes.append(note)
    if args.explain is not None:
        explanation = explain(table, framework, evaluation, args.explain)
        if args.format == "csv":
            text = output.explanation_csv(explanation)
        else:
            text = json.dumps(explanation.as_dict(), indent=2, ensure_ascii=False) + "\n"
    elif args.format == "csv":
        text = output.as_csv(evaluation, framework)
    else:
        data = output.as_json(evaluation, framework, table)
        text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    if args.out:
        try:
            Path(args.out).write_text(text, encoding="utf-8")
        except OSError as exc:
            return _fail([f"--out {args.out}: {exc.strerror or exc}"])
    else:
        sys.stdout.write(text)
    return 0
