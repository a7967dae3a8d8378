"""The public poll's API (网络投票). Organizers: the policy (a change carries the
version it was read at: 409 conflict when it moved on, 409 fixed once the poll has
votes), the counts per category and entry, the signals of stuffing with their votes,
and voiding votes with a reason. Anyone: the categories of a season's poll with their
shortlisted entries (no counts). Votes are cast on the public pages only, where the
voter's code and the session keep one vote per person."""

from __future__ import annotations

import datetime as dt

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import pgettext
from ninja import Router, Schema
from pydantic import Field

from ccaward.core import access
from ccaward.core.apierrors import ERRORS, READ_ERRORS, error
from ccaward.core.apitypes import RowId
from ccaward.engine.text import control_character
from ccaward.poll.domain import policy as policies
from ccaward.poll.domain import voiding, votes
from ccaward.poll.domain.signals import signals_of
from ccaward.poll.models import REASON_MAX
from ccaward.seasons.enums import CategoryKind
from ccaward.seasons.models import Season

router = Router(tags=["poll"])
MANAGE = "poll.manage"


class PollPolicyOut(Schema):
    enabled: bool
    weight: int = Field(description="Percent of the decision, at most max_weight.")
    max_weight: int = Field(description="The season's cap on the weight (percent).")
    version: int
    fixed: bool = Field(description="The poll has votes: the policy can no longer change.")


class PollPolicyIn(Schema):
    version: int | None = Field(
        None, ge=1, le=2**31 - 1, description="409 conflict when the policy moved on."
    )
    enabled: bool | None = None
    weight: int | None = Field(None, ge=0, le=100)
    max_weight: int | None = Field(None, ge=0, le=100)


class EntryCountOut(Schema):
    entry: int
    center: str
    valid: int = Field(description="Votes counted.")
    voided: int


class CategoryCountsOut(Schema):
    id: int
    name: str
    entries: list[EntryCountOut]


class SignalOut(Schema):
    category: int
    kind: str = Field(description="burst, network or new_accounts.")
    key: str
    entry: int | None
    network: str | None
    start: dt.datetime
    end: dt.datetime
    p: float | None = Field(description="The test's tail probability, where one made it.")
    detail: dict
    votes: list[int]


class VoidIn(Schema):
    votes: list[RowId] = Field(max_length=100_000)
    reason: str = Field(max_length=REASON_MAX)
    signal: str = Field("", max_length=200)


class VoidOut(Schema):
    voided: list[int] = Field(description="The votes voided now (those already voided are left).")


class PublicEntryOut(Schema):
    id: int
    center: str


class PublicCategoryOut(Schema):
    id: int
    name: str
    entries: list[PublicEntryOut]


def _policy_out(season, policy) -> dict:
    return {
        **{n: getattr(policy, n) for n in policies.POLICY_FIELDS},
        "version": policy.version,
        "fixed": policies.has_votes(season),
    }


def _regular(season):
    return season.categories.filter(kind=CategoryKind.REGULAR).order_by("position", "pk")


@router.get(
    "/{slug}/poll/policy",
    response={200: PollPolicyOut, **READ_ERRORS},
    summary="The public poll's policy (organizers)",
)
def get_policy(request, slug: str):
    season = access.season_for(request.user, slug, MANAGE)
    return _policy_out(season, policies.policy_of(season))


@router.put(
    "/{slug}/poll/policy",
    response={200: PollPolicyOut, **ERRORS},
    summary="Change the public poll's policy (organizers); 409 conflict or fixed",
)
def change_policy(request, slug: str, payload: PollPolicyIn):
    season = access.season_for(request.user, slug, MANAGE)
    values = {k: v for k, v in payload.model_dump(exclude_unset=True).items() if v is not None}
    version = values.pop("version", None)
    try:
        policy = policies.change_policy(
            season=season, by=request.user, values=values, version=version
        )
    except policies.PolicyFixed as exc:
        return error(409, "fixed", " ".join(exc.messages))
    except policies.PolicyChanged as exc:
        message = pgettext(
            "api", "The public poll's policy changed since version %(version)s was read."
        ) % {"version": version}
        problems = [
            {"field": name, "stored": stored, "sent": sent, "version": exc.version}
            for name, stored, sent in exc.rows()
        ]
        return error(409, "conflict", message, {p["field"]: [message] for p in problems}, problems)
    return _policy_out(season, policy)


@router.get(
    "/{slug}/poll/counts",
    response={200: list[CategoryCountsOut], **READ_ERRORS},
    summary="Votes per category and entry, counted and voided (organizers)",
)
def get_counts(request, slug: str):
    season = access.season_for(request.user, slug, MANAGE)
    return [{"id": c.pk, "name": c.name, "entries": votes.counts_of(c)} for c in _regular(season)]


def _at(seconds: float) -> dt.datetime:
    return dt.datetime.fromtimestamp(seconds, tz=dt.UTC)


@router.get(
    "/{slug}/poll/signals",
    response={200: list[SignalOut], **READ_ERRORS},
    summary="Signals of stuffing with their votes (organizers)",
)
def get_signals(request, slug: str):
    season = access.season_for(request.user, slug, MANAGE)
    out = []
    for category in _regular(season):
        for found in signals_of(category):
            s = found.signal
            out.append(
                {
                    "category": category.pk,
                    "kind": s.kind,
                    "key": s.key,
                    "entry": s.entry,
                    "network": s.network,
                    "start": _at(s.start),
                    "end": _at(s.end),
                    "p": s.p,
                    "detail": dict(s.detail),
                    "votes": list(s.votes),
                }
            )
    return out


@router.post(
    "/{slug}/poll/void",
    response={200: VoidOut, **ERRORS},
    summary="Void votes with a reason (organizers); the votes are kept, no longer counted",
)
def void(request, slug: str, payload: VoidIn):
    season = access.season_for(request.user, slug, MANAGE)
    done = voiding.void_votes(
        season=season,
        by=request.user,
        votes=payload.votes,
        reason=payload.reason,
        signal=payload.signal,
    )
    return {"voided": [v.pk for v in done]}


@router.get(
    "/{slug}/poll/categories",
    auth=None,
    response={200: list[PublicCategoryOut], **READ_ERRORS},
    summary="The public poll's categories and shortlisted entries (anyone; no counts)",
)
def public_categories(request, slug: str):
    if control_character(slug):
        raise Http404
    season = get_object_or_404(Season, slug=slug)
    if not policies.policy_of(season).enabled:
        raise Http404
    out = []
    for category in _regular(season):
        entries = votes.public_entries(category)
        if entries:
            out.append(
                {
                    "id": category.pk,
                    "name": category.name,
                    "entries": [{"id": e.pk, "center": e.center.name} for e in entries],
                }
            )
    return out
