"""KPI data collection: accept an upload, compute its indicators, store them.

The computation itself is the engine's (ccaward.engine.interactions / kpi),
the same code `ccaward kpi compute` runs.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import pgettext

from ccaward.applications import files
from ccaward.core import audit, jobs
from ccaward.engine import benchmark, interactions, kpi
from ccaward.kpis.models import InteractionUpload, KpiPolicy, KpiResult, ReportedFigure

DUCKDB_MEMORY_LIMIT = "1GB"


def policy_for(season) -> KpiPolicy:
    policy, _ = KpiPolicy.objects.get_or_create(season=season)
    return policy


@transaction.atomic
def accept_upload(
    *, entry, uploaded_file, mapping: str, by, agent_states=None, schedules=None
) -> InteractionUpload:
    """Store an uploaded file (already streamed to disk by Django) and queue its computation.

    Side effects: the file under MEDIA_ROOT/kpi/, an InteractionUpload, a Job and
    its queued task, an audit event. Raises ValidationError for an oversized file.
    """
    policy = policy_for(entry.season)
    if uploaded_file.size == 0:
        raise ValidationError({"file": pgettext("validation", "The file is empty.")})
    for field, f in (
        ("file", uploaded_file),
        ("agent_states", agent_states),
        ("schedules", schedules),
    ):
        if f is not None and (problem := _not_a_table(f)):
            raise ValidationError({field: problem})
    total = uploaded_file.size + sum(f.size for f in (agent_states, schedules) if f)
    if total > policy.max_upload_mb * 1024 * 1024:
        raise ValidationError(
            {
                "file": pgettext("validation", "The file is larger than %(mb)s MB.")
                % {"mb": policy.max_upload_mb}
            }
        )
    upload = InteractionUpload(
        entry=entry,
        original_name=Path(uploaded_file.name).name[:255],
        size=uploaded_file.size,
        mapping=mapping,
        uploaded_by=by,
    )
    upload.full_clean(exclude=["file"])
    upload.file.save(Path(uploaded_file.name).name, uploaded_file, save=False)
    if agent_states is not None:
        upload.agent_states_file.save(Path(agent_states.name).name, agent_states, save=False)
    if schedules is not None:
        upload.schedules_file.save(Path(schedules.name).name, schedules, save=False)
    upload.save()
    upload.job = jobs.start(
        task="ccaward.kpis.tasks.compute_upload_task",
        kind="kpi",
        season=entry.season,
        requested_by=by,
        title=pgettext("job", "Compute indicators: %(name)s") % {"name": upload.original_name},
        upload_id=upload.pk,
    )
    upload.save(update_fields=["job"])
    audit.record(
        actor=by,
        action="kpi.uploaded",
        season=entry.season,
        obj=upload,
        summary=f"{entry.center.name}: {upload.original_name}",
        data={"size": upload.size, "mapping": mapping},
    )
    return upload


# the kinds (by content, ``applications.files.sniff``) each file name may hold;
# any other name is read as CSV, which is text (no NUL byte in its first 8 KiB)
_EXPECTED = {
    ".parquet": ("parquet",),
    ".pq": ("parquet",),
    ".xlsx": ("xlsx", "xlsm"),
    ".xlsm": ("xlsx", "xlsm"),
    ".xls": ("xls",),
}


def _not_a_table(uploaded) -> str:
    """Why an uploaded file is not CSV, Excel or Parquet by its content ('' when it is)."""
    name = Path(uploaded.name).name
    suffix = Path(name).suffix.lower()
    kind = files.sniff(uploaded)
    if suffix in _EXPECTED:
        if kind in _EXPECTED[suffix]:
            return ""
        return pgettext("validation", "%(name)s is not a %(kind)s file by its content.") % {
            "name": name,
            "kind": suffix.lstrip(".").upper(),
        }
    uploaded.seek(0)
    head = uploaded.read(8192)
    uploaded.seek(0)
    binary = b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff"))
    if kind is not None or binary:
        return pgettext(
            "validation",
            "%(name)s is not a text CSV file by its content (it holds binary data); "
            "upload CSV, Excel or Parquet.",
        ) % {"name": name}
    return ""


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
        memory_limit=DUCKDB_MEMORY_LIMIT,
        temp_directory=str(settings.VAR_DIR / "duckdb"),
        **params,
    )


def compute_upload(
    upload: InteractionUpload, report=lambda done, total, message="": None
) -> KpiResult:
    """Load the upload's records into DuckDB and compute the season's indicators.

    Side effects: a KpiResult replacing the upload's earlier one; the upload's
    status and load report; an audit event. Raises UploadRefused (a ValueError whose
    message names no server path) when a file is refused: the upload is marked failed
    with which input it was and the report.
    """
    policy = policy_for(upload.entry.season)
    params = policy.engine_params()
    mapping = interactions.MAPPINGS_DIR / f"{upload.mapping}.yaml"
    con = duckdb.connect()
    try:
        kpi.configure(
            con, memory_limit=DUCKDB_MEMORY_LIMIT, temp_directory=str(settings.VAR_DIR / "duckdb")
        )
        report(0, 4, pgettext("job", "Reading and checking the records"))
        inputs = [("records", upload.file, interactions.load, {"mapping": mapping})]
        if upload.agent_states_file:
            inputs.append(
                ("agent_states", upload.agent_states_file, interactions.load_agent_states, {})
            )
        if upload.schedules_file:
            inputs.append(("schedules", upload.schedules_file, interactions.load_schedules, {}))
        loaded = {}
        for which, stored, load, options in inputs:
            try:
                loaded[which] = load(con, [stored.path], policy=policy.bad_rows, **options)
            except interactions.LoadError as exc:
                message = _named(str(exc), stored)
                raise _refuse(upload, which, exc.report.as_dict(), stored, message) from exc
        report(1, 4, pgettext("job", "Whole period"))
        totals = _rows(con, ("center",), params)
        if len(totals) != 1:
            message = pgettext(
                "validation",
                "The file holds %(n)s contact centers; upload one center's records.",
            ) % {"n": len(totals)}
            raise _refuse(upload, "records", {}, upload.file, message)
        report(2, 4, pgettext("job", "Day by day"))
        daily = _rows(con, ("day",), params)
        report(3, 4, pgettext("job", "Intraday profile"))
        intraday = _rows(con, ("interval30",), params)
        staffing = kpi.staffing_intervals(con) if upload.agent_states_file else []
    finally:
        con.close()
    figures = {k: v for k, v in totals[0].items() if k in kpi.INDICATORS}
    figures["staffing_efficiency"] = (
        benchmark.staffing_efficiency(
            # an interval whose calls were all abandoned has no AHT of its own: the
            # period's AHT stands in, so that understaffing there still counts
            intervals=[
                (calls, 1800, aht if aht is not None else figures["aht_s"], agents)
                for _slot, calls, aht, agents in staffing
            ],
            sl_seconds=policy.sl_seconds,
            target=float(policy.sl_target),
        )
        if staffing and figures.get("aht_s")
        else None
    )
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
            summary=f"{upload.entry.center.name}: {figures.get('offered')} offered",
            data={"upload": upload.pk, "params": params},
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


# ---- benchmarking -----------------------------------------------------------

PEER_GROUPS = ("season", "category", "industry", "seats")


def peer_group_label(group: str) -> str:
    return {
        "season": pgettext("peer group", "Whole season"),
        "category": pgettext("peer group", "Same category"),
        "industry": pgettext("peer group", "Same industry"),
        "seats": pgettext("peer group", "Same seat-size band"),
    }[group]


def _peer_key(entry, group: str):
    return {
        "season": lambda e: e.season_id,
        "category": lambda e: e.category_id,
        "industry": lambda e: e.center.industry,
        "seats": lambda e: e.center.seat_band,
    }[group](entry)


def _competing(season):
    from ccaward.applications.enums import COMPETING
    from ccaward.applications.models import Entry

    return list(
        Entry.objects.filter(season=season, status__in=COMPETING).select_related(
            "center", "category"
        )
    )


def peer_values(season, group: str, entry=None) -> tuple[list, dict]:
    """The competing entries of the peer group (of `entry`, or all when None) and
    their newest results: (entries, {entry id: KpiResult})."""
    if group not in PEER_GROUPS:
        raise ValidationError({"group": pgettext("validation", "Unknown peer group.")})
    peers = _competing(season)
    if entry is not None:
        if entry.pk not in {p.pk for p in peers}:
            peers.append(entry)
        key = _peer_key(entry, group)
        peers = [p for p in peers if _peer_key(p, group) == key]
    return peers, latest_results(peers)


# indicators the records cannot give: the application form reports them
# (its indicator table, copied to ReportedFigure on submission)
FORM_INDICATORS = ("attrition_rate",)
# what an entry's KPI page shows: the engine's indicators, staffing efficiency, and
# the form's figures that the framework scores
SHOWN = (*kpi.INDICATORS, "staffing_efficiency", *FORM_INDICATORS)


def reported_values(entries, keys=FORM_INDICATORS) -> dict[int, dict[str, float]]:
    """The figures the entries reported for `keys`: {entry id: {key: value}}."""
    out: dict[int, dict[str, float]] = {}
    for entry_id, key, value in ReportedFigure.objects.filter(
        entry__in=[e.pk for e in entries], key__in=keys
    ).values_list("entry_id", "key", "value"):
        out.setdefault(entry_id, {})[key] = value
    return out


def _figure(key: str, entry_id: int, results: dict, reported: dict):
    if key in FORM_INDICATORS:
        return reported.get(entry_id, {}).get(key)
    result = results.get(entry_id)
    return result.figures.get(key) if result is not None else None


def heat_class(percentile: float | None) -> int | None:
    """0..9: the decile of a percentile, for the heat-map colours."""
    return None if percentile is None else min(9, int(percentile // 10))


class EntryBenchmark:
    """An entry's indicators against its peer group (engine.benchmark.position)."""

    def __init__(self, *, entry, result, group: str, rows, target, distribution):
        self.entry, self.result, self.group = entry, result, group
        self.rows, self.target, self.distribution = rows, target, distribution

    @property
    def group_label(self) -> str:
        return peer_group_label(self.group)


