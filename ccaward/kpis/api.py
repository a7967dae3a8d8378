"""KPI data and benchmarking over the API: uploads and their status, an entry's
figures, monthly figures, reported figures, the season's benchmark, the KPI policy.

The same permissions as the pages: no role in the season, or an entry of another
enterprise, is 404; a role without the right is 403; an applicant giving data
while neither data collection nor benchmarking is open gets 409 `stage_closed`
(organizers correct data at any time, noted in the audit log). Rates are
fractions and times seconds, as the engine keeps them.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from functools import wraps
from typing import Any

from django.utils.translation import gettext
from ninja import File, Form, Router, Schema, Status, UploadedFile
from ninja.decorators import decorate_view
from pydantic import Field

from ccaward.core import access
from ccaward.core.apierrors import ERRORS, READ_ERRORS, error
from ccaward.engine import mappings
from ccaward.kpis import domain
from ccaward.kpis.access import entry_for
from ccaward.kpis.forms import stream_uploads
from ccaward.kpis.models import AbandonTreatment, BadRows, InteractionUpload

router = Router(tags=["kpis"])


# --------------------------------------------------------------------------- schemas


class JobOut(Schema):
    id: int
    status: str
    done: int
    total: int
    percent: int
    message: str
    finished_at: dt.datetime | None


class UploadOut(Schema):
    id: int
    entry: int
    original_name: str
    size: int
    mapping: str
    has_agent_states: bool
    has_schedules: bool
    uploaded_at: dt.datetime
    uploaded_by: str
    status: str
    error: str = Field(description="Why the upload was refused (empty unless failed).")
    report: dict[str, Any] = Field(description="The reader's report: rows, issues, input.")
    job: JobOut | None


class ResultOut(Schema):
    source: str = Field(description='"records" (an upload) or "monthly" (entered by hand)')
    upload: int | None
    period_start: dt.date | None
    period_end: dt.date | None
    computed_at: dt.datetime
    params: dict[str, Any]
    figures: dict[str, float | int | None]


class ReportedOut(Schema):
    key: str
    value: float
    source: str


class VerificationOut(Schema):
    key: str
    reported: float
    computed: float | None
    gap: float | None = Field(description="percentage points for rates, percent for times")
    unit: str
    flagged: bool | None


class FiguresOut(Schema):
    entry: int
    result: ResultOut | None
    reported: list[ReportedOut]
    verification: list[VerificationOut]


class MonthIn(Schema):
    month: str = Field(pattern=r"^\d{4}-\d{2}$", examples=["2026-08"])
    offered: int
    answered: int
    abandoned: int
    answered_within_sl: int
    aht_s: float | None = None


class MonthOut(MonthIn):
    pass


class MonthlyIn(Schema):
    rows: list[MonthIn] = Field(description="Every month: the months not listed are removed.")


class MonthlyOut(Schema):
    rows: list[MonthOut]
    figures: dict[str, float | int | None] | None = Field(
        description="The figures computed from the months (None without months)."
    )


class ReportedIn(Schema):
    values: dict[str, float | None] = Field(
        description="abandon_rate, aht_s, acw_s, fcr_rate, occupancy; null removes one."
    )


class CellOut(Schema):
    key: str
    value: float | None
    percentile: float | None
    score: Decimal | None


class BoardRowOut(Schema):
    entry: int
    center_name: str
    category: int
    industry: str
    cells: list[CellOut]


class BoardOut(Schema):
    group: str
    sort: str
    columns: list[str]
    min_peers: int
    rows: list[BoardRowOut]


class PolicyOut(Schema):
    sl_seconds: int
    sl_target: Decimal
    abandon_treatment: AbandonTreatment
    short_abandon_seconds: int
    fcr_days: int
    bad_rows: BadRows
    max_upload_mb: int
    tolerance_points: Decimal
    min_peers: int
    period_months: int | None = None
    period_start: dt.date | None = None
    period_end: dt.date | None = None


class PolicyIn(Schema):
    """The fields to change; the others keep their value."""

    sl_seconds: int | None = None
    sl_target: Decimal | None = None
    abandon_treatment: AbandonTreatment | None = None
    short_abandon_seconds: int | None = None
    fcr_days: int | None = None
    bad_rows: BadRows | None = None
    max_upload_mb: int | None = None
    tolerance_points: Decimal | None = None
    min_peers: int | None = None
    period_months: int | None = None
    period_start: dt.date | None = None
    period_end: dt.date | None = None


# --------------------------------------------------------------------------- helpers


def _entry(request, slug: str, pk: int):
    season = access.season_for(request.user, slug, "seasons.view_season")
    return entry_for(request.user, season, pk)


def _giving_data(request, slug: str, pk: int):
    """The entry, if the user may give its KPI data now (403; 409 stage_closed)."""
    entry = _entry(request, slug, pk)
    access.check(request.user, "kpis.upload_records", entry)
    return entry


def upload_out(upload: InteractionUpload) -> dict:
    job = upload.job
    return {
        "id": upload.pk,
        "entry": upload.entry_id,
        "original_name": upload.original_name,
        "size": upload.size,
        "mapping": upload.mapping,
        "has_agent_states": bool(upload.agent_states_file),
        "has_schedules": bool(upload.schedules_file),
        "uploaded_at": upload.uploaded_at,
        "uploaded_by": getattr(upload.uploaded_by, "email", ""),
        "status": upload.status,
        "error": upload.error,
        "report": upload.report,
        "job": None
        if job is None
        else {
            "id": job.pk,
            "status": job.status,
            "done": job.done,
            "total": job.total,
            "percent": job.percent,
            "message": job.message,
            "finished_at": job.finished_at,
        },
    }


def _uploads(entry):
    return entry.uploads.select_related("job", "uploaded_by")


def _result_out(result) -> dict | None:
    if result is None:
        return None
    return {
        "source": "records" if result.upload_id else "monthly",
        "upload": result.upload_id,
        "period_start": result.period_start,
        "period_end": result.period_end,
        "computed_at": result.computed_at,
        "params": result.params,
        "figures": result.figures,
    }


def _monthly_out(entry) -> dict:
    rows = [{**r, "month": f"{r['month']:%Y-%m}"} for r in domain.monthly_rows(entry)]
    monthly = entry.kpi_results.filter(upload__isnull=True).first()
    return {"rows": rows, "figures": monthly.figures if monthly else None}


def stream_to_disk(run):
    """Put the upload handlers in place before the body is read: the files go to
    disk, and reading stops at the season's size limit."""

    @wraps(run)
    def wrapper(request, *args, **kwargs):
        stream_uploads(request, kwargs.get("slug", ""))
        return run(request, *args, **kwargs)

    return wrapper


