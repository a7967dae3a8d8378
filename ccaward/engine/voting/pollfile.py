"""POLL.csv, the public poll's valid votes of a category as published, and the
decision of `ccaward tally --poll` written as JSON.

The file: UTF-8 (a byte-order mark is allowed), no header, one candidate a row:
`candidate,votes` with votes a whole number from 0. Blank rows are skipped. A
candidate twice, a missing or malformed number is a BallotError naming the line.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping

from ccaward.engine.voting.types import BallotError, Decision


def read_poll(text: str) -> dict[str, int]:
    """{candidate: votes} from POLL.csv's text."""
    out: dict[str, int] = {}
    for line, row in enumerate(csv.reader(io.StringIO(text.lstrip("\ufeff"))), start=1):
        cells = [cell.strip() for cell in row]
        while cells and not cells[-1]:
            cells.pop()
        if not cells:
            continue
        if len(cells) != 2 or not cells[0]:
            raise BallotError("write one candidate and its votes: candidate,votes", line=line)
        name, votes = cells
        if not votes.isascii() or not votes.isdigit():
            raise BallotError(
                f"{votes!r} is not a number of votes (a whole number from 0)", line=line
            )
        if name in out:
            raise BallotError(f"{name} is on two rows", line=line, candidate=name)
        out[name] = int(votes)
    return out


def write_poll(votes: Mapping[str, int]) -> str:
    """POLL.csv's text, the candidates in order of name."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    for name in sorted(votes):
        writer.writerow([name, int(votes[name])])
    return out.getvalue()


def decision_json(decision: Decision, weight_percent: int) -> dict:
    """The panel's count combined with the poll: winners, an open tie across the
    last seat, and each candidate's shares as exact fractions ("p/q")."""
    return {
        "poll_weight": weight_percent,
        "winners": list(decision.winners),
        "tied": list(decision.tied),
        "standings": [
            {
                "candidate": s.candidate,
                "place": s.place,
                "panel": str(s.panel),
                "poll": None if s.poll is None else str(s.poll),
                "combined": str(s.combined),
                "winner": s.winner,
                "tied": s.tied,
            }
            for s in decision.standings
        ],
    }
