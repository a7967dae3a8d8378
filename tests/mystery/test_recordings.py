"""Uploads to a shopper's card: a recording or a transcript by its content (never
by its name), within its size limit, stored under the card with its SHA-256;
anything else refused with a message naming the file, nothing stored."""

from __future__ import annotations

import hashlib
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from ccaward.core.errors import StageClosed
from ccaward.core.models import AuditEvent
from ccaward.mystery import files
from ccaward.mystery.domain import recording, recordings
from ccaward.mystery.models import Recording
from tests.mystery.shopper_data import set_stage

pytest_plugins = ["tests.mystery.conftest_shopper"]

# an ID3v2.4 tag of 20 bytes (syncsafe size), then an MPEG frame
MP3_ID3 = b"ID3\x04\x00\x00\x00\x00\x00\x14" + b"\x00" * 20 + b"\xff\xfb\x90\x64" + b"\x00" * 64
# an MPEG-1 layer III frame header: 128 kbit/s, 44.1 kHz
MP3_FRAME = b"\xff\xfb\x90\x64" + b"\x00" * 100
M4A = b"\x00\x00\x00\x1cftypM4A \x00\x00\x00\x00M4A mp42isom" + b"\x00" * 64
AMR = b"#!AMR\n" + b"\x3c" * 50
WAV = b"RIFF\x24\x00\x00\x00WAVEfmt " + b"\x00" * 40
TEXT = "坐席：您好，工号1024，请问有什么可以帮您？\n客户：我的卡丢了。\n".encode()


@pytest.mark.parametrize(
    "data,kind",
    [
        (MP3_ID3, "mp3"),
        (MP3_FRAME, "mp3"),
        (M4A, "m4a"),
        (AMR, "amr"),
        (b"#!AMR-WB\n" + b"\x00" * 10, "amr"),
        (WAV, "wav"),
        (TEXT, "txt"),
        ("\ufeff客户：您好".encode(), "txt"),
        (b"%PDF-1.7\n" + b"\x00" * 40, None),
        (b"ID3\x03\x00\x00\x00\x00\x00\x00MZ-this-is-not-audio" + b"\x00" * 40, None),
        (b"ID3\x04\x00\x00\x00\x00\x01\x00" + b"\x00" * 40, None),  # the tag runs past the end
        (b"MZ\x90\x00" + b"\x00" * 60, None),  # an executable
        (b"\xff\xf1\x50\x80" + b"\x00" * 60, None),  # ADTS AAC: layer 0, not MP3
        (b"\x00\x00\x00\x18ftypqt  \x00\x00\x00\x00qt  ", None),  # a QuickTime movie
        (b"a line\x00with a NUL", None),
        (b"\xc3\x28 not UTF-8", None),
        (b"   \n", None),
    ],
)
def test_sniff_by_content(data, kind):
    assert files.sniff(io.BytesIO(data)) == kind


def upload(name, data):
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


def test_a_recording_is_stored_under_the_card_with_its_digest(contact, shopper):
    card = recording.start_card(contact=contact, by=shopper)
    row = recordings.upload(card=card, file=upload("通话录音.bin", M4A), by=shopper)
    assert (row.kind, row.size, row.name) == ("m4a", len(M4A), "通话录音.bin")
    assert row.sha256 == hashlib.sha256(M4A).hexdigest()
    assert row.file.name.startswith(f"mystery/{contact.season_id}/{contact.pk}/")
    assert row.file.name.endswith(".m4a")
    with row.file.open("rb") as fh:
        assert fh.read() == M4A
    assert AuditEvent.objects.get(action="mystery.recording_uploaded").data["sha256"] == row.sha256


def test_what_is_not_audio_or_text_is_refused_by_content_whatever_its_name(contact, shopper):
    card = recording.start_card(contact=contact, by=shopper)
    with pytest.raises(ValidationError) as info:
        recordings.upload(
            card=card, file=upload("录音.mp3", b"%PDF-1.7\n" + b"\0" * 40), by=shopper
        )
    assert "录音.mp3" in info.value.message_dict["file"][0]
    with pytest.raises(ValidationError):
        recordings.upload(card=card, file=upload("empty.wav", b""), by=shopper)
    assert Recording.objects.count() == 0


def test_a_transcript_with_a_control_character_is_named(contact, shopper):
    card = recording.start_card(contact=contact, by=shopper)
    with pytest.raises(ValidationError) as info:
        recordings.upload(
            card=card, file=upload("chat.txt", "坐席：您好\x1b[31m".encode()), by=shopper
        )
    assert "U+001B" in info.value.message_dict["file"][0]


def test_size_limits(contact, shopper, monkeypatch):
    card = recording.start_card(contact=contact, by=shopper)
    monkeypatch.setattr(files, "TEXT_MAX_BYTES", 20)
    with pytest.raises(ValidationError) as info:
        recordings.upload(card=card, file=upload("chat.txt", b"a" * 21), by=shopper)
    assert "chat.txt" in info.value.message_dict["file"][0]
    monkeypatch.setattr(files, "AUDIO_MAX_BYTES", 50)
    with pytest.raises(ValidationError) as info:
        recordings.upload(card=card, file=upload("call.wav", WAV + b"\0" * 50), by=shopper)
    assert "MB" in info.value.message_dict["file"][0]
    assert Recording.objects.count() == 0


def test_only_the_cards_shopper_uploads_and_only_while_the_stage_is_open(
    contact, shopper, other_shopper, organizer
):
    card = recording.start_card(contact=contact, by=shopper)
    with pytest.raises(PermissionDenied):
        recordings.upload(card=card, file=upload("a.amr", AMR), by=other_shopper[0])
    set_stage(contact.season, organizer, "closed")
    with pytest.raises(StageClosed):
        recordings.upload(card=card, file=upload("a.amr", AMR), by=shopper)
    assert Recording.objects.count() == 0
    recordings.upload(card=card, file=upload("a.amr", AMR), by=organizer)
    assert Recording.objects.get().kind == "amr"
