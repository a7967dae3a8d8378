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


def read_csv(path: Path, tmpdir: str) -> Source:
    return Source(csv_files.read(path, tmpdir), db.TEXT_ROW)


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


def open_source(path: Path, sheet, tmpdir: str) -> Source:
    """The reader of ``path`` by its suffix (anything not Parquet or Excel is CSV);
    ``sheet``: the mapping's sheet of a workbook. Raises ``FileRefused``."""
    if not path.is_file():
        raise FileRefused("unreadable_file", "no such file")
    if is_parquet(path):
        return read_parquet(path)
    if excel.is_excel(path):
        return read_excel(path, sheet, tmpdir)
    return read_csv(path, tmpdir)
