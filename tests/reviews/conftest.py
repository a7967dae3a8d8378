"""What the review tests share: judging open, the `judge` persona in the pool and
assigned to an entry (rows made directly: judging's own operations make them in
production), another entry not assigned, and helpers to score."""

from __future__ import annotations

import pytest

from ccaward.judging.enums import ConflictSource, ConflictStatus
from ccaward.judging.models import Assignment, Conflict, JudgeProfile, JudgingPolicy
from ccaward.reviews import domain
from ccaward.reviews.models import SCORE
from ccaward.seasons import domain as seasons
from ccaward.seasons.enums import JUDGING_STAGE
from tests.factories import make_entry


def open_judging(season, organizer):
    stage = season.stages.get(kind=JUDGING_STAGE)
    seasons.override_stage(stage=stage, by=organizer, action="open", reason="评审开始")


def close_judging(season, organizer):
    stage = season.stages.get(kind=JUDGING_STAGE)
    seasons.override_stage(stage=stage, by=organizer, action="closed", reason="评审结束")


@pytest.fixture
def judging_open(season, organizer):
    open_judging(season, organizer)
    return season


@pytest.fixture
def profile(season, judge):
    return JudgeProfile.objects.create(season=season, user=judge, name="钱评委", email=judge.email)


@pytest.fixture
def entry(season, organizer, category):
    return make_entry(season=season, by=organizer, category=category, name="星河银行客服中心")


@pytest.fixture
def other_entry(season, organizer, category):
    return make_entry(season=season, by=organizer, category=category, name="远山保险客服中心")


@pytest.fixture
def assigned(profile, entry):
    return Assignment.objects.create(season=entry.season, judge=profile, entry=entry)


def set_policy(season, **values):
    policy, _ = JudgingPolicy.objects.get_or_create(season=season)
    for k, v in values.items():
        setattr(policy, k, v)
    policy.save()
    return policy


def conflict(profile, entry, status=ConflictStatus.DECLARED):
    return Conflict.objects.create(
        season=entry.season,
        judge=profile,
        entry=entry,
        source=ConflictSource.DECLARED,
        status=status,
        reason="前雇主",
    )


def criteria(season):
    return list(domain.criteria_by_code(season.current_framework()))


def full_scores(season, value="7") -> dict:
    return {SCORE + code: value for code in criteria(season)}
