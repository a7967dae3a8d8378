"""The DuckDB dialect of the KPI engine: every DuckDB-specific call in one place.

The loader (``engine.interactions``), the indicators (``engine.kpi``) and ``ccaward kpi``
write their SQL against these names; ``engine.sql`` (the package docstring) describes
the seam and what a second backend provides. Everything here returns SQL text or runs
one DuckDB statement; nothing here knows an indicator or a rule.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Iterable, Mapping, Sequence

import duckdb

NAME = "duckdb"
Connection = duckdb.DuckDBPyConnection
Error = duckdb.Error


def connect() -> Connection:
    """A new in-memory database."""
    return duckdb.connect()


# ---------------------------------------------------------------------------- settings


def configure(con: Connection, *, memory_limit: str = "1GB", temp_directory: str | None = None):
    """Make DuckDB spill to disk: memory limit, temp directory, no insertion order.

    Called again on a connection that has already spilled, the temp directory is left
    as it is (DuckDB cannot move it once used); a different one is an error.
    """
    temp_directory = temp_directory or tempfile.gettempdir() + "/ccaward-duckdb"
    con.execute("SET memory_limit = ?", [memory_limit])
    current = con.execute("SELECT current_setting('temp_directory')").fetchone()[0]
    if current != temp_directory:
        con.execute("SET temp_directory = ?", [temp_directory])
    keep_insertion_order(con, False)


def keep_insertion_order(con: Connection, keep: bool) -> None:
    """Whether results keep the order rows were read in (off: big steps spill freely)."""
    con.execute(f"SET preserve_insertion_order = {'true' if keep else 'false'}")


def confine(con: Connection, *, paths: Iterable[str] = (), directories: Iterable[str] = ()) -> None:
    """Let the connection reach only ``paths`` (files) and ``directories`` from now on.

    Everything else on the server is out of reach of every statement that follows: no
    other file read or written (``read_csv('/etc/passwd')``, ``COPY ... TO``,
    ``ATTACH``), no network, no extension installed or loaded. DuckDB refuses to turn
    external access back on, or to widen the lists, while the database runs. Set the
    temp directory (``configure``) first: it cannot change afterwards; it is allowed
    here so that big steps still spill.
    """
    allowed_dirs = [str(d).rstrip("/") + "/" for d in directories]
    spill = con.execute("SELECT current_setting('temp_directory')").fetchone()[0]
    if spill:
        allowed_dirs.append(str(spill).rstrip("/") + "/")
    con.execute("SET autoinstall_known_extensions = false")
    con.execute("SET autoload_known_extensions = false")
    con.execute("SET allowed_directories = ?", [allowed_dirs])
    con.execute("SET allowed_paths = ?", [[str(p) for p in paths]])
    con.execute("SET enable_external_access = false")


def confined(con: Connection) -> bool:
    """Whether ``confine`` has closed the connection off."""
    value = con.execute("SELECT current_setting('enable_external_access')").fetchone()[0]
    return str(value).lower() in ("false", "0")


_SIZE_UNITS = {"": 1, "B": 1, "K": 10**3, "M": 10**6, "G": 10**9, "T": 10**12, "P": 10**15}
_SIZE_UNITS |= {"KI": 2**10, "MI": 2**20, "GI": 2**30, "TI": 2**40, "PI": 2**50}


def memory_limit_bytes(con: Connection) -> int:
    """DuckDB's memory limit in bytes (``current_setting`` says e.g. "953.6 MiB")."""
    text = con.execute("SELECT current_setting('memory_limit')").fetchone()[0]
    match = re.fullmatch(r"\s*([\d.]+)\s*([KMGTP]?I?)B?\s*", str(text).upper())
    if not match:
        raise ValueError(f"unexpected DuckDB memory_limit {text!r}")
    return int(float(match.group(1)) * _SIZE_UNITS[match.group(2)])


# ---------------------------------------------------------------------------- names, values


def name(identifier: str) -> str:
    """A quoted identifier."""
    return '"' + str(identifier).replace('"', '""') + '"'


def literal(value) -> str:
    """A Python value as an SQL literal."""
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int | float):
        return repr(value)
    return "'" + str(value).replace("'", "''") + "'"


