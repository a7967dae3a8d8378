"""The assignment's API (评审分配), included from judging/api.py: the pairs, solver runs
(a preview) and their application, locks, pairs added and removed by hand.

The same rules as the page: organizers only (no role in the season 404, another role
403); changes until the judging stage closes (then 409 `stage_closed`); a refused
pair or run 422 naming the judge, the entry or the field.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied
from ninja import Router, Schema, Status
from pydantic import Field

from ccaward.core import access
from ccaward.core.apierrors import ERRORS, READ_ERRORS, error
from ccaward.core.apitypes import RowId
from ccaward.judging import affinities
from ccaward.judging.assignment_text import explanation, infeasibility
from ccaward.judging.domain import assignment as domain
from ccaward.judging.models import Assignment, AssignmentRun

router = Router(tags=["judging"])

VIEW, MANAGE = "judging.view_assignment", "judging.manage_assignment"


class TermOut(Schema):
    key: str = Field(description="industry, channel or dimension")
    weight: float
    value: float = Field(description="The term's value in [0, 1].")
    matched: list[str] = Field(description="What matched: the industry, channels, dimensions.")


class PairOut(Schema):
    id: int
    judge: int
    judge_name: str
    entry: int
    center_name: str
    category: int
    locked: bool
    source: str = Field(description="solver, randomized or manual")
    affinity: float = Field(description="The pair's affinity now, by the season's weights.")
    terms: list[TermOut]
    explanation: str = Field(description="How the affinity is made, in the reader's language.")


class RunIn(Schema):
    category: RowId | None = Field(None, description="Solve one category only (its id).")
    max_probability: float | None = Field(
        None, gt=0, le=1, description="Randomized mode: the cap P on each pair's probability."
    )
    seed: int | None = Field(
        None, ge=0, le=2**63 - 1, description="The draw's seed (made when not given)."
    )


class RunOut(Schema):
    id: int
    created_at: dt.datetime
    category: int | None
    applied: bool
    feasible: bool
    optimal: bool
    objective: float | None = Field(description="The sum of the pairs' affinity.")
    deterministic_objective: float | None = Field(
        description="Randomized runs: the optimum without the cap."
    )
    max_probability: float | None
    seed: int | None
    weights: dict[str, Any]
    coverage: dict[str, int] = Field(description="entries, covered, reviews, assigned")
    mean_affinity: float
    loads: dict[str, int] = Field(description="Each judge's load (by judge id) after the run.")
    pairs: list[list[float]] = Field(description="[judge id, entry id, affinity] proposed.")
    infeasible: dict[str, Any] | None = Field(
        description="code, detail, entries, judges, reason (English) when no assignment."
    )
    message: str = Field(description="Why no assignment, in the reader's language.")


class PairIn(Schema):
    judge: RowId
    entry: RowId
    locked: bool = True


def _run_out(run: AssignmentRun) -> dict:
    r = run.report
    return {
        "id": run.pk,
        "created_at": run.created_at,
        "category": run.category_id,
        "applied": run.applied,
        "feasible": not r.get("infeasible"),
        "optimal": run.optimal,
        "objective": run.objective,
        "deterministic_objective": run.deterministic_objective,
        "max_probability": run.max_probability,
        "seed": run.seed,
        "weights": run.weights,
        "coverage": {k: r.get(k, 0) for k in ("entries", "covered", "reviews", "assigned")},
        "mean_affinity": r.get("mean_affinity", 0.0),
        "loads": r.get("loads", {}),
        "pairs": r.get("pairs", []),
        "infeasible": r.get("infeasible"),
        "message": infeasibility(r),
    }


def _pairs_out(season, pairs) -> list[dict]:
    weights = affinities.policy_of(season).weights()
    scores = affinities.pair_affinities(season, [(p.judge, p.entry) for p in pairs], weights)
    out = []
    for p in pairs:
        a = scores[(p.judge_id, p.entry_id)]
        out.append(
            {
                "id": p.pk,
                "judge": p.judge_id,
                "judge_name": p.judge.name,
                "entry": p.entry_id,
                "center_name": p.entry.center.name,
                "category": p.entry.category_id,
                "locked": p.locked,
                "source": p.source,
                "affinity": a.score,
                "terms": [
                    {"key": t.key, "weight": t.weight, "value": t.value, "matched": list(t.matched)}
                    for t in a.terms
                ],
                "explanation": explanation(a),
            }
        )
    return out


def _managing(request, slug):
    season = access.season_for(request.user, slug, VIEW)
    if not request.user.has_perm(MANAGE, season):
        domain.require_before_close(season)
        raise PermissionDenied
    return season


def _pair(season, pk) -> Assignment | None:
    return affinities.pairs_in(season).filter(pk=pk).first() if isinstance(pk, int) else None


@router.get(
    "/{slug}/assignment/pairs",
    response={200: list[PairOut], **READ_ERRORS},
    summary="The assigned pairs (of one category when given), with their affinity",
)
def list_pairs(request, slug: str, category: int | None = None):
    season = access.season_for(request.user, slug, VIEW)
    scope = season.categories.filter(pk=category).first() if category is not None else None
    if category is not None and scope is None:
        return error(404, "not_found", "No such category in this season.")
    return _pairs_out(season, list(affinities.pairs_in(season, scope)))


@router.post(
    "/{slug}/assignment/runs",
    response={201: RunOut, **ERRORS},
    summary="Solve the assignment (a preview: apply it to change the pairs)",
)
def post_run(request, slug: str, payload: RunIn):
    season = _managing(request, slug)
    category = None
    if payload.category is not None:
        category = season.categories.filter(pk=payload.category).first()
        if category is None:
            message = f"No category {payload.category} in this season."
            return error(422, "invalid", message, {"category": [message]})
    run = domain.run_assignment(
        season=season,
        by=request.user,
        category=category,
        max_probability=payload.max_probability,
        seed=payload.seed,
    )
    return Status(201, _run_out(run))


@router.get(
    "/{slug}/assignment/runs/{run_id}",
    response={200: RunOut, **READ_ERRORS},
    summary="A run with its report",
)
def get_run(request, slug: str, run_id: int):
    season = access.season_for(request.user, slug, VIEW)
    run = AssignmentRun.objects.filter(season=season, pk=run_id).first()
    if run is None:
        return error(404, "not_found", "Not found.")
    return _run_out(run)


@router.post(
    "/{slug}/assignment/runs/{run_id}/apply",
    response={200: RunOut, **ERRORS},
    summary="Apply a run: its pairs replace the unlocked pairs of its scope",
)
def apply_run(request, slug: str, run_id: int):
    season = _managing(request, slug)
    run = AssignmentRun.objects.filter(season=season, pk=run_id).first()
    if run is None:
        return error(404, "not_found", "Not found.")
    return _run_out(domain.apply_run(run=run, by=request.user))


@router.post(
    "/{slug}/assignment/pairs",
    response={201: PairOut, **ERRORS},
    summary="Assign a judge to an entry by hand (locked unless told)",
)
def add_pair(request, slug: str, payload: PairIn):
    season = _managing(request, slug)
    judge, entry = domain.find_pair_inputs(
        season=season, judge_id=payload.judge, entry_id=payload.entry
    )
    pair = domain.assign_by_hand(
        season=season, judge=judge, entry=entry, by=request.user, locked=payload.locked
    )
    return Status(201, _pairs_out(season, [_pair(season, pair.pk)])[0])


def _set_lock(request, slug, pair_id, locked):
    season = _managing(request, slug)
    pair = _pair(season, pair_id)
    if pair is None:
        return error(404, "not_found", "Not found.")
    if locked:
        domain.lock_pair(assignment=pair, by=request.user)
    else:
        domain.unlock_pair(assignment=pair, by=request.user)
    return _pairs_out(season, [_pair(season, pair_id)])[0]


@router.post(
    "/{slug}/assignment/pairs/{pair_id}/lock",
    response={200: PairOut, **ERRORS},
    summary="Lock a pair: re-runs keep it",
)
def lock_pair(request, slug: str, pair_id: int):
    return _set_lock(request, slug, pair_id, True)


@router.post(
    "/{slug}/assignment/pairs/{pair_id}/unlock",
    response={200: PairOut, **ERRORS},
    summary="Unlock a pair: the next applied run may replace it",
)
def unlock_pair(request, slug: str, pair_id: int):
    return _set_lock(request, slug, pair_id, False)


@router.delete(
    "/{slug}/assignment/pairs/{pair_id}",
    response={204: None, **ERRORS},
    summary="Remove a pair",
)
def remove_pair(request, slug: str, pair_id: int):
    season = _managing(request, slug)
    pair = _pair(season, pair_id)
    if pair is None:
        return error(404, "not_found", "Not found.")
    domain.unassign(assignment=pair, by=request.user)
    return Status(204, None)
