"""One reader per file format: how the loader reads an input file's rows and numbers
them. CSV (``csv_files``: encodings), Excel (``excel``: a sheet staged as CSV) and
Parquet (read where it is, typed)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ccaward.engine.interactions import csv_files, excel
from ccaward.engine.interactions.schema import FileRefused
from ccaward.engine.sql import dialect as db

PARQUET_SUFFIXES = (".parquet", ".pq")


@dataclass(frozen=True)
class Source:
    """An input file as the loader reads it.

    ``relation``: SQL of its rows; ``row``: SQL of a row's 1-based record number;
    ``extra``: columns the reader adds that are not the file's; ``in_place``: read where
    it is (typed, a view over the file) rather than copied into a staging table;
    ``excel``: staged from a spreadsheet (ISO dates are accepted for formatted columns).
    """

    relation: str
    row: str
    extra: tuple[str, ...] = ()
    in_place: bool = False
    excel: bool = False


def is_parquet(path: Path) -> bool:
    return path.suffix.lower() in PARQUET_SUFFIXES


def read_csv(path: Path, tmpdir: str, *, header: bool = True) -> Source:
    return Source(csv_files.read(path, tmpdir, header=header), db.TEXT_ROW)


def read_excel(path: Path, sheet, tmpdir: str) -> Source:
    return Source(
        excel.read(path, sheet, tmpdir), excel.ROW, extra=(excel.EXCEL_ROW_COLUMN,), excel=True
    )


def read_parquet(path: Path) -> Source:
    # read in place, numbered by the reader: no staged copy of a typed file
    return Source(
        db.read_parquet(str(path)),
        db.PARQUET_ROW,
        extra=(db.PARQUET_ROW_COLUMN,),
        in_place=True,
    )


def open_source(path: Path, sheet, tmpdir: str, *, header: bool = True) -> Source:
    """The reader of ``path`` by its suffix (anything not Parquet or Excel is CSV);
    ``sheet``: the mapping's sheet of a workbook; ``header``: whether a CSV file's first
    line names its columns. Raises ``FileRefused``."""
    if not path.is_file():
        raise FileRefused("unreadable_file", "no such file")
    if not header and (is_parquet(path) or excel.is_excel(path)):
        raise FileRefused("unreadable_file", "a mapping by column position reads CSV files only")
    if is_parquet(path):
        return read_parquet(path)
    if excel.is_excel(path):
        return read_excel(path, sheet, tmpdir)
    return read_csv(path, tmpdir, header=header)


def by_position(con, relation: str) -> str:
    """A headerless file's rows with its columns named "1", "2", ... in their order."""
    try:
        columns = [name for name, _ in db.describe(con, f"(SELECT * FROM {relation})")]
    except db.Error as exc:
        raise FileRefused("unreadable_file", csv_files.reader_error(exc)) from exc
    renamed = ", ".join(f"{db.name(c)} AS {db.name(str(i + 1))}" for i, c in enumerate(columns))
    return f"(SELECT {renamed} FROM {relation})"
