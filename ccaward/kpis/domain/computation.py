"""Computing an upload's indicators: load its files with the engine's readers into a
connection of the SQL seam (engine.sql), compute the season's indicators (the same
code `ccaward kpi compute` runs) and store them as the entry's result."""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import pgettext

from ccaward.core import audit
from ccaward.engine import benchmark, interactions, kpi, mappings
from ccaward.engine.sql import dialect as db
from ccaward.kpis.domain.policy import policy_for
from ccaward.kpis.models import InteractionUpload, KpiResult

MEMORY_LIMIT = "1GB"  # beyond it, the engine spills to disk


class UploadRefused(ValueError):
    """An upload's files were refused; the message is for the applicant (no paths)."""

    for_users = True  # core.jobs shows the message on the job as it is


def _shown_name(stored) -> str:
    """The name the file was uploaded with (``upload_path`` adds a time prefix)."""
    name = Path(stored.name).name
    prefix, _, rest = name.partition("-")
    return rest if len(prefix) == 14 and prefix.isdigit() and rest else name


def _named(text: str, stored) -> str:
    """``text`` with the stored file's server path replaced by its uploaded name."""
    return text.replace(stored.path, _shown_name(stored))


def _refuse(upload, which: str, report: dict, stored, message: str) -> UploadRefused:
    """Mark ``upload`` failed (which input was refused, its report with file names,
    not server paths, and ``message``); the error to raise, with the same message."""
    name = _shown_name(stored)
    for issue in report.get("issues", []):
        if issue.get("file"):
            issue["file"] = name
    report["files"] = [name]
    upload.status = InteractionUpload.Status.FAILED
    upload.report = {**report, "input": which}
    upload.error = message
    upload.save(update_fields=["status", "error", "report"])
    return UploadRefused(message)


def _rows(con, by, params) -> list[dict]:
    return kpi.compute(
        con,
        by=by,
        memory_limit=MEMORY_LIMIT,
        temp_directory=str(settings.VAR_DIR / "duckdb"),
        **params,
    )


def _stored_files(upload) -> list:
    return [f for f in (upload.file, upload.agent_states_file, upload.schedules_file) if f]


def _load_inputs(con, upload, policy, scratch: str) -> dict:
    """Read the upload's files into `con`: {input: load report}. A refused file
    marks the upload failed and raises UploadRefused; so do records that all fall
    outside the season's period."""
    mapping = upload.mapping_spec or mappings.path_of(upload.mapping)
    period = policy.period()
    inputs = [("records", upload.file, interactions.load, {"mapping": mapping, "period": period})]
    if upload.agent_states_file:
        inputs.append(
            ("agent_states", upload.agent_states_file, interactions.load_agent_states, {})
        )
    if upload.schedules_file:
        inputs.append(("schedules", upload.schedules_file, interactions.load_schedules, {}))
    loaded = {}
    for which, stored, load, options in inputs:
        try:
            loaded[which] = load(
                con, [stored.path], policy=policy.bad_rows, scratch=scratch, **options
            )
        except interactions.LoadError as exc:
            message = _named(str(exc), stored)
            raise _refuse(upload, which, exc.report.as_dict(), stored, message) from exc
    records = loaded["records"]
    if records.rows_read == 0 and records.rows_outside:
        raise _refuse(upload, "records", records.as_dict(), upload.file, _all_outside(records))
    return loaded


def _all_outside(report) -> str:
    params = report.notices[0].params
    return pgettext(
        "validation",
        "None of the records falls within the season's period %(start)s – %(end)s: "
        "they arrived %(found_start)s – %(found_end)s.",
    ) % {
        "start": params["period_start"],
        "end": params["period_end"],
        "found_start": min(n.params["found_start"] for n in report.notices if n.params),
        "found_end": max(n.params["found_end"] for n in report.notices if n.params),
    }


