"""Answers as spreadsheet columns and back: one column per answer key."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from ccaward.engine.appform.answers import Validation, as_list, blank
from ccaward.engine.appform.definition import Definition, Field, Text


@dataclass(frozen=True)
class ExportColumn:
    """One spreadsheet column: an answer key and how to label and type it."""

    key: str
    field: Field
    label: Text
    kind: str  # text | integer | decimal | percent | year | date | choice | multi | file | consent


def export_columns(defn: Definition) -> list[ExportColumn]:
    out = []
    for f in defn.fields.values():
        if f.type == "info":
            continue
        if f.type == "table":
            for row in f.rows:
                if row.other:
                    out.append(
                        ExportColumn(
                            f"{f.key}.{row.key}.name",
                            f,
                            Text(
                                f"{f.label.zh} · {row.label.zh}",
                                f"{f.label.en} · {row.label.en}",
                            ),
                            "text",
                        )
                    )
                for col in f.columns:
                    kind = row.type or col.type
                    out.append(
                        ExportColumn(
                            f"{f.key}.{row.key}.{col.key}",
                            f,
                            Text(
                                f"{f.label.zh} · {row.label.zh} · {col.label.zh}",
                                f"{f.label.en} · {row.label.en} · {col.label.en}",
                            ),
                            kind,
                        )
                    )
            continue
        kind = {
            "yesno": "choice",
            "textarea": "text",
            "email": "text",
            "url": "text",
            "phone": "text",
        }.get(f.type, f.type)
        out.append(ExportColumn(f.key, f, f.label, kind))
        if f.other:
            out.append(
                ExportColumn(
                    f"{f.key}.other",
                    f,
                    Text(f"{f.label.zh} · 其他(请说明)", f"{f.label.en} · other (please specify)"),
                    "text",
                )
            )
        if f.detail:
            out.append(
                ExportColumn(
                    f"{f.key}.detail",
                    f,
                    Text(f"{f.label.zh} · {f.detail.zh}", f"{f.label.en} · {f.detail.en}"),
                    "text",
                )
            )
    return out


LIST_SEPARATOR = "; "


def cell_value(
    col: ExportColumn, validation: Validation, answers: Mapping[str, Any], language: str
):
    """The spreadsheet value of one column: numbers as numbers, choices as labels.

    A value that does not parse is written as typed, so nothing is lost.
    """
    if col.key in validation.values:
        v = validation.values[col.key]
        if v is None:
            return None
        if col.kind in ("choice", "multi"):
            labels = {o.value: o.label(language) for o in col.field.choices()}
            picked = v if isinstance(v, list) else [v]
            return LIST_SEPARATOR.join(labels.get(x, x) for x in picked) or None
        if col.kind == "consent":
            return bool(v)
        if col.kind == "file":
            return None  # files are named by the caller
        if isinstance(v, Decimal):
            return int(v) if v == v.to_integral_value() else float(v)
        return v
    raw = answers.get(col.key)
    if blank(raw):
        return None
    return LIST_SEPARATOR.join(as_list(raw)) if isinstance(raw, list) else str(raw)


def answers_from_cells(defn: Definition, cells: Mapping[str, Any]) -> dict[str, Any]:
    """Raw answers from spreadsheet values keyed by answer key (labels or values
    of choices both accepted). Unknown choice labels are kept as typed, so the
    validation names them."""
    columns = {c.key: c for c in export_columns(defn)}
    out: dict[str, Any] = {}
    for key, value in cells.items():
        col = columns.get(key)
        if col is None or value is None or (isinstance(value, str) and not value.strip()):
            continue
        if col.kind in ("choice", "multi"):
            by_label = {}
            for o in col.field.choices():
                for text in (o.value, o.label.zh, o.label.en):
                    by_label[text.strip().casefold()] = o.value
            parts = [p.strip() for p in re.split(r"[;；\n]", str(value)) if p.strip()]
            picked = [by_label.get(p.casefold(), p) for p in parts]
            out[key] = (
                picked if col.kind == "multi" else (picked[0] if len(picked) == 1 else picked)
            )
        elif col.kind == "consent":
            out[key] = (
                "yes"
                if str(value).strip().lower() in ("1", "true", "yes", "是", "y", "x", "✓")
                else ""
            )
        elif isinstance(value, bool):
            out[key] = "yes" if value else ""
        elif isinstance(value, dt.datetime):
            out[key] = value.date().isoformat()
        elif isinstance(value, dt.date):
            out[key] = value.isoformat()
        elif isinstance(value, float) and value.is_integer():
            out[key] = str(int(value))
        else:
            out[key] = str(value).strip()
    return out
