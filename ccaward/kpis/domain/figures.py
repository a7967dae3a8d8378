"""Figures an entry reports itself (the application form's indicator table, or
typed on the KPI page), and their check against the figures computed from the
records."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import pgettext

from ccaward.core import audit
from ccaward.engine.indicators import INDICATORS
from ccaward.kpis.domain.policy import policy_for
from ccaward.kpis.labels import SECONDS
from ccaward.kpis.models import ReportedFigure
from ccaward.kpis.rules import DATA_STAGES
from ccaward.seasons import gates

# indicators the records cannot give: the application form reports them
# (its indicator table, copied to ReportedFigure on submission)
FORM_INDICATORS = tuple(k for k, i in INDICATORS.items() if i.source == "form")
# the indicators of the form's indicator table that the records can verify
REPORTABLE = tuple(k for k, i in INDICATORS.items() if i.reported and i.source == "records")


def reported_values(entries, keys=FORM_INDICATORS) -> dict[int, dict[str, float]]:
    """The figures the entries reported for `keys`: {entry id: {key: value}}."""
    out: dict[int, dict[str, float]] = {}
    for entry_id, key, value in ReportedFigure.objects.filter(
        entry__in=[e.pk for e in entries], key__in=keys
    ).values_list("entry_id", "key", "value"):
        out.setdefault(entry_id, {})[key] = value
    return out


@transaction.atomic
def save_reported(*, entry, values: dict, by, source: str = "manual") -> None:
    """Store reported figures (rates as fractions, times in seconds); a None value
    removes the figure.

    Needs data collection or benchmarking open (an organizer passes a closed
    stage; the audit event says so). Side effects: ReportedFigure rows, an audit
    event. Raises StageClosed, or ValidationError naming a key that is not reportable.
    """
    note = gates.require_open(entry.season, *DATA_STAGES, by=by)
    for key in values:
        if key not in REPORTABLE:
            raise ValidationError({key: pgettext("validation", "Not a reportable indicator.")})
    for key, value in values.items():
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
        data={**values, "center": entry.center.name, **({"note": note} if note else {})},
    )


@transaction.atomic
def save_form_figures(*, entry, figures: dict, by) -> dict[str, float]:
    """Copy the figures of the application form's indicator table (engine units:
    rates as fractions, times in seconds) to the entry's reported figures.

    A figure entered on the KPI page wins: the form does not overwrite it. Not
    stage-gated: the figures come with the application form, which has its own.
    Side effects: ReportedFigure rows (source: the form); an audit event when a
    figure changed. Returns the figures written. Raises ValidationError for a key
    that is not an indicator the form reports.
    """
    unknown = sorted(k for k in figures if k not in INDICATORS or not INDICATORS[k].reported)
    if unknown:
        raise ValidationError(
            {k: pgettext("validation", "Not a reportable indicator.") for k in unknown}
        )
    existing = {f.key: f for f in ReportedFigure.objects.filter(entry=entry, key__in=figures)}
    written: dict[str, float] = {}
    for key, value in figures.items():
        old = existing.get(key)
        if old is not None and old.source == ReportedFigure.Source.MANUAL:
            continue  # a figure entered on the KPI page wins
        if old is not None and old.value == float(value):
            continue
        ReportedFigure.objects.update_or_create(
            entry=entry,
            key=key,
            defaults={
                "value": float(value),
                "source": ReportedFigure.Source.FORM,
                "updated_at": timezone.now(),
            },
        )
        written[key] = float(value)
    if written:
        audit.record(
            actor=by,
            action="kpi.form_figures",
            season=entry.season,
            obj=entry,
            summary=entry.center.name,
            data={
                "figures": written,
                "kept": sorted(
                    k for k, f in existing.items() if f.source == ReportedFigure.Source.MANUAL
                ),
            },
        )
    return written


def verification(entry, result, policy=None) -> list[dict]:
    """Each reported figure beside the computed one, flagged beyond the tolerance.

    Rates (fractions): the gap in percentage points is compared with the policy's
    tolerance. Times: the gap relative to the computed figure, in percent, is compared
    with the same number. A figure the records cannot give is shown unflagged.
    """
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