# the standard schema's types (engine.interactions.Column.type) and the DuckDB types of
# a typed source (Parquet) that already hold each of them
NATIVE_TYPES = {
    "TIMESTAMP": {"TIMESTAMP", "TIMESTAMP_NS", "TIMESTAMP_MS", "TIMESTAMP_S", "DATE"},
    "DOUBLE": {
        "DOUBLE",
        "FLOAT",
        "REAL",
        "BIGINT",
        "INTEGER",
        "SMALLINT",
        "TINYINT",
        "HUGEINT",
        "UBIGINT",
        "UINTEGER",
        "USMALLINT",
        "UTINYINT",
        "DECIMAL",
    },
    "INTEGER": {
        "BIGINT",
        "INTEGER",
        "SMALLINT",
        "TINYINT",
        "UBIGINT",
        "UINTEGER",
        "USMALLINT",
        "UTINYINT",
    },
    "BOOLEAN": {"BOOLEAN"},
    "VARCHAR": {"VARCHAR"},
}


def type_family(source_type: str | None) -> str:
    """A column type as DESCRIBE gives it, without its parameters: DECIMAL(18,3) -> DECIMAL."""
    return (source_type or "").split("(")[0].upper()


# ---------------------------------------------------------------------------- expressions


def try_cast(expr: str, type_: str) -> str:
    """``expr`` as ``type_``, NULL where it does not convert."""
    return f"TRY_CAST({expr} AS {type_})"


def parse_time(expr: str, fmt: str) -> str:
    """Text parsed as a timestamp with a strftime format, NULL where it does not parse."""
    return f"try_strptime({expr}, {literal(fmt)})"


def format_time(expr: str, fmt: str) -> str:
    """A timestamp as text in a strftime format."""
    return f"strftime({expr}, {literal(fmt)})"


def to_date(expr: str) -> str:
    return f"CAST({expr} AS DATE)"


def epoch(expr: str) -> str:
    """The seconds of an interval (e.g. the difference of two timestamps)."""
    return f"epoch({expr})"


def interval(count: int, unit: str) -> str:
    """An interval literal: ``interval(15, "MINUTE")``."""
    return f"INTERVAL {count} {unit}"


def bucket(minutes: int, expr: str) -> str:
    """The start of the ``minutes``-long slot of the day a timestamp falls in."""
    return f"time_bucket({interval(minutes, 'MINUTE')}, {expr})"


def trunc(unit: str, expr: str) -> str:
    """A timestamp truncated to its day, week (Monday), month or year."""
    return f"date_trunc({literal(unit)}, {expr})"


def series(start: str, stop: str, step: str, *, include_stop: bool = True) -> str:
    """One row per value from ``start`` by ``step`` up to ``stop`` (a set-returning
    expression for a select list)."""
    function = "generate_series" if include_stop else "range"
    return f"unnest({function}({start}, {stop}, {step}))"


def millis_between(start: str, end: str) -> str:
    """Whole milliseconds from ``start`` to ``end``."""
    return f"date_diff('millisecond', {start}, {end})"


def hash_bucket(expr: str, buckets: int) -> str:
    """A number 0..buckets-1 from the value's hash: equal values share a bucket."""
    return f"hash({expr}) % {buckets}"


def first_values(expr: str, count: int) -> str:
    """Aggregate: the ``count`` smallest values of ``expr``, ascending, as a list."""
    return f"list({expr} ORDER BY {expr})[1:{count}]"


def arg_min(value: str, key: str) -> str:
    """Aggregate: ``value`` of the row with the smallest ``key``."""
    return f"arg_min({value}, {key})"


# ---------------------------------------------------------------------------- clauses

GROUP_BY_ALL = "GROUP BY ALL"  # group by every non-aggregate of the select list
MATERIALIZED = "AS MATERIALIZED"  # a CTE computed once, however often it is read


def union_by_name(queries: Iterable[str]) -> str:
    """The rows of every query, columns matched by name."""
    return " UNION ALL BY NAME ".join(queries)


def anti_join(left: str, right: str, using: str) -> str:
    """The rows of ``left`` with no match in ``right`` on the columns ``using``."""
    return f"{left} ANTI JOIN {right} USING ({using})"


def semi_join(left: str, right: str, using: str) -> str:
    """The rows of ``left`` with a match in ``right`` on the columns ``using``."""
    return f"{left} SEMI JOIN {right} USING ({using})"


def star_replace(relation: str, replacements: Mapping[str, str]) -> str:
    """Every column of ``relation``, some of them replaced by expressions."""
    exprs = ", ".join(f"{expr} AS {column}" for column, expr in replacements.items())
    return f"{relation}.* REPLACE ({exprs})"


# ---------------------------------------------------------------------------- reading files

TEXT_ROW = "rowid + 1"  # a staged table's row number, 1-based, in the order read
PARQUET_ROW_COLUMN = "file_row_number"  # the reader's own column: the row in its file
PARQUET_ROW = f"{PARQUET_ROW_COLUMN} + 1"
PARQUET_FILE = "file_index"  # the reader's own column: which of the files


