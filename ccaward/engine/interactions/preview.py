"""A first look at a file before its mapping is saved: its columns and first rows as
they are, then the first rows parsed with a mapping and what the rules found. Each runs
on a connection of its own that can reach the file and a scratch directory only
(``sql.dialect.confine``)."""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from ccaward.engine.interactions import readers
from ccaward.engine.interactions.csv_files import reader_error
from ccaward.engine.interactions.loader import load
from ccaward.engine.interactions.schema import SCHEMA, FileRefused, LoadError, LoadReport
from ccaward.engine.sql import dialect as db

SHOWN_ROWS = 10  # the rows a page shows
PREVIEW_ROWS = 1000  # the rows of each file a preview parses and checks


@dataclass(frozen=True)
class Sample:
    """A file's columns (by name, or "1", "2", ... without a header row) and first rows
    as text; ``problem``: why it could not be read (rule, message), else None."""

    columns: tuple[str, ...]
    rows: tuple[tuple, ...]
    problem: tuple[str, str] | None = None


@dataclass(frozen=True)
class Preview:
    """The first rows parsed with a mapping (standard columns) and the load report of
    the rows previewed (``PREVIEW_ROWS`` of the file)."""

    columns: tuple[str, ...]
    rows: tuple[tuple, ...]
    report: LoadReport


def _confined(path: Path, scratch: str):
    con = db.connect()
    db.confine(con, paths=[str(path)], directories=[scratch])
    return con


def sample(
    path: str | os.PathLike,
    *,
    header: bool = True,
    sheet=None,
    rows: int = SHOWN_ROWS,
    scratch: str | None = None,
) -> Sample:
    """The file's columns and first ``rows`` rows, every value as its text."""
    path = Path(path)
    with tempfile.TemporaryDirectory(prefix="ccaward-sample-", dir=scratch) as tmpdir:
        con = _confined(path, tmpdir)
        try:
            source = readers.open_source(path, sheet, tmpdir, header=header)
            relation = source.relation
            if not header:
                relation = readers.by_position(con, relation)
            cur = con.execute(f"SELECT * FROM {relation} LIMIT {int(rows)}")
        except FileRefused as exc:
            return Sample((), (), (exc.rule, str(exc)))
        except db.Error as exc:
            return Sample((), (), ("unreadable_file", reader_error(exc)))
        try:
            names = [d[0] for d in cur.description]
            keep = [i for i, n in enumerate(names) if n not in source.extra]
            records = cur.fetchall()
        finally:
            con.close()
    return Sample(
        tuple(names[i] for i in keep),
        tuple(tuple(_shown(r[i]) for i in keep) for r in records),
    )


def _shown(value):
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    return value


def preview(
    path: str | os.PathLike,
    mapping: Mapping | str | os.PathLike,
    *,
    rows: int = SHOWN_ROWS,
    limit: int = PREVIEW_ROWS,
    period: tuple[dt.date, dt.date] | None = None,
    scratch: str | None = None,
) -> Preview:
    """The first ``limit`` rows of the file loaded with ``mapping`` (bad rows skipped
    and reported), and the first ``rows`` of them parsed. A file-level refusal comes
    back as the report's issue, with no rows."""
    path = Path(path)
    names = tuple(c.name for c in SCHEMA)
    with tempfile.TemporaryDirectory(prefix="ccaward-preview-", dir=scratch) as tmpdir:
        con = _confined(path, tmpdir)
        try:
            try:
                report = load(
                    con,
                    [path],
                    mapping=mapping,
                    policy="skip",
                    limit=limit,
                    period=period,
                    scratch=tmpdir,
                )
            except LoadError as exc:
                return Preview(names, (), exc.report)
            records = con.execute(
                f"SELECT {', '.join(db.name(n) for n in names)} FROM interactions LIMIT {int(rows)}"
            ).fetchall()
        finally:
            con.close()
    return Preview(names, tuple(tuple(_shown(v) for v in r) for r in records), report)
