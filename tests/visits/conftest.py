"""Site-visit fixtures: an entry with answers, judge profiles (written directly:
the judge pool is another app's), the site-visit stage open, and a visit."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from django.utils import timezone

from ccaward.judging.enums import ConflictSource, ConflictStatus
from ccaward.judging.models import Conflict, JudgeProfile
from ccaward.people import domain as people
from ccaward.people.enums import Role
from ccaward.seasons import domain as seasons
from ccaward.seasons.enums import JUDGING_STAGE
from ccaward.visits.domain import schedule
from tests.factories import UserFactory, make_entry

ANSWERS = {
    "tech_disaster_recovery": "yes",
    "tech_bcp": "yes",
    "tech_bcp.detail": "每年两次切换演练",
    "env_noise_control": "no",
    "training_system": "三级培训体系",
}


def open_judging(season, organizer):
    stage = season.stages.get(kind=JUDGING_STAGE)
    seasons.override_stage(stage=stage, by=organizer, action="open", reason="入户评审提前开始")


def close_judging(season, organizer):
    stage = season.stages.get(kind=JUDGING_STAGE)
    seasons.override_stage(stage=stage, by=organizer, action="closed", reason="入户评审结束")


@pytest.fixture
def entry(season, organizer, applicant, category):
    made = make_entry(season=season, by=applicant, category=category)
    made.center.address = "上海市浦东新区世纪大道100号"
    made.center.save()
    made.center.organization.members.add(applicant)
    made.answers = {**(made.answers or {}), **ANSWERS}
    made.save()
    return made


@pytest.fixture
def judge_profile(season, judge):
    return JudgeProfile.objects.create(season=season, user=judge, name="评委", email=judge.email)


@pytest.fixture
def second_judge(season, organizer):
    user = UserFactory(email="judge2@example.cn", name="第二评委")
    people.grant_role(season=season, user=user, role=Role.JUDGE, by=organizer)
    profile = JudgeProfile.objects.create(
        season=season, user=user, name="第二评委", email=user.email
    )
    return user, profile


@pytest.fixture
def conflicted_profile(season, entry, organizer):
    user = UserFactory(email="conflicted@example.cn", name="有冲突评委")
    people.grant_role(season=season, user=user, role=Role.JUDGE, by=organizer)
    profile = JudgeProfile.objects.create(
        season=season, user=user, name="有冲突评委", email=user.email
    )
    Conflict.objects.create(
        season=season,
        judge=profile,
        entry=entry,
        source=ConflictSource.DECLARED,
        status=ConflictStatus.DECLARED,
        reason="前雇主",
    )
    return user, profile


@pytest.fixture
def judging_open(season, organizer):
    open_judging(season, organizer)
    return season


@pytest.fixture
def visit(entry, organizer, judge_profile):
    return schedule.schedule_visit(
        entry=entry,
        values={
            "starts_at": timezone.now() + dt.timedelta(days=3),
            "address": "",
            "agenda": "09:30 见面会\n10:00-11:00 参观座席区\n系统演示",
            "judges": [judge_profile],
        },
        by=organizer,
    )


def record(
    item="tech_bcp", *, seq=1, rid=None, finding="verified", score=8.5, notes="", edited_at=None
):
    return {
        "id": rid or str(uuid.uuid4()),
        "item": item,
        "device": "tablet-1",
        "seq": seq,
        "edited_at": edited_at or timezone.now(),
        "finding": finding,
        "score": score,
        "notes": notes,
    }
