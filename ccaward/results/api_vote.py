"""Voting's API (票选) under /api/seasons/: the voting policy (organizers; a change
carries the version it was read at: 409 conflict with both versions when it moved
on, 409 in_use once a ballot is cast), a judge's ballot (cast or replace while
票选 is open: 409 stage_closed otherwise; read back while the vote is open), a
category's roll (who has voted, never what), count, decision, casting decision and
special awards (organizers; 409 read_only once the results are published)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import pgettext
from ninja import Router, Schema, Status
from pydantic import Field

from ccaward.core import access
from ccaward.core.apierrors import ERRORS, READ_ERRORS, error
from ccaward.core.apitypes import RowId
from ccaward.people.rules import is_judge
from ccaward.results.domain import ballots as voting
from ccaward.results.domain import count as counting
from ccaward.results.domain import policy as policies
from ccaward.results.domain import special, ties
from ccaward.results.enums import Strength, VoteMethod
from ccaward.results.models import REASON_MAX, SpecialAward

router = Router()
MAX_ENTRIES = 1000
MANAGE = "results.manage_vote"


class VotingPolicyOut(Schema):
    method: VoteMethod
    approvals: int | None = Field(
        description="Approval: entries a ballot may approve; null: the quota."
    )
    strength: Strength
    version: int = Field(description="Send it back to change the policy.")
    ballots: int = Field(description="Ballots cast in the season; the policy is fixed once any is.")


class VotingPolicyIn(Schema):
    method: VoteMethod | None = None
    approvals: int | None = Field(None, ge=1, le=policies.MAX_APPROVALS)
    strength: Strength | None = None
    version: int | None = Field(
        None, ge=0, le=2**31 - 1, description="409 conflict when it moved on."
    )


class BallotIn(Schema):
    ranking: list[list[RowId]] = Field(
        max_length=MAX_ENTRIES,
        description="Groups of entry ids, best first (entries in one group ranked equal; "
        "entries left off rank below); approval: one group, the approved entries.",
    )


class MyBallotOut(Schema):
    category: int
    ranking: list[list[int]] | None = Field(
        description="Your current ballot; null: none (or counted)."
    )
    voted: bool
    first_at: dt.datetime | None
    last_at: dt.datetime | None
    times: int = Field(description="How many ballots you have cast here (only the last counts).")


class RollOut(Schema):
    judge: str
    email: str
    recused: bool = Field(description="A conflict of interest with a shortlisted entry.")
    voted: bool
    first_at: dt.datetime | None
    last_at: dt.datetime | None
    times: int


class ProgressOut(Schema):
    category: int
    panel: int = Field(description="The judges who may vote (recusals left out).")
    voted: int
    roll: list[RollOut]


class StandingOut(Schema):
    entry: int
    place: int
    panel: str | None = Field(description="The panel's share, exact (p/q).")
    panel_decimal: str | None
    poll: str | None
    poll_decimal: str | None
    combined: str | None
    combined_decimal: str | None
    total: str | None
    dimensions: list[str | None] = Field(description="In the framework's weight order.")
    settled_by: str = Field(description='vote, total, dimension:<code>, casting or "".')
    winner: bool
    tied: bool


class DecisionOut(Schema):
    category: int
    version: int
    method: VoteMethod
    seats: int
    ballots: int
    counted_at: dt.datetime
    counted_by: str | None
    winners: list[int]
    tied: list[int] = Field(
        description="An open tie across the last seat (a casting decision needed)."
    )
    statement: dict[str, str] = Field(description='How the category was decided: {"zh", "en"}.')
    dimensions: list[dict]
    standings: list[StandingOut]
    tally: dict = Field(
        description="The engine's tally: ranking, scores or pairwise and strongest."
    )
    poll: dict


class CastingIn(Schema):
    order: list[RowId] = Field(max_length=MAX_ENTRIES, description="The tied entries, best first.")
    reason: str = Field(max_length=REASON_MAX)


class SpecialIn(Schema):
    entry: RowId | None = None
    center_zh: str = Field("", max_length=special.NAME_MAX)
    center_en: str = Field("", max_length=special.NAME_MAX)
    justification: str = Field(max_length=REASON_MAX)


class SpecialOut(Schema):
    id: int
    category: int
    entry: int | None
    winner: dict
    justification: str
    decided_by: str | None
    decided_at: dt.datetime


class WithdrawIn(Schema):
    reason: str = Field(max_length=REASON_MAX)


def _policy_out(season) -> dict:
    policy = policies.policy_of(season)
    return {
        "method": policy.method,
        "approvals": policy.approvals,
        "strength": policy.strength,
        "version": policy.version,
        "ballots": policies.ballots_cast(season),
    }


@router.get(
    "/{slug}/voting/policy",
    response={200: VotingPolicyOut, **READ_ERRORS},
    summary="The season's voting policy (organizers and judges)",
)
def get_policy(request, slug: str):
    season = access.season_for(request.user, slug, "results.view_vote")
    return _policy_out(season)


@router.put(
    "/{slug}/voting/policy",
    response={200: VotingPolicyOut, **ERRORS},
    summary="Change the voting policy (organizers; fixed once a ballot is cast)",
)
def put_policy(request, slug: str, payload: VotingPolicyIn):
    season = access.season_for(request.user, slug, MANAGE)
    values = payload.dict(exclude_unset=True)
    version = values.pop("version", None)
    try:
        policies.change_policy(season=season, by=request.user, values=values, version=version)
    except policies.VotingPolicyChanged as exc:
        message = pgettext("api", "%(what)s changed since version %(version)s was read.") % {
            "what": pgettext("api", "The voting policy"),
            "version": version,
        }
        problems = [
            {"field": name, "stored": stored, "sent": sent, "version": exc.version}
            for name, stored, sent in exc.rows()
        ]
        return error(409, "conflict", message, {p["field"]: [message] for p in problems}, problems)
    return _policy_out(season)


def _category(season, pk):
    return get_object_or_404(season.categories, pk=pk)


def _my_ballot(category, user) -> dict:
    mine = voting.my_ballot(category=category, voter=user)
    roll = next((r for r in voting.roll_of(category) if r.voter_id == user.pk), None)
    return {
        "category": category.pk,
        "ranking": mine.ranking if mine else None,
        "voted": roll is not None,
        "first_at": roll.first_at if roll else None,
        "last_at": roll.last_at if roll else None,
        "times": roll.times if roll else 0,
    }


@router.get(
    "/{slug}/voting/categories/{pk}/ballot",
    response={200: MyBallotOut, **READ_ERRORS, 409: ERRORS[409]},
    summary="Your ballot in a category (judges, while 票选 is open)",
)
def get_ballot(request, slug: str, pk: int):
    season = access.season_for(request.user, slug, "results.view_vote")
    if not is_judge(request.user, season):
        raise PermissionDenied
    access.check(request.user, "results.vote", season)
    return _my_ballot(_category(season, pk), request.user)


@router.post(
    "/{slug}/voting/categories/{pk}/ballot",
    response={200: MyBallotOut, **ERRORS},
    summary="Cast or replace your ballot in a category (judges, while 票选 is open)",
)
def cast_ballot(request, slug: str, pk: int, payload: BallotIn):
    season = access.season_for(request.user, slug, "results.view_vote")
    access.check(request.user, "results.vote", season)
    category = _category(season, pk)
    voting.cast_ballot(
        category=category, voter=request.user, ranking=payload.ranking, by=request.user
    )
    return _my_ballot(category, request.user)


@router.get(
    "/{slug}/voting/categories/{pk}/roll",
    response={200: ProgressOut, **READ_ERRORS},
    summary="Who has voted in a category, and when; never what (organizers)",
)
def get_roll(request, slug: str, pk: int):
    season = access.season_for(request.user, slug, MANAGE)
    p = voting.roll_progress(_category(season, pk))
    return {
        "category": p["category"].pk,
        "panel": p["size"],
        "voted": p["voted"],
        "roll": [
            {
                "judge": row["member"].user.display_name,
                "email": row["member"].user.email,
                "recused": not row["member"].votes,
                "voted": row["roll"] is not None,
                "first_at": row["roll"].first_at if row["roll"] else None,
                "last_at": row["roll"].last_at if row["roll"] else None,
                "times": row["roll"].times if row["roll"] else 0,
            }
            for row in p["panel"]
        ],
    }


def _decision_out(count) -> dict:
    outcome = count.outcome or {}
    return {
        "category": count.category_id,
        "version": count.version,
        "method": count.method,
        "seats": count.seats,
        "ballots": count.ballots,
        "counted_at": count.counted_at,
        "counted_by": count.counted_by.email if count.counted_by else None,
        "winners": outcome.get("winners", []),
        "tied": outcome.get("tied", []),
        "statement": outcome.get("statement") or {},
        "dimensions": outcome.get("dimensions", []),
        "standings": outcome.get("standings", []),
        "tally": count.tally or {},
        "poll": count.poll or {},
    }


@router.post(
    "/{slug}/voting/categories/{pk}/count",
    response={200: DecisionOut, **ERRORS},
    summary="Count a category's vote once 票选 has closed (organizers; again until published)",
)
def count(request, slug: str, pk: int):
    season = access.season_for(request.user, slug, MANAGE)
    return _decision_out(counting.count_category(category=_category(season, pk), by=request.user))


@router.get(
    "/{slug}/voting/categories/{pk}/decision",
    response={200: DecisionOut, **READ_ERRORS},
    summary="A category's counted vote and decision (organizers; 404 before the count)",
)
def decision(request, slug: str, pk: int):
    season = access.season_for(request.user, slug, MANAGE)
    found = counting.count_of(_category(season, pk))
    if found is None:
        raise Http404
    return _decision_out(found)


@router.post(
    "/{slug}/voting/categories/{pk}/casting",
    response={200: DecisionOut, **ERRORS},
    summary="Break a category's open tie: the tied entries' order and the reason (organizers)",
)
def casting(request, slug: str, pk: int, payload: CastingIn):
    season = access.season_for(request.user, slug, MANAGE)
    category = _category(season, pk)
    ties.record_casting(
        category=category, order=payload.order, reason=payload.reason, by=request.user
    )
    return _decision_out(counting.count_of(category))


def _special_out(award: SpecialAward) -> dict:
    return {
        "id": award.pk,
        "category": award.category_id,
        "entry": award.entry_id,
        "winner": special.winner_name(award),
        "justification": award.justification,
        "decided_by": award.decided_by.email if award.decided_by else None,
        "decided_at": award.decided_at,
    }


@router.get(
    "/{slug}/voting/categories/{pk}/special",
    response={200: list[SpecialOut], **READ_ERRORS},
    summary="A special category's awards (organizers)",
)
def list_special(request, slug: str, pk: int):
    season = access.season_for(request.user, slug, MANAGE)
    return [_special_out(a) for a in special.awards_of(_category(season, pk))]


@router.post(
    "/{slug}/voting/categories/{pk}/special",
    response={201: SpecialOut, **ERRORS},
    summary="Name a special award's winner: an entry of the season or a center, with a "
    "justification (organizers)",
)
def add_special(request, slug: str, pk: int, payload: SpecialIn):
    season = access.season_for(request.user, slug, MANAGE)
    category = _category(season, pk)
    entry = get_object_or_404(season.entries, pk=payload.entry) if payload.entry else None
    award = special.name_special_award(
        category=category,
        by=request.user,
        justification=payload.justification,
        entry=entry,
        center_zh=payload.center_zh,
        center_en=payload.center_en,
    )
    return Status(201, _special_out(award))


@router.post(
    "/{slug}/voting/special/{pk}/withdraw",
    response={204: None, **ERRORS},
    summary="Withdraw a special award, with the reason (organizers)",
)
def withdraw_special(request, slug: str, pk: int, payload: WithdrawIn):
    season = access.season_for(request.user, slug, MANAGE)
    award = get_object_or_404(
        SpecialAward.objects.select_related("category__season"), season=season, pk=pk
    )
    special.withdraw_special_award(award=award, by=request.user, reason=payload.reason)
    return Status(204, None)
