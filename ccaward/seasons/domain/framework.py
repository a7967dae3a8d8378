"""The season's evaluation framework: installing a version, freezing it when
judging opens, changing names and weights, and the engine's problems in the
active language."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import pgettext, pgettext_lazy

from ccaward.core import audit
from ccaward.engine import framework as engine
from ccaward.seasons.models import Criterion, Dimension, FrameworkVersion, Season


def judging_open(season: Season, now=None) -> bool:
    """Judging has opened once the judging stage has opened (early or on time)."""
    return season.judging_opened_at(now) is not None


def install_rows(version: FrameworkVersion, fw: engine.Framework) -> None:
    """Create the version's Dimension and Criterion rows from `fw`."""
    for di, dim in enumerate(fw.dimensions):
        drow = Dimension.objects.create(
            framework=version,
            code=dim.code,
            position=di,
            name_zh=dim.name_zh,
            name_en=dim.name_en,
            description_zh=dim.description_zh,
            description_en=dim.description_en,
            weight=dim.weight,
        )
        for ci, crit in enumerate(dim.criteria):
            parent = _criterion(drow, crit, ci, None)
            for chi, child in enumerate(crit.children):
                _criterion(drow, child, chi, parent)


def _criterion(dim: Dimension, crit: engine.Criterion, pos: int, parent) -> Criterion:
    return Criterion.objects.create(
        dimension=dim,
        parent=parent,
        code=crit.code,
        position=pos,
        name_zh=crit.name_zh,
        name_en=crit.name_en,
        description_zh=crit.description_zh,
        description_en=crit.description_en,
        evidence_judge=crit.evidence.get("judge", Decimal(0)),
        evidence_kpi=crit.evidence.get("kpi", Decimal(0)),
        evidence_mystery=crit.evidence.get("mystery", Decimal(0)),
        indicator=crit.indicator or "",
    )


PROBLEM_MESSAGES = {
    "no_dimensions": pgettext_lazy("validation", "The framework has no dimensions."),
    "weights_sum": pgettext_lazy(
        "validation", "Dimension weights sum to %(sum)s, not 100 (%(difference)s)."
    ),
    "name_missing": pgettext_lazy("validation", "%(name)s: the Chinese name is missing."),
    "weight_range": pgettext_lazy(
        "validation", "%(name)s: the weight %(value)s is outside 0 to 100."
    ),
    "no_criteria": pgettext_lazy("validation", "%(name)s has no criteria."),
    "criterion_weights_sum": pgettext_lazy(
        "validation", "Criterion weights in %(name)s sum to %(sum)s, not 100."
    ),
    "duplicate_code": pgettext_lazy("validation", "The code %(name)s is used twice."),
    "evidence_kind": pgettext_lazy("validation", "%(name)s: unknown evidence kind %(value)s."),
    "evidence_sum": pgettext_lazy(
        "validation", "%(name)s: the evidence weights sum to %(sum)s, not 100."
    ),
    "evidence_negative": pgettext_lazy("validation", "%(name)s: an evidence weight is negative."),
    "indicator_missing": pgettext_lazy("validation", "%(name)s: KPI evidence needs an indicator."),
    "indicator_unknown": pgettext_lazy(
        "validation", "%(name)s: %(value)s is not an indicator the benchmark scores."
    ),
}


def problem_message(problem: engine.Problem) -> str:
    """The engine's problem in the active language."""
    template = PROBLEM_MESSAGES.get(problem.code)
    return str(template) % dict(problem.params) if template else problem.message


def raise_problems(problems: list[engine.Problem]) -> None:
    """Raises ValidationError listing the problems in the active language, if any."""
    if problems:
        raise ValidationError([ValidationError(problem_message(p), code=p.code) for p in problems])


@transaction.atomic
def install_framework(*, season: Season, data: Mapping, by, note: str = "") -> FrameworkVersion:
    """Install a framework (data-file shape) as the season's next version.

    Side effects: FrameworkVersion, Dimension and Criterion rows, an audit event.
    """
    fw = engine.from_data(data)
    raise_problems(engine.validate(fw))
    number = (
        season.framework_versions.order_by("-number").values_list("number", flat=True).first() or 0
    ) + 1
    version = FrameworkVersion.objects.create(
        season=season,
        number=number,
        name_zh=fw.name_zh,
        name_en=fw.name_en,
        source_key=fw.key,
        created_by=by if getattr(by, "pk", None) else None,
        note=note,
    )
    install_rows(version, fw)
    audit.record(
        actor=by,
        action="framework.installed",
        season=season,
        obj=version,
        summary=f"v{number} {fw.key}",
        data={"version": number, "source": fw.key},
    )
    return version


def freeze_if_judging(season: Season, now=None) -> FrameworkVersion | None:
    """Before a change: store the freeze of the current version that judging's
    opening implies (pages only derive it, `FrameworkVersion.freeze_time`).
    Returns the current version. Side effects: frozen_at, an audit event."""
    version = season.current_framework()
    opened = season.judging_opened_at(now)
    if version and not version.frozen_at and opened is not None:
        version.frozen_at = opened
        version.save(update_fields=["frozen_at"])
        audit.record(
            actor=None,
            action="framework.frozen",
            season=season,
            obj=version,
            data={"version": version.number},
        )
    return version


