"""Season operations. Each names its side effects; each writes the audit log.

Views, the API and the CLI call these functions and nothing else to change a
season, so the rules (and the audit trail) hold whichever door is used.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import npgettext, pgettext, pgettext_lazy

from ccaward.core import audit
from ccaward.core.errors import InUse
from ccaward.engine import framework as engine
from ccaward.engine import schedule
from ccaward.people import domain as people
from ccaward.people.enums import Role
from ccaward.seasons.defaults import default_framework_data
from ccaward.seasons.enums import STAGE_ORDER, StageKind, StageOverride
from ccaward.seasons.models import (
    Category,
    Criterion,
    Dimension,
    FrameworkVersion,
    Season,
    Stage,
)

# month/day windows of a typical season (the stages overlap, as in seed 000)
DEFAULT_CALENDAR = {
    StageKind.REGISTRATION: ((3, 1), (5, 31)),
    StageKind.RECOMMENDATION: ((3, 1), (5, 31)),
    StageKind.MYSTERY_CALLS: ((6, 1), (7, 15)),
    StageKind.DATA_COLLECTION: ((5, 1), (6, 30)),
    StageKind.BENCHMARKING: ((7, 1), (7, 31)),
    StageKind.SITE_VISITS: ((8, 1), (9, 15)),
    StageKind.DELIBERATION: ((9, 16), (9, 30)),
    StageKind.VOTING: ((10, 1), (10, 10)),
    StageKind.RESULTS: ((10, 20), (12, 31)),
}


# the last year a season's default calendar can be laid out for
YEAR_MAX = 2999


def check_year(year: int) -> None:
    """Raises ValidationError ("year") past YEAR_MAX (the model checks >= 2000)."""
    if year > YEAR_MAX:
        raise ValidationError(
            {"year": pgettext("validation", "Enter a year up to %(max)s.") % {"max": YEAR_MAX}}
        )


def default_calendar(year: int) -> dict[str, tuple[dt.datetime, dt.datetime]]:
    tz = ZoneInfo(settings.TIME_ZONE)
    out = {}
    for kind, ((m1, d1), (m2, d2)) in DEFAULT_CALENDAR.items():
        out[kind.value] = (
            dt.datetime(year, m1, d1, 9, 0, tzinfo=tz),
            dt.datetime(year, m2, d2, 18, 0, tzinfo=tz),
        )
    return out


@transaction.atomic
def create_season(
    *,
    by,
    name_zh: str,
    name_en: str,
    year: int,
    slug: str,
    calendar: Mapping[str, tuple[dt.datetime, dt.datetime]] | None = None,
) -> Season:
    """Create a season with its nine stages, a copy of the default framework, and
    its creator as organizer.

    Side effects: Season, 9 Stage rows, FrameworkVersion 1 with its dimensions and
    criteria, the organizer role (people.domain.grant_role), audit events. Raises ValidationError (nothing saved).
    """
    season = Season(name_zh=name_zh, name_en=name_en, year=year, slug=slug)
    season.full_clean()
    check_year(year)
    season.save()
    cal = dict(default_calendar(year))
    cal.update(calendar or {})
    check_stage_dates(dict(cal.items()))
    Stage.objects.bulk_create(
        Stage(season=season, kind=kind, opens_at=cal[kind][0], closes_at=cal[kind][1])
        for kind in STAGE_ORDER
    )
    install_framework(season=season, data=default_framework_data(), by=by)
    if by is not None and getattr(by, "pk", None):
        people.grant_role(season=season, user=by, role=Role.ORGANIZER, by=by)
    audit.record(
        actor=by,
        action="season.created",
        season=season,
        obj=season,
        summary=f"{season.name_zh} ({season.year})",
        data={"slug": slug},
    )
    return season


@transaction.atomic
def update_season(
    *, season: Season, by, name_zh: str, name_en: str, year: int, slug: str
) -> Season:
    """Rename a season. Side effects: the Season row, an audit event."""
    before = {
        "name_zh": season.name_zh,
        "name_en": season.name_en,
        "year": season.year,
        "slug": season.slug,
    }
    season.name_zh, season.name_en, season.year, season.slug = name_zh, name_en, year, slug
    season.full_clean()
    season.save()
    after = {"name_zh": name_zh, "name_en": name_en, "year": year, "slug": slug}
    audit.record(
        actor=by,
        action="season.changed",
        season=season,
        obj=season,
        data={k: [before[k], after[k]] for k in after if before[k] != after[k]},
    )
    return season


def check_stage_dates(cal: Mapping[str, tuple[dt.datetime, dt.datetime]]) -> None:
    problems = schedule.date_problems(
        schedule.StageTimes(kind, o, c) for kind, (o, c) in cal.items()
    )
    if problems:
        labels = dict(StageKind.choices)
        raise ValidationError(
            {
                kind: pgettext(
                    "validation", "%(stage)s: the closing time must be after the opening time."
                )
                % {"stage": labels.get(kind, kind)}
                for kind, _msg in problems
            }
        )


@transaction.atomic
def set_stage_dates(
    *, season: Season, by, dates: Mapping[str, tuple[dt.datetime, dt.datetime]]
) -> list[Stage]:
    """Change the opening and closing times of stages. All or nothing.

    Side effects: Stage rows, one audit event listing the changes.
    """
    check_stage_dates(dates)
    stages = {s.kind: s for s in season.stages.select_for_update()}
    changes = {}
    for kind, (opens, closes) in dates.items():
        if kind not in stages:
            raise ValidationError({kind: pgettext("validation", "Unknown stage.")})
        stage = stages[kind]
        if (stage.opens_at, stage.closes_at) != (opens, closes):
            changes[kind] = {
                "opens_at": [stage.opens_at.isoformat(), opens.isoformat()],
                "closes_at": [stage.closes_at.isoformat(), closes.isoformat()],
            }
            stage.opens_at, stage.closes_at = opens, closes
            stage.save(update_fields=["opens_at", "closes_at"])
    if changes:
        audit.record(actor=by, action="stage.dates_changed", season=season, data=changes)
    return list(stages.values())


@transaction.atomic
def override_stage(*, stage: Stage, by, action: str, reason: str) -> Stage:
    """Open a stage early, close it early, or return it to its schedule.

    `action` is "open", "closed" or "" (back to schedule). A reason is required.
    Side effects: the Stage row, an audit event with the reason.
    """
    reason = (reason or "").strip()
    if action not in StageOverride.values:
        raise ValidationError({"action": pgettext("validation", "Unknown stage action.")})
    if not reason:
        raise ValidationError({"reason": pgettext("validation", "Say why the stage changes.")})
    stage.override = action
    stage.override_reason = reason
    stage.override_at = timezone.now()
    stage.override_by = by
    stage.save(update_fields=["override", "override_reason", "override_at", "override_by"])
    audit.record(
        actor=by,
        action=f"stage.override.{action or 'schedule'}",
        season=stage.season,
        obj=stage,
        summary=f"{stage.kind}: {reason}",
        data={"stage": stage.kind, "override": action, "reason": reason},
    )
    return stage


CATEGORY_FIELDS = (
    "name_zh",
    "name_en",
    "description_zh",
    "description_en",
    "eligibility_zh",
    "eligibility_en",
    "quota",
    "kind",
)


@transaction.atomic
def save_category(*, season: Season, by, category: Category | None = None, **values) -> Category:
    """Create or change a category. Side effects: the Category row, an audit event."""
    creating = category is None
    category = category or Category(season=season, position=season.categories.count())
    before = {f: getattr(category, f) for f in CATEGORY_FIELDS}
    for field, value in values.items():
        if field not in CATEGORY_FIELDS:
            raise ValidationError({field: pgettext("validation", "Unknown field.")})
        setattr(category, field, value)
    category.full_clean()
    category.save()
    audit.record(
        actor=by,
        action="category.created" if creating else "category.changed",
        season=season,
        obj=category,
        summary=f"{category.name_zh} ({category.quota})",
        data={
            f: [before[f], getattr(category, f)]
            for f in CATEGORY_FIELDS
            if before[f] != getattr(category, f)
        },
    )
    return category


# how a use of a category is counted, by the model that points at it
_CATEGORY_USES = {
    "applications.entry": lambda n: npgettext("category use", "%(n)s entry", "%(n)s entries", n),
    "recommendations.recommendation": lambda n: npgettext(
        "category use", "%(n)s recommendation", "%(n)s recommendations", n
    ),
}


def category_uses(category: Category) -> list[str]:
    """What keeps the category from being deleted ("3 entries", "1 recommendation"):
    the rows that point at it and protect it; empty when nothing does."""
    uses = []
    for rel in Category._meta.related_objects:
        if rel.on_delete not in (models.PROTECT, models.RESTRICT):
            continue
        model = rel.related_model
        n = model._default_manager.filter(**{rel.field.name: category}).count()
        if n:
            label = _CATEGORY_USES.get(model._meta.label_lower)
            uses.append(label(n) % {"n": n} if label else f"{n} {model._meta.verbose_name_plural}")
    return uses


@transaction.atomic
def delete_category(*, category: Category, by) -> None:
    """Delete a category nothing uses. Raises InUse, naming what uses it
    (entries, recommendations), otherwise. Side effects: deletes the Category
    row, an audit event."""
    category = Category.objects.select_for_update().get(pk=category.pk)
    uses = category_uses(category)
    if uses:
        raise InUse(
            pgettext(
                "validation",
                "The category %(name)s cannot be deleted: %(uses)s use it. "
                "Move or withdraw them first.",
            )
            % {"name": category.name_zh, "uses": ", ".join(uses)},
            uses,
        )
    audit.record(
        actor=by,
        action="category.deleted",
        season=category.season,
        obj=category,
        summary=category.name_zh,
    )
    category.delete()


# ---- framework -------------------------------------------------------------


def judging_open(season: Season, now=None) -> bool:
    """Judging has opened once the judging stage has opened (early or on time)."""
    return season.judging_opened_at(now) is not None


def _install(version: FrameworkVersion, fw: engine.Framework) -> None:
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
}


def problem_message(problem: engine.Problem) -> str:
    """The engine's problem in the active language."""
    template = PROBLEM_MESSAGES.get(problem.code)
    return str(template) % dict(problem.params) if template else problem.message


def _raise_problems(problems: list[engine.Problem]) -> None:
    if problems:
        raise ValidationError([ValidationError(problem_message(p), code=p.code) for p in problems])


@transaction.atomic
def install_framework(*, season: Season, data: Mapping, by, note: str = "") -> FrameworkVersion:
    """Install a framework (data-file shape) as the season's next version.

    Side effects: FrameworkVersion, Dimension and Criterion rows, an audit event.
    """
    fw = engine.from_data(data)
    _raise_problems(engine.validate(fw))
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
    _install(version, fw)
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
    _raise_problems(engine.validate(fw))
    if not changes:
        return current
    if current.is_frozen:
        version = FrameworkVersion.objects.create(
            season=season,
            number=current.number + 1,
            name_zh=current.name_zh,
            name_en=current.name_en,
            source_key=current.source_key,
            frozen_at=timezone.now(),
            created_by=by,
            note=note or pgettext("framework", "Changed after judging opened"),
        )
        _install(version, fw)
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