def _staffing_efficiency(staffing, figures: dict, policy) -> float | None:
    if not staffing or not figures.get("aht_s"):
        return None
    return benchmark.staffing_efficiency(
        # an interval whose calls were all abandoned has no AHT of its own: the
        # period's AHT stands in, so that understaffing there still counts
        intervals=[
            (calls, 1800, aht if aht is not None else figures["aht_s"], agents)
            for _slot, calls, aht, agents in staffing
        ],
        sl_seconds=policy.sl_seconds,
        target=float(policy.sl_target),
    )


def _compute(upload, policy, params: dict, report) -> tuple[dict, dict, list, list]:
    """(load reports, whole-period figures, daily rows, intraday rows) of the upload."""
    spill = settings.VAR_DIR / "duckdb"
    spill.mkdir(parents=True, exist_ok=True)
    scratch = tempfile.mkdtemp(prefix="ccaward-upload-", dir=spill)
    con = db.connect()
    try:
        kpi.configure(con, memory_limit=MEMORY_LIMIT, temp_directory=str(spill))
        # from here on the connection reaches the upload's files and its scratch only
        db.confine(con, paths=[f.path for f in _stored_files(upload)], directories=[scratch])
        report(0, 4, "Reading and checking the records")
        loaded = _load_inputs(con, upload, policy, scratch)
        report(1, 4, "Whole period")
        totals = _rows(con, ("center",), params)
        if len(totals) != 1:
            message = pgettext(
                "validation",
                "The file holds %(n)s contact centers; upload one center's records.",
            ) % {"n": len(totals)}
            raise _refuse(upload, "records", {}, upload.file, message)
        report(2, 4, "Day by day")
        daily = _rows(con, ("day",), params)
        report(3, 4, "Intraday profile")
        intraday = _rows(con, ("interval30",), params)
        staffing = kpi.staffing_intervals(con) if upload.agent_states_file else []
    finally:
        con.close()
        shutil.rmtree(scratch, ignore_errors=True)
    figures = {k: v for k, v in totals[0].items() if k in kpi.INDICATORS}
    figures["staffing_efficiency"] = _staffing_efficiency(staffing, figures, policy)
    return loaded, figures, daily, intraday


def compute_upload(
    upload: InteractionUpload, report=lambda done, total, message="": None
) -> KpiResult:
    """Load the upload's records and compute the season's indicators.

    Side effects: a KpiResult replacing the upload's earlier one; the upload's
    status and load report; an audit event. Raises UploadRefused (a ValueError whose
    message names no server path) when a file is refused: the upload is marked failed
    with which input it was and the report.
    """
    policy = policy_for(upload.entry.season)
    params = policy.engine_params()
    loaded, figures, daily, intraday = _compute(upload, policy, params, report)
    days = [dt.date.fromisoformat(r["day"]) for r in daily if r.get("day")]
    with transaction.atomic():
        KpiResult.objects.filter(upload=upload).delete()
        result = KpiResult.objects.create(
            entry=upload.entry,
            upload=upload,
            params=params,
            figures=figures,
            daily=daily,
            intraday=intraday,
            period_start=min(days) if days else None,
            period_end=max(days) if days else None,
            computed_at=timezone.now(),
        )
        upload.status = InteractionUpload.Status.DONE
        upload.report = loaded["records"].as_dict()
        upload.error = ""
        upload.save(update_fields=["status", "report", "error"])
        audit.record(
            actor=None,
            action="kpi.computed",
            season=upload.entry.season,
            obj=result,
            summary=upload.entry.center.name,
            data={
                "upload": upload.pk,
                "params": params,
                "center": upload.entry.center.name,
                "offered": int(figures.get("offered") or 0),
            },
        )
    report(4, 4, "")
    return result


def latest_results(entries) -> dict[int, KpiResult]:
    """The result each entry is measured by (one query)."""
    out: dict[int, KpiResult] = {}
    # records win over monthly figures entered by hand; the newest upload wins
    ordered = KpiResult.objects.filter(entry__in=entries).order_by(
        "entry_id", F("upload_id").desc(nulls_last=True), "-computed_at"
    )
    for r in ordered:
        out.setdefault(r.entry_id, r)
    return out
