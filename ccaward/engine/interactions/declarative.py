"""Mappings made in a page: declarative only (columns, formats, value maps, nulls,
durations), stored as data and checked before any of it reaches the loader.

A file an organizer installs (``engine/mappings``) may hold SQL (``{sql: ...}`` in
``renames`` and ``filters``); a mapping typed into a page never does: ``check``
refuses every key and value that is not plain data, and the loader quotes each column
name and value it takes from one (``sql.dialect.name`` and ``literal``)."""

from __future__ import annotations

from collections.abc import Mapping

from ccaward.engine.interactions.mapping import read_mapping
from ccaward.engine.interactions.schema import COLUMNS, DURATION_COLUMNS, TIMESTAMP_COLUMNS

KEYS = (
    "description",
    "header",
    "queued_on_arrival",
    "renames",
    "constants",
    "formats",
    "durations",
    "values",
    "nulls",
    "resolved_outcomes",
    "sheet",
)
MAX_TEXT = 200  # characters of any one name, format or value
MAX_ITEMS = 200  # entries of any one value map or list


class MappingInvalid(ValueError):
    """A declarative mapping refused: ``where`` names the key (``renames.arrived_at``)."""

    def __init__(self, where: str, message: str):
        super().__init__(
            f"mapping: {message}" if where == "mapping" else f"mapping: {where}: {message}"
        )
        self.where = where
        self.reason = message


def _text(value, where: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise MappingInvalid(where, "must be a non-empty text")
    if len(value) > MAX_TEXT or any(ord(ch) < 32 for ch in value):
        raise MappingInvalid(where, f"must be one line of at most {MAX_TEXT} characters")
    return value.strip()


def _scalar(value, where: str) -> str:
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise MappingInvalid(where, "must be a text or a number")
    return _text(str(value), where)


def _columns_section(data: Mapping, key: str) -> dict:
    section = data.get(key) or {}
    if not isinstance(section, Mapping):
        raise MappingInvalid(key, "must map standard fields to values")
    unknown = sorted(set(section) - set(COLUMNS))
    if unknown:
        raise MappingInvalid(key, f"unknown standard field(s) {unknown}")
    if len(section) > len(COLUMNS):
        raise MappingInvalid(key, "too many entries")
    return dict(section)


def _rename(value, where: str):
    if isinstance(value, list):
        if not value or len(value) > 5:
            raise MappingInvalid(where, "a list joins one to five source columns")
        return [_text(v, f"{where}[{i}]") for i, v in enumerate(value)]
    return _text(value, where)


def _duration(value, where: str):
    if isinstance(value, Mapping):
        if set(value) != {"start", "end"}:
            raise MappingInvalid(where, "a duration from times names its start and end")
        for side in ("start", "end"):
            if value[side] not in TIMESTAMP_COLUMNS:
                raise MappingInvalid(f"{where}.{side}", "must be a standard time field")
        return {"start": value["start"], "end": value["end"]}
    return _text(value, where)


def _value_map(value, where: str) -> dict:
    if not isinstance(value, Mapping) or len(value) > MAX_ITEMS:
        raise MappingInvalid(where, f"must map at most {MAX_ITEMS} source values to values")
    return {_scalar(k, f"{where} key"): _scalar(v, f"{where}.{k}") for k, v in value.items()}


def _list(value, where: str) -> list[str]:
    if not isinstance(value, list) or len(value) > MAX_ITEMS:
        raise MappingInvalid(where, f"must be a list of at most {MAX_ITEMS} values")
    return [_scalar(v, f"{where}[{i}]") for i, v in enumerate(value)]


def check(data: Mapping) -> dict:
    """The mapping as plain data the loader can take, or ``MappingInvalid``.

    Refused: any key but ``KEYS`` (``filters`` and ``identity`` among them), SQL in any
    form (a ``{sql: ...}`` value is not a column name), texts over ``MAX_TEXT``
    characters or spanning lines, and anything the loader's own check refuses.
    """
    if not isinstance(data, Mapping):
        raise MappingInvalid("mapping", "must be a mapping of keys to values")
    unknown = sorted(set(data) - set(KEYS))
    if unknown:
        raise MappingInvalid("mapping", f"key(s) not allowed here {unknown}")
    out: dict = {}
    if data.get("description") is not None:
        out["description"] = _text(data["description"], "description")
    for key in ("header", "queued_on_arrival"):
        if key in data:
            if not isinstance(data[key], bool):
                raise MappingInvalid(key, "must be true or false")
            out[key] = data[key]
    renames = _columns_section(data, "renames")
    out["renames"] = {k: _rename(v, f"renames.{k}") for k, v in renames.items()}
    constants = _columns_section(data, "constants")
    out["constants"] = {k: _scalar(v, f"constants.{k}") for k, v in constants.items()}
    formats = _columns_section(data, "formats")
    out["formats"] = {k: _text(v, f"formats.{k}") for k, v in formats.items()}
    durations = _columns_section(data, "durations")
    for name in durations:
        if name not in DURATION_COLUMNS:
            raise MappingInvalid(f"durations.{name}", "not a duration field")
    out["durations"] = {k: _duration(v, f"durations.{k}") for k, v in durations.items()}
    values = _columns_section(data, "values")
    out["values"] = {k: _value_map(v, f"values.{k}") for k, v in values.items()}
    nulls = _columns_section(data, "nulls")
    out["nulls"] = {k: _list(v, f"nulls.{k}") for k, v in nulls.items()}
    if data.get("resolved_outcomes") is not None:
        out["resolved_outcomes"] = _list(data["resolved_outcomes"], "resolved_outcomes")
    if data.get("sheet") is not None:
        out["sheet"] = data["sheet"]
    both = set(out["renames"]) & set(out["constants"])
    if both:
        raise MappingInvalid(f"constants.{sorted(both)[0]}", "is read from a column too")
    try:
        return read_mapping({k: v for k, v in out.items() if v not in ({}, None)})
    except ValueError as exc:
        raise MappingInvalid("mapping", str(exc).removeprefix("mapping: ")) from exc
