from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status
from pydantic import Field

from ccaward.core import access
from ccaward.core.apierrors import ERRORS, READ_ERRORS
from ccaward.seasons import domain
from ccaward.seasons.enums import CategoryKind, StageKind, StageOverride
from ccaward.seasons.models import Category, Criterion, Season, Stage

router = Router(tags=["seasons"])


def season_for(request, slug: str, permission: str) -> Season:
    """The same rule as the pages: 404 without any role, 403 without the permission."""
    return access.season_for(request.user, slug, permission)


class StageOut(Schema):
    kind: StageKind
    opens_at: dt.datetime
    closes_at: dt.datetime
    override: str
    override_reason: str
    state: str


class SeasonOut(Schema):
    slug: str
    name_zh: str
    name_en: str
    year: int
    stages: list[StageOut]


# the limits the models enforce, stated in the schema so both agree
def name_field():
    return Field(min_length=1, max_length=200)


QUOTA_MAX = 2**31 - 1


class SeasonIn(Schema):
    slug: str = Field(pattern=r"^[a-z0-9](?:[a-z0-9-]{0,48}[a-z0-9])?$", max_length=50)
    name_zh: str = name_field()
    name_en: str = Field("", max_length=200)
    year: int = Field(ge=2000, le=domain.YEAR_MAX)


def season_out(season: Season) -> dict:
    return {
        "slug": season.slug,
        "name_zh": season.name_zh,
        "name_en": season.name_en,
        "year": season.year,
        "stages": [
            {
                "kind": s.kind,
                "opens_at": s.opens_at,
                "closes_at": s.closes_at,
                "override": s.override,
                "override_reason": s.override_reason,
                "state": s.state(),
            }
            for s in season.stage_list()
        ],
    }


@router.get(
    "", response={200: list[SeasonOut], **READ_ERRORS}, summary="Seasons you have a role in"
)
def list_seasons(request):
    qs = Season.objects.prefetch_related("stages")
    if not request.user.is_superuser:
        qs = qs.filter(roles__user=request.user).distinct()
    return [season_out(s) for s in qs]


@router.post(
    "",
    response={201: SeasonOut, **ERRORS},
    summary="Create a season (default stages and framework)",
)
def create_season(request, payload: SeasonIn):
    if not request.user.has_perm("seasons.create_season"):
        raise PermissionDenied
    season = domain.create_season(by=request.user, **payload.dict())
    return Status(201, season_out(season))


@router.get("/{slug}", response={200: SeasonOut, **READ_ERRORS})
def get_season(request, slug: str):
    return season_out(season_for(request, slug, "seasons.view_season"))


class OverrideIn(Schema):
    action: StageOverride
    reason: str = Field(
        min_length=1, max_length=500, pattern=r"\S", description="Why the stage changes."
    )


@router.post(
    "/{slug}/stages/{kind}/override",
    response={200: StageOut, **ERRORS},
    summary="Open or close a stage early (or back to schedule), with a reason",
)
def override_stage(request, slug: str, kind: StageKind, payload: OverrideIn):
    season = season_for(request, slug, "seasons.manage_stages")
    stage = get_object_or_404(Stage, season=season, kind=kind)
    stage = domain.override_stage(
        stage=stage, by=request.user, action=payload.action, reason=payload.reason
    )
    return {
        "kind": stage.kind,
        "opens_at": stage.opens_at,
        "closes_at": stage.closes_at,
        "override": stage.override,
        "override_reason": stage.override_reason,
        "state": stage.state(),
    }


class CategoryOut(Schema):
    id: int
    name_zh: str
    name_en: str
    description_zh: str
    description_en: str
    eligibility_zh: str
    eligibility_en: str
    quota: int
    kind: CategoryKind


class CategoryIn(Schema):
    name_zh: str = name_field()
    name_en: str = Field("", max_length=200)
    description_zh: str = ""
    description_en: str = ""
    eligibility_zh: str = ""
    eligibility_en: str = ""
    quota: int = Field(ge=1, le=QUOTA_MAX, description="The most winners the category has.")
    kind: CategoryKind = CategoryKind.REGULAR


