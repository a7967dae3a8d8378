"""What a file is, by its content (never by its name).

PDF, PNG and JPEG have signatures; DOCX and XLSX are ZIP packages whose
``[Content_Types].xml`` names the main part. Anything else is refused, so an
executable renamed ``report.pdf`` is not stored.
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
_DOCX_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_XLSX_MAIN = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"


def sniff(fh: BinaryIO) -> str | None:
    """The kind of the file (one of KINDS) or None; the position is restored."""
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
        return None
    finally:
        fh.seek(pos)
