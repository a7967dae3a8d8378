from __future__ import annotations

import datetime as dt

from ninja import Router, Schema, Status
from pydantic import Field

from ccaward.core import access
from ccaward.core.apierrors import ERRORS, READ_ERRORS
from ccaward.recommendations import domain
from ccaward.recommendations.models import REASON_MAX, Recommendation

router = Router(tags=["recommendations"])


class RecommendationOut(Schema):
    id: int
    category: int
    category_name: str
    center_name: str
    organization_name: str
    contact_name: str
    contact_email: str
    contact_phone: str
    reason: str
    recommended_by: str | None
    created_at: dt.datetime
    status: str
    invited_at: dt.datetime | None
    entry: int | None


class RecommendationIn(Schema):
    category: int
    center_name: str = Field(max_length=200)
    organization_name: str = Field(max_length=200)
    contact_name: str = Field(max_length=100)
    contact_email: str = Field(max_length=254)
    contact_phone: str = Field("", max_length=40)
    reason: str = Field(max_length=REASON_MAX, description="Why you recommend it (not blank).")


def recommendation_out(rec: Recommendation) -> dict:
    return {
        "id": rec.pk,
        "category": rec.category_id,
        "category_name": rec.category.name,
        "center_name": rec.center_name,
        "organization_name": rec.organization_name,
        "contact_name": rec.contact_name,
        "contact_email": rec.contact_email,
        "contact_phone": rec.contact_phone,
        "reason": rec.reason,
        "recommended_by": rec.recommended_by.email if rec.recommended_by else None,
        "created_at": rec.created_at,
        "status": rec.status,
        "invited_at": rec.invited_at,
        "entry": rec.entry_id,
    }


@router.get(
    "/{slug}/recommendations",
    response={200: list[RecommendationOut], **READ_ERRORS},
    summary="Expert recommendations (organizers: all; judges: their own)",
)
def list_recommendations(request, slug: str):
    season = access.season_for(request.user, slug, "recommendations.view")
    return [recommendation_out(r) for r in domain.visible_to(request.user, season)]


@router.post(
    "/{slug}/recommendations",
    response={201: RecommendationOut, **ERRORS},
    summary="Recommend a contact center for a category (409 stage_closed unless the recommendation stage is open)",
)
def create_recommendation(request, slug: str, payload: RecommendationIn):
    season = access.season_for(request.user, slug, "recommendations.view")
    access.check(request.user, "recommendations.recommend", season)
    values = payload.dict()
    category = domain.season_category(season, values.pop("category"))
    rec = domain.recommend(season=season, by=request.user, category=category, **values)
    return Status(201, recommendation_out(rec))
