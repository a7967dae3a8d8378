"""Threshold tables: an organizer's scores for an indicator's values, instead of
the percentile among peers."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import pgettext

from ccaward.core import audit
from ccaward.engine import benchmark
from ccaward.kpis.models import KpiThreshold


def _typed_unit(key: str) -> float:
    """People type rates in percent; the engine keeps fractions."""
    return 100.0 if benchmark.INDICATORS[key].unit == "fraction" else 1.0


def _line_error(exc: benchmark.ThresholdError, lines, scale: float) -> ValidationError:
    """The engine's refusal of a table, in the reader's words, naming the typed line."""
    n = lines[exc.row][0] if exc.row is not None else None
    templates = {
        "too_few": pgettext("validation", "A threshold table needs at least two lines."),
        "score": pgettext("validation", "Line %(n)s: the score must be a number from 0 to 100."),
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
    return ValidationError({"rows": template % params})


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
        raise _line_error(exc, lines, scale) from None
    return rows


@transaction.atomic
def save_thresholds(*, season, key: str, text: str, by):
    """Set (or, with empty text, remove) an indicator's threshold table.

    Side effects: the KpiThreshold row, an audit event.
    """
    if not text.strip():
        KpiThreshold.objects.filter(season=season, key=key).delete()
        audit.record(
            actor=by,
            action="kpi.thresholds_removed",
            season=season,
            summary=key,
            data={"indicator": key},
        )
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
        data={"rows": rows, "indicator": key},
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
