"""ZIP packages built byte by byte for the upload tests: members that inflate far
beyond their compressed size (made in milliseconds: one deflate block of a
mebibyte of spaces, repeated), and members whose declared size lies."""

from __future__ import annotations

import struct
import zlib

MiB = 1024 * 1024
_SPACES = b" " * MiB


def _deflate_repeated(prefix: bytes, mib: int) -> tuple[bytes, int, int]:
    """(raw deflate data, crc32, size) of ``prefix`` followed by ``mib`` MiB of spaces.
    After a full flush the compressor starts afresh, so one block serves for all."""
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    head = c.compress(prefix) + c.flush(zlib.Z_FULL_FLUSH)
    block = c.compress(_SPACES) + c.flush(zlib.Z_FULL_FLUSH)
    tail = c.flush(zlib.Z_FINISH)
    crc = zlib.crc32(prefix)
    for _ in range(mib):
        crc = zlib.crc32(_SPACES, crc)
    return head + block * mib + tail, crc, len(prefix) + mib * MiB


def _deflate(data: bytes) -> tuple[bytes, int, int]:
    c = zlib.compressobj(6, zlib.DEFLATED, -15)
    return c.compress(data) + c.flush(), zlib.crc32(data), len(data)


def build(members: dict, declared: dict | None = None) -> bytes:
    """A ZIP of ``members``: name -> bytes, or name -> (prefix, MiB of spaces).
    ``declared``: name -> the uncompressed size to declare instead of the real one."""
    declared = declared or {}
    out, central = bytearray(), bytearray()
    for name, content in members.items():
        if isinstance(content, tuple):
            data, crc, size = _deflate_repeated(*content)
        else:
            data, crc, size = _deflate(content)
        size = declared.get(name, size)
        raw = name.encode()
        offset = len(out)
        out += struct.pack(
            "<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0x21, crc, len(data), size, len(raw), 0
        )
        out += raw + data
        central += struct.pack(
            "<IHHHHHHIIIHHHHHII",
            0x02014B50,
            20,
            20,
            0,
            8,
            0,
            0x21,
            crc,
            len(data),
            size,
            len(raw),
            0,
            0,
            0,
            0,
            0,
            offset,
        )
        central += raw
    n = len(members)
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, n, n, len(central), len(out), 0)
    return bytes(out + central + end)


DOCX_TYPES = (
    b'<?xml version="1.0" encoding="UTF-8"?><Types><Override PartName="/word/document.xml" '
    b'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
)
XLSX_TYPES = (
    b'<?xml version="1.0" encoding="UTF-8"?><Types><Override PartName="/xl/workbook.xml" '
    b'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
)


def content_types_bomb(types: bytes, mib: int = 300) -> bytes:
    """A package whose ``[Content_Types].xml`` names ``types`` and then inflates to
    ``mib`` MiB (about 1,000 times its compressed size)."""
    return build({"[Content_Types].xml": (types, mib)})


def repack(data: bytes, replace: dict, declared: dict | None = None) -> bytes:
    """The package ``data`` with some members replaced (name -> bytes or (prefix, MiB))."""
    import io
    import zipfile

    with zipfile.ZipFile(io.BytesIO(data)) as z:
        members = {i.filename: z.read(i) for i in z.infolist()}
    members.update(replace)
    return build(members, declared)
