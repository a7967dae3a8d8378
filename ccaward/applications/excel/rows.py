"""Reading one row of an import: its cells by answer key, its problems by
column, and its identity cells (application number, status, category)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import pgettext

from ccaward.applications.excel.common import EXAMPLE_MARKS, as_int, blank, norm
from ccaward.applications.excel.reading import Columns
from ccaward.applications.excel.report import ImportProblem
from ccaward.applications.models import Entry
from ccaward.engine import appform
from ccaward.seasons.enums import CategoryKind


@dataclass
class Row:
    """One row of the sheet (`n` is its Excel row number)."""

    n: int
    values: list[Any]
    columns: Columns
    label_of: Callable[[str], str]
    problems: list[ImportProblem] = field(default_factory=list)

    def cell(self, key: str):
        i = self.columns.index.get(key)
        return self.values[i] if i is not None and i < len(self.values) else None

    def is_blank(self) -> bool:
        return all(blank(self.cell(k)) for k in self.columns.index)

    def is_example(self) -> bool:
        """The template's example row, marked in its application-number cell."""
        mark = self.cell("_entry")
        return not blank(mark) and norm(mark) in EXAMPLE_MARKS

    def problem(self, key: str | None, message: str) -> None:
        self.problems.append(
            ImportProblem(
                message, self.n, self.columns.letters.get(key), self.label_of(key) if key else ""
            )
        )

    def answers(self, defn: appform.Definition) -> dict:
        """The row's answers, read from its cells as the form's answer strings."""
        return appform.answers_from_cells(
            defn, {k: self.cell(k) for k in self.columns.answer_keys()}
        )


def read_existing(row: Row, season) -> Entry | None:
    """The application the row's number names (a problem when there is none)."""
    if blank(row.cell("_entry")):
        return None
    pk = as_int(row.cell("_entry"))
    if pk is None:
        row.problem(
            "_entry",
            pgettext("import", "“%(value)s” is not an application number.")
            % {"value": row.cell("_entry")},
        )
        return None
    existing = (
        Entry.objects.select_related("center__organization", "category", "form")
        .filter(season=season, pk=pk)
        .first()
    )
    if existing is None:
        row.problem(
            "_entry",
            pgettext("import", "There is no application %(n)s in this season.") % {"n": pk},
        )
    return existing


def read_status(row: Row, statuses: dict[str, str]) -> str | None:
    if blank(row.cell("_status")):
        return None
    status = statuses.get(norm(row.cell("_status")))
    if status is None:
        row.problem(
            "_status",
            pgettext("import", "“%(value)s” is not a status.") % {"value": row.cell("_status")},
        )
    return status


def read_category(row: Row, categories: dict, existing: Entry | None):
    """The row's category (an existing application's cannot change)."""
    category = existing.category if existing else None
    if blank(row.cell("_category")):
        if existing is None:
            row.problem("_category", pgettext("import", "The category is missing."))
        return category
    named = categories.get(norm(row.cell("_category")))
    if named is None:
        row.problem(
            "_category",
            pgettext("import", "“%(value)s” is not a category of this season.")
            % {"value": row.cell("_category")},
        )
        return None
    if existing is not None and named != existing.category:
        row.problem(
            "_category",
            pgettext("import", "The category of an existing application cannot be changed."),
        )
        return existing.category
    if existing is None and named.kind == CategoryKind.SPECIAL:
        row.problem(
            "_category",
            pgettext(
                "validation",
                "%(category)s is decided by the organizers; it takes no applications.",
            )
            % {"category": named.name},
        )
        return None
    return named