def entry_benchmark(entry, result, group: str = "season") -> EntryBenchmark:
    """Position of the entry on every scored indicator within its peer group."""
    from ccaward.kpis.labels import LABELS

    policy = policy_for(entry.season)
    tables = thresholds_for(entry.season)
    peers, results = peer_values(entry.season, group, entry)
    results[entry.pk] = result
    reported = reported_values(peers)
    rows = []
    distribution = None
    for key in SHOWN:
        ind = benchmark.INDICATORS.get(key)
        values = {str(p.pk): _figure(key, p.pk, results, reported) for p in peers}
        pos = benchmark.indicator_position(
            key, str(entry.pk), values, min_peers=policy.min_peers, thresholds=tables.get(key)
        )
        rows.append(
            {
                "key": key,
                "indicator": ind,
                "position": pos,
                "value": _figure(key, entry.pk, results, reported),
                "heat": heat_class(pos.percentile),
            }
        )
        if key == "service_level" and pos.stats is not None and pos.value is not None:
            distribution = (pos, str(LABELS[key]), 100)
    return EntryBenchmark(
        entry=entry,
        result=result,
        group=group,
        rows=rows,
        target=policy.sl_target,
        distribution=distribution,
    )


def board(season, *, group: str = "season", sort: str = "") -> dict:
    """Every competing entry with a result, its values and percentiles on the board's
    indicators, within the chosen peer group (a percentile per group of its own)."""
    from ccaward.kpis.labels import BOARD

    policy = policy_for(season)
    tables = thresholds_for(season)
    entries, results = peer_values(season, group)
    entries = [e for e in entries if e.pk in results]
    reported = reported_values(entries)
    groups: dict = {}
    for e in entries:
        groups.setdefault(_peer_key(e, group), []).append(e)
    rows = []
    for e in entries:
        peers = groups[_peer_key(e, group)]
        cells = []
        for key in BOARD:
            values = {str(p.pk): _figure(key, p.pk, results, reported) for p in peers}
            pos = benchmark.indicator_position(
                key, str(e.pk), values, min_peers=policy.min_peers, thresholds=tables.get(key)
            )
            cells.append(
                {
                    "key": key,
                    "value": pos.value,
                    "percentile": pos.percentile,
                    "heat": heat_class(pos.percentile),
                    "score": pos.score,
                }
            )
        rows.append({"entry": e, "result": results[e.pk], "cells": cells})
    if sort in BOARD:
        i = BOARD.index(sort)
        rows.sort(key=lambda r: _better_first(sort, r["cells"][i]))
    else:
        rows.sort(key=lambda r: r["entry"].center.name)
    return {
        "rows": rows,
        "columns": BOARD,
        "group": group,
        "groups": PEER_GROUPS,
        "min_peers": policy.min_peers,
        "group_labels": {g: peer_group_label(g) for g in PEER_GROUPS},
        "sort": sort,
    }


