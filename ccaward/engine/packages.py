"""ZIP packages (DOCX, XLSX) opened without letting them inflate.

A ZIP member can expand a thousand times: a 300 KB file can hold 300 MB of
``[Content_Types].xml``, and a workbook's shared strings are read into memory
whole. Before anything reads a package, ``check`` looks at its directory (the
number of members, each member's declared size and compression ratio, their sum,
and per-member caps such as the shared strings'); ``read_member`` and ``verify``
then read members as streams in small pieces and count what they really get,
since declared sizes can lie. Every refusal is ``PackageRefused`` naming the member.
The limits are parameters (``Limits``) with defaults.
"""

from __future__ import annotations

import struct
import zipfile
from dataclasses import dataclass, field
from typing import BinaryIO

MiB = 1024 * 1024
_CHUNK = 64 * 1024
_EOCD = b"PK\x05\x06"


@dataclass(frozen=True)
class Limits:
    """What a package may expand to. ``ratio`` applies to members declaring more than
    ``ratio_floor`` bytes (small XML parts compress well and are harmless)."""

    member_bytes: int = 256 * MiB  # any one member, uncompressed
    total_bytes: int = 1024 * MiB  # all members together, uncompressed
    ratio: int = 100  # uncompressed size / compressed size of one member
    ratio_floor: int = 1 * MiB
    members: int = 10_000  # entries in the directory
    caps: dict[str, int] = field(default_factory=dict)  # member name -> its own cap


DEFAULT = Limits()
# a workbook opened by openpyxl: sheets are streamed, shared strings are read whole
WORKBOOK = Limits(
    total_bytes=2048 * MiB, caps={"xl/sharedStrings.xml": 64 * MiB, "xl/styles.xml": 16 * MiB}
)


class PackageRefused(ValueError):
    """A package that would expand beyond its limits.

    ``reason``: ``members`` (too many entries), ``ratio``, ``member_size``,
    ``total_size`` or ``size_mismatch`` (a member held more than it declared);
    ``member``: the member's name ('' for the whole package); ``size`` and ``limit``
    in bytes (for ``ratio``: the ratio and its limit)."""

    def __init__(self, reason: str, member: str, size: int, limit: int):
        self.reason, self.member, self.size, self.limit = reason, member, size, limit
        super().__init__(describe(reason, member, size, limit))


def _mb(n: int) -> str:
    return str(n // MiB) if n >= MiB else f"{n / MiB:.2f}"


def describe(reason: str, member: str, size: int, limit: int) -> str:
    """The refusal in English (the engine's language; the web app translates its own)."""
    if reason == "members":
        return f"the package holds {size} members; the limit is {limit}"
    if reason == "ratio":
        return f"its part {member} is compressed {size}:1; more than {limit}:1 is refused"
    if reason == "total_size":
        return f"it expands to {_mb(size)} MB; the limit is {_mb(limit)} MB"
    if reason == "size_mismatch":
        return f"its part {member} holds more than its declared {limit} bytes"
    return f"its part {member} expands to {_mb(size)} MB; the limit is {_mb(limit)} MB"


def _directory_size(fh: BinaryIO) -> tuple[int, int] | None:
    """(entries, directory bytes) from the end-of-directory record, before zipfile
    parses the directory into objects; None when there is no such record."""
    fh.seek(0, 2)
    end = fh.tell()
    tail_len = min(end, 22 + 65535)
    fh.seek(end - tail_len)
    tail = fh.read(tail_len)
    at = tail.rfind(_EOCD)
    if at < 0 or len(tail) - at < 22:
        return None
    _disk, _cd_disk, _here, entries, size = struct.unpack("<HHHHI", tail[at + 4 : at + 16])
    return entries, size


def check(z: zipfile.ZipFile, limits: Limits = DEFAULT) -> None:
    """Refuse a package whose directory declares too much. Raises PackageRefused."""
    infos = z.infolist()
    if len(infos) > limits.members:
        raise PackageRefused("members", "", len(infos), limits.members)
    total = 0
    for info in infos:
        size = info.file_size
        cap = limits.caps.get(info.filename, limits.member_bytes)
        if size > limits.ratio_floor and size > limits.ratio * max(info.compress_size, 1):
            ratio = size // max(info.compress_size, 1)
            raise PackageRefused("ratio", info.filename, ratio, limits.ratio)
        if size > cap:
            raise PackageRefused("member_size", info.filename, size, cap)
        total += size
        if total > limits.total_bytes:
            raise PackageRefused("total_size", "", total, limits.total_bytes)


def open_checked(fh: BinaryIO, limits: Limits = DEFAULT) -> zipfile.ZipFile:
    """The ZipFile of ``fh`` after ``check``; a directory too large to parse is
    refused before it is parsed. Raises PackageRefused or zipfile.BadZipFile."""
    found = _directory_size(fh)
    if found is not None:
        entries, size = found
        if entries > limits.members or size > limits.members * 1024:
            raise PackageRefused("members", "", entries, limits.members)
    fh.seek(0)
    z = zipfile.ZipFile(fh)
    try:
        check(z, limits)
    except BaseException:
        z.close()
        raise
    return z


def _stream(z: zipfile.ZipFile, info: zipfile.ZipInfo, cap: int, sink=None) -> int:
    """Read one member in pieces, at most ``cap`` bytes and no more than it declared;
    each piece goes to ``sink`` when given. The number of bytes read."""
    count = 0
    with z.open(info) as member:
        while piece := member.read(_CHUNK):
            count += len(piece)
            if count > cap:
                raise PackageRefused("member_size", info.filename, count, cap)
            if count > info.file_size:
                raise PackageRefused("size_mismatch", info.filename, count, info.file_size)
            if sink is not None:
                sink(piece)
    return count


def read_member(z: zipfile.ZipFile, name: str, cap: int) -> bytes:
    """One member's bytes, read as a stream and refused past ``cap``. Raises KeyError
    for a missing member, PackageRefused past the cap."""
    info = z.getinfo(name)
    if info.file_size > cap:
        raise PackageRefused("member_size", name, info.file_size, cap)
    parts: list[bytes] = []
    _stream(z, info, cap, parts.append)
    return b"".join(parts)


def verify(z: zipfile.ZipFile, limits: Limits = DEFAULT) -> None:
    """Read every member as a stream (nothing kept) and count what it really holds
    against its declared size and the limits. Raises PackageRefused, or
    zipfile.BadZipFile for a member that does not match its checksum."""
    check(z, limits)
    total = 0
    for info in z.infolist():
        total += _stream(z, info, limits.caps.get(info.filename, limits.member_bytes))
        if total > limits.total_bytes:
            raise PackageRefused("total_size", "", total, limits.total_bytes)
