"""Loading files into a table: read each file (``readers``), map its columns to the
standard ones (``mapping``), check the rows (``rules``, ``checks``) and store the good
ones; the public ``load``, ``load_agent_states`` and ``load_schedules``."""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from dataclasses import replace as replace_
from pathlib import Path

from ccaward.engine.interactions import checks, notices, readers, rules
from ccaward.engine.interactions.csv_files import reader_error
from ccaward.engine.interactions.mapping import (
    native_columns,
    read_mapping,
    text_sql,
    typed_sql,
)
from ccaward.engine.interactions.schema import (
    AGENT_STATE_SCHEMA,
    POLICIES,
    SCHEDULE_SCHEMA,
    SCHEMA,
    Column,
    FileRefused,
    LoadError,
    LoadReport,
    Progress,
    file_issue,
)
from ccaward.engine.sql import dialect as db


def create_table(con: db.Connection, *, replace: bool = False) -> None:
    """Create the empty ``interactions`` table in the standard schema."""
    _create(con, "interactions", SCHEMA, replace=replace)


def create_agent_states_table(con: db.Connection, *, replace: bool = False) -> None:
    """Create the empty ``agent_states`` table (``AGENT_STATE_SCHEMA``)."""
    _create(con, "agent_states", AGENT_STATE_SCHEMA, replace=replace)


def create_schedules_table(con: db.Connection, *, replace: bool = False) -> None:
    """Create the empty ``schedules`` table (``SCHEDULE_SCHEMA``)."""
    _create(con, "schedules", SCHEDULE_SCHEMA, replace=replace)


def _create(con, table: str, schema: tuple[Column, ...], *, replace: bool) -> None:
    cols = ", ".join(f"{db.name(c.name)} {c.type}" for c in schema)
    db.create_table(con, table, cols, replace=replace)


def load(
    con: db.Connection,
    paths: Iterable[str | os.PathLike],
    *,
    mapping: str | os.PathLike | Mapping | None = None,
    policy: str = "reject",
    replace: bool = False,
    progress: Progress | None = None,
    in_place: bool = False,
    period: tuple[dt.date, dt.date] | None = None,
    limit: int | None = None,
    scratch: str | None = None,
) -> LoadReport:
    """Load CSV / Parquet / Excel files into the table ``interactions``.

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

    ``period`` (first day, last day): records that arrived outside it are left out and
    reported (the notice ``outside_period`` with their count and the range of their
    arrivals), under either policy. Answered contacts without a queue time are kept and
    reported (``answered_without_queue``): the indicators count a contact as offered
    from its queue time, so they are neither offered nor answered (a mapping's
    ``queued_on_arrival`` says contacts queued when they arrived).
    ``limit``: read only the first rows of each file (a preview). ``scratch``: the
    directory for the loader's working copies (default: the system's temp directory).
    """
    spec = read_mapping(mapping)
    options = _Options(period=period, limit=limit, scratch=scratch, in_place=in_place)
    report = _load(con, paths, rules.records(), spec, policy, replace, progress, options)
    resolved = spec.get("resolved_outcomes")
    if replace or resolved is not None:
        db.create_table(con, "resolved_outcomes", "outcome VARCHAR PRIMARY KEY", replace=replace)
    if resolved:
        db.insert_or_ignore(con, "resolved_outcomes", [[v] for v in resolved])
    return report


