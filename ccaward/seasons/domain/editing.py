"""Saving a framework built in the editor: dimensions and criteria added,
removed, reordered, their names, weights, evidence shares and indicators.

The editor sends the whole framework and the fingerprint of the version it was
opened on. The save is refused with FrameworkConflict, saving nothing, when the
stored framework changed since then (another organizer saved meanwhile), so
nobody overwrites someone else's change without seeing it.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import pgettext

from ccaward.core import audit
from ccaward.core.models import AuditEvent
from ccaward.engine import framework as engine
from ccaward.engine.framework_compare import Difference, differences, fingerprint
from ccaward.seasons.domain.framework import (
    freeze_if_judging,
    new_frozen_version,
    raise_problems,
)
from ccaward.seasons.models import Criterion, Dimension, FrameworkVersion, Season

FRAMEWORK_ACTIONS = ("framework.installed", "framework.changed", "framework.new_version")


class FrameworkConflict(Exception):
    """The stored framework changed since the editor's base: `stored` is what is
    saved now (by `changed_by` at `changed_at`), `sent` what was sent, and
    `differences` how the sent one differs from the stored one."""

    def __init__(self, *, version, stored, sent, changed_by, changed_at):
        super().__init__("the framework changed since it was opened")
        self.version = version
        self.stored = stored
        self.sent = sent
        self.fingerprint = fingerprint(stored)
        self.changed_by = changed_by
        self.changed_at = changed_at
        self.differences: list[Difference] = differences(stored, sent)


def version_fingerprint(version: FrameworkVersion) -> str:
    """What an editor opened on `version` sends back as its base."""
    return f"{version.number}-{fingerprint(version.to_engine())}"


@transaction.atomic
def save_framework(
    *, season: Season, by, framework: engine.Framework, base: str | None, note: str = ""
) -> FrameworkVersion:
    """Make `framework` the season's current framework.

    `base` is `version_fingerprint` of the version the editor was opened on;
    when the stored framework is no longer that, FrameworkConflict (nothing
    saved); None skips the check. The engine validates the whole framework
    first (ValidationError listing its problems, nothing saved). Before judging
    opens the current version changes in place: its rows are matched by code,
    kept, changed, reordered, added or deleted. Once judging has opened the
    version is frozen and the change is saved as a new, frozen version, so that
    every score keeps the version it was given under.

    Side effects: Dimension and Criterion rows of the current version or a new
    FrameworkVersion with its rows; the version's freeze (freeze_if_judging);
    an audit event ("framework.changed" or "framework.new_version") listing the
    differences.
    """
    raise_problems(engine.validate(framework))
    FrameworkVersion.objects.select_for_update().filter(season=season).order_by("-number").first()
    current = freeze_if_judging(season)
    if current is None:
        raise ValidationError(pgettext("validation", "This season has no framework."))
    stored = current.to_engine()
    if base is not None and base != version_fingerprint(current):
        last = last_change(season)
        raise FrameworkConflict(
            version=current,
            stored=stored,
            sent=framework,
            changed_by=last.actor if last else None,
            changed_at=last.at if last else None,
        )
    found = differences(stored, framework)
    if not found:
        return current
    if current.is_frozen:
        version = new_frozen_version(current, by=by, note=note, framework=framework)
        action = "framework.new_version"
    else:
        version = current
        _replace_rows(version, framework)
        action = "framework.changed"
    audit.record(
        actor=by,
        action=action,
        season=season,
        obj=version,
        summary=f"v{version.number}",
        data={
            "version": version.number,
            "note": note,
            "differences": [d.as_dict() for d in found],
        },
    )
    return version


def last_change(season: Season) -> AuditEvent | None:
    """The audit event of the framework's last installation or change."""
    return (
        AuditEvent.objects.filter(season=season, action__in=FRAMEWORK_ACTIONS)
        .select_related("actor")
        .order_by("-pk")
        .first()
    )


def _replace_rows(version: FrameworkVersion, framework: engine.Framework) -> None:
    """The version's rows become `framework`'s: matched by code, the others
    deleted, new ones created."""
    dims = {d.code: d for d in version.dimensions.all()}
    crits = {c.code: c for c in Criterion.objects.filter(dimension__framework=version)}
    keep_dims, keep_crits = set(), set()
    for di, dim in enumerate(framework.dimensions):
        row = dims.get(dim.code) or Dimension(framework=version, code=dim.code)
        row.position, row.weight = di, dim.weight
        row.name_zh, row.name_en = dim.name_zh, dim.name_en
        row.description_zh, row.description_en = dim.description_zh, dim.description_en
        row.save()
        keep_dims.add(row.pk)
        for ci, crit in enumerate(dim.criteria):
            parent = _criterion_row(crits, row, crit, ci, None)
            keep_crits.add(parent.pk)
            for chi, child in enumerate(crit.children):
                keep_crits.add(_criterion_row(crits, row, child, chi, parent).pk)
    Criterion.objects.filter(dimension__framework=version).exclude(pk__in=keep_crits).delete()
    version.dimensions.exclude(pk__in=keep_dims).delete()


def _criterion_row(crits, dim: Dimension, crit: engine.Criterion, position: int, parent):
    row = crits.get(crit.code) or Criterion(code=crit.code)
    row.dimension, row.parent, row.position = dim, parent, position
    row.name_zh, row.name_en = crit.name_zh, crit.name_en
    row.description_zh, row.description_en = crit.description_zh, crit.description_en
    row.evidence_judge = crit.evidence.get("judge", 0)
    row.evidence_kpi = crit.evidence.get("kpi", 0)
    row.evidence_mystery = crit.evidence.get("mystery", 0)
    row.indicator = crit.indicator or ""
    row.save()
    return row
