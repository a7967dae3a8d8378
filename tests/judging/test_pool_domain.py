"""The judge pool's operations: values checked by field, versions, a judge's own
corrections, invitations."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from ccaward.core.models import AuditEvent, Job
from ccaward.judging import domain
from ccaward.judging.models import JudgeProfile
from ccaward.people.models import Invitation


def test_values_are_checked_by_field(season, organizer):
    with pytest.raises(ValidationError) as refused:
        domain.add_judge(
            season=season,
            values={
                "name": "",
                "email": "not an address",
                "industries": ["银行", "space"],
                "min_load": 9,
                "max_load": 3,
            },
            by=organizer,
        )
    errors = refused.value.message_dict
    assert set(errors) == {"name", "email", "industries", "min_load"}
    assert "space" in errors["industries"][0]
    assert "9" in errors["min_load"][0] and "3" in errors["min_load"][0]
    assert not JudgeProfile.objects.exists()


def test_choices_are_read_in_either_language_and_lists_split(season, organizer):
    judge = domain.add_judge(
        season=season,
        values={
            "name": "李",
            "email": "Li@Example.CN",
            "former_employers": "甲公司、乙公司，丙公司;丁公司\n甲公司",
            "industries": ["银行", "Insurance", "telecom"],
            "channels": ["微信/社交媒体", "video"],
        },
        by=organizer,
    )
    assert judge.email == "li@example.cn"
    assert judge.former_employers == ["甲公司", "乙公司", "丙公司", "丁公司"]
    assert judge.industries == ["banking", "insurance", "telecom"]
    assert judge.channels == ["social", "video"]


def test_dimensions_are_the_framework_in_force(season, organizer):
    version = season.current_framework()
    first = version.dimensions.first()
    judge = domain.add_judge(
        season=season,
        values={"name": "李", "email": "li@example.cn", "dimensions": [first.name_zh]},
        by=organizer,
    )
    assert judge.dimensions == [first.code]
    with pytest.raises(ValidationError):
        domain.change_judge(
            judge=judge, values={"dimensions": ["not_a_dimension"]}, by=organizer, base_version=None
        )


def test_an_email_is_once_per_season(season, organizer, profile):
    with pytest.raises(ValidationError) as refused:
        domain.add_judge(
            season=season, values={"name": "x", "email": profile.email.upper()}, by=organizer
        )
    assert "email" in refused.value.message_dict


def test_a_stale_version_is_refused_with_both_versions(season, organizer, profile):
    domain.change_judge(judge=profile, values={"title": "教授"}, by=organizer, base_version=1)
    with pytest.raises(domain.JudgeChanged) as stale:
        domain.change_judge(judge=profile, values={"title": "研究员"}, by=organizer, base_version=1)
    assert stale.value.version == 2
    assert stale.value.rows() == [("title", "教授", "研究员")]
    profile.refresh_from_db()
    assert profile.title == "教授"


def test_a_change_is_audited_with_old_and_new_values(season, organizer, profile):
    domain.change_judge(
        judge=profile, values={"employer": "新单位", "max_load": 8}, by=organizer, base_version=None
    )
    event = AuditEvent.objects.get(action="judging.judge.changed")
    assert event.data["employer"] == ["华东管理学院", "新单位"]
    assert event.data["max_load"] == [None, 8]


def test_a_minimum_above_the_stored_maximum(season, organizer, profile):
    domain.change_judge(judge=profile, values={"max_load": 5}, by=organizer, base_version=None)
    with pytest.raises(ValidationError) as refused:
        domain.change_judge(judge=profile, values={"min_load": 6}, by=organizer, base_version=None)
    assert "min_load" in refused.value.message_dict


def test_a_judge_corrects_their_own_employers_not_their_loads(season, judge, profile):
    domain.change_own_profile(
        judge=profile,
        values={"employer": "新单位", "former_employers": ["华东管理学院"], "channels": ["voice"]},
        by=judge,
        base_version=profile.version,
    )
    profile.refresh_from_db()
    assert (profile.employer, profile.former_employers, profile.channels) == (
        "新单位",
        ["华东管理学院"],
        ["voice"],
    )
    assert AuditEvent.objects.filter(action="judging.judge.self_changed", actor=judge).exists()
    with pytest.raises(ValidationError) as refused:
        domain.change_own_profile(
            judge=profile, values={"max_load": 99}, by=judge, base_version=None
        )
    assert "max_load" in refused.value.message_dict


def test_removing_a_judge(season, organizer, profile):
    domain.remove_judge(judge=profile, by=organizer)
    assert not JudgeProfile.objects.exists()
    assert AuditEvent.objects.get(action="judging.judge.removed").data["email"] == profile.email


def test_inviting_leaves_out_those_invited_or_judging(season, organizer, judge, profile):
    other = domain.add_judge(
        season=season, values={"name": "新", "email": "new@example.cn"}, by=organizer
    )
    invitations, job = domain.invite_judges(season=season, judges=[profile, other], by=organizer)
    assert [i.email for i in invitations] == ["new@example.cn"]
    assert isinstance(job, Job)
    assert Invitation.objects.get().role == "judge"
    assert domain.invitation_states(season) == {
        "new@example.cn": "invited",
        judge.email: "accepted",
    }
    again, none = domain.invite_judges(season=season, judges=[other], by=organizer)
    assert (again, none) == ([], None)
