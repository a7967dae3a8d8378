"""The framework as a document, for those who read it and do not edit it
(applicants, judges, mystery shoppers): dimensions with their weights and
descriptions, criteria with how each is scored and from which indicator."""

from __future__ import annotations

from django.shortcuts import render
from django.utils.translation import get_language, pgettext

from ccaward.engine import framework as engine
from ccaward.engine.indicators import INDICATORS
from ccaward.seasons.enums import JUDGING_STAGE
from ccaward.seasons.models import Criterion


def _evidence(criterion) -> list[tuple[str, str]]:
    """(kind, share %) of each kind of evidence the criterion is scored from."""
    names = {
        "evidence_judge": pgettext("evidence", "Judges"),
        "evidence_kpi": pgettext("evidence", "KPI benchmark"),
        "evidence_mystery": pgettext("evidence", "Mystery calls"),
    }
    return [
        (label, engine.fmt(getattr(criterion, f)))
        for f, label in names.items()
        if getattr(criterion, f)
    ]


def document_rows(version) -> list[dict]:
    """Each dimension with its criteria (sub-items after their parent), readable."""
    language = get_language()
    crits = list(Criterion.objects.filter(dimension__framework=version).order_by("position", "id"))
    rows = []
    for dim in version.dimensions.all():
        mine = [c for c in crits if c.dimension_id == dim.pk]
        items = []
        for top in (c for c in mine if c.parent_id is None):
            children = [c for c in mine if c.parent_id == top.pk]
            items.append(
                {**_item(top, language), "children": [_item(c, language) for c in children]}
            )
        rows.append({"dim": dim, "weight": engine.fmt(dim.weight), "criteria": items})
    return rows


def _item(criterion, language) -> dict:
    indicator = INDICATORS.get(criterion.indicator) if criterion.indicator else None
    return {
        "crit": criterion,
        "evidence": _evidence(criterion),
        "indicator": indicator.name(language) if indicator else "",
    }


def render_document(request, season, version):
    judging = next((s for s in season.stages.all() if s.kind == JUDGING_STAGE), None)
    return render(
        request,
        "seasons/framework_read.html",
        {
            "season": season,
            "version": version,
            "versions": season.framework_versions.all(),
            "rows": document_rows(version),
            "judging": judging,
            "can_edit": False,
        },
    )
