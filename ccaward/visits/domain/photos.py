"""Photos taken on site for a checklist item: checked by their content with
Pillow (not an image: a message naming the item and the file), turned upright
by their EXIF orientation and re-encoded without any metadata (so no GPS
location is kept), at most PHOTO_MAX_BYTES. Each photo carries the id the
device gave it, so a photo sent again is stored once."""

from __future__ import annotations

import hashlib
import io
import uuid as uuidlib

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import pgettext
from PIL import Image, ImageOps, UnidentifiedImageError

from ccaward.core import audit
from ccaward.seasons import gates
from ccaward.seasons.enums import JUDGING_STAGE
from ccaward.visits.domain.checklist import localized
from ccaward.visits.domain.records import recorder
from ccaward.visits.enums import VisitStatus
from ccaward.visits.models import Photo, Visit

PHOTO_MAX_BYTES = 15 * 1024 * 1024
PHOTO_MAX_PIXELS = 40_000_000
LONG_SIDE = 2560  # larger photos are scaled down on re-encoding
FORMATS = {"JPEG": "jpeg", "PNG": "png", "WEBP": "jpeg", "MPO": "jpeg", "HEIF": "jpeg"}


def _refuse(item: str, name: str, why: str):
    return ValidationError(
        {
            "file": pgettext("visit photo", "%(item)s: “%(name)s” %(why)s")
            % {
                "item": item,
                "name": name,
                "why": why,
            }
        },
        code="photo",
    )


def clean_image(data: bytes, *, item: str, name: str) -> tuple[bytes, str, int, int]:
    """(bytes, kind, width, height) of the photo re-encoded upright without
    metadata; ValidationError naming `item` and `name` when it is no image."""
    if len(data) > PHOTO_MAX_BYTES:
        raise _refuse(
            item,
            name,
            pgettext("visit photo", "is larger than %(mb)s MB.") % {"mb": PHOTO_MAX_BYTES // 2**20},
        )
    try:
        with Image.open(io.BytesIO(data)) as probe:
            probe.verify()
        image = Image.open(io.BytesIO(data))
        if image.width * image.height > PHOTO_MAX_PIXELS:
            raise _refuse(item, name, pgettext("visit photo", "has too many pixels."))
        kind = FORMATS.get(image.format or "")
        if kind is None:
            raise UnidentifiedImageError(image.format)
        image = ImageOps.exif_transpose(image)  # orientation applied, then dropped
        image.thumbnail((LONG_SIDE, LONG_SIDE))
        clean = image.copy()
        clean.info = {}  # no EXIF, XMP or text chunks travel on
        out = io.BytesIO()
        if kind == "png":
            clean.save(out, "PNG", optimize=True)
        else:
            clean.convert("RGB").save(out, "JPEG", quality=88, optimize=True)
        return out.getvalue(), kind, image.width, image.height
    except ValidationError:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise _refuse(
            item, name, pgettext("visit photo", "is not a photo (JPEG, PNG or WebP).")
        ) from None


def add_photo(
    *, visit: Visit, item_key: str, photo_id: str, upload, by, language: str = "zh-hans", now=None
) -> tuple[Photo, bool]:
    """Store a photo of item `item_key` (a judge of the visit or an organizer;
    gated by the judging stage). Returns (photo, resent): a photo id stored
    already is not stored again. Side effects: the re-encoded file in the media
    storage, a Photo row, one audit event `visit.photo_added`."""
    recorder(visit, by)
    note = gates.require_open(visit.season, JUDGING_STAGE, by=by, now=now)
    if Visit.objects.filter(pk=visit.pk, status=VisitStatus.CANCELLED).exists():
        raise ValidationError(pgettext("validation", "This visit was cancelled."))
    item = visit.item(item_key)
    if item is None:
        raise ValidationError(
            {
                "item": pgettext(
                    "visit record", "Item “%(item)s” is not on the checklist of this visit."
                )
                % {"item": item_key}
            }
        )
    try:
        pid = uuidlib.UUID(str(photo_id))
    except ValueError:
        raise ValidationError(
            {"id": pgettext("visit photo", "The photo's id is not a UUID.")}
        ) from None
    known = Photo.objects.filter(uuid=pid).first()
    if known is not None:
        if known.visit_id != visit.pk or known.item_key != item_key:
            raise ValidationError(
                {"id": pgettext("visit photo", "This photo id belongs to another visit or item.")}
            )
        return known, True
    name = (getattr(upload, "name", "") or "photo")[:200]
    label = f"“{localized(item, 'label', language)}”"
    data, kind, width, height = clean_image(upload.read(), item=label, name=name)
    with transaction.atomic():
        photo = Photo(
            uuid=pid,
            visit=visit,
            item_key=item_key,
            name=name,
            kind=kind,
            size=len(data),
            width=width,
            height=height,
            sha256=hashlib.sha256(data).hexdigest(),
            uploaded_by=by,
        )
        photo.file.save(f"{pid.hex}.{kind}", ContentFile(data), save=False)
        photo.save()
        audit.record(
            actor=by,
            action="visit.photo_added",
            season=visit.season,
            obj=visit,
            summary=f"photo of {item_key} for visit {visit.pk}",
            data={
                **visit.audit_names(),
                "item": item_key,
                "name": name,
                **({"note": note} if note else {}),
            },
        )
    return photo, False