@transaction.atomic
def update_framework(
    *,
    season: Season,
    by,
    dimensions: Mapping[int, Mapping[str, object]],
    criteria: Mapping[int, Mapping[str, object]] | None = None,
    note: str = "",
) -> FrameworkVersion:
    """Change names and weights of the current framework version.

    `dimensions` maps Dimension ids of the current version to new values
    (name_zh, name_en, weight); `criteria` maps Criterion ids to (name_zh,
    name_en, evidence_judge, evidence_kpi, evidence_mystery, indicator).
    The whole framework is validated by the engine before anything is saved.
    Before judging opens the current version changes in place; after, it is
    frozen and the change makes a new (also frozen) version, so that every
    score keeps pointing at the version it was given under.

    Side effects: Dimension/Criterion rows or a new FrameworkVersion, audit event.
    """
    current = freeze_if_judging(season)
    if current is None:
        raise ValidationError(pgettext("validation", "This season has no framework."))
    dims, crits, changes, fw = _changed(current, dimensions, criteria or {})
    raise_problems(engine.validate(fw))
    if not changes:
        return current
    if current.is_frozen:
        version = new_frozen_version(current, by=by, note=note, framework=fw)
        action = "framework.new_version"
    else:
        for row in list(dims.values()) + list(crits.values()):
            row.save()
        version = current
        action = "framework.changed"
    audit.record(
        actor=by,
        action=action,
        season=season,
        obj=version,
        summary=f"v{version.number}",
        data={"version": version.number, "changes": changes},
    )
    return version


def new_frozen_version(
    current: FrameworkVersion, *, by, note: str, framework: engine.Framework
) -> FrameworkVersion:
    """A change made after judging opened: the next version, frozen at once,
    with `framework`'s rows (the scores keep the version they were given under).

    Side effects: a FrameworkVersion with its Dimension and Criterion rows.
    """
    version = FrameworkVersion.objects.create(
        season=current.season,
        number=current.number + 1,
        name_zh=current.name_zh,
        name_en=current.name_en,
        source_key=current.source_key,
        frozen_at=timezone.now(),
        created_by=by,
        note=note or pgettext("framework", "Changed after judging opened"),
    )
    install_rows(version, framework)
    return version


@transaction.atomic
def change_dimensions(
    *, season: Season, by, changes: Mapping[str, Mapping[str, object]], note: str = ""
) -> FrameworkVersion:
    """Change dimensions of the current framework version named by their codes
    (`changes`: code -> name_zh, name_en, weight); as `update_framework`.

    Raises ValidationError naming the unknown codes (nothing saved).
    Side effects: those of `update_framework`.
    """
    current = freeze_if_judging(season)
    if current is None:
        raise ValidationError(pgettext("validation", "This season has no framework."))
    by_code = {d.code: d.pk for d in current.dimensions.all()}
    unknown = [code for code in changes if code not in by_code]
    if unknown:
        raise ValidationError({"dimensions": [f"Unknown dimension code: {c}" for c in unknown]})
    return update_framework(
        season=season,
        by=by,
        dimensions={by_code[code]: values for code, values in changes.items()},
        note=note,
    )


def preview_framework(
    *, version: FrameworkVersion, dimensions: Mapping, criteria: Mapping
) -> tuple[engine.Framework, list[engine.Problem]]:
    """What the framework would be with these changes, and its problems. Saves nothing."""
    _dims, _crits, _changes, fw = _changed(version, dimensions, criteria)
    return fw, engine.validate(fw)


def _changed(current, dimensions, criteria):
    dims = {d.pk: d for d in current.dimensions.all()}
    crits = {c.pk: c for c in Criterion.objects.filter(dimension__framework=current)}
    unknown = [k for k in dimensions if k not in dims] + [k for k in criteria if k not in crits]
    if unknown:
        raise ValidationError(
            pgettext("validation", "The framework changed meanwhile; reload the page.")
        )
    changes: dict[str, dict] = {}
    for pk, values in dimensions.items():
        _apply(dims[pk], values, ("name_zh", "name_en", "weight"), changes, dims[pk].code)
    for pk, values in criteria.items():
        _apply(
            crits[pk],
            values,
            (
                "name_zh",
                "name_en",
                "evidence_judge",
                "evidence_kpi",
                "evidence_mystery",
                "indicator",
            ),
            changes,
            crits[pk].code,
        )
    return dims, crits, changes, current.to_engine(dims.values(), crits.values())


def _apply(row, values, allowed, changes, code):
    for field, value in values.items():
        if field not in allowed:
            continue
        if field in ("weight", "evidence_judge", "evidence_kpi", "evidence_mystery"):
            value = engine.to_decimal(value, where=f"{code}.{field}")
        old = getattr(row, field)
        if old != value:
            changes.setdefault(code, {})[field] = [str(old), str(value)]
            setattr(row, field, value)
