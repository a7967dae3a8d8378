"""The assignment's CSV files (`ccaward assign`): UTF-8 (a byte-order mark accepted),
a header row, one row per judge, entry, affinity or conflict.

    JUDGES     judge,min_load,max_load,employer   (empty min_load 0, max_load no limit)
    ENTRIES    entry,reviewers,organization
    AFFINITY   judge,entry,score                  (a pair not listed has affinity 0)
    CONFLICTS  judge,entry

Headers are compared without case or surrounding spaces; other columns are ignored;
blank lines are skipped. Every refusal is a `CsvError` naming the file, the line and
the column.
"""

from __future__ import annotations

import csv
import io
import math
from pathlib import Path

from .model import UNLIMITED, Entry, Judge
from .validate import MAX_AFFINITY

COLUMNS = {
    "judges": ("judge", "min_load", "max_load", "employer"),
    "entries": ("entry", "reviewers", "organization"),
    "affinity": ("judge", "entry", "score"),
    "conflicts": ("judge", "entry"),
}


class CsvError(ValueError):
    """A refused file, line or cell: `str()` is "FILE, line N, column C: what"."""

    def __init__(self, path, message: str, line: int | None = None, column: str | None = None):
        where = str(path)
        if line is not None:
            where += f", line {line}"
        if column is not None:
            where += f", column {column}"
        super().__init__(f"{where}: {message}")
        self.path, self.line, self.column = str(path), line, column


def rows(path, kind: str):
    """(line number, {column: stripped text}) for each non-blank data row."""
    try:
        text = Path(path).read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        raise CsvError(path, "no such file") from None
    except UnicodeDecodeError as exc:
        line = exc.object[: exc.start].count(b"\n") + 1
        raise CsvError(path, "not UTF-8 text", line) from None
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader, None)
    if header is None:
        raise CsvError(path, f"empty file; expected the header {','.join(COLUMNS[kind])}", 1)
    names = [h.strip().lower() for h in header]
    for column in COLUMNS[kind]:
        if column not in names:
            raise CsvError(
                path, f"missing column {column!r} (header: {','.join(COLUMNS[kind])})", 1
            )
    index = {column: names.index(column) for column in COLUMNS[kind]}
    for row in reader:
        if not any(cell.strip() for cell in row):
            continue
        yield (
            reader.line_num,
            {c: (row[i].strip() if i < len(row) else "") for c, i in index.items()},
        )


def _count(path, line, column, text: str, empty: int | None) -> int:
    if not text and empty is not None:
        return empty
    try:
        value = int(text)
    except ValueError:
        raise CsvError(path, f"{text!r} is not a whole number", line, column) from None
    if value < 0:
        raise CsvError(path, f"{value} is below 0", line, column)
    return value


def _id(path, line, column, text: str, seen: dict | None = None) -> str:
    if not text:
        raise CsvError(path, f"empty {column}", line, column)
    if seen is not None and text in seen:
        raise CsvError(path, f"{column} {text!r} is also on line {seen[text]}", line, column)
    return text


def read_judges(path) -> list[Judge]:
    judges, seen = [], {}
    for line, row in rows(path, "judges"):
        judge = _id(path, line, "judge", row["judge"], seen)
        seen[judge] = line
        low = _count(path, line, "min_load", row["min_load"], 0)
        high = _count(path, line, "max_load", row["max_load"], UNLIMITED)
        if low > high:
            raise CsvError(path, f"{low} is above max_load {high}", line, "min_load")
        judges.append(Judge(judge, low, high, row["employer"]))
    return judges


def read_entries(path) -> list[Entry]:
    entries, seen = [], {}
    for line, row in rows(path, "entries"):
        entry = _id(path, line, "entry", row["entry"], seen)
        seen[entry] = line
        reviewers = _count(path, line, "reviewers", row["reviewers"], None)
        entries.append(Entry(entry, reviewers, row["organization"]))
    return entries


def _pair(path, line, row, judges, entries) -> tuple[str, str]:
    judge = _id(path, line, "judge", row["judge"])
    if judge not in judges:
        raise CsvError(path, f"unknown judge {judge!r}", line, "judge")
    entry = _id(path, line, "entry", row["entry"])
    if entry not in entries:
        raise CsvError(path, f"unknown entry {entry!r}", line, "entry")
    return judge, entry


def read_affinity(path, judges, entries) -> dict[tuple[str, str], float]:
    """`judges`, `entries`: the known ids."""
    affinity, seen = {}, {}
    for line, row in rows(path, "affinity"):
        pair = _pair(path, line, row, judges, entries)
        if pair in seen:
            raise CsvError(path, f"the pair {pair} is also on line {seen[pair]}", line, "entry")
        seen[pair] = line
        try:
            score = float(row["score"])
        except ValueError:
            raise CsvError(path, f"{row['score']!r} is not a number", line, "score") from None
        if not math.isfinite(score) or abs(score) > MAX_AFFINITY:
            raise CsvError(
                path, f"{row['score']!r} is not a number within +-{MAX_AFFINITY}", line, "score"
            )
        affinity[pair] = score
    return affinity


def read_conflicts(path, judges, entries) -> set[tuple[str, str]]:
    return {_pair(path, line, row, judges, entries) for line, row in rows(path, "conflicts")}
