"""Importing a workbook in the export's format: all or nothing. Every row is
read and checked first (reading, the row reader, matching, planning), and
nothing is written unless no row has a problem (writing)."""

from __future__ import annotations

from pathlib import PurePath

from django.db import transaction
from django.utils.translation import get_language, pgettext

from ccaward.applications import domain, files
from ccaward.applications.excel.common import language_of
from ccaward.applications.excel.planning import Planner
from ccaward.applications.excel.reading import (
    NotAWorkbook,
    TooManyRows,
    read_columns,
    read_rows,
)
from ccaward.applications.excel.report import ImportProblem, ImportReport
from ccaward.applications.excel.writing import write
from ccaward.core import audit
from ccaward.engine import appform, packages
from ccaward.seasons import gates
from ccaward.seasons.enums import StageKind


class _Rollback(Exception):
    pass


def _read(file, report: ImportReport):
    try:
        return read_rows(file)
    except TooManyRows as exc:
        report.problems.append(
            ImportProblem(
                pgettext("import", "At most %(n)s applications can be imported at once.")
                % {"n": exc.limit}
            )
        )
    except packages.PackageRefused as exc:
        name = PurePath(getattr(file, "name", "") or "").name
        report.problems.append(ImportProblem(files.refusal(exc, name)))
    except NotAWorkbook:
        report.problems.append(
            ImportProblem(
                pgettext(
                    "import",
                    "This file is not an Excel workbook (.xlsx). Save it in Excel as "
                    "“Excel Workbook (*.xlsx)” and upload it again.",
                )
            )
        )
    return None


def _write_all(plans, *, season, form, by, report: ImportReport, note: str) -> None:
    """Write every plan, or nothing when a row fails now. Side effects: the rows'
    enterprises, centers and entries; an audit event."""
    try:
        with transaction.atomic():
            write(plans, season=season, form=form, by=by, report=report)
            if report.problems:
                raise _Rollback
            count = len(report.created) + len(report.updated)
            audit.record(
                actor=by,
                action="entries.imported",
                season=season,
                summary=str(count),
                data={
                    "count": count,
                    "created": [e.pk for e in report.created],
                    "updated": [e.pk for e in report.updated],
                    "restarted": [e.pk for e in report.restarted],
                    "unchanged": report.unchanged,
                    **({"note": note} if note else {}),
                },
            )
    except _Rollback:
        report.created, report.updated, report.restarted = [], [], []


def import_workbook(season, file, by) -> ImportReport:
    """Create or update the applications a workbook in the export's format holds.

    New rows start their application as `domain.start_application` does (a
    withdrawn application of the same center and category is restarted with the
    row's answers). All or nothing: when any row has a problem nothing is
    written and the report lists every problem. Registration must be open,
    unless `by` is an organizer correcting data (noted in the audit event).

    Side effects on success: enterprises, centers and entries (drafts, or
    submitted with their typed data), an audit event.
    """
    note = gates.require_open(season, StageKind.REGISTRATION, by=by)
    language = language_of(get_language())
    report = ImportReport()
    rows = _read(file, report)
    if rows is None:
        return report
    form = domain.current_form(season)
    defn = form.parsed
    export_cols = {c.key: c for c in appform.export_columns(defn)}
    columns = read_columns(rows, export_cols, language, report)
    if columns is None:
        return report
    planner = Planner(season=season, defn=defn, columns=columns, language=language, report=report)
    plans = planner.plan_rows(rows)
    if not plans and not report.problems and not report.unchanged:
        report.problems.append(
            ImportProblem(pgettext("import", "The file has no applications to import."))
        )
    if report.problems:
        return report
    _write_all(plans, season=season, form=form, by=by, report=report, note=note)
    return report
