"""The files of `ccaward score`, checked before anything is computed.

SCORES.csv: UTF-8 (a byte-order mark accepted), the header ``judge,entry,
criterion,score`` (in any order, without case or surrounding spaces), then one row
per score; blank lines are skipped. A criterion is a code of the framework that
takes judges' evidence; a score is a decimal number on the scale. Every problem
is listed (up to MAX_PROBLEMS) as "FILE, line N, column C: what" and the file is
refused whole (`InputError`): nothing is computed from a partial file.

The framework file is the YAML of the shipped default framework
(seasons/data/framework_default.yaml, `engine.framework.from_data`); it must
validate (`engine.framework.validate`), each problem named by its path.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from pathlib import Path

import yaml

from ccaward.engine.framework import Framework, fmt, from_data, validate
from ccaward.engine.scoring.table import Scale, ScoreTable

COLUMNS = ("judge", "entry", "criterion", "score")
MAX_PROBLEMS = 50
DEFAULT_SCALE = Scale(0, 10)
NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)")


class InputError(ValueError):
    """Refused input: `problems` are the messages, each naming its file, line and field."""

    def __init__(self, problems: list[str], more: int = 0):
        self.problems = problems
        self.more = more
        lines = problems + ([f"... and {more} more problems"] if more else [])
        super().__init__("\n".join(lines))


class _Problems:
    def __init__(self, path):
        self.path = str(path)
        self.items: list[str] = []
        self.more = 0

    def add(self, message: str, line: int | None = None, column: str | None = None) -> None:
        if len(self.items) >= MAX_PROBLEMS:
            self.more += 1
            return
        where = self.path
        if line is not None:
            where += f", line {line}"
        if column is not None:
            where += f", column {column}"
        self.items.append(f"{where}: {message}")

    def raise_any(self) -> None:
        if self.items:
            raise InputError(self.items, self.more)


def _text(path) -> str:
    try:
        return Path(path).read_bytes().decode("utf-8-sig")
    except OSError as exc:
        raise InputError([f"{path}: {exc.strerror or exc}"]) from None
    except UnicodeDecodeError as exc:
        line = exc.object[: exc.start].count(b"\n") + 1
        raise InputError([f"{path}, line {line}: not UTF-8 text"]) from None


def _header(reader, problems: _Problems) -> dict[str, int]:
    header = next(reader, None)
    if header is None or not any(h.strip() for h in header):
        problems.add(f"empty file; expected the header {','.join(COLUMNS)}", 1)
        problems.raise_any()
    names = [h.strip().lower() for h in header]
    for i, name in enumerate(names):
        if name not in COLUMNS:
            problems.add(
                f"unknown column {header[i].strip()!r} (the header is {','.join(COLUMNS)})",
                1,
                header[i].strip() or str(i + 1),
            )
        elif names.index(name) != i:
            problems.add(f"column {name!r} appears twice", 1, name)
    for column in COLUMNS:
        if column not in names:
            problems.add(f"missing column {column!r} (the header is {','.join(COLUMNS)})", 1)
    problems.raise_any()
    return {column: names.index(column) for column in COLUMNS}


def _rows(text: str, problems: _Problems) -> Iterator[tuple[int, dict[str, str]]]:
    reader = csv.reader(io.StringIO(text, newline=""))
    index = _header(reader, problems)
    width = len(index)
    for row in reader:
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != width:
            problems.add(
                f"{len(row)} fields, expected {width} ({','.join(COLUMNS)})", reader.line_num
            )
            continue
        yield reader.line_num, {c: row[i].strip() for c, i in index.items()}


def judged_criteria(framework: Framework) -> dict[str, bool]:
    """{criterion code: whether it takes judges' scores}, in the framework's order."""
    return {c.code: c.evidence.get("judge", 0) > 0 for _d, c, _p in framework.criteria()}


def _score(text: str, scale: Scale, line: int, problems: _Problems) -> float | None:
    if not text:
        problems.add("empty score", line, "score")
        return None
    if not NUMBER.fullmatch(text):
        problems.add(f"{text!r} is not a number", line, "score")
        return None
    value = float(text)
    if not scale.low <= value <= scale.high:
        problems.add(f"{text} is outside the scale {scale.label()}", line, "score")
        return None
    return value


def _criterion(text, criteria, framework, line, problems) -> bool:
    if text not in criteria:
        problems.add(f"unknown criterion {text!r} (not a code of the framework)", line, "criterion")
        return False
    if not criteria[text]:
        crit = next(c for _d, c, _p in framework.criteria() if c.code == text)
        weights = ", ".join(f"{k} {fmt(w)}" for k, w in crit.evidence.items() if w)
        problems.add(
            f"criterion {text!r} takes no judges' scores (its evidence: {weights})",
            line,
            "criterion",
        )
        return False
    return True


def read_scores(path, *, framework: Framework, scale: Scale = DEFAULT_SCALE) -> ScoreTable:
    """The score file as a table whose criteria are the framework's codes in its
    order; InputError listing every problem (nothing is returned from a bad file)."""
    problems = _Problems(path)
    criteria = judged_criteria(framework)
    rows: list[tuple[str, str, str, float]] = []
    seen: dict[tuple[str, str, str], int] = {}
    for line, row in _rows(_text(path), problems):
        ok = True
        for column in ("judge", "entry", "criterion"):
            if not row[column]:
                problems.add(f"empty {column}", line, column)
                ok = False
        if row["criterion"] and not _criterion(
            row["criterion"], criteria, framework, line, problems
        ):
            ok = False
        score = _score(row["score"], scale, line, problems)
        key = (row["judge"], row["entry"], row["criterion"])
        if ok and key in seen:
            problems.add(
                f"judge {key[0]!r} scored criterion {key[2]!r} of entry {key[1]!r} twice "
                f"(also on line {seen[key]})",
                line,
            )
            ok = False
        if ok:
            seen[key] = line
        if ok and score is not None:
            rows.append((*key, score))
    if not rows and not problems.items:
        problems.add("no scores: the file has a header and nothing else", 2)
    problems.raise_any()
    return ScoreTable.from_rows(rows, scale=scale, criteria=criteria)


def read_framework(path) -> Framework:
    """The framework file (YAML) as a checked framework; InputError naming each problem."""
    text = _text(path)
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f", line {mark.line + 1}" if mark is not None else ""
        raise InputError([f"{path}{where}: not YAML ({getattr(exc, 'problem', exc)})"]) from None
    if not isinstance(data, dict) or not isinstance(data.get("dimensions"), list):
        raise InputError([f"{path}: not a framework (no list of dimensions)"])
    try:
        framework = from_data(data)
    except KeyError as exc:
        raise InputError([f"{path}: a dimension or criterion has no {exc.args[0]!r}"]) from None
    except (TypeError, AttributeError) as exc:
        raise InputError([f"{path}: not in the framework's shape ({exc})"]) from None
    except ValueError as exc:
        raise InputError([f"{path}: {exc}"]) from None
    problems = validate(framework)
    if problems:
        raise InputError([f"{path}: {p.path}: {p.message}" for p in problems])
    return framework


def parse_scale(text: str) -> Scale:
    """ "MIN-MAX" (e.g. 0-10, 1-5, -5-5) as a Scale; ValueError saying why not."""
    match = re.fullmatch(r"\s*([+-]?\d+(?:\.\d+)?)\s*-\s*([+-]?\d+(?:\.\d+)?)\s*", text)
    if not match:
        raise ValueError(f"{text!r} is not MIN-MAX (e.g. 0-10)")
    return Scale(float(match[1]), float(match[2]))
