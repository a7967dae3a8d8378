"""`ccaward demo` assigns the demo judges: the solver's run applied, every competing
entry with its R judges, one pair locked, no conflicted pair."""

from __future__ import annotations

from ccaward.applications.enums import COMPETING
from ccaward.judging import affinities
from ccaward.judging.models import Assignment, AssignmentRun


def test_the_demo_has_an_applied_assignment_with_one_locked_pair(demo_season):
    ctx = demo_season
    season = ctx.season
    run = AssignmentRun.objects.get(season=season)
    assert run.applied and run.optimal and not run.report["infeasible"]
    pairs = list(Assignment.objects.filter(season=season))
    assert sum(p.locked for p in pairs) == 1
    policy = affinities.policy_of(season)
    competing = [e for e in ctx.entries if e.status in COMPETING]
    for entry in competing:
        assert sum(p.entry_id == entry.pk for p in pairs) == policy.reviewers_for(entry.category_id)
    judges = affinities.judges_of(season)
    forbidden = affinities.forbidden_pairs(season, judges, competing)
    assert not {(p.judge_id, p.entry_id) for p in pairs} & set(forbidden)