def _better_first(key: str, cell: dict) -> tuple:
    """Sort key: by percentile (best first); without one, by the value in the better
    direction (a small group has values but no percentiles); missing values last."""
    ind = benchmark.INDICATORS[key]
    value = cell["value"]
    if value is None:
        return (2, 0.0)
    if cell["percentile"] is not None:
        return (0, -cell["percentile"], -value if ind.direction != "lower" else value)
    if ind.direction == "lower":
        return (1, value)
    if ind.direction == "band" and ind.band is not None:
        return (1, ind.band.distance(value))
    return (1, -value)


@transaction.atomic
def save_policy(*, form, by) -> KpiPolicy:
    """Side effects: the KpiPolicy row, an audit event with the changed fields."""
    policy = form.save()
    audit.record(
        actor=by,
        action="kpi.policy_changed",
        season=policy.season,
        obj=policy,
        data={f: str(form.cleaned_data[f]) for f in form.changed_data},
    )
    return policy


# ---- self-reported figures against computed ones -----------------------------

# the indicators of the form's indicator table that the records can verify
REPORTABLE = ("abandon_rate", "aht_s", "acw_s", "fcr_rate", "occupancy")


@transaction.atomic
def save_reported(*, entry, values: dict, by, source: str = "manual") -> None:
    """Store reported figures (rates as fractions, times in seconds); a None value
    removes the figure. Side effects: ReportedFigure rows, an audit event."""
    from ccaward.kpis.models import ReportedFigure

    for key, value in values.items():
        if key not in REPORTABLE:
            raise ValidationError({key: pgettext("validation", "Not a reportable indicator.")})
        if value is None:
            ReportedFigure.objects.filter(entry=entry, key=key).delete()
        else:
            ReportedFigure.objects.update_or_create(
                entry=entry,
                key=key,
                defaults={"value": float(value), "source": source, "updated_at": timezone.now()},
            )
    audit.record(
        actor=by,
        action="kpi.reported",
        season=entry.season,
        obj=entry,
        summary=entry.center.name,
        data=dict(values),
    )


