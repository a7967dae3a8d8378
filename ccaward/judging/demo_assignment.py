"""`ccaward demo`: the demo judges assigned to the demo entries (评审分配), solved,
applied, and one pair locked as an organizer would to keep it through re-runs."""

from __future__ import annotations

import math

from ccaward.applications.enums import COMPETING
from ccaward.core.demo import DemoContext, demo_step
from ccaward.judging.domain import assignment as domain
from ccaward.judging.domain.policy import policy_for, save_policy
from ccaward.judging.models import Assignment


@demo_step(52)
def assignment(ctx: DemoContext) -> None:
    season, by = ctx.season, ctx.users["organizer"]
    judges = season.judges.count()
    if not judges:
        return
    # loads near the mean, as organizers set them, so that the work is shared out
    reviews = season.entries.filter(status__in=COMPETING).count() * policy_for(season).reviewers
    mean = reviews / judges
    save_policy(
        season=season,
        values={"min_load": max(0, math.floor(mean) - 1), "max_load": math.ceil(mean) + 1},
        by=by,
    )
    run = domain.run_assignment(season=season, by=by)
    if run.report.get("infeasible"):  # the page explains it to the organizers
        return
    domain.apply_run(run=run, by=by)
    first = (
        Assignment.objects.filter(season=season)
        .order_by("-affinity", "entry__center__name", "judge__name")
        .first()
    )
    if first is not None:
        domain.lock_pair(assignment=first, by=by)
