"""Judging's API (专家评审): the judge pool, conflicts of interest and the judging
policy, with the pages' rules. The assignment's endpoints are in
api_assignment.py, included here."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.utils.translation import pgettext
from ninja import Router, Schema, Status
from pydantic import Field

from ccaward.applications.models import Entry
from ccaward.core import access
from ccaward.core.apierrors import ERRORS, READ_ERRORS, error
from ccaward.core.apitypes import RowId
from ccaward.judging import access as judging_access
from ccaward.judging import api_assignment, domain
from ccaward.judging.domain.conflicts import REASON_MAX
from ccaward.judging.domain.values import OWN_FIELDS
from ccaward.judging.enums import ConflictSource, ConflictStatus, RecommenderPolicy, Scale
from ccaward.judging.models import Conflict, JudgeProfile

router = Router(tags=["judging"])
router.add_router("", api_assignment.router)

Name = Field(max_length=200)
Names = Field(default_factory=list, max_length=30)


class JudgeOut(Schema):
    id: int
    name: str
    email: str
    title: str
    employer: str
    former_employers: list[str]
    affiliations: list[str]
    industries: list[str]
    channels: list[str]
    dimensions: list[str]
    min_load: int | None
    max_load: int | None
    version: int
    account: bool = Field(description="Linked to the account that accepted the invitation.")
    invitation: str = Field(description='"", "invited" or "accepted".')


class JudgeIn(Schema):
    name: str = Field(max_length=100)
    email: str = Field(max_length=254)
    title: str = Field("", max_length=100)
    employer: str = Field("", max_length=200)
    former_employers: list[str] = Names
    affiliations: list[str] = Names
    industries: list[str] = Names
    channels: list[str] = Names
    dimensions: list[str] = Names
    min_load: int | None = Field(None, ge=0, le=1000)
    max_load: int | None = Field(None, ge=0, le=1000)


class JudgeProfileChangeIn(Schema):
    """The fields to change (the others keep theirs) and the version they were read at."""

    version: int | None = Field(
        None, ge=1, le=2**31 - 1, description="409 conflict when the profile moved on."
    )
    name: str | None = Field(None, max_length=100)
    email: str | None = Field(None, max_length=254)
    title: str | None = Field(None, max_length=100)
    employer: str | None = Field(None, max_length=200)
    former_employers: list[str] | None = Field(None, max_length=30)
    affiliations: list[str] | None = Field(None, max_length=30)
    industries: list[str] | None = Field(None, max_length=30)
    channels: list[str] | None = Field(None, max_length=30)
    dimensions: list[str] | None = Field(None, max_length=30)
    min_load: int | None = Field(None, ge=0, le=1000)
    max_load: int | None = Field(None, ge=0, le=1000)


class JudgeInviteIn(Schema):
    judges: list[RowId] = Field(default_factory=list, max_length=5000)
    all: bool = Field(False, description="Every judge not invited yet (judges is then ignored).")


class JudgeInviteOut(Schema):
    invited: list[str]
    job: int | None


class ConflictOfInterestOut(Schema):
    id: int
    judge: int
    judge_name: str
    entry: int
    center_name: str
    organization_name: str
    source: ConflictSource
    status: ConflictStatus
    blocking: bool
    reason: str
    decided_by: str | None
    decided_at: dt.datetime | None
    decision_reason: str
    created_at: dt.datetime


class ConflictDeclareIn(Schema):
    entry: RowId
    reason: str = Field(max_length=REASON_MAX, description="Why (not blank).")


class ConflictDecisionIn(Schema):
    decision: Literal["confirm", "dismiss"]
    reason: str = Field(max_length=REASON_MAX, description="Why (not blank).")


class ConflictDetectionOut(Schema):
    added: int
    restated: int
    cleared: int
    kept: int


class AffinityWeights(Schema):
    industry: float = Field(ge=0, le=100)
    channel: float = Field(ge=0, le=100)
    dimension: float = Field(ge=0, le=100)


class JudgingPolicyOut(Schema):
    scale: Scale
    blind: bool
    recommender_policy: RecommenderPolicy
    reviewers: int
    reviewers_by_category: dict[str, int]
    min_load: int
    max_load: int
    affinity_weights: AffinityWeights
    review_deadline: dt.datetime | None
    version: int


class JudgingPolicyIn(Schema):
    """The fields to change (the others keep theirs) and the version they were read at."""

    version: int | None = Field(
        None, ge=1, le=2**31 - 1, description="409 conflict when the policy moved on."
    )
    scale: Scale | None = None
    blind: bool | None = None
    recommender_policy: RecommenderPolicy | None = None
    reviewers: int | None = Field(None, ge=1, le=50)
    reviewers_by_category: dict[str, int] | None = Field(None, max_length=200)
    min_load: int | None = Field(None, ge=0, le=1000)
    max_load: int | None = Field(None, ge=0, le=1000)
    affinity_weights: AffinityWeights | None = None
    review_deadline: dt.datetime | None = None


# --------------------------------------------------------------------------- helpers


def judge_out(judge: JudgeProfile, states: dict) -> dict:
    return {
        "id": judge.pk,
        "name": judge.name,
        "email": judge.email,
        "title": judge.title,
        "employer": judge.employer,
        "former_employers": judge.former_employers,
        "affiliations": judge.affiliations,
        "industries": judge.industries,
        "channels": judge.channels,
        "dimensions": judge.dimensions,
        "min_load": judge.min_load,
        "max_load": judge.max_load,
        "version": judge.version,
        "account": judge.user_id is not None,
        "invitation": states.get(judge.email.lower(), ""),
    }


def conflict_out(c: Conflict) -> dict:
    return {
        "id": c.pk,
        "judge": c.judge_id,
        "judge_name": c.judge.name,
        "entry": c.entry_id,
        "center_name": c.entry.center.name,
        "organization_name": c.entry.center.organization.name,
        "source": c.source,
        "status": c.status,
        "blocking": c.status
        in (ConflictStatus.DECLARED, ConflictStatus.DETECTED, ConflictStatus.CONFIRMED),
        "reason": c.reason,
        "decided_by": c.decided_by.email if c.decided_by else None,
        "decided_at": c.decided_at,
        "decision_reason": c.decision_reason,
        "created_at": c.created_at,
    }


def _conflicts(season):
    return Conflict.objects.filter(season=season).select_related(
        "judge", "entry__center__organization", "decided_by"
    )


def _changed(exc, what: str, version):
    message = pgettext("api", "%(what)s changed since version %(version)s was read.") % {
        "what": what,
        "version": version,
    }
    problems = [
        {"field": name, "stored": _json(stored), "sent": _json(sent), "version": exc.version}
        for name, stored, sent in exc.rows()
    ]
    return error(409, "conflict", message, {p["field"]: [message] for p in problems}, problems)


def _json(value):
    if isinstance(value, (dt.datetime, dt.date)):
        return value.isoformat()
    return value


def _own(request, season) -> JudgeProfile:
    judge = judging_access.profile_of(request.user, season)
    if judge is None:
        raise PermissionDenied
    return judge


# --------------------------------------------------------------------------- the pool


@router.get(
    "/{slug}/judges",
    response={200: list[JudgeOut], **READ_ERRORS},
    summary="The judge pool (organizers)",
)
def list_judges(request, slug: str):
    season = access.season_for(request.user, slug, "judging.view_pool")
    states = domain.invitation_states(season)
    return [judge_out(j, states) for j in JudgeProfile.objects.filter(season=season)]


@router.post(
    "/{slug}/judges",
    response={201: JudgeOut, **ERRORS},
    summary="Add a judge to the pool (organizers); conflicts are looked for afterwards",
)
def create_judge(request, slug: str, payload: JudgeIn):
    season = access.season_for(request.user, slug, "judging.manage_pool")
    judge = domain.add_judge(season=season, values=payload.model_dump(), by=request.user)
    return Status(201, judge_out(judge, domain.invitation_states(season)))


# before /judges/{pk}, which would take "invite" for a judge's id
@router.post(
    "/{slug}/judges/invite",
    response={200: JudgeInviteOut, **ERRORS},
    summary="Invite judges of the pool by e-mail (organizers); those invited already are left out",
)
def invite_judges(request, slug: str, payload: JudgeInviteIn):
    season = access.season_for(request.user, slug, "judging.manage_pool")
    judges = JudgeProfile.objects.filter(season=season)
    if not payload.all:
        judges = judges.filter(pk__in=payload.judges)
    invitations, job = domain.invite_judges(
        season=season, judges=list(judges), by=request.user, language=request.LANGUAGE_CODE
    )
    return {"invited": [i.email for i in invitations], "job": job.pk if job else None}


@router.get(
    "/{slug}/judges/{pk}",
    response={200: JudgeOut, **READ_ERRORS},
    summary="One judge of the pool (organizers)",
)
def get_judge(request, slug: str, pk: int):
    season = access.season_for(request.user, slug, "judging.view_pool")
    judge = get_object_or_404(JudgeProfile, season=season, pk=pk)
    return judge_out(judge, domain.invitation_states(season))


@router.patch(
    "/{slug}/judges/{pk}",
    response={200: JudgeOut, **ERRORS},
    summary="Change a judge's profile (organizers); 409 conflict with both versions when it moved on",
)
def change_judge(request, slug: str, pk: int, payload: JudgeProfileChangeIn):
    season = access.season_for(request.user, slug, "judging.manage_pool")
    judge = get_object_or_404(JudgeProfile, season=season, pk=pk)
    values = payload.model_dump(exclude_unset=True)
    version = values.pop("version", None)
    try:
        judge = domain.change_judge(
            judge=judge, values=values, by=request.user, base_version=version
        )
    except domain.JudgeChanged as exc:
        return _changed(exc, pgettext("api", "The judge's profile"), version)
    return judge_out(judge, domain.invitation_states(season))


@router.delete(
    "/{slug}/judges/{pk}",
    response={204: None, **ERRORS},
    summary="Remove a judge from the pool (organizers; refused while assigned)",
)
def remove_judge(request, slug: str, pk: int):
    season = access.season_for(request.user, slug, "judging.manage_pool")
    judge = get_object_or_404(JudgeProfile, season=season, pk=pk)
    domain.remove_judge(judge=judge, by=request.user)
    return Status(204, None)


@router.get(
    "/{slug}/judging/me",
    response={200: JudgeOut, **READ_ERRORS},
    summary="A judge's own profile",
)
def my_profile(request, slug: str):
    season = access.season_for(request.user, slug, "judging.view_own")
    return judge_out(_own(request, season), domain.invitation_states(season))


class OwnJudgeProfileIn(Schema):
    version: int | None = Field(None, ge=1)
    title: str | None = Field(None, max_length=100)
    employer: str | None = Field(None, max_length=200)
    former_employers: list[str] | None = Field(None, max_length=30)
    affiliations: list[str] | None = Field(None, max_length=30)
    industries: list[str] | None = Field(None, max_length=30)
    channels: list[str] | None = Field(None, max_length=30)
    dimensions: list[str] | None = Field(None, max_length=30)


@router.patch(
    "/{slug}/judging/me",
    response={200: JudgeOut, **ERRORS},
    summary="A judge corrects their own title, employers and expertise",
)
def change_my_profile(request, slug: str, payload: OwnJudgeProfileIn):
    season = access.season_for(request.user, slug, "judging.edit_own_profile")
    judge = _own(request, season)
    values = {k: v for k, v in payload.model_dump(exclude_unset=True).items() if k in OWN_FIELDS}
    version = payload.version
    try:
        judge = domain.change_own_profile(
            judge=judge, values=values, by=request.user, base_version=version
        )
    except domain.JudgeChanged as exc:
        return _changed(exc, pgettext("api", "Your profile"), version)
    return judge_out(judge, domain.invitation_states(season))


# --------------------------------------------------------------------------- conflicts


@router.get(
    "/{slug}/conflicts",
    response={200: list[ConflictOfInterestOut], **READ_ERRORS},
    summary="Conflicts of interest (organizers), by status and source",
)
def list_conflicts(
    request, slug: str, status: ConflictStatus | None = None, source: ConflictSource | None = None
):
    season = access.season_for(request.user, slug, "judging.view_conflicts")
    rows = _conflicts(season)
    if status:
        rows = rows.filter(status=status)
    if source:
        rows = rows.filter(source=source)
    return [conflict_out(c) for c in rows]


@router.post(
    "/{slug}/conflicts/detect",
    response={200: ConflictDetectionOut, **ERRORS},
    summary="Look for conflicts of interest now (organizers); decisions are never overwritten",
)
def detect_conflicts(request, slug: str):
    season = access.season_for(request.user, slug, "judging.decide_conflict")
    return domain.detect_conflicts(season=season, by=request.user).as_data()


@router.post(
    "/{slug}/conflicts/{pk}/decision",
    response={200: ConflictOfInterestOut, **ERRORS},
    summary="Confirm or dismiss a detected or flagged conflict, with a reason (organizers)",
)
def decide_conflict(request, slug: str, pk: int, payload: ConflictDecisionIn):
    season = access.season_for(request.user, slug, "judging.decide_conflict")
    conflict = get_object_or_404(Conflict, season=season, pk=pk)
    conflict = domain.decide_conflict(
        conflict=conflict, decision=payload.decision, reason=payload.reason, by=request.user
    )
    return conflict_out(_conflicts(season).get(pk=conflict.pk))


@router.get(
    "/{slug}/judging/me/conflicts",
    response={200: list[ConflictOfInterestOut], **READ_ERRORS},
    summary="A judge's own conflicts of interest (declared and detected)",
)
def my_conflicts(request, slug: str):
    season = access.season_for(request.user, slug, "judging.view_own")
    judge = _own(request, season)
    return [conflict_out(c) for c in _conflicts(season).filter(judge=judge)]


@router.post(
    "/{slug}/judging/me/conflicts",
    response={201: ConflictOfInterestOut, **ERRORS},
    summary="A judge declares a conflict of interest on an entry, with the reason",
)
def declare_conflict(request, slug: str, payload: ConflictDeclareIn):
    season = access.season_for(request.user, slug, "judging.declare_conflict")
    judge = _own(request, season)
    entry = get_object_or_404(Entry, season=season, pk=payload.entry)
    conflict = domain.declare_conflict(
        judge=judge, entry=entry, reason=payload.reason, by=request.user
    )
    return Status(201, conflict_out(_conflicts(season).get(pk=conflict.pk)))


@router.delete(
    "/{slug}/judging/me/conflicts/{pk}",
    response={204: None, **ERRORS},
    summary="A judge withdraws their own declaration (only before judging opens)",
)
def withdraw_conflict(request, slug: str, pk: int):
    season = access.season_for(request.user, slug, "judging.view_own")
    judge = _own(request, season)
    conflict = get_object_or_404(Conflict, season=season, judge=judge, pk=pk)
    if not request.user.has_perm("judging.withdraw_conflict", season):
        return error(
            409,
            "read_only",
            pgettext("api", "Judging has opened: a declaration can no longer be withdrawn."),
        )
    domain.withdraw_declaration(conflict=conflict, by=request.user)
    return Status(204, None)


# --------------------------------------------------------------------------- the policy


def policy_out(policy) -> dict:
    return {
        "scale": policy.scale,
        "blind": policy.blind,
        "recommender_policy": policy.recommender_policy,
        "reviewers": policy.reviewers,
        "reviewers_by_category": {
            str(k): int(v) for k, v in (policy.reviewers_by_category or {}).items()
        },
        "min_load": policy.min_load,
        "max_load": policy.max_load,
        "affinity_weights": policy.weights(),
        "review_deadline": policy.review_deadline,
        "version": policy.version,
    }


@router.get(
    "/{slug}/judging-policy",
    response={200: JudgingPolicyOut, **READ_ERRORS},
    summary="The season's judging policy (organizers)",
)
def get_policy(request, slug: str):
    season = access.season_for(request.user, slug, "judging.change_policy")
    return policy_out(domain.policy_for(season))


@router.patch(
    "/{slug}/judging-policy",
    response={200: JudgingPolicyOut, **ERRORS},
    summary="Change the judging policy (organizers); 409 conflict with both versions when it moved on",
)
def change_policy(request, slug: str, payload: JudgingPolicyIn):
    season = access.season_for(request.user, slug, "judging.change_policy")
    values = payload.model_dump(exclude_unset=True)
    version = values.pop("version", None)
    values = {k: v for k, v in values.items() if v is not None or k == "review_deadline"}
    try:
        policy = domain.save_policy(
            season=season, values=values, by=request.user, base_version=version
        )
    except domain.PolicyChanged as exc:
        return _changed(exc, pgettext("api", "The judging policy"), version)
    return policy_out(policy)
