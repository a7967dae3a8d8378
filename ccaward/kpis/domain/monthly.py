"""Monthly totals entered by hand by a center without interaction records, and
the figures computed from them (engine.kpi.from_monthly)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import pgettext

from ccaward.core import audit
from ccaward.engine import kpi
from ccaward.kpis.domain.policy import policy_for
from ccaward.kpis.models import KpiResult, MonthlyFigure
from ccaward.kpis.rules import DATA_STAGES
from ccaward.seasons import gates

MONTH_FIELDS = ("month", "offered", "answered", "abandoned", "answered_within_sl", "aht_s")
MAX_MONTHS = 24


def _month(value) -> dt.date:
    """A month as the first day of it, from a date or "YYYY-MM"."""
    if isinstance(value, dt.date):
        return value.replace(day=1)
    try:
        return dt.datetime.strptime(str(value).strip(), "%Y-%m").date()
    except ValueError:
        raise ValidationError(
            pgettext("validation", "Write the month as YYYY-MM, e.g. 2026-08.")
        ) from None


def _clean_row(row: dict) -> dict:
    """One month's values checked and typed: {field: value}. Raises a ValidationError
    whose dict names the fields."""
    errors: dict[str, list[str]] = {}
    out: dict = {}
    for name in MONTH_FIELDS:
        value = row.get(name)
        try:
            if name == "month":
                out[name] = _month(value)
            elif name == "aht_s" and value in (None, ""):
                out[name] = None
            else:
                out[name] = MonthlyFigure._meta.get_field(name).clean(value, None)
        except ValidationError as exc:
            errors[name] = exc.messages
    if not errors:
        if out["answered"] + out["abandoned"] > out["offered"]:
            errors["abandoned"] = [
                pgettext("validation", "Answered and abandoned together exceed offered.")
            ]
        if out["answered_within_sl"] > out["answered"]:
            errors["answered_within_sl"] = [pgettext("validation", "More than were answered.")]
    if errors:
        raise ValidationError(errors)
    return out


def clean_rows(rows) -> list[dict]:
    """Month rows checked and typed, in month order. Errors are keyed
    "rows.<index>.<field>" (index from 0) and say "Row 3, Month: …" (from 1)."""
    rows = list(rows)
    errors: dict[str, list[str]] = {}

    def bad(i: int, field: str, messages) -> None:
        label = MonthlyFigure._meta.get_field(field).verbose_name
        errors.setdefault(f"rows.{i}.{field}", []).extend(
            pgettext("validation", "Row %(n)s, %(field)s: %(message)s")
            % {"n": i + 1, "field": label, "message": m}
            for m in messages
        )

    if len(rows) > MAX_MONTHS:
        raise ValidationError(
            {"rows": pgettext("validation", "At most %(n)s months.") % {"n": MAX_MONTHS}}
        )
    cleaned, seen = [], set()
    for i, row in enumerate(rows):
        try:
            values = _clean_row(row)
        except ValidationError as exc:
            for field, messages in exc.message_dict.items():
                bad(i, field, messages)
            values = {}
        try:
            month = values.get("month") or _month(row.get("month"))
        except ValidationError:
            continue
        if month in seen:
            bad(i, "month", [pgettext("validation", "Each month can be entered once.")])
        seen.add(month)
        cleaned.append(values)
    if errors:
        raise ValidationError(errors)
    return sorted(cleaned, key=lambda r: r["month"])


def monthly_rows(entry) -> list[dict]:
    """The months the entry has entered, in month order."""
    return [{name: getattr(m, name) for name in MONTH_FIELDS} for m in entry.monthly.all()]


@transaction.atomic
def save_monthly(*, entry, rows, by) -> KpiResult | None:
    """Replace the entry's months with `rows` (dicts of MONTH_FIELDS; the month a
    date or "YYYY-MM") and recompute its monthly figures from them
    (engine.kpi.from_monthly); a result from interaction records, when there is
    one, still wins (see latest_results).

    Needs data collection or benchmarking open (an organizer passes a closed
    stage; the audit event says so). Side effects: MonthlyFigure rows, a KpiResult
    (replacing the previous monthly one), an audit event. Raises StageClosed, or
    ValidationError per row and field (see clean_rows).
    """
    note = gates.require_open(entry.season, *DATA_STAGES, by=by)
    rows = clean_rows(rows)
    entry.monthly.exclude(month__in=[r["month"] for r in rows]).delete()
    for r in rows:
        MonthlyFigure.objects.update_or_create(
            entry=entry, month=r["month"], defaults={k: v for k, v in r.items() if k != "month"}
        )
    KpiResult.objects.filter(entry=entry, upload__isnull=True).delete()
    audit.record(
        actor=by,
        action="kpi.monthly_saved",
        season=entry.season,
        obj=entry,
        summary=entry.center.name,
        data={
            "center": entry.center.name,
            "months": [f"{r['month']:%Y-%m}" for r in rows],
            **({"note": note} if note else {}),
        },
    )
    if not rows:
        return None
    data = [
        {**{k: r[k] for k in MONTH_FIELDS if k != "month"}, "month": f"{r['month']:%Y-%m}"}
        for r in rows
    ]
    policy = policy_for(entry.season)
    return KpiResult.objects.create(
        entry=entry,
        upload=None,
        params={"source": "monthly", "sl_seconds": policy.sl_seconds},
        figures=kpi.from_monthly(data),
        monthly=data,
        period_start=rows[0]["month"],
        period_end=rows[-1]["month"],
        computed_at=timezone.now(),
    )
