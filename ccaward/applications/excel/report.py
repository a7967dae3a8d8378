"""What an import found: its problems by row and column, and what it wrote."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import pgettext

from ccaward.applications.models import Entry


@dataclass
class ImportProblem:
    """One problem of an import: where (Excel row and column letter) and what."""

    message: str
    row: int | None = None
    column: str | None = None
    label: str = ""

    def __str__(self) -> str:
        params = {
            "row": self.row,
            "column": self.column,
            "label": self.label,
            "message": self.message,
        }
        if self.row and self.column and self.label:
            text = pgettext("import", "Row %(row)s, column %(column)s (%(label)s): %(message)s")
        elif self.row and self.column:
            text = pgettext("import", "Row %(row)s, column %(column)s: %(message)s")
        elif self.row and self.label:
            text = pgettext("import", "Row %(row)s (%(label)s): %(message)s")
        elif self.row:
            text = pgettext("import", "Row %(row)s: %(message)s")
        else:
            return self.message
        return text % params


@dataclass
class ImportReport:
    problems: list[ImportProblem] = field(default_factory=list)
    created: list[Entry] = field(default_factory=list)
    updated: list[Entry] = field(default_factory=list)
    restarted: list[Entry] = field(default_factory=list)  # withdrawn, started again (and updated)
    unchanged: int = 0
    examples: int = 0
    skipped_columns: list[tuple[str, str]] = field(default_factory=list)  # (letter, label)

    @property
    def ok(self) -> bool:
        return not self.problems

    def skipped_text(self) -> str:
        return ", ".join(
            f"{letter} ({label})" if label else letter for letter, label in self.skipped_columns
        )