# --------------------------------------------------------------------------- endpoints


@router.post(
    "/{slug}/entries/{pk}/kpi/uploads",
    response={202: UploadOut, **ERRORS},
    summary="Upload interaction records (multipart); their indicators are computed in the background",
)
@decorate_view(stream_to_disk)
def upload_records(
    request,
    slug: str,
    pk: int,
    file: File[UploadedFile | None] = None,
    mapping: Form[str] = mappings.DEFAULT,
    agent_states: File[UploadedFile | None] = None,
    schedules: File[UploadedFile | None] = None,
):
    """`file` (required): the interaction records, CSV, Excel or Parquet, one
    center's; `mapping`: the name of a column mapping file (default `standard`);
    `agent_states` and `schedules` optional (schedules need the agent states).
    The upload is checked like the page's: 422 names the field."""
    entry = _giving_data(request, slug, pk)
    if getattr(request, "upload_too_large", False):
        message = domain.too_large_message(entry.season)
        return error(422, "invalid", message, {"file": [message]})
    if file is None:
        message = gettext("This field is required.")
        return error(422, "invalid", message, {"file": [message]})
    upload = domain.accept_upload(
        entry=entry,
        uploaded_file=file,
        mapping=mapping,
        by=request.user,
        agent_states=agent_states,
        schedules=schedules,
    )
    return Status(202, upload_out(_uploads(entry).get(pk=upload.pk)))


