"""The standard interaction-record schema and its loader (CSV / Parquet / Excel -> DuckDB).

Pure computation on DuckDB; no Django import.

One row per contact (see ``SCHEMA`` and ``docs/kpis.md``). Timestamps are naive
``TIMESTAMP`` values in the center's local time; durations are seconds (``DOUBLE``).

Loading
-------
``load(con, paths, mapping=..., policy=...)`` reads every input into a staging table with
all source columns as read (CSV: all ``VARCHAR``), applies the column mapping (YAML, see
``docs/kpis.md``) to build the standard columns, then runs the validation rules below as
SQL over the staged rows and appends the good rows to the table ``interactions``.
An Excel sheet (openpyxl read-only, the first sheet or the mapping's ``sheet``) is
streamed row by row into a temporary CSV first. ``load_agent_states`` reads agent-state
intervals (``AGENT_STATE_SCHEMA``) into ``agent_states`` and ``load_schedules`` the agents'
schedules (``SCHEDULE_SCHEMA``) into ``schedules`` the same way, each with its own rules.

Row numbers in reports are 1-based data-record numbers of each file: row 1 is the first
record after the CSV header (the file's line 2 when no field spans lines); in an Excel
sheet row N is spreadsheet row N + 1 (blank rows are skipped but keep their numbers).

Rules (row level, policy ``"reject"`` raises ``LoadError`` and loads nothing, policy
``"skip"`` drops the rows and reports them):

* ``missing_value``           contact_id, center, channel or arrived_at is empty
* ``unparseable_timestamp``   a non-empty timestamp field does not parse with its format
* ``unparseable_value``       a non-empty duration, score or boolean does not parse
* ``negative_duration``       talk_s, hold_s or acw_s < 0, or ended_at before arrived_at
* ``answered_before_arrival`` answered_at < arrived_at, answered_at < queued_at or
                              queued_at < arrived_at
* ``out_of_range``            csat outside 1..5, nps outside 0..10, or an abandon_point
                              other than ivr / queue / ringing
* ``duplicate_contact_id``    a contact_id seen before (the first occurrence is kept)

File level (always ``LoadError``, under either policy): ``empty_file``, ``encoding``
(neither UTF-8 nor GB18030), ``missing_column`` (the mapping names a source column the
file does not have, or a mapping SQL expression does not bind), ``missing_sheet`` (the
mapping's sheet is not in the workbook), ``unreadable_file``.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import os
import re
import tempfile
import warnings
import zipfile
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from dataclasses import replace as replace_
from pathlib import Path

import duckdb
import yaml

MAPPINGS_DIR = Path(__file__).resolve().parent / "mappings"
SAMPLE_BYTES = 1 << 16
MAX_ROWS_REPORTED = 10
POLICIES = ("reject", "skip")
ABANDON_POINTS = ("ivr", "queue", "ringing")


@dataclass(frozen=True)
class Column:
    """One standard column: name, DuckDB type, required?, description."""

    name: str
    type: str
    required: bool
    description: str


SCHEMA: tuple[Column, ...] = (
    Column("contact_id", "VARCHAR", True, "unique contact identifier"),
    Column("center", "VARCHAR", True, "contact center (entry) the contact belongs to"),
    Column("channel", "VARCHAR", True, "voice, webchat, app, wechat, email, video ..."),
    Column("direction", "VARCHAR", False, "inbound or outbound"),
    Column("queue", "VARCHAR", False, "queue or skill"),
    Column("customer_key", "VARCHAR", False, "identified customer; NULL = unidentified"),
    Column("arrived_at", "TIMESTAMP", True, "contact arrived (entered the IVR / system)"),
    Column("queued_at", "TIMESTAMP", False, "asked for an agent; NULL = never left the IVR"),
    Column("answered_at", "TIMESTAMP", False, "answered by an agent; NULL = not answered"),
    Column("ended_at", "TIMESTAMP", False, "contact ended (hang-up, abandon or wrap-up start)"),
    Column("abandon_point", "VARCHAR", False, "'ivr', 'queue', 'ringing' or NULL"),
    Column("talk_s", "DOUBLE", False, "talk seconds"),
    Column("hold_s", "DOUBLE", False, "hold seconds"),
    Column("acw_s", "DOUBLE", False, "after-contact-work seconds"),
    Column("agent_key", "VARCHAR", False, "agent who answered"),
    Column("transferred", "BOOLEAN", False, "transferred to another agent / queue"),
    Column("outcome", "VARCHAR", False, "outcome or disposition code"),
    Column("csat", "INTEGER", False, "customer satisfaction 1-5 when surveyed"),
    Column("nps", "INTEGER", False, "likelihood to recommend 0-10 when surveyed"),
)
COLUMNS: dict[str, Column] = {c.name: c for c in SCHEMA}
AGENT_STATES = ("logged_in", "available", "busy", "acw", "break", "other")
AGENT_STATE_SCHEMA: tuple[Column, ...] = (
    Column("agent_key", "VARCHAR", True, "agent"),
    Column("center", "VARCHAR", True, "contact center the agent works for"),
    Column("state", "VARCHAR", True, "logged_in, available, busy, acw, break or other"),
    Column("started_at", "TIMESTAMP", True, "the state began"),
    Column("ended_at", "TIMESTAMP", True, "the state ended"),
)
SCHEDULE_ACTIVITIES = ("work", "break", "meeting", "training", "other")
SCHEDULE_SCHEMA: tuple[Column, ...] = (
    Column("agent_key", "VARCHAR", True, "agent"),
    Column("center", "VARCHAR", True, "contact center the agent works for"),
    Column("activity", "VARCHAR", True, "work, break, meeting, training or other"),
    Column("started_at", "TIMESTAMP", True, "the scheduled activity begins"),
    Column("ended_at", "TIMESTAMP", True, "the scheduled activity ends"),
)
TIMESTAMP_COLUMNS = tuple(c.name for c in SCHEMA if c.type == "TIMESTAMP")
DURATION_COLUMNS = ("talk_s", "hold_s", "acw_s")
MAPPING_KEYS = ("identity", "renames", "constants", "formats", "durations", "values", "nulls")
MAPPING_KEYS += ("filters", "description", "sheet", "resolved_outcomes")
EXCEL_SUFFIXES = (".xlsx", ".xlsm", ".xls")
EXCEL_ROW_COLUMN = "_ccaward_row"  # row numbers of a staged Excel sheet (blank rows skipped)

Progress = Callable[[int, int, str], object]
"""A progress callback: called with (done, total, message)."""


@dataclass(frozen=True)
class Issue:
    """A validation finding: the rule, how many rows, the first row numbers, the file."""

    rule: str
    count: int
    rows: tuple[int, ...] = ()
    file: str | None = None
    message: str = ""

    def as_dict(self) -> dict:
        return {
            "rule": self.rule,
            "count": self.count,
            "rows": list(self.rows),
            "file": self.file,
            "message": self.message,
        }


@dataclass(frozen=True)
class LoadReport:
    """What ``load`` did: rows read (after filters), loaded, skipped, and the issues."""

    files: tuple[str, ...]
    rows_read: int
    rows_loaded: int
    rows_skipped: int
    policy: str
    issues: tuple[Issue, ...] = field(default_factory=tuple)

    @property
    def ok(self) -> bool:
        return not self.issues

    def as_dict(self) -> dict:
        return {
            "files": list(self.files),
            "rows_read": self.rows_read,
            "rows_loaded": self.rows_loaded,
            "rows_skipped": self.rows_skipped,
            "policy": self.policy,
            "issues": [i.as_dict() for i in self.issues],
        }


class LoadError(ValueError):
    """Raised when input is rejected; ``report`` says why. Nothing has been loaded."""

    def __init__(self, report: LoadReport):
        self.report = report
        parts = [
            i.rule
            + (f": {i.count} row(s)" if i.count else "")  # a file-level issue counts none
            + (f" (rows {', '.join(map(str, i.rows))})" if i.rows else "")
            + (f" in {i.file}" if i.file else "")
            + (f": {i.message}" if i.message else "")
            for i in report.issues
        ]
        super().__init__("input rejected: " + "; ".join(parts))


# ---------------------------------------------------------------------------- mapping


def read_mapping(
    mapping: str | os.PathLike | Mapping | None,
    *,
    schema: tuple[Column, ...] = SCHEMA,
) -> dict:
    """Return a validated mapping dict from a YAML path, a dict, or None (the default).

    ``schema`` is the standard schema the mapping targets: ``SCHEMA`` (interaction
    records; default mapping ``mappings/standard.yaml``), ``AGENT_STATE_SCHEMA``
    (agent-state intervals) or ``SCHEDULE_SCHEMA`` (schedules); default for the last two:
    same-named columns.
    """
    if mapping is None:
        mapping = MAPPINGS_DIR / "standard.yaml" if schema is SCHEMA else {"identity": True}
    if isinstance(mapping, str | os.PathLike):
        path = Path(mapping)
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except OSError as exc:
            raise ValueError(f"mapping: cannot read {path}: {exc.strerror}") from exc
        except yaml.YAMLError as exc:
            raise ValueError(f"mapping: {path} is not valid YAML: {exc}") from exc
    else:
        data = dict(mapping)
    if not isinstance(data, dict):
        raise ValueError("mapping: must be a YAML mapping at the top level")
    unknown = sorted(set(data) - set(MAPPING_KEYS))
    if unknown:
        raise ValueError(f"mapping: unknown key(s) {unknown}; allowed: {list(MAPPING_KEYS)}")
    columns = {c.name: c for c in schema}
    for key in ("renames", "constants", "formats", "durations", "values", "nulls"):
        section = data.get(key) or {}
        if not isinstance(section, dict):
            raise ValueError(f"mapping: {key} must be a mapping of standard column -> value")
        bad = sorted(set(section) - set(columns))
        if bad:
            raise ValueError(f"mapping: {key} names unknown standard column(s) {bad}")
    for name in data.get("formats") or {}:
        if columns[name].type != "TIMESTAMP":
            raise ValueError(f"mapping: formats.{name}: only timestamp columns take a format")
    for name in data.get("durations") or {}:
        if name not in DURATION_COLUMNS or schema is not SCHEMA:
            raise ValueError(f"mapping: durations.{name}: not a duration column")
    filters = data.get("filters") or []
    if not isinstance(filters, list) or not all(isinstance(f, str) for f in filters):
        raise ValueError("mapping: filters must be a list of SQL predicates (strings)")
    sheet = data.get("sheet")
    if sheet is not None and (
        isinstance(sheet, bool)
        or not isinstance(sheet, str | int)
        or (isinstance(sheet, int) and sheet < 1)
        or (isinstance(sheet, str) and not sheet.strip())
    ):
        raise ValueError(
            "mapping: sheet must be a sheet name or a sheet number (1 = the first sheet)"
        )
    resolved = data.get("resolved_outcomes")
    if resolved is not None:
        if schema is not SCHEMA:
            raise ValueError("mapping: resolved_outcomes applies to interaction records only")
        if not isinstance(resolved, list) or not all(
            isinstance(v, str | int) and not isinstance(v, bool) for v in resolved
        ):
            raise ValueError("mapping: resolved_outcomes must be a list of outcome codes")
        data["resolved_outcomes"] = [str(v) for v in resolved]
    return data


def _q(name: str) -> str:
    return '"' + str(name).replace('"', '""') + '"'


def _lit(value) -> str:
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int | float):
        return repr(value)
    return "'" + str(value).replace("'", "''") + "'"


def _source_expr(spec, referenced: set[str], where: str) -> str:
    """SQL for one rename spec: a source column, a list joined by spaces, or {sql: ...}."""
    if isinstance(spec, str):
        referenced.add(spec)
        return _q(spec)
    if isinstance(spec, list) and spec and all(isinstance(s, str) for s in spec):
        referenced.update(spec)
        return "concat_ws(' ', " + ", ".join(f"CAST({_q(s)} AS VARCHAR)" for s in spec) + ")"
    if isinstance(spec, dict) and set(spec) == {"sql"} and isinstance(spec["sql"], str):
        return f"({spec['sql']})"
    raise ValueError(
        f"mapping: {where} must be a source column name, a list of column names, or {{sql: ...}}"
    )


def _column_sql(name: str, mapping: dict, source_columns: list[str], referenced: set[str]):
    """Return (text_expr or None, typed_expr) for a standard column."""
    renames = mapping.get("renames") or {}
    constants = mapping.get("constants") or {}
    durations = mapping.get("durations") or {}
    if name in constants:
        text = f"CAST({_lit(constants[name])} AS VARCHAR)"
    elif name in renames:
        text = f"CAST({_source_expr(renames[name], referenced, f'renames.{name}')} AS VARCHAR)"
    elif name in durations and isinstance(durations[name], dict):
        text = None  # derived below from standard timestamps
    elif name in durations:
        text = f"CAST({_source_expr(durations[name], referenced, f'durations.{name}')} AS VARCHAR)"
    elif mapping.get("identity") and name in source_columns:
        referenced.add(name)
        text = f"CAST({_q(name)} AS VARCHAR)"
    else:
        text = "CAST(NULL AS VARCHAR)"
    if text is not None:
        text = f"nullif(trim({text}), '')"
        nulls = (mapping.get("nulls") or {}).get(name) or []
        if nulls:
            text = f"CASE WHEN {text} IN ({', '.join(_lit(str(v)) for v in nulls)}) THEN NULL ELSE {text} END"
        values = (mapping.get("values") or {}).get(name) or {}
        if values:
            whens = " ".join(f"WHEN {_lit(str(k))} THEN {_lit(v)}" for k, v in values.items())
            text = f"CASE {text} {whens} ELSE {text} END"
    return text


def _typed(column: Column, col: str, mapping: dict) -> str:
    """SQL turning the text column ``col`` of a staged row into the standard type.

    A timestamp with a ``formats`` entry is parsed with it; a value from an Excel date
    cell (written as ISO 8601 when staged, ``_excel`` true) is also accepted as ISO.
    """
    kind = column.type
    if kind == "TIMESTAMP":
        fmt = (mapping.get("formats") or {}).get(column.name)
        if fmt:
            return (
                f"coalesce(try_strptime({col}, {_lit(fmt)}), "
                f"CASE WHEN _excel THEN TRY_CAST({col} AS TIMESTAMP) END)"
            )
        return f"TRY_CAST({col} AS TIMESTAMP)"
    if kind == "DOUBLE":
        return f"coalesce(TRY_CAST({col} AS DOUBLE), epoch(TRY_CAST({col} AS INTERVAL)))"
    if kind == "INTEGER":
        return f"TRY_CAST(TRY_CAST({col} AS DOUBLE) AS INTEGER)"
    if kind == "BOOLEAN":
        return (
            f"CASE WHEN lower({col}) IN ('1', 'true', 't', 'yes', 'y') THEN TRUE "
            f"WHEN lower({col}) IN ('0', 'false', 'f', 'no', 'n') THEN FALSE END"
        )
    return col


_NATIVE = {
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


def _specialize(sql: str, native: set[str]) -> str:
    """A rule without the text checks of columns that were never text."""
    for n in native:
        sql = sql.replace(f"(_t_{n} IS NOT NULL AND {_q(n)} IS NULL)", "FALSE")
        sql = sql.replace(f"(_t_{n} IS NULL AND _n_{n} IS NULL)", f"({_q(n)} IS NULL)")
    return sql


def _find_bad_rows(con, kind: _Kind, files: list[str]) -> tuple[list, int, int]:
    """Every bad row, by rule and file: (issues, rows read, rows bad).

    The window columns (duplicates, overlaps) are computed over the few rows that can
    have them (kind.candidates), not over every row: a window over all rows sorts the
    whole table. Only the flagged rows are kept apart (``_ccaward_bad``); the good rows
    go straight from the typed view into the target.
    """
    rules = kind.rules
    flags = ", ".join(f"coalesce({sql}, FALSE) AS _r{i}" for i, (_, sql) in enumerate(rules))
    any_bad = " OR ".join(f"_r{i}" for i in range(len(rules)))
    con.execute(
        "CREATE OR REPLACE TEMP TABLE _ccaward_windows AS "
        f"SELECT _file, _row, {kind.windows} FROM _ccaward_typed WHERE {kind.candidates}"
    )
    con.execute(
        "CREATE OR REPLACE TEMP TABLE _ccaward_bad AS SELECT * FROM ("
        f"SELECT _file, _row, {flags} FROM _ccaward_typed "
        "LEFT JOIN _ccaward_windows USING (_file, _row)"
        f") WHERE {any_bad}"
    )
    con.execute("DROP TABLE _ccaward_windows")
    found = []
    for i, (rule, _) in enumerate(rules):
        for file_index, n, rows in con.execute(
            f"SELECT _file, count(*), list(_row ORDER BY _row)[1:{MAX_ROWS_REPORTED}] "
            f"FROM _ccaward_bad WHERE _r{i} GROUP BY _file ORDER BY _file"
        ).fetchall():
            found.append((i, rule, n, tuple(int(r) for r in rows), file_index))
    details = _details(con, kind, {i for i, *_ in found})
    issues = [
        Issue(rule, n, rows, files[f], details.get((i, f), "")) for i, rule, n, rows, f in found
    ]
    rows_read = con.execute("SELECT count(*) FROM _ccaward_typed").fetchone()[0]
    rows_bad = con.execute("SELECT count(*) FROM _ccaward_bad").fetchone()[0]
    return issues, rows_read, rows_bad


_TEXT_COLUMN = re.compile(r"\b_t_(\w+)")
_NAME = re.compile(r'"?([a-z_]+)"?')


def _unwrap(atom: str) -> str:
    """A condition without the one pair of parentheses around all of it, if there is one."""
    if not (atom.startswith("(") and atom.endswith(")")):
        return atom
    depth = 0
    for i, char in enumerate(atom):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth == 0 and i < len(atom) - 1:
            return atom  # "(a) AND (b)": the first parenthesis closes before the end
    return atom[1:-1]


def _details(con, kind: _Kind, fired: set[int]) -> dict[tuple[int, int], str]:
    """What each fired row rule found, by (rule index, file): which column or condition,
    how many rows, the first one and its text, e.g. ``arrived_at: 2 (first row 2,
    '2024-13-01')``.

    A rule is an OR of conditions (one per column for the parse rules); each condition
    is counted over the bad rows. Window rules (repeated ids, overlaps) say all there is.
    """
    parts = []  # (rule index, label, condition, value SQL or None)
    for i, (rule, sql) in enumerate(kind.rules):
        if i not in fired or rule in kind.window_rules or "_prev_end" in sql:
            continue
        for atom in sql.split(" OR "):
            atom = atom.strip()
            if atom == "FALSE":
                continue
            text = _TEXT_COLUMN.search(atom)
            if text:  # a parse rule: the column, and the text that did not parse
                label, value = text.group(1), f"_t_{text.group(1)}"
                if "IS NULL AND _n_" in atom:  # a missing value: there is no text
                    value = None
            elif rule == "missing_value":
                label, value = _NAME.match(_unwrap(atom)).group(1), None
            else:
                label, value = _unwrap(atom).replace('"', ""), None
            parts.append((i, label, atom, value))
    if not parts:
        return {}
    select = []
    for j, (_, _, atom, value) in enumerate(parts):
        hit = f"coalesce({atom}, FALSE)"
        select.append(f"count(*) FILTER (WHERE {hit}) AS n{j}")
        select.append(f"min(_row) FILTER (WHERE {hit}) AS r{j}")
        if value is not None:
            select.append(f"arg_min({value}, _row) FILTER (WHERE {hit}) AS v{j}")
    result = con.execute(
        f"SELECT _file, {', '.join(select)} FROM _ccaward_typed "
        "SEMI JOIN _ccaward_bad USING (_file, _row) GROUP BY _file"
    )
    names = [d[0] for d in result.description]
    out: dict[tuple[int, int], list[str]] = {}
    for record in result.fetchall():
        row = dict(zip(names, record, strict=True))
        for j, (i, label, _, value) in enumerate(parts):
            if not row[f"n{j}"]:
                continue
            shown = ""
            if value is not None and row.get(f"v{j}") is not None:
                text = str(row[f"v{j}"])
                shown = ", " + repr(text if len(text) <= 60 else text[:60] + "...")
            out.setdefault((i, row["_file"]), []).append(
                f"{label}: {row[f'n{j}']} (first row {row[f'r{j}']}{shown})"
            )
    return {key: "; ".join(texts) for key, texts in out.items()}


_SIZE_UNITS = {"": 1, "B": 1, "K": 10**3, "M": 10**6, "G": 10**9, "T": 10**12, "P": 10**15}
_SIZE_UNITS |= {"KI": 2**10, "MI": 2**20, "GI": 2**30, "TI": 2**40, "PI": 2**50}
# bytes of DuckDB memory per distinct value the repeated-value check holds at once
# (measured at 10 M contact ids: about 90 bytes each); the check runs in as many passes
# as keep each pass's hash table within the memory limit
_BYTES_PER_DISTINCT = 120


def memory_limit_bytes(con) -> int:
    """DuckDB's memory limit in bytes (``current_setting`` says e.g. "953.6 MiB")."""
    text = con.execute("SELECT current_setting('memory_limit')").fetchone()[0]
    match = re.fullmatch(r"\s*([\d.]+)\s*([KMGTP]?I?)B?\s*", str(text).upper())
    if not match:
        raise ValueError(f"unexpected DuckDB memory_limit {text!r}")
    return int(float(match.group(1)) * _SIZE_UNITS[match.group(2)])


