"""What a mystery contact's upload is, by its content (never by its name): a
recording (MP3, M4A, AMR or WAV) or a chat transcript (UTF-8 text without
control characters). Anything else is None, so a renamed executable or a PDF
is not stored.

Signatures:

    mp3  an MPEG audio frame header: 11 bits of frame sync, a version and layer
         that exist, a bitrate other than "bad" and a sample rate other than
         "reserved" (an ADTS AAC stream has layer 0, so it is not taken for MP3),
         at the start or right after an ID3v2 tag (its size read from the tag)
    m4a  an ISO base media file whose first box is "ftyp" with an audio-MP4
         brand (M4A, M4B, mp41, mp42, isom) as major or compatible brand
    amr  "#!AMR\\n" or "#!AMR-WB\\n" (RFC 4867's storage format)
    wav  "RIFF" size "WAVE"
    txt  UTF-8 (a byte-order mark allowed) holding no NUL or other control
         character but tab and line breaks

Sizes: a recording up to AUDIO_MAX_BYTES, a transcript up to TEXT_MAX_BYTES."""

from __future__ import annotations

from typing import BinaryIO

from ccaward.engine.text import first_in

AUDIO_MAX_BYTES = 50 * 1024 * 1024
TEXT_MAX_BYTES = 1024 * 1024
AUDIO_KINDS = ("mp3", "m4a", "amr", "wav")
CONTENT_TYPES = {
    "mp3": "audio/mpeg",
    "m4a": "audio/mp4",
    "amr": "audio/amr",
    "wav": "audio/wav",
    "txt": "text/plain; charset=utf-8",
}
M4A_BRANDS = {b"M4A ", b"M4B ", b"mp41", b"mp42", b"isom"}
HEAD = 64


def _mpeg_frame(head: bytes) -> bool:
    if len(head) < 4 or head[0] != 0xFF or head[1] & 0xE0 != 0xE0:
        return False
    version, layer = (head[1] >> 3) & 3, (head[1] >> 1) & 3
    bitrate, rate = head[2] >> 4, (head[2] >> 2) & 3
    return version != 1 and layer != 0 and bitrate != 15 and rate != 3


def _m4a(head: bytes) -> bool:
    if head[4:8] != b"ftyp":
        return False
    size = int.from_bytes(head[:4], "big")
    box = head[8 : min(max(size, 16), len(head))]
    brands = {box[i : i + 4] for i in range(0, len(box) - 3, 4)}
    return bool(brands & M4A_BRANDS)


def id3_end(head: bytes) -> int | None:
    """Where the audio after an ID3v2 tag starts (the tag's syncsafe size, plus
    its footer), or None when `head` does not start with a well-formed tag."""
    if len(head) < 10 or not head.startswith(b"ID3") or any(b & 0x80 for b in head[6:10]):
        return None
    size = 0
    for byte in head[6:10]:  # a syncsafe integer: 7 bits a byte
        size = size << 7 | byte
    return 10 + size + (10 if head[5] & 0x10 else 0)


def audio_kind(head: bytes) -> str | None:
    """The kind of a recording from its first bytes (an MP3 after an ID3 tag is
    found by sniff), or None."""
    if _mpeg_frame(head):
        return "mp3"
    if _m4a(head):
        return "m4a"
    if head.startswith((b"#!AMR\n", b"#!AMR-WB\n")):
        return "amr"
    if head[:4] == b"RIFF" and head[8:12] == b"WAVE":
        return "wav"
    return None


def control_in(data: bytes) -> str | None:
    """The first control character (as U+XXXX) of UTF-8 `data`, or None (also for
    data that is not UTF-8)."""
    try:
        return first_in(data[: TEXT_MAX_BYTES + 1].decode("utf-8-sig"), multiline=True)
    except UnicodeDecodeError:
        return None


def is_text(data: bytes) -> bool:
    """UTF-8 text (a BOM allowed) without a control character but tab and line breaks."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return False
    return bool(text.strip()) and not first_in(text, multiline=True)


def sniff(fh: BinaryIO) -> str | None:
    """The kind of the upload (one of AUDIO_KINDS or "txt") or None; the position is
    restored. A transcript is read whole (it is at most TEXT_MAX_BYTES: a larger
    file that is no recording is None)."""
    pos = fh.tell()
    try:
        fh.seek(0)
        head = fh.read(HEAD)
        start = id3_end(head)
        if start is not None:
            fh.seek(start)
            return "mp3" if _mpeg_frame(fh.read(4)) else None
        kind = audio_kind(head)
        if kind:
            return kind
        fh.seek(0)
        data = fh.read(TEXT_MAX_BYTES + 1)
        return "txt" if len(data) <= TEXT_MAX_BYTES and is_text(data) else None
    finally:
        fh.seek(pos)


def limit_of(kind: str) -> int:
    return TEXT_MAX_BYTES if kind == "txt" else AUDIO_MAX_BYTES
