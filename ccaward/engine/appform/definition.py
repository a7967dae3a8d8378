"""A form definition as data: sections of fields, tables of rows and columns, sum checks."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from ccaward.engine.appform.fieldtypes import OTHER


@dataclass(frozen=True)
class Text:
    """A label in Chinese and English."""

    zh: str
    en: str

    def __call__(self, language: str | None) -> str:
        return self.en if (language or "").startswith("en") and self.en else self.zh


@dataclass(frozen=True)
class Option:
    value: str
    label: Text


@dataclass(frozen=True)
class Column:
    key: str
    label: Text
    type: str = "decimal"
    min: Decimal | None = None
    max: Decimal | None = None
    unit: Text | None = None


@dataclass(frozen=True)
class Row:
    key: str
    label: Text
    other: bool = False
    type: str | None = None
    min: Decimal | None = None
    max: Decimal | None = None
    unit: Text | None = None
    maps_to: Mapping[str, str] = field(default_factory=dict)
    required: tuple[str, ...] = ()  # column keys that must be answered in this row


@dataclass(frozen=True)
class Cell:
    """One cell of a table: the row's overrides applied to its column."""

    key: str
    row: Row
    column: Column
    type: str
    min: Decimal | None
    max: Decimal | None
    unit: Text | None


@dataclass(frozen=True)
class Field:
    key: str
    type: str
    label: Text
    section: str
    source: str = ""
    help: Text | None = None
    required: bool = False
    min: Decimal | None = None
    max: Decimal | None = None
    max_length: int | None = None
    unit: Text | None = None
    options: tuple[Option, ...] = ()
    other: bool = False
    min_picks: int | None = None
    max_picks: int | None = None
    detail: Text | None = None
    detail_when: tuple[str, ...] = ()
    visible_if: tuple[str, tuple[str, ...]] | None = None
    accept: tuple[str, ...] = ()
    multiple: bool = False
    rows: tuple[Row, ...] = ()
    columns: tuple[Column, ...] = ()
    maps_to: str | None = None
    format: str | None = None  # a checked identifier: credit_code
    prefill: str | None = None  # a typed key whose known value starts the answer

    @property
    def answerable(self) -> bool:
        return self.type != "info"

    def choices(self) -> tuple[Option, ...]:
        if self.type == "yesno":
            return self.options
        if self.other:
            return (*self.options, Option(OTHER, Text("其他(请说明)", "Other (please specify)")))
        return self.options

    def cells(self) -> list[Cell]:
        out = []
        for row in self.rows:
            for col in self.columns:
                out.append(
                    Cell(
                        key=f"{self.key}.{row.key}.{col.key}",
                        row=row,
                        column=col,
                        type=row.type or col.type,
                        min=row.min if row.min is not None else col.min,
                        max=row.max if row.max is not None else col.max,
                        unit=row.unit or col.unit,
                    )
                )
        return out

    def answer_keys(self) -> list[str]:
        """Every answer key this field owns, in display order."""
        if self.type == "info":
            return []
        if self.type == "table":
            keys = []
            for row in self.rows:
                if row.other:
                    keys.append(f"{self.key}.{row.key}.name")
                keys.extend(f"{self.key}.{row.key}.{c.key}" for c in self.columns)
            return keys
        keys = [self.key]
        if self.other:
            keys.append(f"{self.key}.other")
        if self.detail:
            keys.append(f"{self.key}.detail")
        return keys


@dataclass(frozen=True)
class Section:
    key: str
    part: int
    title: Text
    intro: Text | None
    fields: tuple[Field, ...]


@dataclass(frozen=True)
class Check:
    key: str
    label: Text
    refs: tuple[str, ...]
    equals: Decimal
    when_any_filled: bool
    section: str


@dataclass(frozen=True)
class Definition:
    key: str
    title: Text
    sections: tuple[Section, ...]
    checks: tuple[Check, ...]

    @property
    def fields(self) -> dict[str, Field]:
        return {f.key: f for s in self.sections for f in s.fields}

    def field(self, key: str) -> Field:
        return self.fields[key]

    def section(self, key: str) -> Section:
        for s in self.sections:
            if s.key == key:
                return s
        raise KeyError(key)

    def owner(self, answer_key: str) -> Field | None:
        """The field an answer key belongs to."""
        return self.fields.get(answer_key.split(".", 1)[0])

    def answer_keys(self) -> list[str]:
        return [k for f in self.fields.values() for k in f.answer_keys()]

    def expand(self, ref: str) -> list[str]:
        """Answer keys a check reference names (``table.*.column`` is every row)."""
        parts = ref.split(".")
        if len(parts) == 3 and parts[1] == "*":
            table = self.fields.get(parts[0])
            if table is None:
                return []
            return [f"{parts[0]}.{r.key}.{parts[2]}" for r in table.rows]
        return [ref]


def section_keys(defn: Definition) -> Iterable[str]:
    return (s.key for s in defn.sections)
