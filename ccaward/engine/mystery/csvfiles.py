"""The contacts file of `ccaward mystery score` and its output.

CONTACTS.csv (UTF-8, a header row): contact, entry, shopper, and optionally reached
(yes/no, yes when empty), attempts (the times of unanswered attempts, separated by
";"), void (the reason a contact is voided); every other column is an item code of
the card. A contact scored by two shoppers has two rows with the same contact id.
Problems are named by line and column.
"""

from __future__ import annotations

import csv
import io
from decimal import Decimal

from .aggregate import EntryResult
from .score import NO, YES, AnswerError, Contact, ContactScore, score_contact
from .scorecard import Scorecard

REQUIRED = ("contact", "entry", "shopper")
OPTIONAL = ("reached", "attempts", "void")


class InputError(ValueError):
    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


def read_contacts(path, card: Scorecard) -> list[ContactScore]:
    """Every row scored by the card; InputError naming each problem by line."""
    try:
        with open(path, encoding="utf-8-sig", newline="") as fh:
            rows = list(csv.reader(fh))
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError([f"{path}: {getattr(exc, 'strerror', None) or exc}"]) from None
    if not rows:
        raise InputError([f"{path}: empty (a header row is needed)"])
    header = [h.strip() for h in rows[0]]
    problems = [f"{path}: line 1: no column {c!r}" for c in REQUIRED if c not in header]
    problems += [
        f"{path}: line 1: column {h!r} is not an item of the card"
        for h in header
        if h not in REQUIRED + OPTIONAL and card.item(h) is None
    ]
    if problems:
        raise InputError(problems)
    scores, seen = [], set()
    entries: dict[str, str] = {}  # contact -> entry
    for line, row in enumerate(rows[1:], 2):
        if not any(cell.strip() for cell in row):
            continue
        cells = dict(zip(header, (c.strip() for c in row), strict=False))
        where = f"{path}: line {line}"
        if len(row) != len(header):
            problems.append(f"{where}: {len(row)} cells, the header has {len(header)}")
            continue
        missing = [c for c in REQUIRED if not cells[c]]
        if missing:
            problems.append(f"{where}: no {', '.join(missing)}")
            continue
        key = (cells["contact"], cells["shopper"])
        if key in seen:
            problems.append(f"{where}: contact {key[0]} scored by {key[1]} twice")
            continue
        seen.add(key)
        if entries.setdefault(key[0], cells["entry"]) != cells["entry"]:
            problems.append(
                f"{where}: contact {key[0]} is with entry {entries[key[0]]} on an earlier "
                f"line, not {cells['entry']}"
            )
            continue
        reached = cells.get("reached", "").lower()
        if reached and reached not in YES | NO:
            problems.append(f"{where}: column reached: {reached!r} is not yes or no")
            continue
        contact = Contact(
            id=cells["contact"],
            entry=cells["entry"],
            shopper=cells["shopper"],
            answers={k: v for k, v in cells.items() if k not in REQUIRED + OPTIONAL and v},
            reached=reached not in NO,
            attempts=tuple(a.strip() for a in cells.get("attempts", "").split(";") if a.strip()),
            void=cells.get("void", ""),
        )
        try:
            scores.append(score_contact(card, contact))
        except AnswerError as exc:
            problems += [f"{where}: {p.split('/', 1)[1]}" for p in exc.problems]
    if problems:
        raise InputError(problems)
    return scores


def _num(value: Decimal | None):
    return None if value is None else str(value)


def as_json(card: Scorecard, scores: list[ContactScore], entries: list[EntryResult]) -> dict:
    return {
        "scorecard": {"key": card.key, "version": card.version},
        "contacts": [
            {
                "contact": s.contact.id,
                "entry": s.contact.entry,
                "shopper": s.contact.shopper,
                "reached": s.contact.reached,
                "attempts": list(s.contact.attempts),
                "void": s.contact.void,
                "total": str(s.total),
                "groups": {k: str(v) for k, v in s.groups.items()},
                "items": {k: _num(v) for k, v in s.items.items()},
            }
            for s in scores
        ],
        "entries": [
            {
                "entry": r.entry,
                "contacts": r.contacts,
                "unreachable": r.unreachable,
                "voided": r.voided,
                "mean": _num(r.mean),
                "groups": {k: str(v) for k, v in r.groups.items()},
                "reached_mean": _num(r.reached_mean),
                "sd": _num(r.sd),
                "range": _num(r.range),
                "consistency": _num(r.consistency),
                "agreement": {
                    "pairs": r.agreement.pairs,
                    "items": r.agreement.items,
                    "alpha": r.agreement.alpha,
                    "item_mad": _num(r.agreement.item_mad),
                    "total_mad": _num(r.agreement.total_mad),
                },
            }
            for r in entries
        ],
    }


def as_csv(card: Scorecard, scores: list[ContactScore], entries: list[EntryResult]) -> str:
    """One row per contact scoring (kind "contact"), then one per entry ("entry")."""
    groups = [g.code for g in card.groups]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(
        [
            "kind",
            "entry",
            "contact",
            "shopper",
            "reached",
            "void",
            "total",
            *groups,
            "contacts",
            "unreachable",
            "reached_mean",
            "sd",
            "range",
            "consistency",
            "alpha",
        ]
    )
    for s in scores:
        c = s.contact
        writer.writerow(
            [
                "contact",
                c.entry,
                c.id,
                c.shopper,
                "yes" if c.reached else "no",
                c.void,
                s.total,
                *(s.groups[g] for g in groups),
                "",
                "",
                "",
                "",
                "",
                "",
                "",
            ]
        )
    for r in entries:
        alpha = "" if r.agreement.alpha is None else f"{r.agreement.alpha:.4f}"
        writer.writerow(
            [
                "entry",
                r.entry,
                "",
                "",
                "",
                "",
                _num(r.mean) or "",
                *(r.groups.get(g, "") for g in groups),
                r.contacts,
                r.unreachable,
                _num(r.reached_mean) or "",
                _num(r.sd) or "",
                _num(r.range) or "",
                _num(r.consistency) or "",
                alpha,
            ]
        )
    return out.getvalue()