def verification(entry, result, policy=None) -> list[dict]:
    """Each reported figure beside the computed one, flagged beyond the tolerance.

    Rates (fractions): the gap in percentage points is compared with the policy's
    tolerance. Times: the gap relative to the computed figure, in percent, is compared
    with the same number. A figure the records cannot give is shown unflagged.
    """
    from ccaward.kpis.labels import SECONDS

    policy = policy or policy_for(entry.season)
    tolerance = float(policy.tolerance_points)
    rows = []
    for fig in entry.reported.all():
        computed = result.figures.get(fig.key) if result else None
        gap = flagged = None
        if computed is not None:
            if fig.key in SECONDS:
                gap = 100 * (fig.value - computed) / computed if computed else None
            else:
                gap = 100 * (fig.value - computed)
            flagged = gap is not None and abs(gap) > tolerance
        rows.append(
            {
                "key": fig.key,
                "reported": fig.value,
                "computed": computed,
                "gap": gap,
                "flagged": flagged,
                "unit": "%" if fig.key in SECONDS else "pp",
                "source": fig.get_source_display(),
            }
        )
    order = {k: i for i, k in enumerate(REPORTABLE)}
    return sorted(rows, key=lambda r: order.get(r["key"], 99))


# ---- threshold tables ---------------------------------------------------------


def _typed_unit(key: str) -> float:
    """People type rates in percent; the engine keeps fractions."""
    return 100.0 if benchmark.INDICATORS[key].unit == "fraction" else 1.0


def parse_threshold_text(key: str, text: str) -> list[list[float]]:
    """Lines of "threshold score" (a space, comma, colon or tab between them) into
    engine rows, validated by the engine. Errors name the line."""
    if key not in benchmark.INDICATORS or benchmark.INDICATORS[key].direction is None:
        raise ValidationError({"key": pgettext("validation", "This indicator is not scored.")})
    scale = _typed_unit(key)
    rows = []
    lines = [(n, ln.strip()) for n, ln in enumerate(text.splitlines(), start=1) if ln.strip()]
    for n, line in lines:
        parts = line.replace(",", " ").replace(":", " ").replace("\t", " ").split()
        try:
            threshold, score = (float(p) for p in parts)
        except ValueError:
            raise ValidationError(
                {
                    "rows": pgettext(
                        "validation", "Line %(n)s: write a threshold and a score, e.g. “80 60”."
                    )
                    % {"n": n}
                }
            ) from None
        rows.append([threshold / scale, score])
    try:
        benchmark.ThresholdTable(tuple(rows), direction=benchmark.INDICATORS[key].direction)
    except benchmark.ThresholdError as exc:
        n = lines[exc.row][0] if exc.row is not None else None
        templates = {
            "too_few": pgettext("validation", "A threshold table needs at least two lines."),
            "score": pgettext(
                "validation", "Line %(n)s: the score must be a number from 0 to 100."
            ),
            "increasing": pgettext(
                "validation",
                "Line %(n)s: %(value)g after %(previous)g; the values must rise from the worst line to the best.",
            ),
            "decreasing": pgettext(
                "validation",
                "Line %(n)s: %(value)g after %(previous)g; the values must fall from the worst line to the best.",
            ),
        }
        template = templates.get(exc.code, pgettext("validation", "Line %(n)s: %(message)s"))
        params = {"n": n, "message": str(exc), **{k: v * scale for k, v in exc.params.items()}}
        raise ValidationError({"rows": template % params}) from None
    return rows


