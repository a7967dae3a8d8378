"""What a judge scores: the criteria of a framework version that take a judge's
evidence (专家评分), by dimension, and the version in force in a season."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import pgettext

from ccaward.seasons.models import Criterion, Dimension


def version_in_force(season):
    """The season's framework version in force (the newest: judging freezes it, and
    a change after that is a new version); ValidationError when it has none."""
    version = season.current_framework()
    if version is None:
        raise ValidationError(pgettext("validation", "The season has no evaluation framework."))
    return version


def scored_criteria(version) -> list[tuple[Dimension, list[Criterion]]]:
    """Each dimension of `version` with its criteria that take a judge's score (a
    criterion before its sub-items), in the framework's order; dimensions without
    any are left out."""
    dims = list(version.dimensions.all())
    crits = sorted(
        Criterion.objects.filter(dimension__framework=version, evidence_judge__gt=0),
        key=lambda c: (c.position, c.pk),
    )
    out = []
    for dim in dims:
        mine = [c for c in crits if c.dimension_id == dim.pk]
        ordered = []
        for crit in (c for c in mine if c.parent_id is None):
            ordered.append(crit)
            ordered += [c for c in mine if c.parent_id == crit.pk]
        ordered += [c for c in mine if c.parent_id and c not in ordered]
        if ordered:
            out.append((dim, ordered))
    return out


def criteria_by_code(version) -> dict[str, Criterion]:
    return {c.code: c for _dim, crits in scored_criteria(version) for c in crits}


def dimension_codes(version) -> dict[str, Dimension]:
    return {d.code: d for d, _crits in scored_criteria(version)}
