"""What a file is, by its content (never by its name).

PDF, PNG and JPEG have signatures; DOCX, XLSX and XLSM are ZIP packages whose
``[Content_Types].xml`` names the main part; Parquet files start with ``PAR1``;
legacy ``.xls`` workbooks are OLE compound documents. Anything else is unknown
(None), so an executable renamed ``report.pdf`` is not stored. Each caller accepts
its own kinds: application attachments ``KINDS``, KPI uploads ``TABLE_KINDS``.
"""

from __future__ import annotations

import zipfile
from pathlib import PurePath
from typing import BinaryIO

from django.core.exceptions import ValidationError
from django.utils.translation import pgettext

from ccaward.engine import packages

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
_TYPES_CAP = 1024 * 1024  # [Content_Types].xml is a few KB in every real package


def refusal(exc: packages.PackageRefused, name: str, where: str = "") -> str:
    """Why a package is refused, naming the file (and the question or upload field
    ``where``), in the reader's language."""
    mb = packages.MiB
    if exc.reason == "ratio":
        why = pgettext(
            "validation", "its part %(member)s is compressed %(size)s:1 (at most %(limit)s:1)"
        ) % {"member": exc.member, "size": exc.size, "limit": exc.limit}
    elif exc.reason == "members":
        why = pgettext("validation", "it holds %(size)s parts (at most %(limit)s)") % {
            "size": exc.size,
            "limit": exc.limit,
        }
    elif exc.reason == "total_size":
        why = pgettext("validation", "it expands to %(size)s MB (at most %(limit)s MB)") % {
            "size": exc.size // mb,
            "limit": exc.limit // mb,
        }
    else:
        why = pgettext("validation", "its part %(member)s expands beyond %(limit)s MB") % {
            "member": exc.member,
            "limit": max(exc.limit // mb, 1),
        }
    if name:
        text = pgettext("validation", "“%(name)s” is refused: %(why)s.") % {
            "name": name,
            "why": why,
        }
    else:
        text = pgettext("validation", "The file is refused: %(why)s.") % {"why": why}
    return f"{where}: {text}" if where else text


def _package_types(fh: BinaryIO, name: str, where: str, limits: packages.Limits) -> str | None:
    """The package's ``[Content_Types].xml`` (read as a capped stream after checking
    the whole directory), or None when it is no readable ZIP package. Raises
    ValidationError (code ``package``) for a package that would inflate too far."""
    try:
        with packages.open_checked(fh, limits) as z:
            raw = packages.read_member(z, "[Content_Types].xml", _TYPES_CAP)
    except packages.PackageRefused as exc:
        raise ValidationError(refusal(exc, name, where), code="package") from exc
    except (zipfile.BadZipFile, KeyError, OSError, EOFError, ValueError):
        return None
    return raw.decode("utf-8", "replace")


def sniff(fh: BinaryIO, where: str = "", limits: packages.Limits = packages.DEFAULT) -> str | None:
    """The kind of the file (one of KINDS or TABLE_KINDS) or None; the position is
    restored. A ZIP package that would inflate too far (``engine.packages``) raises
    ValidationError naming the file and ``where`` (the question or upload field);
    ``limits``: what a package may expand to."""
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
            name = PurePath(getattr(fh, "name", "") or "").name
            types = _package_types(fh, name, where, limits)
            if types is None:
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