@transaction.atomic
def save_thresholds(*, season, key: str, text: str, by):
    """Set (or, with empty text, remove) an indicator's threshold table.

    Side effects: the KpiThreshold row, an audit event.
    """
    from ccaward.kpis.models import KpiThreshold

    if not text.strip():
        KpiThreshold.objects.filter(season=season, key=key).delete()
        audit.record(actor=by, action="kpi.thresholds_removed", season=season, summary=key)
        return None
    rows = parse_threshold_text(key, text)
    obj, _ = KpiThreshold.objects.update_or_create(
        season=season, key=key, defaults={"rows": rows, "updated_at": timezone.now()}
    )
    audit.record(
        actor=by,
        action="kpi.thresholds_set",
        season=season,
        obj=obj,
        summary=key,
        data={"rows": rows},
    )
    return obj


def thresholds_for(season) -> dict:
    """{indicator key: engine ThresholdTable} of the season."""
    return {
        t.key: benchmark.ThresholdTable(
            tuple(map(tuple, t.rows)), direction=benchmark.INDICATORS[t.key].direction
        )
        for t in season.kpi_thresholds.all()
    }


def threshold_text(key: str, rows) -> str:
    scale = _typed_unit(key)
    return "\n".join(f"{t * scale:g} {s:g}" for t, s in rows)


# ---- indicators into the framework ---------------------------------------------


def framework_evidence(entry, bench) -> list[dict]:
    """The KPI evidence each indicator-based criterion of the season's framework
    receives from this entry's scores (engine.benchmark.criterion_evidence)."""
    version = entry.season.current_framework()
    if version is None or bench is None:
        return []
    framework = version.to_engine()
    scores = {r["key"]: r["position"].score for r in bench.rows}
    evidence = benchmark.criterion_evidence(framework, scores)
    out = []
    for dim, crit, _parent in framework.criteria():
        if crit.evidence.get("kpi", 0) > 0 and crit.indicator:
            out.append(
                {
                    "dimension": dim,
                    "criterion": crit,
                    "indicator": crit.indicator,
                    "kpi_weight": crit.evidence["kpi"],
                    "score": evidence.get(crit.code, {}).get("kpi"),
                }
            )
    return out


# ---- monthly figures entered by hand -------------------------------------------


@transaction.atomic
def save_monthly(*, entry, formset, by) -> KpiResult | None:
    """Save the month rows and recompute the entry's monthly figures from them
    (engine.kpi.from_monthly); a result from interaction records, when there is one,
    still wins (see latest_results).

    Side effects: MonthlyFigure rows, a KpiResult (replacing the previous monthly
    one), an audit event.
    """
    for form in formset.forms:
        if form.instance.pk is None:
            form.instance.entry = entry
    formset.save()
    rows = list(entry.monthly.order_by("month"))
    KpiResult.objects.filter(entry=entry, upload__isnull=True).delete()
    audit.record(
        actor=by,
        action="kpi.monthly_saved",
        season=entry.season,
        obj=entry,
        summary=entry.center.name,
        data={"months": [f"{r.month:%Y-%m}" for r in rows]},
    )
    if not rows:
        return None
    data = [
        {
            "offered": r.offered,
            "answered": r.answered,
            "abandoned": r.abandoned,
            "answered_within_sl": r.answered_within_sl,
            "aht_s": r.aht_s,
            "month": f"{r.month:%Y-%m}",
        }
        for r in rows
    ]
    figures = kpi.from_monthly(data)
    policy = policy_for(entry.season)
    return KpiResult.objects.create(
        entry=entry,
        upload=None,
        params={"source": "monthly", "sl_seconds": policy.sl_seconds},
        figures=figures,
        monthly=data,
        period_start=rows[0].month,
        period_end=rows[-1].month,
        computed_at=timezone.now(),
    )