def _repeats(con, key: str, rows: int, *, keep: bool = False) -> bool:
    """True when two staged rows share a value of ``key`` (NULLs aside).

    A count of distinct values holds every value in one hash table, which DuckDB cannot
    spill: past the memory limit (e.g. 100 M contact ids with 1 GB) it fails. So the
    values are split by their hash into as many passes as keep each pass within the
    limit; equal values have equal hashes, so each repeat is found in one pass.
    ``keep``: also store every repeated value in the table ``_ccaward_repeats`` (column
    ``value``), pass by pass the same way.
    """
    per_pass = max(1, memory_limit_bytes(con) // _BYTES_PER_DISTINCT)
    passes = max(1, -(-rows // per_pass))
    k = _q(key)
    if keep:
        con.execute(
            "CREATE OR REPLACE TEMP TABLE _ccaward_repeats AS "
            f"SELECT {k} AS value FROM _ccaward_typed WHERE FALSE"
        )
    found = False
    for i in range(passes):
        where = f"WHERE hash({k}) % {passes} = {i}" if passes > 1 else ""
        if keep:
            con.execute(
                f"INSERT INTO _ccaward_repeats SELECT {k} FROM _ccaward_typed {where} "
                f"GROUP BY {k} HAVING count(*) > 1 AND {k} IS NOT NULL"
            )
            continue
        sql = f"SELECT count({k}) - count(DISTINCT {k}) FROM _ccaward_typed {where}"
        if con.execute(sql).fetchone()[0]:
            found = True
            break
    if keep:
        found = con.execute("SELECT count(*) FROM _ccaward_repeats").fetchone()[0] > 0
    return found


def _drop_staging(con) -> None:
    for name in ("_ccaward_typed", "_ccaward_typed0"):
        con.execute(f"DROP VIEW IF EXISTS {name}")
    for name in ("_ccaward_bad", "_ccaward_windows", "_ccaward_repeats"):
        con.execute(f"DROP TABLE IF EXISTS {name}")
    staged = con.execute(
        "SELECT view_name, 'VIEW' FROM duckdb_views() "
        "WHERE starts_with(view_name, '_ccaward_raw_') "
        "UNION ALL SELECT table_name, 'TABLE' FROM duckdb_tables() "
        "WHERE starts_with(table_name, '_ccaward_raw_')"
    ).fetchall()
    for name, kind in staged:
        con.execute(f"DROP {kind} IF EXISTS {name}")
    con.execute("SET preserve_insertion_order = false")


def _native_columns(schema, spec: dict, source_types: dict[str, str]) -> dict[str, str]:
    """Standard columns a typed source (Parquet) already holds in a usable type, with
    nothing in the mapping to apply to them: read as they are (``{name: SQL}``), not
    through text. Casting millions of timestamps to text and back is most of a load."""
    renames = spec.get("renames") or {}
    touched = set(spec.get("constants") or {}) | set(spec.get("durations") or {})
    for key in ("nulls", "values", "formats"):
        touched |= set(spec.get(key) or {})
    out = {}
    for c in schema:
        if c.name in touched or c.type not in _NATIVE:
            continue
        if isinstance(renames.get(c.name), str):
            source = renames[c.name]
        elif c.name not in renames and spec.get("identity"):
            source = c.name
        else:
            continue
        kind = (source_types.get(source) or "").split("(")[0].upper()
        if c.type == "VARCHAR" and kind == "VARCHAR":
            out[c.name] = f"nullif({_q(source)}, '')"  # an empty text is no value
        elif kind in _NATIVE[c.type] or (c.type == "DOUBLE" and kind == "DECIMAL"):
            out[c.name] = f"CAST({_q(source)} AS {c.type})"
    return out


# ---------------------------------------------------------------------------- reading


class _EncodingError(Exception):
    """The file is neither UTF-8 nor GB18030; the message says where it stops decoding."""


CHUNK_BYTES = 1 << 20


def _where(path: Path, offset: int) -> str:
    """'line N (byte offset X)' of a byte offset (counted again, only on the error path)."""
    lines = 1
    with path.open("rb") as fh:
        done = 0
        while done < offset and (chunk := fh.read(min(CHUNK_BYTES, offset - done))):
            lines += chunk.count(b"\n")
            done += len(chunk)
    return f"line {lines} (byte offset {offset})"


def _decodes(path: Path, enc: str, out=None, *, skip: int = 0) -> int | None:
    """Stream ``path`` from byte ``skip`` through a decoder for ``enc`` (writing the text
    to ``out`` if given); the byte offset where it fails, or None when it all decodes."""
    decoder = codecs.getincrementaldecoder(enc)()
    offset = skip
    with path.open("rb") as fh:
        fh.seek(skip)
        while True:
            chunk = fh.read(CHUNK_BYTES)
            # bytes of an incomplete sequence the decoder kept from the chunk before
            pending = len(decoder.getstate()[0])
            try:
                text = decoder.decode(chunk, final=not chunk)
            except UnicodeDecodeError as exc:  # exc.start counts from the kept bytes
                return max(0, offset - pending + exc.start)
            if out is not None and text:
                out.write(text)
            if not chunk:
                return None
            offset += len(chunk)


def _first_non_ascii(path: Path) -> int | None:
    offset = 0
    with path.open("rb") as fh:
        while chunk := fh.read(CHUNK_BYTES):
            stripped = chunk.lstrip(bytes(range(128)))
            if stripped:
                return offset + len(chunk) - len(stripped)
            offset += len(chunk)
    return None


# bytes of multi-byte UTF-8 that decoded before a bad byte and make the file UTF-8 text
# with an error in it, rather than a GBK file (GBK text rarely decodes as UTF-8 for long)
UTF8_EVIDENCE = 8


def _detect_encoding(path: Path) -> tuple[str | None, str]:
    """('utf-8' | 'gb18030', ''), ('', '') for an empty file, or (None, why not).

    UTF-8 is checked over the whole file (an export is often ASCII for its first rows
    and has its Chinese names far down). A file that stops decoding as UTF-8 after some
    multi-byte UTF-8 text (or that starts with a UTF-8 byte-order mark) is UTF-8 with a
    bad byte, refused at that byte; one that stops at or just after its first non-ASCII
    byte is taken as GB18030 (GBK's superset), checked in full when it is transcoded
    (``_transcode``).
    """
    with path.open("rb") as fh:
        sample = fh.read(SAMPLE_BYTES)
    bom = len(codecs.BOM_UTF8) if sample.startswith(codecs.BOM_UTF8) else 0
    if not sample[bom:].strip():
        return "", ""
    bad = _decodes(path, "utf-8", skip=bom)
    if bad is None:
        return "utf-8", ""
    first = _first_non_ascii(path)
    if bom or (first is not None and bad - first >= UTF8_EVIDENCE):
        return None, f"not valid UTF-8: the text stops decoding at {_where(path, bad)}"
    return "gb18030", ""


def _transcode(path: Path, enc: str, tmpdir: str) -> Path:
    """Stream ``path`` from ``enc`` to a UTF-8 temp file (never read whole into memory).

    Raises ``_EncodingError`` naming the line where the file stops decoding as ``enc``.
    """
    out = Path(tmpdir) / (path.stem + ".utf8.csv")
    with out.open("w", encoding="utf-8", newline="") as dst:
        failed = _decodes(path, enc, dst)
    if failed is not None:
        raise _EncodingError(
            f"neither UTF-8 nor GBK/GB18030: read as GB18030, the text stops decoding at "
            f"{_where(path, failed)}"
        )
    return out


def _csv_error(exc: Exception) -> str:
    """DuckDB's CSV error without its advice on reader options (which the loader sets)."""
    lines = []
    for line in str(exc).splitlines():
        if line.startswith(("Possible", "*", "  ")) or not line.strip():
            break
        lines.append(line if len(line) <= 300 else line[:300] + " ...")
    return " ".join(lines) or str(exc)


def _is_parquet(path: Path) -> bool:
    return path.suffix.lower() in (".parquet", ".pq")


def _is_excel(path: Path) -> bool:
    return path.suffix.lower() in EXCEL_SUFFIXES


def _cell_text(value) -> str:
    """An Excel cell value as the text a CSV export would hold (dates as ISO 8601)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0):  # a date cell: date only, so [date, time] joins work
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, dt.timedelta):  # a duration cell ([h]:mm:ss): seconds
        return repr(value.total_seconds())
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return str(value)


class _SheetError(Exception):
    def __init__(self, rule: str, message: str):
        super().__init__(message)
        self.rule = rule


def _pick_sheet(names: list[str], sheet):
    """The index of the sheet a mapping names (None: the first; 1-based numbers)."""
    if sheet is None:
        if not names:
            raise _SheetError("empty_file", "the workbook has no sheet")
        return 0
    if isinstance(sheet, int):
        if sheet > len(names):
            raise _SheetError("missing_sheet", f"no sheet number {sheet}; sheets: {names}")
        return sheet - 1
    if sheet in names:
        return names.index(sheet)
    raise _SheetError("missing_sheet", f"no sheet named {sheet!r}; sheets: {names}")


def _xls_rows(path: Path, sheet):
    """(sheet title, rows of cell values) of a legacy .xls workbook (xlrd); date
    cells become datetimes, as openpyxl gives them for .xlsx."""
    import xlrd  # imported here: only .xls input needs it

    try:
        book = xlrd.open_workbook(str(path), on_demand=True)
    except (xlrd.XLRDError, OSError, ValueError, AssertionError, IndexError) as exc:
        raise _SheetError("unreadable_file", f"not a readable .xls workbook: {exc}") from exc
    try:
        ws = book.sheet_by_index(_pick_sheet(book.sheet_names(), sheet))

        def value(cell):
            if cell.ctype == xlrd.XL_CELL_DATE:
                return xlrd.xldate_as_datetime(cell.value, book.datemode)
            if cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK, xlrd.XL_CELL_ERROR):
                return None
            if cell.ctype == xlrd.XL_CELL_BOOLEAN:
                return bool(cell.value)
            return cell.value

        rows = [tuple(value(c) for c in ws.row(r)) for r in range(ws.nrows)]
        return ws.name, rows
    finally:
        book.release_resources()


def _excel_to_csv(path: Path, sheet, tmpdir: str) -> Path:
    """Stream one sheet of an .xlsx (openpyxl read-only) or .xls (xlrd) to a UTF-8
    CSV, row by row.

    The first row is the header; every later non-blank row becomes a record with its
    1-based record number (spreadsheet row - 1) in the extra column ``_ccaward_row``.
    Blank rows are left out but keep their numbers.
    """
    out = Path(tmpdir) / (path.stem + ".sheet.csv")
    if path.suffix.lower() == ".xls":
        title, rows = _xls_rows(path, sheet)
        _sheet_rows_to_csv(title, iter(rows), out)
        return out
    import openpyxl  # imported here: only Excel input needs it

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # unsupported extensions, styles
        try:
            book = openpyxl.load_workbook(path, read_only=True, data_only=True)
        except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
            raise _SheetError("unreadable_file", f"not a readable .xlsx workbook: {exc}") from exc
        try:
            names = book.sheetnames
            ws = book[names[_pick_sheet(names, sheet)]]
            _sheet_rows_to_csv(ws.title, ws.iter_rows(values_only=True), out)
        finally:
            book.close()
    return out


def _sheet_rows_to_csv(title: str, rows, out: Path) -> None:
    header = next(rows, None)
    if header is None or all(v is None for v in header):
        raise _SheetError("empty_file", f"sheet {title!r} has no header row")
    header = list(header)
    while header and header[-1] is None:
        header.pop()
    names_out = [_cell_text(v).strip() or f"column{j + 1}" for j, v in enumerate(header)]
    width = len(names_out)
    with out.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow([*names_out, EXCEL_ROW_COLUMN])
        for number, values in enumerate(rows, start=1):
            cells = [_cell_text(v) for v in values[:width]]
            if not any(cells):
                continue
            cells += [""] * (width - len(cells))
            writer.writerow([*cells, number])


def _file_issue(rule, path, message, files, policy) -> LoadError:
    return LoadError(
        LoadReport(tuple(files), 0, 0, 0, policy, (Issue(rule, 0, (), str(path), message),))
    )


# ---------------------------------------------------------------------------- load


def create_table(con: duckdb.DuckDBPyConnection, *, replace: bool = False) -> None:
    """Create the empty ``interactions`` table in the standard schema."""
    _create(con, "interactions", SCHEMA, replace=replace)


def _create(con, table: str, schema: tuple[Column, ...], *, replace: bool) -> None:
    cols = ", ".join(f"{_q(c.name)} {c.type}" for c in schema)
    verb = "CREATE OR REPLACE TABLE" if replace else "CREATE TABLE IF NOT EXISTS"
    con.execute(f"{verb} {table} ({cols})")


def _required_sql(schema: tuple[Column, ...]) -> str:
    """A required value is missing when neither its text nor its native value is there."""
    return " OR ".join(
        f"(_t_{c.name} IS NULL AND _n_{c.name} IS NULL)" for c in schema if c.required
    )


def _parse_rules(schema: tuple[Column, ...]) -> list[tuple[str, str]]:
    timestamps = [c.name for c in schema if c.type == "TIMESTAMP"]
    ts_bad = " OR ".join(f"(_t_{c} IS NOT NULL AND {_q(c)} IS NULL)" for c in timestamps)
    other = [c.name for c in schema if c.type in ("DOUBLE", "INTEGER", "BOOLEAN")]
    rules = [("missing_value", _required_sql(schema)), ("unparseable_timestamp", ts_bad)]
    if other:
        val_bad = " OR ".join(f"(_t_{c} IS NOT NULL AND {_q(c)} IS NULL)" for c in other)
        rules.append(("unparseable_value", val_bad))
    return rules


def _rule_sql() -> list[tuple[str, str]]:
    points = ", ".join(_lit(p) for p in ABANDON_POINTS)
    return [
        *_parse_rules(SCHEMA),
        (
            "negative_duration",
            "talk_s < 0 OR hold_s < 0 OR acw_s < 0 OR ended_at < arrived_at",
        ),
        (
            "answered_before_arrival",
            "answered_at < arrived_at OR answered_at < queued_at OR queued_at < arrived_at",
        ),
        (
            "out_of_range",
            f"csat NOT BETWEEN 1 AND 5 OR nps NOT BETWEEN 0 AND 10 "
            f"OR abandon_point NOT IN ({points})",
        ),
        ("duplicate_contact_id", "_dup > 1"),
    ]


@dataclass(frozen=True)
class _Kind:
    """What differs between the record kinds ``_load`` reads."""

    table: str
    schema: tuple[Column, ...]
    rules: list[tuple[str, str]]
    windows: str  # extra columns (window functions) computed over the candidate rows
    candidates: str  # which typed rows can have window-based problems (a SQL predicate)
    # a column whose values must be unique: when set, no window rule can fire unless
    # two rows share a value, which a count of distinct values tells (the quick check)
    unique_key: str | None = None
    window_rules: tuple[str, ...] = ()


def load(
    con: duckdb.DuckDBPyConnection,
    paths: Iterable[str | os.PathLike],
    *,
    mapping: str | os.PathLike | Mapping | None = None,
    policy: str = "reject",
    replace: bool = False,
    progress: Progress | None = None,
    in_place: bool = False,
) -> LoadReport:
    """Load CSV / Parquet / Excel files into the DuckDB table ``interactions``.

    ``mapping``: a YAML path, a dict, or None for the standard schema (same-named
    columns). ``policy``: ``"reject"`` raises ``LoadError`` on any bad row and loads
    nothing; ``"skip"`` loads the good rows and reports the bad ones. File-level problems
    (empty file, encoding, missing column) raise ``LoadError`` under both policies.
    ``replace`` empties ``interactions`` first; otherwise rows are appended.
    ``progress``: called with (done, total, message) as each file is read (total = the
    number of files) and once more when the rows are validated and stored.
    ``in_place``: when every input is Parquet, ``replace`` is set and no row is bad,
    ``interactions`` becomes a view that reads the validated files where they are
    instead of a copy of their rows (the files must then stay while the connection is
    used); otherwise the rows are copied as usual. A later load that appends turns the
    view into a table first.

    A mapping's ``resolved_outcomes`` are recorded in the table ``resolved_outcomes``
    (``kpi.compute`` then computes FCR from outcome codes).
    """
    kind = _Kind(
        "interactions",
        SCHEMA,
        _rule_sql(),
        "row_number() OVER (PARTITION BY contact_id ORDER BY _file, _row) AS _dup",
        "contact_id IN (SELECT value FROM _ccaward_repeats)",
        unique_key="contact_id",
        window_rules=("duplicate_contact_id",),
    )
    spec = read_mapping(mapping)
    report = _load(con, paths, kind, spec, policy, replace, progress, in_place=in_place)
    resolved = spec.get("resolved_outcomes")
    if replace or resolved is not None:
        con.execute(
            f"{'CREATE OR REPLACE TABLE' if replace else 'CREATE TABLE IF NOT EXISTS'} "
            "resolved_outcomes (outcome VARCHAR PRIMARY KEY)"
        )
    if resolved:
        con.executemany(
            "INSERT OR IGNORE INTO resolved_outcomes VALUES (?)", [[v] for v in resolved]
        )
    return report


def create_agent_states_table(con: duckdb.DuckDBPyConnection, *, replace: bool = False) -> None:
    """Create the empty ``agent_states`` table (``AGENT_STATE_SCHEMA``)."""
    _create(con, "agent_states", AGENT_STATE_SCHEMA, replace=replace)


def load_agent_states(
    con: duckdb.DuckDBPyConnection,
    paths: Iterable[str | os.PathLike],
    *,
    mapping: str | os.PathLike | Mapping | None = None,
    policy: str = "reject",
    replace: bool = False,
    progress: Progress | None = None,
) -> LoadReport:
    """Load agent-state intervals (CSV / Parquet / Excel) into the table ``agent_states``.

    Same inputs, mapping format (against ``AGENT_STATE_SCHEMA``; default: same-named
    columns), policies, file rules and row numbers as ``load``. Row rules:
    ``missing_value`` (any column empty), ``unparseable_timestamp``, ``out_of_range``
    (a state not in ``AGENT_STATES``), ``ended_before_started`` (ended_at < started_at)
    and ``overlapping_interval``: an interval of an agent (same center and agent_key)
    that starts before an earlier-starting interval of that agent has ended. Activity
    states (all but logged_in) must not overlap each other; logged_in intervals (login
    sessions) may contain them but must not overlap each other. Intervals that touch
    (one ends when the next starts) do not overlap. Of two overlapping intervals the one
    that starts later (for equal starts: ends later, then comes later in the input) is
    the bad row, so skipping the bad rows leaves intervals that do not overlap. Only
    the rows of this call are checked against each other.
    """
    # login sessions and activity states are checked for overlaps apart
    kind = _interval_kind(
        "agent_states", AGENT_STATE_SCHEMA, "state", AGENT_STATES, "state = 'logged_in'"
    )
    spec = read_mapping(mapping, schema=AGENT_STATE_SCHEMA)
    return _load(con, paths, kind, spec, policy, replace, progress)


def _interval_kind(table, schema, column: str, allowed, apart: str = "") -> _Kind:
    """An agent's intervals (states or schedules): the rules both kinds share.

    ``column`` must be one of ``allowed`` (``out_of_range``); an interval must not end
    before it starts, nor start before an earlier-starting interval of the same agent
    (center and agent_key) has ended (``overlapping_interval``), counted apart for each
    value of the SQL expression ``apart`` when given.
    """
    values = ", ".join(_lit(v) for v in allowed)
    valid = (
        f"agent_key IS NOT NULL AND center IS NOT NULL AND {column} IN ({values}) "
        "AND started_at IS NOT NULL AND ended_at >= started_at"
    )
    return _Kind(
        table,
        schema,
        [
            *_parse_rules(schema),
            ("out_of_range", f"{column} NOT IN ({values})"),
            ("ended_before_started", "ended_at < started_at"),
            ("overlapping_interval", f"({valid}) AND started_at < _prev_end"),
        ],
        f"max(CASE WHEN {valid} THEN ended_at END) OVER (PARTITION BY center, agent_key"
        f"{', ' + apart if apart else ''} ORDER BY started_at, ended_at, _file, _row "
        "ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS _prev_end",
        "TRUE",  # an overlap needs the agent's earlier intervals: every row is a candidate
    )


def create_schedules_table(con: duckdb.DuckDBPyConnection, *, replace: bool = False) -> None:
    """Create the empty ``schedules`` table (``SCHEDULE_SCHEMA``)."""
    _create(con, "schedules", SCHEDULE_SCHEMA, replace=replace)


def load_schedules(
    con: duckdb.DuckDBPyConnection,
    paths: Iterable[str | os.PathLike],
    *,
    mapping: str | os.PathLike | Mapping | None = None,
    policy: str = "reject",
    replace: bool = False,
    progress: Progress | None = None,
) -> LoadReport:
    """Load the agents' schedules (CSV / Parquet / Excel) into the table ``schedules``.

    One row per scheduled activity of an agent (``SCHEDULE_SCHEMA``): ``work`` (handling
    contacts) or time planned off the phones (``break``, ``meeting``, ``training``,
    ``other``). Same inputs, mapping format (default: same-named columns), policies and
    row numbers as ``load``. Row rules: ``missing_value``, ``unparseable_timestamp``,
    ``out_of_range`` (an activity not in ``SCHEDULE_ACTIVITIES``), ``ended_before_started``
    and ``overlapping_interval`` (an agent scheduled for two things at once; of two
    overlapping rows the later-starting one is the bad row). Only the rows of this call
    are checked against each other.
    """
    kind = _interval_kind("schedules", SCHEDULE_SCHEMA, "activity", SCHEDULE_ACTIVITIES)
    spec = read_mapping(mapping, schema=SCHEDULE_SCHEMA)
    return _load(con, paths, kind, spec, policy, replace, progress)


def _view_to_table(con, table: str) -> None:
    """An in-place ``table`` (a view over files) becomes a real table with its rows."""
    if con.execute(
        "SELECT count(*) FROM duckdb_views() WHERE view_name = ? AND temporary", [table]
    ).fetchone()[0]:
        con.execute(f"CREATE TABLE _ccaward_materialized AS SELECT * FROM temp.{table}")
        con.execute(f"DROP VIEW temp.{table}")
        con.execute(f"ALTER TABLE _ccaward_materialized RENAME TO {table}")


def _load(
    con, paths, kind: _Kind, spec: dict, policy, replace, progress, *, in_place: bool = False
) -> LoadReport:
    """Read, map, validate and store files as rows of ``kind.table``."""
    if policy not in POLICIES:
        raise ValueError(f"policy must be one of {POLICIES}, got {policy!r}")
    paths = [Path(p) for p in paths]
    if not paths:
        raise ValueError("paths: at least one input file is required")
    schema = kind.schema
    timestamp_columns = tuple(c.name for c in schema if c.type == "TIMESTAMP")
    files = [str(p) for p in paths]
    filters = spec.get("filters") or []
    if replace:
        con.execute(f"DROP VIEW IF EXISTS temp.{kind.table}")
    else:
        _view_to_table(con, kind.table)
    _create(con, kind.table, schema, replace=replace)
    in_place = in_place and replace and all(_is_parquet(p) for p in paths if p.is_file())
    shapes = set()  # (columns and types, the typed select) of each Parquet file
    native_all: set[str] = set()  # columns every file holds in their own type
    with tempfile.TemporaryDirectory(prefix="ccaward-load-") as tmpdir:
        parts = []
        for index, path in enumerate(paths):
            if progress is not None:
                progress(index, len(paths), f"reading {path.name}")
            if not path.is_file():
                raise _file_issue("unreadable_file", path, "no such file", files, policy)
            excel = _is_excel(path)
            row_expr = "rowid + 1"
            parquet = _is_parquet(path)
            if parquet:
                # read in place, numbered by the reader: no staged copy of a typed file
                source = f"read_parquet({_lit(str(path))}, file_row_number = true)"
                row_expr = "file_row_number + 1"
            elif excel:
                try:
                    staged = _excel_to_csv(path, spec.get("sheet"), tmpdir)
                except _SheetError as exc:
                    raise _file_issue(exc.rule, path, str(exc), files, policy) from exc
                source = (
                    f"read_csv({_lit(str(staged))}, all_varchar = true, header = true, "
                    "delim = ',', quote = '\"', escape = '\"', auto_detect = true)"
                )
                row_expr = f"CAST({EXCEL_ROW_COLUMN} AS BIGINT)"
            else:
                enc, why = _detect_encoding(path)
                if enc == "":
                    raise _file_issue("empty_file", path, "the file has no data", files, policy)
                if enc is None:
                    raise _file_issue("encoding", path, why, files, policy)
                try:
                    readable = path if enc == "utf-8" else _transcode(path, enc, tmpdir)
                except _EncodingError as exc:
                    raise _file_issue("encoding", path, str(exc), files, policy) from exc
                # the quote character is set, not sniffed: a sniffer that saw no quoted
                # field in its sample would split a quoted "a, b" further down (the
                # escape is still detected: a doubled quote or a backslash)
                source = (
                    f"read_csv({_lit(str(readable))}, all_varchar = true, header = true, "
                    "quote = '\"', auto_detect = true)"
                )
            raw = f"_ccaward_raw_{index}"
            try:
                con.execute("SET preserve_insertion_order = true")
                what = "VIEW" if parquet else "TABLE"
                con.execute(f"CREATE OR REPLACE TEMP {what} {raw} AS SELECT * FROM {source}")
                # the order mattered only for numbering a staged text file's rows;
                # keeping it would stop the big steps below from spilling freely
                con.execute("SET preserve_insertion_order = false")
            except duckdb.Error as exc:
                raise _file_issue("unreadable_file", path, _csv_error(exc), files, policy) from exc
            count = con.execute(f"SELECT count(*) FROM {raw}").fetchone()[0]
            if count == 0:
                raise _file_issue("empty_file", path, "the file has no data rows", files, policy)
            described = con.execute(f"DESCRIBE {raw}").fetchall()
            source_columns = [r[0] for r in described]
            source_types = {r[0]: r[1] for r in described}
            if excel:
                source_columns.remove(EXCEL_ROW_COLUMN)
            if parquet:
                source_columns.remove("file_row_number")
            referenced: set[str] = set()
            texts = {c.name: _column_sql(c.name, spec, source_columns, referenced) for c in schema}
            missing = sorted(referenced - set(source_columns))
            if spec.get("identity"):
                missing += [
                    c.name
                    for c in schema
                    if c.required
                    and c.name not in source_columns
                    and not any(c.name in (spec.get(k) or {}) for k in ("renames", "constants"))
                ]
            if missing:
                raise _file_issue(
                    "missing_column",
                    path,
                    f"the mapping names column(s) {missing} not in the file "
                    f"(columns: {source_columns})",
                    files,
                    policy,
                )
            where = " AND ".join(f"({f})" for f in filters) or "TRUE"
            native = _native_columns(schema, spec, source_types)
            select_text = ", ".join(
                f"CAST(NULL AS VARCHAR) AS _t_{n}"
                if n in native
                else f"{t if t is not None else 'CAST(NULL AS VARCHAR)'} AS _t_{n}"
                for n, t in texts.items()
            )
            select_text += ", " + ", ".join(
                f"{native[c.name]} AS _n_{c.name}"
                if c.name in native
                else f"CAST(NULL AS {c.type}) AS _n_{c.name}"
                for c in schema
            )
            # a Parquet file is read by the reader itself (its raw view is only that), so
            # an in-place view over these parts names no staging table
            parts.append(
                f"SELECT {index} AS _file, _row, {_lit(excel)} AS _excel, {select_text} FROM "
                f"(SELECT *, {row_expr} AS _row FROM {source if parquet else raw}) WHERE {where}"
            )
            shapes.add(
                (tuple(described), select_text, where, tuple(sorted(native))) if parquet else None
            )
        if len(paths) > 1 and len(shapes) == 1 and None not in shapes:
            # Parquet files of one shape: one reader over all of them (its file_index
            # and file_row_number number the rows) instead of a union of one per file
            ((_, select_text, where, native_names),) = shapes
            native_all = set(native_names)
            combined = (
                f"SELECT _file, _row, FALSE AS _excel, {select_text} FROM "
                "(SELECT *, file_index AS _file, file_row_number + 1 AS _row FROM "
                f"read_parquet([{', '.join(_lit(f) for f in files)}])) WHERE {where}"
            )
            parts = [combined]
        if progress is not None:
            progress(len(paths), len(paths), "validating")
        durations = spec.get("durations") or {}
        typed = []
        for c in schema:
            d = durations.get(c.name)
            if isinstance(d, dict):
                start, end = d.get("start"), d.get("end")
                if start not in timestamp_columns or end not in timestamp_columns:
                    raise ValueError(
                        f"mapping: durations.{c.name}: start and end must be standard "
                        f"timestamp columns {list(timestamp_columns)}"
                    )
                continue
            if c.name in native_all:  # no text to parse: the native value is the value
                typed.append(f"_n_{c.name} AS {_q(c.name)}")
                continue
            typed.append(
                f"coalesce(_n_{c.name}, {_typed(c, f'_t_{c.name}', spec)}) AS {_q(c.name)}"
            )
        derived = [
            f"epoch({_q(d['end'])} - {_q(d['start'])}) AS {_q(name)}"
            for name, d in durations.items()
            if isinstance(d, dict)
        ]

        # Views, not copies: the rules, the duplicate check and the final insert each
        # read the staged rows once through them (a wide typed copy of every row cost
        # more than all three reads together).
        typed_sql = (
            f"SELECT *{''.join(', ' + d for d in derived)} FROM ("
            f"SELECT _file, _row, {', '.join('_t_' + c.name for c in schema)}, "
            f"{', '.join('_n_' + c.name for c in schema)}, "
            f"{', '.join(typed)} FROM ({' UNION ALL BY NAME '.join(parts)}))"
        )
        try:
            con.execute(f"CREATE OR REPLACE TEMP VIEW _ccaward_typed AS {typed_sql}")
        except duckdb.Error as exc:
            _drop_staging(con)
            raise _file_issue(
                "missing_column", files[0], f"mapping SQL does not bind: {exc}", files, policy
            ) from exc
        if native_all:
            kind = replace_(
                kind, rules=[(rule, _specialize(sql, native_all)) for rule, sql in kind.rules]
            )
        rules = kind.rules
        clean = False
        if kind.unique_key is not None:
            # One scan counts every row rule and tells whether a window rule can fire;
            # when nothing is wrong (the usual case) the slower passes below are skipped.
            plain = [sql for rule, sql in rules if rule not in kind.window_rules]
            counts = ", ".join(f"count(*) FILTER (WHERE coalesce({sql}, FALSE))" for sql in plain)
            first = con.execute(f"SELECT count(*), {counts} FROM _ccaward_typed").fetchone()
            rows_read = first[0]
            clean = not any(first[1:]) and not _repeats(con, kind.unique_key, rows_read)
            if not clean:  # the repeated values, for the window rules' candidates
                _repeats(con, kind.unique_key, rows_read, keep=True)
        if clean:
            issues, rows_bad = [], 0
        else:
            issues, rows_read, rows_bad = _find_bad_rows(con, kind, files)
        try:
            if issues and policy == "reject":
                raise LoadError(
                    LoadReport(tuple(files), rows_read, 0, rows_bad, policy, tuple(issues))
                )
            names = ", ".join(_q(c.name) for c in schema)
            if in_place and not rows_bad:
                # the view reads the files themselves (no staging names), so the
                # staging views can go
                con.execute(f"DROP TABLE {kind.table}")
                con.execute(f"CREATE TEMP VIEW {kind.table} AS SELECT {names} FROM ({typed_sql})")
            else:
                good = (
                    "_ccaward_typed"
                    if not rows_bad
                    else "(SELECT * FROM _ccaward_typed ANTI JOIN _ccaward_bad USING (_file, _row))"
                )
                con.execute(f"INSERT INTO {kind.table} ({names}) SELECT {names} FROM {good}")
        finally:
            _drop_staging(con)
    if progress is not None:
        progress(len(paths), len(paths), f"loaded {rows_read - rows_bad} row(s)")
    return LoadReport(
        tuple(files), rows_read, rows_read - rows_bad, rows_bad, policy, tuple(issues)
    )
