"""Seasons, their stages and categories. Each operation names its side effects and
writes the audit log.

Views, the API and the CLI call these functions and nothing else to change a
season, so the rules (and the audit trail) hold whichever door is used.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import npgettext, pgettext

from ccaward.core import audit
from ccaward.core.errors import InUse
from ccaward.engine import schedule
from ccaward.people import domain as people
from ccaward.people.enums import Role
from ccaward.seasons.defaults import default_framework_data
from ccaward.seasons.domain.framework import install_framework
from ccaward.seasons.enums import STAGE_ORDER, StageKind, StageOverride
from ccaward.seasons.models import (
    Category,
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
    organizer_zh: str = "",
    organizer_en: str = "",
) -> Season:
    """Create a season with its nine stages, a copy of the default framework, and
    its creator as organizer.

    Side effects: Season, 9 Stage rows, FrameworkVersion 1 with its dimensions and
    criteria, the organizer role (people.domain.grant_role), audit events. Raises ValidationError (nothing saved).
    """
    season = Season(
        name_zh=name_zh,
        name_en=name_en,
        year=year,
        slug=slug,
        organizer_zh=organizer_zh,
        organizer_en=organizer_en,
    )
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
    *,
    season: Season,
    by,
    name_zh: str,
    name_en: str,
    year: int,
    slug: str,
    organizer_zh: str | None = None,
    organizer_en: str | None = None,
) -> Season:
    """Rename a season (and name its organizer, when given). Side effects: the
    Season row, an audit event."""
    fields = ("name_zh", "name_en", "year", "slug", "organizer_zh", "organizer_en")
    before = {k: getattr(season, k) for k in fields}
    season.name_zh, season.name_en, season.year, season.slug = name_zh, name_en, year, slug
    if organizer_zh is not None:
        season.organizer_zh = organizer_zh
    if organizer_en is not None:
        season.organizer_en = organizer_en
    season.full_clean()
    season.save()
    after = {k: getattr(season, k) for k in fields}
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
        }
        | {"name": {"zh": category.name_zh, "en": category.name_en}},
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
        data={"name": {"zh": category.name_zh, "en": category.name_en}},
    )
    category.delete()
