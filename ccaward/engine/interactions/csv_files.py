"""Reading a CSV file: its text encoding (UTF-8 or GB18030, checked over the whole
file), a transcoded copy when it is not UTF-8, and the reader's error in short."""

from __future__ import annotations

import codecs
from pathlib import Path

from ccaward.engine.interactions.schema import FileRefused
from ccaward.engine.sql import dialect as db

SAMPLE_BYTES = 1 << 16
CHUNK_BYTES = 1 << 20
# bytes of multi-byte UTF-8 that decoded before a bad byte and make the file UTF-8 text
# with an error in it, rather than a GBK file (GBK text rarely decodes as UTF-8 for long)
UTF8_EVIDENCE = 8


def read(path: Path, tmpdir: str, *, header: bool = True) -> str:
    """SQL reading the CSV file ``path`` as text columns (a UTF-8 copy in ``tmpdir`` when
    it is GB18030); ``header``: its first line names the columns. Raises
    ``FileRefused``: ``empty_file`` or ``encoding``."""
    enc, why = detect_encoding(path)
    if enc == "":
        raise FileRefused("empty_file", "the file has no data")
    if enc is None:
        raise FileRefused("encoding", why)
    readable = path if enc == "utf-8" else transcode(path, enc, tmpdir)
    return db.read_csv(str(readable), header=header)


def _where(path: Path, offset: int) -> str:
    """'line N (byte offset X)' of a byte offset (counted again, only on the error path)."""
    lines = 1
    with path.open("rb") as fh:
        done = 0
        while done < offset and (chunk := fh.read(min(CHUNK_BYTES, offset - done))):
            lines += chunk.count(b"\n")
            done += len(chunk)
    return f"line {lines} (byte offset {offset})"


def _decodes(path: Path, enc: str, out=None, *, skip: int = 0) -> int | None:
    """Stream ``path`` from byte ``skip`` through a decoder for ``enc`` (writing the text
    to ``out`` if given); the byte offset where it fails, or None when it all decodes."""
    decoder = codecs.getincrementaldecoder(enc)()
    offset = skip
    with path.open("rb") as fh:
        fh.seek(skip)
        while True:
            chunk = fh.read(CHUNK_BYTES)
            # bytes of an incomplete sequence the decoder kept from the chunk before
            pending = len(decoder.getstate()[0])
            try:
                text = decoder.decode(chunk, final=not chunk)
            except UnicodeDecodeError as exc:  # exc.start counts from the kept bytes
                return max(0, offset - pending + exc.start)
            if out is not None and text:
                out.write(text)
            if not chunk:
                return None
            offset += len(chunk)


def _first_non_ascii(path: Path) -> int | None:
    offset = 0
    with path.open("rb") as fh:
        while chunk := fh.read(CHUNK_BYTES):
            stripped = chunk.lstrip(bytes(range(128)))
            if stripped:
                return offset + len(chunk) - len(stripped)
            offset += len(chunk)
    return None


def detect_encoding(path: Path) -> tuple[str | None, str]:
    """('utf-8' | 'gb18030', ''), ('', '') for an empty file, or (None, why not).

    UTF-8 is checked over the whole file (an export is often ASCII for its first rows
    and has its Chinese names far down). A file that stops decoding as UTF-8 after some
    multi-byte UTF-8 text (or that starts with a UTF-8 byte-order mark) is UTF-8 with a
    bad byte, refused at that byte; one that stops at or just after its first non-ASCII
    byte is taken as GB18030 (GBK's superset), checked in full when it is transcoded
    (``transcode``).
    """
    with path.open("rb") as fh:
        sample = fh.read(SAMPLE_BYTES)
    bom = len(codecs.BOM_UTF8) if sample.startswith(codecs.BOM_UTF8) else 0
    if not sample[bom:].strip():
        return "", ""
    bad = _decodes(path, "utf-8", skip=bom)
    if bad is None:
        return "utf-8", ""
    first = _first_non_ascii(path)
    if bom or (first is not None and bad - first >= UTF8_EVIDENCE):
        return None, f"not valid UTF-8: the text stops decoding at {_where(path, bad)}"
    return "gb18030", ""


def transcode(path: Path, enc: str, tmpdir: str) -> Path:
    """Stream ``path`` from ``enc`` to a UTF-8 temp file (never read whole into memory).

    Raises ``FileRefused`` (``encoding``) naming the line where the file stops decoding
    as ``enc``.
    """
    out = Path(tmpdir) / (path.stem + ".utf8.csv")
    with out.open("w", encoding="utf-8", newline="") as dst:
        failed = _decodes(path, enc, dst)
    if failed is not None:
        raise FileRefused(
            "encoding",
            f"neither UTF-8 nor GBK/GB18030: read as GB18030, the text stops decoding at "
            f"{_where(path, failed)}",
        )
    return out


def reader_error(exc: Exception) -> str:
    """The CSV reader's error without its advice on reader options (which the loader
    sets)."""
    lines = []
    for line in str(exc).splitlines():
        if line.startswith(("Possible", "*", "  ")) or not line.strip():
            break
        lines.append(line if len(line) <= 300 else line[:300] + " ...")
    return " ".join(lines) or str(exc)
