"""Applications as an Excel workbook, and back.

The export's sheet has the column labels in row 1 (in the reader's language),
the answer keys in row 2 (so a re-import can map the columns whatever the
labels say) and one application per row from row 3 (`export`). The import
reads the same format, all or nothing (`importing`: `reading` the workbook,
a `rows` reader, `matching` enterprises and centers, `planning`, `writing`).
"""

from ccaward.applications.excel.common import CONTENT_TYPE
from ccaward.applications.excel.export import (
    export_workbook,
    record_export,
    template_workbook,
    workbook_bytes,
)
from ccaward.applications.excel.importing import import_workbook
from ccaward.applications.excel.report import ImportProblem, ImportReport

__all__ = [
    "CONTENT_TYPE",
    "ImportProblem",
    "ImportReport",
    "export_workbook",
    "import_workbook",
    "record_export",
    "template_workbook",
    "workbook_bytes",
]
