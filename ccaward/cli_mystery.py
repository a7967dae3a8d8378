"""`ccaward mystery`: mystery-call scorecards and scores, the platform's computation
without the platform.

ccaward mystery score CONTACTS.csv --scorecard FILE.yaml [--format json|csv] [--out FILE]
ccaward mystery scorecard check FILE.yaml

`score`: each contact's total and breakdown and each entry's mean, group breakdown,
spread, consistency and shoppers' agreement (engine/mystery/csvfiles.py describes
CONTACTS.csv; --scorecard default is the shipped card). `scorecard check`: the card's
groups and points, or every problem named by path (group/item). Exit status 0, or 2
for bad input (nothing computed). No Django import.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from ccaward.engine.mystery import aggregate, csvfiles, scorecard

PROG = "ccaward mystery"


def add_parser(subparsers) -> None:
    """Add the `mystery` subcommand with `score` and `scorecard check`."""
    p = subparsers.add_parser(
        "mystery",
        help="mystery-call scorecards and scores (CSV in, JSON or CSV out)",
        description=(__doc__ or "").split("\n\n", 1)[1],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = p.add_subparsers(dest="mystery_command", required=True)
    s = sub.add_parser("score", help="contacts' and entries' scores")
    s.add_argument("contacts", metavar="CONTACTS.csv")
    s.add_argument("--scorecard", metavar="FILE.yaml", help="the card (default: the shipped one)")
    s.add_argument("--format", choices=("json", "csv"), default="json")
    s.add_argument("--out", metavar="FILE", help="write here instead of stdout")
    s.set_defaults(func=run_score)
    c = sub.add_parser("scorecard", help="check a scorecard definition")
    csub = c.add_subparsers(dest="scorecard_command", required=True)
    check = csub.add_parser("check", help="check a card (YAML): problems named by path")
    check.add_argument("file", metavar="FILE.yaml")
    check.set_defaults(func=run_check)


def _fail(problems: list[str]) -> int:
    for problem in problems:
        print(f"{PROG}: error: {problem}", file=sys.stderr)
    return 2


def _card(path):
    return scorecard.read_scorecard(path) if path else scorecard.default_scorecard()


def run_check(args) -> int:
    try:
        card = _card(args.file)
    except scorecard.ScorecardError as exc:
        return _fail([f"{args.file}: {p}" for p in exc.problems])
    print(f"{args.file}: {card.name_en} (version {card.version}), points add up to 100")
    for group in card.groups:
        print(f"  {group.code}: {group.points} points, {len(group.items)} items")
    return 0


def run_score(args) -> int:
    try:
        card = _card(args.scorecard)
    except scorecard.ScorecardError as exc:
        return _fail([f"{args.scorecard}: {p}" for p in exc.problems])
    try:
        scores = csvfiles.read_contacts(args.contacts, card)
    except csvfiles.InputError as exc:
        return _fail(exc.problems)
    entries = aggregate.entry_results(scores)
    if args.format == "csv":
        text = csvfiles.as_csv(card, scores, entries)
    else:
        data = csvfiles.as_json(card, scores, entries)
        text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    if args.out:
        try:
            Path(args.out).write_text(text, encoding="utf-8")
        except OSError as exc:
            return _fail([f"--out {args.out}: {exc.strerror or exc}"])
    else:
        sys.stdout.write(text)
    return 0