@router.get(
    "/{slug}/entries/{pk}/kpi/uploads",
    response={200: list[UploadOut], **READ_ERRORS},
    summary="An entry's uploads, newest first, with their status",
)
def list_uploads(request, slug: str, pk: int):
    return [upload_out(u) for u in _uploads(_entry(request, slug, pk))]


@router.get(
    "/{slug}/entries/{pk}/kpi/uploads/{upload_id}",
    response={200: UploadOut, **READ_ERRORS},
    summary="An upload's status: the job's progress, or why it was refused",
)
def get_upload(request, slug: str, pk: int, upload_id: int):
    upload = _uploads(_entry(request, slug, pk)).filter(pk=upload_id).first()
    if upload is None:
        return error(404, "not_found", "Not found.")
    return upload_out(upload)


@router.get(
    "/{slug}/entries/{pk}/kpi/figures",
    response={200: FiguresOut, **READ_ERRORS},
    summary="An entry's figures: computed, reported, and their verification",
)
def get_figures(request, slug: str, pk: int):
    entry = _entry(request, slug, pk)
    result = domain.latest_results([entry]).get(entry.pk)
    return {
        "entry": entry.pk,
        "result": _result_out(result),
        "reported": [
            {"key": f.key, "value": f.value, "source": f.source} for f in entry.reported.all()
        ],
        "verification": domain.verification(entry, result),
    }


@router.put(
    "/{slug}/entries/{pk}/kpi/reported",
    response={200: FiguresOut, **ERRORS},
    summary="Report figures to be checked against the records (rates as fractions)",
)
def put_reported(request, slug: str, pk: int, payload: ReportedIn):
    entry = _giving_data(request, slug, pk)
    domain.save_reported(entry=entry, values=payload.values, by=request.user)
    return get_figures(request, slug, pk)


@router.get(
    "/{slug}/entries/{pk}/kpi/monthly",
    response={200: MonthlyOut, **READ_ERRORS},
    summary="An entry's monthly figures entered by hand",
)
def get_monthly(request, slug: str, pk: int):
    return _monthly_out(_entry(request, slug, pk))


@router.put(
    "/{slug}/entries/{pk}/kpi/monthly",
    response={200: MonthlyOut, **ERRORS},
    summary="Replace an entry's monthly figures (errors name the row and field)",
)
def put_monthly(request, slug: str, pk: int, payload: MonthlyIn):
    entry = _giving_data(request, slug, pk)
    domain.save_monthly(entry=entry, rows=[r.model_dump() for r in payload.rows], by=request.user)
    return _monthly_out(entry)


@router.get(
    "/{slug}/benchmark",
    response={200: BoardOut, **READ_ERRORS},
    summary="The season's benchmark: every competing entry on the board's indicators",
)
def get_benchmark(request, slug: str, group: str = "season", sort: str = ""):
    season = access.season_for(request.user, slug, "kpis.view_benchmark")
    data = domain.board(season, group=group, sort=sort)
    return {
        "group": data["group"],
        "sort": data["sort"],
        "columns": list(data["columns"]),
        "min_peers": data["min_peers"],
        "rows": [
            {
                "entry": r["entry"].pk,
                "center_name": r["entry"].center.name,
                "category": r["entry"].category_id,
                "industry": r["entry"].center.industry,
                "cells": r["cells"],
            }
            for r in data["rows"]
        ],
    }


def _policy_out(policy) -> dict:
    return {name: getattr(policy, name) for name in domain.POLICY_FIELDS}


@router.get(
    "/{slug}/kpi-policy",
    response={200: PolicyOut, **READ_ERRORS},
    summary="The season's KPI policy (organizers)",
)
def get_policy(request, slug: str):
    season = access.season_for(request.user, slug, "kpis.change_policy")
    return _policy_out(domain.policy_for(season))


@router.put(
    "/{slug}/kpi-policy",
    response={200: PolicyOut, **ERRORS},
    summary="Change the season's KPI policy (organizers); fields left out keep their value",
)
def put_policy(request, slug: str, payload: PolicyIn):
    season = access.season_for(request.user, slug, "kpis.change_policy")
    values = payload.model_dump(exclude_none=True)
    return _policy_out(domain.save_policy(season=season, values=values, by=request.user))
