"""What a file is, by its content (never by its name).

PDF, PNG and JPEG have signatures; DOCX, XLSX and XLSM are ZIP packages whose
``[Content_Types].xml`` names the main part; Parquet files start with ``PAR1``;
legacy ``.xls`` workbooks are OLE compound documents. Anything else is unknown
(None), so an executable renamed ``report.pdf`` is not stored. Each caller accepts
its own kinds: application attachments ``KINDS``, KPI uploads ``TABLE_KINDS``.
"""

from __future__ import annotations

import zipfile
from typing import BinaryIO

KINDS = ("pdf", "png", "jpeg", "docx", "xlsx")
EXTENSIONS = {"pdf": ".pdf", "png": ".png", "jpeg": ".jpg", "docx": ".docx", "xlsx": ".xlsx"}
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "png": "image/png",
    "jpeg": "image/jpeg",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
TABLE_KINDS = ("xlsx", "xlsm", "xls", "parquet")  # besides CSV, which is text
_DOCX_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_XLSX_MAIN = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
_XLSM_MAIN = "application/vnd.ms-excel.sheet.macroEnabled.main+xml"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def sniff(fh: BinaryIO) -> str | None:
    """The kind of the file (one of KINDS or TABLE_KINDS) or None; the position is
    restored."""
    pos = fh.tell()
    try:
        fh.seek(0)
        head = fh.read(8)
        if head.startswith(b"%PDF-"):
            return "pdf"
        if head == b"\x89PNG\r\n\x1a\n":
            return "png"
        if head[:3] == b"\xff\xd8\xff":
            return "jpeg"
        if head.startswith(b"PAR1"):
            return "parquet"
        if head == _OLE:  # legacy Office; xlrd refuses one that is not a workbook
            return "xls"
        if head[:4] == b"PK\x03\x04":
            fh.seek(0)
            try:
                with zipfile.ZipFile(fh) as z:
                    types = z.read("[Content_Types].xml").decode("utf-8", "replace")
            except (zipfile.BadZipFile, KeyError, OSError):
                return None
            if _DOCX_MAIN in types:
                return "docx"
            if _XLSX_MAIN in types or "spreadsheetml.sheet.main" in types:
                return "xlsx"
            if _XLSM_MAIN in types:
                return "xlsm"
        return None
    finally:
        fh.seek(pos)