@router.get("/{slug}/categories", response={200: list[CategoryOut], **READ_ERRORS})
def list_categories(request, slug: str):
    return list(season_for(request, slug, "seasons.view_season").categories.all())


@router.post("/{slug}/categories", response={201: CategoryOut, **ERRORS})
def create_category(request, slug: str, payload: CategoryIn):
    season = season_for(request, slug, "seasons.manage_categories")
    return Status(201, domain.save_category(season=season, by=request.user, **payload.dict()))


@router.get("/{slug}/categories/{pk}", response={200: CategoryOut, **READ_ERRORS})
def get_category(request, slug: str, pk: int):
    season = season_for(request, slug, "seasons.view_season")
    return get_object_or_404(Category, season=season, pk=pk)


@router.put("/{slug}/categories/{pk}", response={200: CategoryOut, **ERRORS})
def update_category(request, slug: str, pk: int, payload: CategoryIn):
    season = season_for(request, slug, "seasons.manage_categories")
    category = get_object_or_404(Category, season=season, pk=pk)
    return domain.save_category(season=season, by=request.user, category=category, **payload.dict())


@router.delete("/{slug}/categories/{pk}", response={204: None, **ERRORS})
def delete_category(request, slug: str, pk: int):
    season = season_for(request, slug, "seasons.manage_categories")
    domain.delete_category(
        category=get_object_or_404(Category, season=season, pk=pk), by=request.user
    )
    return Status(204, None)


class CriterionOut(Schema):
    id: int
    code: str
    name_zh: str
    name_en: str
    description_zh: str
    description_en: str
    evidence: dict[str, Decimal]
    indicator: str | None
    children: list[CriterionOut] = []


class DimensionOut(Schema):
    id: int
    code: str
    name_zh: str
    name_en: str
    weight: Decimal
    criteria: list[CriterionOut]


class FrameworkOut(Schema):
    version: int
    frozen: bool
    frozen_at: dt.datetime | None
    weight_total: Decimal
    dimensions: list[DimensionOut]


def framework_out(version) -> dict:
    crits = list(Criterion.objects.filter(dimension__framework=version).order_by("position", "id"))

    def crit(c):
        return {
            "id": c.pk,
            "code": c.code,
            "name_zh": c.name_zh,
            "name_en": c.name_en,
            "description_zh": c.description_zh,
            "description_en": c.description_en,
            "evidence": c.evidence,
            "indicator": c.indicator or None,
            "children": [crit(ch) for ch in crits if ch.parent_id == c.pk],
        }

    dims = list(version.dimensions.all())
    return {
        "version": version.number,
        "frozen": version.is_frozen,
        "frozen_at": version.freeze_time,
        "weight_total": sum((d.weight for d in dims), Decimal(0)),
        "dimensions": [
            {
                "id": d.pk,
                "code": d.code,
                "name_zh": d.name_zh,
                "name_en": d.name_en,
                "weight": d.weight,
                "criteria": [
                    crit(c) for c in crits if c.dimension_id == d.pk and c.parent_id is None
                ],
            }
            for d in dims
        ],
    }


@router.get(
    "/{slug}/framework",
    response={200: FrameworkOut, **READ_ERRORS},
    summary="The current framework version",
)
def get_framework(request, slug: str):
    season = season_for(request, slug, "seasons.view_framework")
    return framework_out(season.current_framework())


class DimensionChange(Schema):
    code: str
    weight: Decimal | None = None
    name_zh: str | None = None
    name_en: str | None = None


class FrameworkIn(Schema):
    dimensions: list[DimensionChange]
    note: str = ""


@router.patch(
    "/{slug}/framework",
    response={200: FrameworkOut, **ERRORS},
    summary="Change dimension weights or names (weights must sum to 100)",
)
def patch_framework(request, slug: str, payload: FrameworkIn):
    season = season_for(request, slug, "seasons.change_framework")
    changes = {
        change.code: {k: v for k, v in change.dict(exclude={"code"}).items() if v is not None}
        for change in payload.dimensions
    }
    version = domain.change_dimensions(
        season=season, by=request.user, changes=changes, note=payload.note
    )
    return framework_out(version)