def read_csv(path: str, *, own: bool = False, header: bool = True) -> str:
    """A CSV file with a header (``header`` false: without one), every column as text.

    The quote character is set, not sniffed: a sniffer that saw no quoted field in its
    sample would split a quoted "a, b" further down (the escape is still detected: a
    doubled quote or a backslash). ``own``: a file the loader wrote itself (comma,
    doubled quotes), so only the header is detected.
    """
    if own:
        options = "delim = ',', quote = '\"', escape = '\"', auto_detect = true"
    else:
        options = "quote = '\"', auto_detect = true"
    return f"read_csv({literal(path)}, all_varchar = true, header = {literal(header)}, {options})"


def read_parquet(path: str) -> str:
    """A Parquet file with its row numbers (``PARQUET_ROW_COLUMN``, 0-based)."""
    return f"read_parquet({literal(path)}, file_row_number = true)"


def read_parquets(paths: Sequence[str]) -> str:
    """Parquet files of one shape as one relation, with ``PARQUET_FILE`` and
    ``PARQUET_ROW_COLUMN``."""
    return f"read_parquet([{', '.join(literal(p) for p in paths)}])"


def copy_to_parquet(con: Connection, query: str, path: str) -> None:
    """Write a query's rows to a Parquet file (the rows never pass through Python)."""
    con.execute(f"COPY ({query}) TO {literal(path)} (FORMAT parquet)")


# ---------------------------------------------------------------------------- tables, views


def create_table(con: Connection, table: str, columns: str, *, replace: bool) -> None:
    """A table of ``columns`` (SQL column definitions); ``replace`` empties one that exists,
    otherwise an existing one is kept."""
    verb = "CREATE OR REPLACE TABLE" if replace else "CREATE TABLE IF NOT EXISTS"
    con.execute(f"{verb} {table} ({columns})")


def insert_or_ignore(con: Connection, table: str, rows: Sequence[Sequence]) -> None:
    """Insert rows, leaving out those whose key is in the table already."""
    width = len(rows[0])
    con.executemany(f"INSERT OR IGNORE INTO {table} VALUES ({', '.join('?' * width)})", rows)


def create_temp(
    con: Connection, name: str, query: str, *, view: bool, replace: bool = True
) -> None:
    """A connection-local view (a stored query) or table (a copy) of ``query``;
    ``replace``: in place of one of that name."""
    verb = "CREATE OR REPLACE TEMP" if replace else "CREATE TEMP"
    con.execute(f"{verb} {'VIEW' if view else 'TABLE'} {name} AS {query}")


def stage(con: Connection, name: str, source: str, *, view: bool) -> None:
    """``create_temp`` of a file reader's rows, numbered in the order they are read."""
    keep_insertion_order(con, True)
    create_temp(con, name, f"SELECT * FROM {source}", view=view)
    # the order mattered only for numbering a staged text file's rows; keeping it
    # would stop the big steps after this from spilling freely
    keep_insertion_order(con, False)


def describe(con: Connection, relation: str) -> list[tuple[str, str]]:
    """(column, type) of a table or view, in order."""
    return [(r[0], r[1]) for r in con.execute(f"DESCRIBE {relation}").fetchall()]


def table_exists(con: Connection, table: str) -> bool:
    """A (not temporary) table of that name exists."""
    return bool(
        con.execute(
            "SELECT count(*) FROM duckdb_tables() WHERE table_name = ? AND NOT temporary",
            [table],
        ).fetchone()[0]
    )


def drop_temp_view(con: Connection, name: str) -> None:
    con.execute(f"DROP VIEW IF EXISTS temp.{name}")


def view_to_table(con: Connection, name: str) -> None:
    """A temporary view ``name`` becomes a table of that name with its rows (no view of
    that name: nothing happens)."""
    if con.execute(
        "SELECT count(*) FROM duckdb_views() WHERE view_name = ? AND temporary", [name]
    ).fetchone()[0]:
        con.execute(f"CREATE TABLE _ccaward_materialized AS SELECT * FROM temp.{name}")
        con.execute(f"DROP VIEW temp.{name}")
        con.execute(f"ALTER TABLE _ccaward_materialized RENAME TO {name}")


def relations_named(con: Connection, prefix: str) -> list[tuple[str, str]]:
    """(name, "VIEW" or "TABLE") of every view and table whose name starts with ``prefix``."""
    return con.execute(
        "SELECT view_name, 'VIEW' FROM duckdb_views() "
        f"WHERE starts_with(view_name, {literal(prefix)}) "
        "UNION ALL SELECT table_name, 'TABLE' FROM duckdb_tables() "
        f"WHERE starts_with(table_name, {literal(prefix)})"
    ).fetchall()
