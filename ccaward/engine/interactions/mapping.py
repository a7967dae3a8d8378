"""Column mappings: reading and checking one, and the SQL that turns a source file's
columns into the standard ones (as text, then typed)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

import yaml

from ccaward.engine import mappings
from ccaward.engine.interactions.schema import DURATION_COLUMNS, SCHEMA, Column
from ccaward.engine.sql import dialect as db

MAPPING_KEYS = ("identity", "renames", "constants", "formats", "durations", "values", "nulls")
MAPPING_KEYS += ("filters", "description", "sheet", "resolved_outcomes", "header")
MAPPING_KEYS += ("queued_on_arrival",)
_COLUMN_SECTIONS = ("renames", "constants", "formats", "durations", "values", "nulls")


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
    data = _mapping_data(mapping, schema)
    unknown = sorted(set(data) - set(MAPPING_KEYS))
    if unknown:
        raise ValueError(f"mapping: unknown key(s) {unknown}; allowed: {list(MAPPING_KEYS)}")
    mappings.descriptions(data.get("description"), "")
    _check_columns(data, schema)
    filters = data.get("filters") or []
    if not isinstance(filters, list) or not all(isinstance(f, str) for f in filters):
        raise ValueError("mapping: filters must be a list of SQL predicates (strings)")
    _check_sheet(data.get("sheet"))
    for key in ("header", "queued_on_arrival"):
        if key in data and not isinstance(data[key], bool):
            raise ValueError(f"mapping: {key} must be true or false")
    if data.get("queued_on_arrival") and schema is not SCHEMA:
        raise ValueError("mapping: queued_on_arrival applies to interaction records only")
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


def _mapping_data(mapping, schema) -> dict:
    if mapping is None:
        if schema is not SCHEMA:
            return {"identity": True}
        mapping = mappings.MAPPINGS_DIR / f"{mappings.DEFAULT}{mappings.SUFFIX}"
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
    return data


def _check_columns(data: dict, schema: tuple[Column, ...]) -> None:
    columns = {c.name: c for c in schema}
    for key in _COLUMN_SECTIONS:
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


def _check_sheet(sheet) -> None:
    if sheet is not None and (
        isinstance(sheet, bool)
        or not isinstance(sheet, str | int)
        or (isinstance(sheet, int) and sheet < 1)
        or (isinstance(sheet, str) and not sheet.strip())
    ):
        raise ValueError(
            "mapping: sheet must be a sheet name or a sheet number (1 = the first sheet)"
        )


def _source_expr(spec, referenced: set[str], where: str) -> str:
    """SQL for one rename spec: a source column, a list joined by spaces, or {sql: ...}."""
    if isinstance(spec, str):
        referenced.add(spec)
        return db.name(spec)
    if isinstance(spec, list) and spec and all(isinstance(s, str) for s in spec):
        referenced.update(spec)
        return "concat_ws(' ', " + ", ".join(f"CAST({db.name(s)} AS VARCHAR)" for s in spec) + ")"
    if isinstance(spec, dict) and set(spec) == {"sql"} and isinstance(spec["sql"], str):
        return f"({spec['sql']})"
    raise ValueError(
        f"mapping: {where} must be a source column name, a list of column names, or {{sql: ...}}"
    )


def text_sql(name: str, mapping: dict, source_columns: list[str], referenced: set[str]):
    """SQL of a standard column as trimmed text (None: derived from two timestamps);
    adds the source columns it reads to ``referenced``."""
    renames = mapping.get("renames") or {}
    constants = mapping.get("constants") or {}
    durations = mapping.get("durations") or {}
    if name in constants:
        text = f"CAST({db.literal(constants[name])} AS VARCHAR)"
    elif name in renames:
        text = f"CAST({_source_expr(renames[name], referenced, f'renames.{name}')} AS VARCHAR)"
    elif name in durations and isinstance(durations[name], dict):
        return None  # derived from standard timestamps
    elif name in durations:
        text = f"CAST({_source_expr(durations[name], referenced, f'durations.{name}')} AS VARCHAR)"
    elif mapping.get("identity") and name in source_columns:
        referenced.add(name)
        text = f"CAST({db.name(name)} AS VARCHAR)"
    else:
        text = "CAST(NULL AS VARCHAR)"
    text = f"nullif(trim({text}), '')"
    nulls = (mapping.get("nulls") or {}).get(name) or []
    if nulls:
        listed = ", ".join(db.literal(str(v)) for v in nulls)
        text = f"CASE WHEN {text} IN ({listed}) THEN NULL ELSE {text} END"
    values = (mapping.get("values") or {}).get(name) or {}
    if values:
        whens = " ".join(
            f"WHEN {db.literal(str(k))} THEN {db.literal(v)}" for k, v in values.items()
        )
        text = f"CASE {text} {whens} ELSE {text} END"
    return text


def typed_sql(column: Column, col: str, mapping: dict) -> str:
    """SQL turning the text column ``col`` of a staged row into the standard type.

    A timestamp with a ``formats`` entry is parsed with it; a value from an Excel date
    cell (written as ISO 8601 when staged, ``_excel`` true) is also accepted as ISO.
    """
    kind = column.type
    if kind == "TIMESTAMP":
        fmt = (mapping.get("formats") or {}).get(column.name)
        if fmt:
            return (
                f"coalesce({db.parse_time(col, fmt)}, "
                f"CASE WHEN _excel THEN {db.try_cast(col, 'TIMESTAMP')} END)"
            )
        return db.try_cast(col, "TIMESTAMP")
    if kind == "DOUBLE":
        return f"coalesce({db.try_cast(col, 'DOUBLE')}, {db.epoch(db.try_cast(col, 'INTERVAL'))})"
    if kind == "INTEGER":
        return db.try_cast(db.try_cast(col, "DOUBLE"), "INTEGER")
    if kind == "BOOLEAN":
        return (
            f"CASE WHEN lower({col}) IN ('1', 'true', 't', 'yes', 'y') THEN TRUE "
            f"WHEN lower({col}) IN ('0', 'false', 'f', 'no', 'n') THEN FALSE END"
        )
    return col


def native_columns(schema, spec: dict, source_types: dict[str, str]) -> dict[str, str]:
    """Standard columns a typed source (Parquet) already holds in a usable type, with
    nothing in the mapping to apply to them: read as they are (``{name: SQL}``), not
    through text. Casting millions of timestamps to text and back is most of a load."""
    renames = spec.get("renames") or {}
    touched = set(spec.get("constants") or {}) | set(spec.get("durations") or {})
    for key in ("nulls", "values", "formats"):
        touched |= set(spec.get(key) or {})
    if spec.get("queued_on_arrival"):
        touched.add("queued_at")
    out = {}
    for c in schema:
        if c.name in touched or c.type not in db.NATIVE_TYPES:
            continue
        if isinstance(renames.get(c.name), str):
            source = renames[c.name]
        elif c.name not in renames and spec.get("identity"):
            source = c.name
        else:
            continue
        kind = db.type_family(source_types.get(source))
        if c.type == "VARCHAR" and kind == "VARCHAR":
            out[c.name] = f"nullif({db.name(source)}, '')"  # an empty text is no value
        elif kind in db.NATIVE_TYPES[c.type]:
            out[c.name] = f"CAST({db.name(source)} AS {c.type})"
    return out
