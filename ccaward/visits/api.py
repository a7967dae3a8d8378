"""Site visits in the API: the visits a person sees, one visit with its checklist
and records, the sync endpoint the visit page sends its item records to (also
after being offline: a record is kept by the id its device made, so a resend is
stored once), and photos."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import get_language
from ninja import File, Form, Router, Schema, Status, UploadedFile
from pydantic import Field

from ccaward.core import access
from ccaward.core.apierrors import ERRORS, READ_ERRORS, error
from ccaward.visits.domain import photos, queries, records
from ccaward.visits.domain.schedule import agenda_items
from ccaward.visits.models import NOTES_MAX, Visit

router = Router(tags=["site visits"])


class AgendaItemOut(Schema):
    time: str
    text: str


class ChecklistItemOut(Schema):
    key: str
    group: str
    label_zh: str
    label_en: str
    answers: list[str] = Field(description="The application's answers the item checks.")
    criterion: str | None = Field(description="The framework criterion its score feeds.")


class RecordOut(Schema):
    id: str
    item: str
    judge: str | None
    device: str
    seq: int
    edited_at: dt.datetime
    finding: str
    score: float | None
    scale: str
    notes: str


class PhotoOut(Schema):
    id: str
    item: str
    name: str
    width: int
    height: int
    size: int
    resent: bool = False


class VisitOut(Schema):
    id: int
    entry: int
    center_name: str
    starts_at: dt.datetime
    address: str
    agenda: str
    agenda_items: list[AgendaItemOut]
    status: str
    cancel_reason: str
    judges: list[str]
    version: int
    checklist: list[ChecklistItemOut] = Field(
        description="Empty for the entry's applicants (they see the date, address and agenda)."
    )
    records: list[RecordOut]
    photos: list[PhotoOut]


class RecordIn(Schema):
    id: str = Field(max_length=64, description="The record's id, made on the device (a UUID).")
    item: str = Field(max_length=64, description="The checklist item's key.")
    device: str = Field("", max_length=64)
    seq: int = Field(ge=1, le=2_147_483_647, description="The device's sequence of this edit.")
    edited_at: dt.datetime = Field(description="When the device made this edit.")
    finding: str = Field(
        "", max_length=16, description="verified, partly, not_as_claimed or empty."
    )
    score: float | None = Field(None, ge=0, le=10)
    notes: str = Field("", max_length=NOTES_MAX)


class SyncIn(Schema):
    records: list[RecordIn] = Field(max_length=records.BATCH_MAX)


class ResultOut(Schema):
    id: str
    item: str
    result: str = Field(description="stored, already_had (resent or superseded) or refused.")
    message: str
    resent: bool
    seq: int


class SyncOut(Schema):
    results: list[ResultOut]


def _record_out(r) -> dict:
    return {
        "id": str(r.uuid),
        "item": r.item_key,
        "judge": r.judge.name
        if r.judge
        else (r.recorded_by.display_name if r.recorded_by else None),
        "device": r.device,
        "seq": r.seq,
        "edited_at": r.edited_at,
        "finding": r.finding,
        "score": None if r.score is None else float(r.score),
        "scale": r.scale,
        "notes": r.notes,
    }


def _photo_out(p, resent: bool = False) -> dict:
    return {
        "id": str(p.uuid),
        "item": p.item_key,
        "name": p.name,
        "width": p.width,
        "height": p.height,
        "size": p.size,
        "resent": resent,
    }


def visit_out(visit: Visit, user) -> dict:
    full = user.has_perm("visits.view_records", visit)
    return {
        "id": visit.pk,
        "entry": visit.entry_id,
        "center_name": visit.entry.center.name,
        "starts_at": visit.starts_at,
        "address": visit.address,
        "agenda": visit.agenda,
        "agenda_items": agenda_items(visit.agenda),
        "status": visit.status,
        "cancel_reason": visit.cancel_reason,
        "judges": [j.name for j in visit.judges.all()],
        "version": visit.version,
        "checklist": visit.checklist if full else [],
        "records": [_record_out(r) for r in records.records_of(visit)] if full else [],
        "photos": [_photo_out(p) for p in visit.photos.all()] if full else [],
    }


def _visit(request, slug: str, pk: int) -> Visit:
    season = access.season_for(request.user, slug, "visits.view")
    return queries.visit_for(request.user, season, pk)


@router.get(
    "/{slug}/visits",
    response={200: list[VisitOut], **READ_ERRORS},
    summary="Site visits (organizers: all; judges: theirs; applicants: their entries')",
)
def list_visits(request, slug: str):
    season = access.season_for(request.user, slug, "visits.view")
    return [visit_out(v, request.user) for v in queries.visible_to(request.user, season)]


@router.get(
    "/{slug}/visits/{pk}",
    response={200: VisitOut, **READ_ERRORS},
    summary="A site visit with its checklist and records (applicants: the schedule only)",
)
def get_visit(request, slug: str, pk: int):
    return visit_out(_visit(request, slug, pk), request.user)


@router.post(
    "/{slug}/visits/{pk}/records",
    response={200: SyncOut, **ERRORS},
    summary="Send item records made on a device; each is stored, already had (a resend) or refused",
)
def sync_records(request, slug: str, pk: int, payload: SyncIn):
    """Each record carries the id its device made and the device's sequence: a
    record sent twice is stored once (`already_had`, `resent`: true), a late
    resend of an earlier edit changes nothing. 409 stage_closed while the judging
    stage is closed (organizers may correct)."""
    visit = _visit(request, slug, pk)
    access.check(request.user, "visits.record", visit)
    results = records.sync_records(
        visit=visit,
        records=[r.dict() for r in payload.records],
        by=request.user,
        language=get_language() or "zh-hans",
    )
    return {"results": [r.__dict__ for r in results]}


@router.post(
    "/{slug}/visits/{pk}/photos",
    response={200: PhotoOut, 201: PhotoOut, **ERRORS},
    summary="A photo of a checklist item (multipart: id, item, file); location metadata is removed",
)
def add_photo(
    request,
    slug: str,
    pk: int,
    id: Form[str],
    item: Form[str],
    file: File[UploadedFile | None] = None,
):
    """`id`: the photo's id made on the device (a UUID; sent again: 200, stored
    once); `item`: the checklist item's key; `file`: a JPEG, PNG or WebP image
    (checked by its content, re-encoded upright without metadata)."""
    visit = _visit(request, slug, pk)
    access.check(request.user, "visits.record", visit)
    if file is None:
        return error(422, "invalid", "A photo is required.", {"file": ["A photo is required."]})
    photo, resent = photos.add_photo(
        visit=visit,
        item_key=item,
        photo_id=id,
        upload=file,
        by=request.user,
        language=get_language() or "zh-hans",
    )
    return Status(200 if resent else 201, _photo_out(photo, resent))
