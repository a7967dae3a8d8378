"""The template and the sample file of the standard schema, in English (the standard
column names, mapping ``standard``) and in Chinese (Chinese column names and values,
mapping ``standard_zh``): CSV text made from the schema, so they never drift from it."""

from __future__ import annotations

import csv
import io

from ccaward.engine import mappings
from ccaward.engine.interactions.mapping import read_mapping
from ccaward.engine.interactions.schema import SCHEMA

LANGUAGES = ("en", "zh")
# one contact of each kind: answered, abandoned in the queue, left in the IVR, a short
# abandon, answered and transferred with a survey, an outbound call
_ROWS = (
    (
        "c0001",
        "bj01",
        "voice",
        "inbound",
        "credit_card",
        "k1001",
        "2026-03-02 09:00:00",
        "2026-03-02 09:00:20",
        "2026-03-02 09:00:35",
        "2026-03-02 09:04:35",
        "",
        "240",
        "0",
        "30",
        "a017",
        "false",
        "resolved",
        "5",
        "9",
    ),
    (
        "c0002",
        "bj01",
        "voice",
        "inbound",
        "credit_card",
        "k1002",
        "2026-03-02 09:01:10",
        "2026-03-02 09:01:30",
        "",
        "2026-03-02 09:03:00",
        "queue",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
    ),
    (
        "c0003",
        "bj01",
        "voice",
        "inbound",
        "",
        "",
        "2026-03-02 09:02:00",
        "",
        "",
        "2026-03-02 09:02:40",
        "ivr",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
    ),
    (
        "c0004",
        "bj01",
        "voice",
        "inbound",
        "loans",
        "k1003",
        "2026-03-02 09:03:00",
        "2026-03-02 09:03:15",
        "",
        "2026-03-02 09:03:18",
        "queue",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
    ),
    (
        "c0005",
        "bj01",
        "webchat",
        "inbound",
        "loans",
        "k1001",
        "2026-03-02 10:15:00",
        "2026-03-02 10:15:05",
        "2026-03-02 10:15:50",
        "2026-03-02 10:30:00",
        "",
        "780",
        "60",
        "45",
        "a021",
        "true",
        "transferred",
        "4",
        "8",
    ),
    (
        "c0006",
        "bj01",
        "voice",
        "outbound",
        "callback",
        "k1002",
        "2026-03-02 11:00:00",
        "",
        "2026-03-02 11:00:08",
        "2026-03-02 11:02:08",
        "",
        "120",
        "",
        "20",
        "a017",
        "false",
        "resolved",
        "",
        "",
    ),
)


def _zh_spec() -> dict:
    return read_mapping(mappings.path_of("standard_zh"))


def header(language: str) -> list[str]:
    """The column names of the template: the standard names, or their Chinese names."""
    if language not in LANGUAGES:
        raise ValueError(f"language must be one of {LANGUAGES}, got {language!r}")
    if language == "en":
        return [c.name for c in SCHEMA]
    spec = _zh_spec()
    names = {**spec["renames"], **spec["durations"]}
    return [names[c.name] for c in SCHEMA]


def _zh_value(spec: dict, column: str, value: str) -> str:
    back = {v: k for k, v in (spec["values"].get(column) or {}).items()}
    return back.get(value, value)


def _csv(rows) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerows(rows)
    return out.getvalue()


def template(language: str) -> str:
    """The header line alone."""
    return _csv([header(language)])


def sample(language: str) -> str:
    """The header and six contacts of the kinds the indicators tell apart."""
    rows = [list(r) for r in _ROWS]
    if language == "zh":
        spec = _zh_spec()
        names = [c.name for c in SCHEMA]
        rows = [[_zh_value(spec, n, v) for n, v in zip(names, r, strict=True)] for r in rows]
    return _csv([header(language), *rows])


def example(column: str) -> str:
    """A value of the standard column from the sample (its first non-empty one)."""
    index = [c.name for c in SCHEMA].index(column)
    return next((r[index] for r in _ROWS if r[index]), "")