def load_agent_states(
    con: db.Connection,
    paths: Iterable[str | os.PathLike],
    *,
    mapping: str | os.PathLike | Mapping | None = None,
    policy: str = "reject",
    replace: bool = False,
    progress: Progress | None = None,
    scratch: str | None = None,
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
    spec = read_mapping(mapping, schema=AGENT_STATE_SCHEMA)
    options = _Options(scratch=scratch)
    return _load(con, paths, rules.agent_states(), spec, policy, replace, progress, options)


def load_schedules(
    con: db.Connection,
    paths: Iterable[str | os.PathLike],
    *,
    mapping: str | os.PathLike | Mapping | None = None,
    policy: str = "reject",
    replace: bool = False,
    progress: Progress | None = None,
    scratch: str | None = None,
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
    spec = read_mapping(mapping, schema=SCHEDULE_SCHEMA)
    options = _Options(scratch=scratch)
    return _load(con, paths, rules.schedules(), spec, policy, replace, progress, options)


@dataclass(frozen=True)
class _Options:
    """How a load reads its files: the period, the rows per file, the working
    directory, and whether Parquet may be read in place."""

    period: tuple[dt.date, dt.date] | None = None
    limit: int | None = None
    scratch: str | None = None
    in_place: bool = False


@dataclass(frozen=True)
class _Staged:
    """One staged file: the SELECT of its mapped rows, and its shape when it is read in
    place (Parquet files of one shape are then read by one reader)."""

    part: str
    shape: tuple | None


def _load(
    con, paths, kind: rules.Kind, spec: dict, policy, replace, progress, options
) -> LoadReport:
    """Read, map, validate and store files as rows of ``kind.table``."""
    if policy not in POLICIES:
        raise ValueError(f"policy must be one of {POLICIES}, got {policy!r}")
    paths = [Path(p) for p in paths]
    if not paths:
        raise ValueError("paths: at least one input file is required")
    files = [str(p) for p in paths]
    in_place = _prepare_target(con, kind, paths, replace, options)
    with tempfile.TemporaryDirectory(prefix="ccaward-load-", dir=options.scratch) as tmpdir:
        staged = _stage_all(con, paths, kind, spec, tmpdir, policy, progress, options)
        parts, native_all = _union(staged, files)
        if progress is not None:
            progress(len(paths), len(paths), "validating")
        typed = _bind_typed(con, kind, spec, parts, native_all, files, policy)
        if native_all:
            specialized = [(rule, rules.specialize(sql, native_all)) for rule, sql in kind.rules]
            kind = replace_(kind, rules=specialized)
        try:
            report = _check_and_store(con, kind, typed, files, policy, in_place, options)
        finally:
            _drop_staging(con)
    if progress is not None:
        progress(len(paths), len(paths), f"loaded {report.rows_loaded} row(s)")
    return report


def _prepare_target(con, kind: rules.Kind, paths: list[Path], replace, options) -> bool:
    """Create (or keep, to append to) ``kind.table``; whether the files can be read
    in place (Parquet only, replacing, no row limit)."""
    if replace:
        db.drop_temp_view(con, kind.table)
    else:
        db.view_to_table(con, kind.table)  # an in-place view becomes a table to append to
    _create(con, kind.table, kind.schema, replace=replace)
    return (
        options.in_place
        and replace
        and options.limit is None
        and all(readers.is_parquet(p) for p in paths if p.is_file())
    )


def _stage_all(con, paths, kind, spec, tmpdir, policy, progress, options) -> list[_Staged]:
    """Stage every file; a refused file is a file issue naming it."""
    files = [str(p) for p in paths]
    staged = []
    for index, path in enumerate(paths):
        if progress is not None:
            progress(index, len(paths), f"reading {path.name}")
        try:
            staged.append(_stage(con, index, path, kind.schema, spec, tmpdir, options.limit))
        except FileRefused as exc:
            raise file_issue(exc.rule, path, str(exc), files, policy, **exc.params) from exc
    return staged


def _bind_typed(con, kind, spec, parts, native_all, files, policy) -> str:
    """The typed SELECT over the staged files, bound as a view; a mapping whose SQL
    does not bind is a ``missing_column`` file issue."""
    typed = _typed_select(kind.schema, spec, parts, native_all)
    try:
        db.create_temp(con, "_ccaward_typed", typed, view=True)
    except db.Error as exc:
        _drop_staging(con)
        raise file_issue(
            "missing_column",
            files[0],
            f"mapping SQL does not bind: {exc}",
            files,
            policy,
            expression=True,
        ) from exc
    return typed


def _check_and_store(con, kind, typed, files, policy, in_place, options) -> LoadReport:
    """Leave out the records outside the period, run the rules, and store the rows
    (or refuse them all under the ``reject`` policy)."""
    outside = []
    if options.period is not None:
        typed, outside = notices.leave_out_period(con, typed, options.period, files)
    issues, rows_read, rows_bad, found = _check(con, kind, files)
    rows_outside = sum(n.count for n in outside)
    rejected = bool(issues) and policy == "reject"
    report = LoadReport(
        tuple(files),
        rows_read,
        0 if rejected else rows_read - rows_bad,
        rows_bad,
        policy,
        tuple(issues),
        tuple(outside + found),
        rows_outside,
    )
    if rejected:
        raise LoadError(report)
    _store(con, kind, typed, in_place=in_place and not rows_bad, bad=bool(rows_bad))
    return report


def _stage(
    con, index: int, path: Path, schema, spec: dict, tmpdir: str, limit: int | None = None
) -> _Staged:
    """Stage one file as ``_ccaward_raw_<index>`` and map its columns: the SELECT of its
    rows with ``_file``, ``_row``, ``_excel``, ``_t_<column>`` (text) and ``_n_<column>``
    (native values). A file without a header row has its columns named by position
    (``"1"``, ``"2"``, ...). ``limit``: its first rows only. Raises ``FileRefused``."""
    header = spec.get("header", True)
    source = readers.open_source(path, spec.get("sheet"), tmpdir, header=header)
    raw = f"_ccaward_raw_{index}"
    relation = source.relation
    if not header:
        relation = readers.by_position(con, relation)
    if limit is not None:
        relation = f"(SELECT * FROM {relation} LIMIT {int(limit)})"
    try:
        db.stage(con, raw, relation, view=source.in_place)
    except db.Error as exc:
        raise FileRefused("unreadable_file", reader_error(exc)) from exc
    if con.execute(f"SELECT count(*) FROM {raw}").fetchone()[0] == 0:
        raise FileRefused("empty_file", "the file has no data rows")
    described = db.describe(con, raw)
    source_columns = [name for name, _ in described if name not in source.extra]
    texts = _texts(schema, spec, source_columns)
    where = " AND ".join(f"({f})" for f in spec.get("filters") or []) or "TRUE"
    native = native_columns(schema, spec, dict(described))
    select_text = _select_text(schema, texts, native)
    # a Parquet file is read by the reader itself (its raw view is only that), so an
    # in-place view over these parts names no staging table
    part = (
        f"SELECT {index} AS _file, _row, {db.literal(source.excel)} AS _excel, {select_text} "
        f"FROM (SELECT *, {source.row} AS _row FROM "
        f"{relation if source.in_place else raw}) WHERE {where}"
    )
    shape = (tuple(described), select_text, where, tuple(sorted(native)))
    return _Staged(part, shape if source.in_place and limit is None else None)


def _texts(schema, spec: dict, source_columns: list[str]) -> dict[str, str | None]:
    """Each standard column's text SQL; ``FileRefused`` (``missing_column``) when the
    mapping names a source column the file does not have."""
    referenced: set[str] = set()
    texts = {c.name: text_sql(c.name, spec, source_columns, referenced) for c in schema}
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
        raise FileRefused(
            "missing_column",
            f"the mapping names column(s) {missing} not in the file (columns: {source_columns})",
            columns=missing,
            found=list(source_columns),
        )
    return texts


def _select_text(schema, texts: dict, native: dict[str, str]) -> str:
    select = ", ".join(
        f"CAST(NULL AS VARCHAR) AS _t_{n}"
        if n in native
        else f"{t if t is not None else 'CAST(NULL AS VARCHAR)'} AS _t_{n}"
        for n, t in texts.items()
    )
    return (
        select
        + ", "
        + ", ".join(
            f"{native[c.name]} AS _n_{c.name}"
            if c.name in native
            else f"CAST(NULL AS {c.type}) AS _n_{c.name}"
            for c in schema
        )
    )


def _union(staged: list[_Staged], files: list[str]) -> tuple[list[str], set[str]]:
    """The parts to union, and the columns every file holds natively. Parquet files of
    one shape: one reader over all of them (its file index and row numbers number the
    rows) instead of a union of one per file."""
    shapes = {s.shape for s in staged}
    if len(staged) > 1 and len(shapes) == 1 and None not in shapes:
        ((_, select_text, where, native_names),) = shapes
        combined = (
            f"SELECT _file, _row, FALSE AS _excel, {select_text} FROM "
            f"(SELECT *, {db.PARQUET_FILE} AS _file, {db.PARQUET_ROW} AS _row FROM "
            f"{db.read_parquets(files)}) WHERE {where}"
        )
        return [combined], set(native_names)
    return [s.part for s in staged], set()


def _typed_select(schema, spec: dict, parts: list[str], native_all: set[str]) -> str:
    """The SELECT of every staged row with its text, native and typed columns (and the
    durations derived from two timestamps)."""
    timestamp_columns = tuple(c.name for c in schema if c.type == "TIMESTAMP")
    durations = spec.get("durations") or {}
    typed = {}
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
            typed[c.name] = f"_n_{c.name}"
        else:
            typed[c.name] = f"coalesce(_n_{c.name}, {typed_sql(c, f'_t_{c.name}', spec)})"
    if spec.get("queued_on_arrival"):  # no queue time of its own: queued when it arrived
        typed["queued_at"] = f"coalesce({typed['queued_at']}, {typed['arrived_at']})"
    derived = [
        f"{db.epoch(db.name(d['end']) + ' - ' + db.name(d['start']))} AS {db.name(name)}"
        for name, d in durations.items()
        if isinstance(d, dict)
    ]
    # Views, not copies: the rules, the duplicate check and the final insert each read
    # the staged rows once through them (a wide typed copy of every row cost more than
    # all three reads together).
    return (
        f"SELECT *{''.join(', ' + d for d in derived)} FROM ("
        f"SELECT _file, _row, {', '.join('_t_' + c.name for c in schema)}, "
        f"{', '.join('_n_' + c.name for c in schema)}, "
        f"{', '.join(f'{sql} AS {db.name(n)}' for n, sql in typed.items())} "
        f"FROM ({db.union_by_name(parts)}))"
    )


def _check(con, kind: rules.Kind, files: list[str]) -> tuple[list, int, int, list]:
    """(issues, rows read, rows bad, notices): the quick check first when the kind
    allows it (it counts the notices too); the full search for bad rows only when it
    finds something."""
    if kind.unique_key is None:
        return (*checks.find_bad_rows(con, kind, files), [])
    rows_read, clean, counts = checks.quick_check(con, kind)
    found = notices.found(con, kind, counts, files)
    if clean:
        return [], rows_read, 0, found
    return (*checks.find_bad_rows(con, kind, files), found)


def _store(con, kind: rules.Kind, typed: str, *, in_place: bool, bad: bool) -> None:
    """Insert the good rows into ``kind.table``, or make it a view over the files."""
    names = ", ".join(db.name(c.name) for c in kind.schema)
    if in_place:
        # the view reads the files themselves (no staging names), so the staging views
        # can go
        con.execute(f"DROP TABLE {kind.table}")
        db.create_temp(con, kind.table, f"SELECT {names} FROM ({typed})", view=True, replace=False)
        return
    good = "_ccaward_typed"
    if bad:
        good = f"(SELECT * FROM {db.anti_join('_ccaward_typed', '_ccaward_bad', '_file, _row')})"
    con.execute(f"INSERT INTO {kind.table} ({names}) SELECT {names} FROM {good}")


def _drop_staging(con) -> None:
    for name in ("_ccaward_typed", "_ccaward_typed0"):
        con.execute(f"DROP VIEW IF EXISTS {name}")
    for name in ("_ccaward_bad", "_ccaward_windows", "_ccaward_repeats"):
        con.execute(f"DROP TABLE IF EXISTS {name}")
    for name, relation in db.relations_named(con, "_ccaward_raw_"):
        con.execute(f"DROP {relation} IF EXISTS {name}")
    db.keep_insertion_order(con, False)
