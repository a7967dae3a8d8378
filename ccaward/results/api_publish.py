"""Publishing's API (结果公布): the published results, open to anyone without a
token (the same as the public page: the latest live publication's snapshot, 404
while nothing is published), and publishing and withdrawing for organizers
(409 not_ready naming each problem; 422 for a withdrawal without a reason)."""

from __future__ import annotations

import datetime as dt

from django.http import Http404
from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status
from pydantic import Field

from ccaward.core import access
from ccaward.core.apierrors import ERRORS, READ_ERRORS, error
from ccaward.engine.text import control_character
from ccaward.results import exports
from ccaward.results.domain import published
from ccaward.results.domain.publish import PERMISSION, NotReady, publish, unpublish
from ccaward.results.models import REASON_MAX, Publication
from ccaward.seasons.models import Season

router = Router()


class PublicationOut(Schema):
    number: int
    published_at: dt.datetime
    digest: str = Field(description="SHA-256 of the snapshot's canonical JSON.")
    chain_seq: int
    chain_head: str
    live: bool
    withdrawn_at: dt.datetime | None
    withdraw_reason: str


class PublishedOut(Schema):
    results: dict = Field(description="Per category: winners, open ties, special awards.")
    publication: PublicationOut
    withdrawn: list[PublicationOut]
    snapshot: dict = Field(description="Every input and the outcome (canonical JSON).")


class WithdrawIn(Schema):
    reason: str = Field(max_length=REASON_MAX)


def _publication_out(p: Publication) -> dict:
    return {
        "number": p.number,
        "published_at": p.published_at,
        "digest": p.digest,
        "chain_seq": p.chain_seq,
        "chain_head": p.chain_head,
        "live": p.live,
        "withdrawn_at": p.withdrawn_at,
        "withdraw_reason": p.withdraw_reason,
    }


@router.get(
    "/{slug}/results",
    auth=None,
    response={200: PublishedOut, **READ_ERRORS},
    summary="The published results (no token needed)",
)
def published_results(request, slug: str):
    if control_character(slug):
        raise Http404
    season = get_object_or_404(Season, slug=slug)
    publication = published.live(season)
    if publication is None:
        return error(404, "not_published", "The season's results are not published.")
    return {
        "results": exports.results_data(publication),
        "publication": _publication_out(publication),
        "withdrawn": [_publication_out(p) for p in published.withdrawn(season)],
        "snapshot": publication.snapshot,
    }


def _organizer_season(request, slug):
    season = access.season_for(request.user, slug, "seasons.view_season")
    access.check(request.user, PERMISSION, season)
    return season


@router.post(
    "/{slug}/results/publish",
    response={201: PublicationOut, **ERRORS},
    summary="Publish the season's results (organizers)",
)
def publish_results(request, slug: str):
    season = _organizer_season(request, slug)
    try:
        publication = publish(season=season, by=request.user)
    except NotReady as exc:
        return error(409, exc.code, str(exc), problems=[{"message": p} for p in exc.problems])
    return Status(201, _publication_out(publication))


@router.post(
    "/{slug}/results/withdraw",
    response={200: PublicationOut, **ERRORS},
    summary="Withdraw the published results with a reason (organizers)",
)
def withdraw_results(request, slug: str, payload: WithdrawIn):
    season = _organizer_season(request, slug)
    try:
        publication = unpublish(season=season, by=request.user, reason=payload.reason)
    except NotReady as exc:
        return error(409, exc.code, str(exc), problems=[{"message": p} for p in exc.problems])
    return _publication_out(publication)
