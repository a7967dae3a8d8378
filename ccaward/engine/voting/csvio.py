"""BALLOTS.csv, the ballots of `ccaward tally` and of the published results, and the
count written as JSON or CSV.

The file: UTF-8 (a byte-order mark is allowed), no header, one ballot a row.

- Ranked methods: the candidates in order of preference, first choice first, one
  per cell; candidates ranked equal share a cell joined by `=` (`B=C`). A ballot may
  rank only some candidates; the unranked rank below every ranked one.
- Approval: the approved candidates, one per cell (a `B=C` cell approves both).
- An optional first cell `count=N` (N a whole number from 1) stands for N identical
  ballots. A row with nothing but `count=N` is N ballots ranking no one (they count:
  an approval share is over every ballot).
- Names are trimmed of surrounding spaces. Blank cells at the end of a row are
  ignored; a blank cell between two ranks is refused. Rows with no cell filled are
  skipped (they are not ballots).

Refusals are BallotErrors naming the line: a malformed `count=`, a candidate twice on
one row, an empty name in `B=`, a blank cell between ranks. What depends on the count
(a candidate not standing, too many approvals) is refused by `tally`, naming the
ballot; `read_rows` keeps each ballot's line so a caller can name the line instead.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from fractions import Fraction

from ccaward.engine.voting.types import Ballot, BallotError, TallyResult

_COUNT = re.compile(r"count\s*=\s*(.*)", re.IGNORECASE)


def _group(cell: str, line: int, seen: set[str]) -> frozenset[str]:
    names = [name.strip() for name in cell.split("=")]
    if any(not name for name in names):
        raise BallotError(f"{cell.strip()!r} has an empty candidate name", line=line)
    for name in names:
        if name in seen:
            raise BallotError(f"{name} appears twice", line=line, candidate=name)
        seen.add(name)
    return frozenset(names)


def _count(cell: str, line: int) -> int:
    value = _COUNT.fullmatch(cell.strip()).group(1).strip()
    if not value.isascii() or not value.isdigit() or int(value) < 1:
        raise BallotError(
            f"malformed {cell.strip()!r}: write count=N with N a whole number from 1",
            line=line,
        )
    return int(value)


def parse_row(cells: Sequence[str], line: int) -> Ballot | None:
    """One row as a ballot, or None for a blank row."""
    cells = list(cells)
    while cells and not cells[-1].strip():
        cells.pop()
    if not cells:
        return None
    count = 1
    if _COUNT.fullmatch(cells[0].strip()):
        count = _count(cells[0], line)
        cells = cells[1:]
    seen: set[str] = set()
    ranks = []
    for cell in cells:
        if not cell.strip():
            raise BallotError("a blank cell between two ranks", line=line)
        ranks.append(_group(cell, line, seen))
    return Ballot(ranks=tuple(ranks), count=count)


def read_rows(text: str) -> list[tuple[int, Ballot]]:
    """Every ballot of a BALLOTS.csv text with its line (1-based)."""
    text = text.removeprefix("\ufeff")
    reader = csv.reader(io.StringIO(text, newline=""))
    rows = []
    start = 1
    try:
        for cells in reader:
            ballot = parse_row(cells, start)
            if ballot is not None:
                rows.append((start, ballot))
            start = reader.line_num + 1
    except csv.Error as exc:
        raise BallotError(f"not CSV: {exc}", line=reader.line_num or start) from None
    return rows


def read_ballots(text: str) -> list[Ballot]:
    """The ballots of a BALLOTS.csv text."""
    return [ballot for _, ballot in read_rows(text)]


def write_ballots(ballots: Sequence[Ballot]) -> str:
    """BALLOTS.csv of `ballots` (equal ranks sorted by name; `count=N` when N != 1).
    Raises ValueError for a name the format cannot carry (an `=`, surrounding spaces,
    empty)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    for ballot in ballots:
        for name in ballot.candidates:
            if not name or "=" in name or name != name.strip():
                raise ValueError(f"BALLOTS.csv cannot carry the candidate name {name!r}")
        cells = ["=".join(sorted(group)) for group in ballot.ranks]
        if ballot.count != 1 or not cells:
            cells.insert(0, f"count={ballot.count}")
        writer.writerow(cells)
    return out.getvalue()


def exact_number(value: int | Fraction) -> int | float | str:
    """A score for JSON without losing anything: an integer, a decimal when the
    fraction has one (Borda's half points), else "p/q"."""
    value = Fraction(value)
    if value.denominator == 1:
        return int(value)
    d = value.denominator
    if d & (d - 1) == 0 and abs(value.numerator) < 2**53:  # a power of two: exact as binary
        return float(value)
    return f"{value.numerator}/{value.denominator}"


def tally_json(result: TallyResult) -> dict:
    """The count in the issue's shape: method, seats, winners, tied, ranking, and
    scores (approval, Borda) or pairwise (Schulze: d[a][b])."""
    data = {
        "method": result.method,
        "seats": result.seats,
        "winners": list(result.winners),
        "tied": list(result.tied),
        "ranking": [list(group) for group in result.ranking],
    }
    if result.pairwise is not None:
        data["pairwise"] = {a: dict(row) for a, row in result.pairwise.items()}
    else:
        data["scores"] = {c: exact_number(s) for c, s in (result.scores or {}).items()}
    return data


def tally_csv(result: TallyResult) -> str:
    """The count as CSV, one row per candidate in ranking order: place (equal for
    equals), candidate, status (winner, tied or blank), and the score, or for Schulze
    d[candidate][other] for each other candidate."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    schulze = result.pairwise is not None
    names = list(result.candidates)
    writer.writerow(["place", "candidate", "status", *(names if schulze else ["score"])])
    place = 1
    for group in result.ranking:
        for candidate in group:
            status = (
                "winner"
                if candidate in result.winners
                else "tied"
                if candidate in result.tied
                else ""
            )
            if schulze:
                row = result.pairwise[candidate]
                values = ["" if other == candidate else row[other] for other in names]
            else:
                values = [exact_number(result.scores[candidate])]
            writer.writerow([place, candidate, status, *values])
        place += len(group)
    return out.getvalue()
