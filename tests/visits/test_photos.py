"""Photos: checked by content, GPS metadata removed, orientation applied,
stored once per device id, refused with the item and the file named."""

from __future__ import annotations

import io
import uuid

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from ccaward.visits.domain import photos
from ccaward.visits.models import Photo


def jpeg_with_gps(width=40, height=20, orientation=6) -> bytes:
    image = Image.new("RGB", (width, height), (200, 30, 30))
    exif = Image.Exif()
    exif[0x0112] = orientation  # rotate 90° clockwise to display
    exif[0x010F] = "TabletMaker"
    gps = {1: "N", 2: (31.0, 14.0, 0.0), 3: "E", 4: (121.0, 28.0, 0.0)}
    exif[0x8825] = gps
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif)
    return out.getvalue()


def upload(data: bytes, name="photo.jpg"):
    return SimpleUploadedFile(name, data, content_type="image/jpeg")


def test_a_photo_loses_its_location_and_is_turned_upright(visit, judge, judging_open):
    raw = jpeg_with_gps()
    assert Image.open(io.BytesIO(raw)).getexif().get_ifd(0x8825)
    photo, resent = photos.add_photo(
        visit=visit, item_key="env_noise", photo_id=str(uuid.uuid4()), upload=upload(raw), by=judge
    )
    assert not resent
    with photo.file.open("rb") as fh:
        stored = Image.open(io.BytesIO(fh.read()))
    exif = stored.getexif()
    assert not exif.get_ifd(0x8825) and 0x0112 not in exif and 0x010F not in exif
    assert stored.size == (20, 40)  # the orientation was applied
    assert (photo.width, photo.height, photo.kind) == (20, 40, "jpeg")


def test_a_photo_sent_twice_is_stored_once(visit, judge, judging_open):
    pid = str(uuid.uuid4())
    photos.add_photo(
        visit=visit, item_key="env_noise", photo_id=pid, upload=upload(jpeg_with_gps()), by=judge
    )
    _photo, resent = photos.add_photo(
        visit=visit, item_key="env_noise", photo_id=pid, upload=upload(jpeg_with_gps()), by=judge
    )
    assert resent and Photo.objects.count() == 1


def test_not_an_image_names_the_item_and_the_file(visit, judge, judging_open):
    with pytest.raises(ValidationError) as info:
        photos.add_photo(
            visit=visit,
            item_key="env_noise",
            photo_id=str(uuid.uuid4()),
            upload=upload(b"%PDF-1.4 not a photo", name="报告.jpg"),
            by=judge,
        )
    message = info.value.message_dict["file"][0]
    assert "噪音控制" in message and "报告.jpg" in message
    assert Photo.objects.count() == 0


def test_a_photo_over_the_limit_is_refused(visit, judge, judging_open, monkeypatch):
    monkeypatch.setattr(photos, "PHOTO_MAX_BYTES", 100)
    with pytest.raises(ValidationError) as info:
        photos.add_photo(
            visit=visit,
            item_key="env_noise",
            photo_id=str(uuid.uuid4()),
            upload=upload(jpeg_with_gps()),
            by=judge,
        )
    assert "photo.jpg" in info.value.message_dict["file"][0]


def test_an_unknown_item_is_named(visit, judge, judging_open):
    with pytest.raises(ValidationError) as info:
        photos.add_photo(
            visit=visit,
            item_key="roof_garden",
            photo_id=str(uuid.uuid4()),
            upload=upload(jpeg_with_gps()),
            by=judge,
        )
    assert "roof_garden" in info.value.message_dict["item"][0]
