"""`ccaward tally`: the count of a ballot file, the platform's count without the
platform.

ccaward tally BALLOTS.csv --method approval|borda|schulze --seats K
              [--candidates A,B,...] [--strength winning|margin]
              [--max-approvals K] [--poll POLL.csv --poll-weight W]
              [--format json|csv]

BALLOTS.csv (or - for standard input): UTF-8, no header, one ballot a row. Ranked
methods: the candidates in order of preference, one per cell, `B=C` for candidates
ranked equal; the unranked rank below every ranked one. Approval: the approved
candidates. An optional first cell `count=N` stands for N identical ballots; blank
rows are skipped. --candidates names every candidate standing (those no ballot
mentions too; a ballot naming another is refused); without it, the candidates are
those the ballots name. Output on stdout: JSON {method, seats, winners, tied,
ranking, scores | pairwise} or CSV (place, candidate, status, score or pairwise
counts). A tie across the last seat is stated in `tied`, never broken.
Exit status 0, or 2 for bad input ("BALLOTS.csv line N: ..." on stderr, nothing
counted). With --poll (one `candidate,votes` row each: the public poll's valid
votes as the results page publishes them) and --poll-weight W (percent), the JSON
adds `decision`: the panel's share and the poll's combined as the platform decides
(engine.voting.decide), its winners and any tie across the last seat; a tie the
combined vote leaves is stated as tied here, where the platform goes on to the
totals and the dimensions. No Django import.
"""

from __future__ import annotations

import argparse
import json
import sys
from fractions import Fraction
from pathlib import Path

from ccaward.engine.voting import METHODS, STRENGTHS, BallotError, decide, tally
from ccaward.engine.voting.csvio import read_rows, tally_csv, tally_json
from ccaward.engine.voting.pollfile import decision_json, read_poll

PROG = "ccaward tally"


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{value} is below 1")
    return value


def _names(text: str) -> list[str]:
    names = [name.strip() for name in text.split(",")]
    if any(not name for name in names):
        raise argparse.ArgumentTypeError(f"{text!r} has an empty candidate name")
    return names


def add_parser(subparsers) -> None:
    """Add the `tally` subcommand."""
    p = subparsers.add_parser(
        "tally",
        help="count a ballot file by approval, Borda or Schulze (CSV in, JSON or CSV out)",
        description=(__doc__ or "").split("\n\n", 1)[1],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("ballots", metavar="BALLOTS.csv", help="one ballot a row; - for stdin")
    p.add_argument("--method", choices=METHODS, required=True)
    p.add_argument("--seats", type=_positive, required=True, metavar="K")
    p.add_argument("--candidates", type=_names, default=None, metavar="A,B,...")
    p.add_argument("--strength", choices=STRENGTHS, default="winning", help="Schulze's")
    p.add_argument("--max-approvals", type=_positive, default=None, metavar="K")
    p.add_argument("--poll", default=None, metavar="POLL.csv", help="the poll's votes")
    p.add_argument("--poll-weight", type=_percent, default=None, metavar="W")
    p.add_argument("--format", choices=("json", "csv"), default="json")
    p.set_defaults(func=run)


def _percent(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if not 0 <= value <= 100:
        raise argparse.ArgumentTypeError(f"{value} is not a percentage from 0 to 100")
    return value


def _decision(args, result) -> dict | None:
    """The decision with the poll (None without --poll); BallotError naming the
    poll file's line or a candidate the count does not know."""
    if args.poll is None:
        return None
    votes = read_poll(_text(args.poll))
    unknown = sorted(set(votes) - set(result.candidates))
    if unknown:
        raise BallotError(f"{', '.join(unknown)} in {args.poll} is not a candidate")
    decision = decide(
        tally=result,
        seats=args.seats,
        poll=votes,
        poll_weight=Fraction(args.poll_weight, 100),
        totals={},
        dimensions={},
    )
    return decision_json(decision, args.poll_weight)


def _fail(message: str) -> int:
    print(f"{PROG}: error: {message}", file=sys.stderr)
    return 2


def _text(path: str) -> str:
    data = sys.stdin.buffer.read() if path == "-" else Path(path).read_bytes()
    return data.decode("utf-8")


def run(args) -> int:
    """Count and write; 0, or 2 naming the line of the first problem."""
    name = "<stdin>" if args.ballots == "-" else args.ballots
    try:
        text = _text(args.ballots)
    except OSError as exc:
        return _fail(f"{name}: {exc.strerror or exc}")
    except UnicodeDecodeError as exc:
        return _fail(f"{name}: not UTF-8 (byte {exc.start + 1})")
    if (args.poll is None) != (args.poll_weight is None):
        return _fail("--poll and --poll-weight go together")
    rows = []
    try:
        rows = read_rows(text)
        result = tally(
            [ballot for _, ballot in rows],
            method=args.method,
            seats=args.seats,
            candidates=args.candidates,
            strength=args.strength,
            max_approvals=args.max_approvals,
        )
    except BallotError as exc:
        line = exc.line or (rows[exc.ballot - 1][0] if exc.ballot else None)
        return _fail(f"{name} line {line}: {exc.message}" if line else f"{name}: {exc.message}")
    try:
        decision = _decision(args, result)
    except OSError as exc:
        return _fail(f"{args.poll}: {exc.strerror or exc}")
    except UnicodeDecodeError as exc:
        return _fail(f"{args.poll}: not UTF-8 (byte {exc.start + 1})")
    except BallotError as exc:
        where = f"{args.poll} line {exc.line}" if exc.line else args.poll
        return _fail(f"{where}: {exc.message}")
    if args.format == "csv":
        sys.stdout.write(tally_csv(result))
        return 0
    data = tally_json(result)
    if decision is not None:
        data["decision"] = decision
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
    return 0
