"""Conflicts of interest in the platform: detection adds and never overwrites a
decision, the recommender policy, declarations and decisions with their audit."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from ccaward.applications import domain as applications
from ccaward.core.models import AuditEvent
from ccaward.judging import access, domain
from ccaward.judging.enums import ConflictSource, ConflictStatus, RecommenderPolicy
from ccaward.judging.models import Conflict
from ccaward.recommendations import domain as recommendations
from tests.factories import make_entry


@pytest.fixture
def banker(season, organizer):
    return domain.add_judge(
        season=season,
        values={"name": "王建国", "email": "wang@ccb.com", "employer": "中国建设银行股份有限公司"},
        by=organizer,
    )


def test_adding_a_judge_detects_the_employer(season, organizer, entry, banker):
    conflict = Conflict.objects.get(judge=banker, entry=entry)
    assert conflict.source == ConflictSource.EMPLOYER
    assert conflict.status == ConflictStatus.DETECTED
    assert "中国建设银行股份有限公司 ↔" in conflict.reason
    event = AuditEvent.objects.filter(action="judging.conflicts.detected").last()
    assert event.data["added"] == 1


def test_detection_never_overwrites_a_decision(season, organizer, entry, banker):
    conflict = Conflict.objects.get(judge=banker, entry=entry)
    domain.decide_conflict(conflict=conflict, decision="dismiss", reason="已离职多年", by=organizer)
    report = domain.detect_conflicts(season=season, by=organizer)
    conflict.refresh_from_db()
    assert conflict.status == ConflictStatus.DISMISSED
    assert conflict.decision_reason == "已离职多年"
    assert report.added == [] and report.kept == 1
    # even when the judge's employer changes, the decided row stays as decided
    domain.change_judge(
        judge=banker, values={"employer": "别的公司"}, by=organizer, base_version=None
    )
    conflict.refresh_from_db()
    assert conflict.status == ConflictStatus.DISMISSED


def test_an_undecided_conflict_that_no_longer_matches_is_cleared(season, organizer, entry, banker):
    domain.change_judge(
        judge=banker, values={"employer": "华东管理学院"}, by=organizer, base_version=None
    )
    assert not Conflict.objects.filter(judge=banker, source=ConflictSource.EMPLOYER).exists()


def test_detection_reports_only_what_it_added(season, organizer, entry, banker):
    report = domain.detect_conflicts(season=season, by=organizer)
    assert report.as_data() == {"added": 0, "restated": 0, "cleared": 0, "kept": 0}
    assert Conflict.objects.filter(judge=banker).count() == 1


def test_same_mail_domain_and_members(season, organizer, entry):
    user = applications_member(entry, "li@ccb.com")
    assert user
    judge = domain.add_judge(
        season=season, values={"name": "赵", "email": "zhao@ccb.com"}, by=organizer
    )
    assert Conflict.objects.get(judge=judge, entry=entry).source == ConflictSource.EMAIL_DOMAIN


def applications_member(entry, email):
    from tests.factories import UserFactory

    user = UserFactory(email=email)
    entry.center.organization.members.add(user)
    return user


def test_public_mail_domains_are_no_conflict(season, organizer, entry):
    applications_member(entry, "li@qq.com")
    judge = domain.add_judge(
        season=season, values={"name": "赵", "email": "zhao@qq.com"}, by=organizer
    )
    assert not Conflict.objects.filter(judge=judge).exists()


def _recommend(season, judge_user, entry):
    rec = recommendations.recommend(
        season=season,
        by=judge_user,
        category=entry.category,
        center_name=entry.center.name,
        organization_name=entry.center.organization.name,
        contact_name="联系人",
        contact_email="contact@example.cn",
        contact_phone="",
        reason="服务出色",
    )
    rec.entry = entry
    rec.save(update_fields=["entry"])
    return rec


@pytest.mark.parametrize(
    "policy, status",
    [
        (RecommenderPolicy.FLAGGED, ConflictStatus.FLAGGED),
        (RecommenderPolicy.CONFLICT, ConflictStatus.DETECTED),
        (RecommenderPolicy.ALLOWED, None),
    ],
)
def test_a_recommendation_follows_the_policy(
    season, organizer, judge, entry, profile, policy, status
):
    domain.save_policy(season=season, values={"recommender_policy": policy}, by=organizer)
    _recommend(season, judge, entry)
    domain.detect_conflicts(season=season, by=organizer)
    found = Conflict.objects.filter(judge=profile, entry=entry, source=ConflictSource.RECOMMENDED)
    assert [c.status for c in found] == ([status] if status else [])
    assert access.is_conflicted(judge, entry) is (status == ConflictStatus.DETECTED)


def test_a_policy_change_restates_an_undecided_flag(season, organizer, judge, entry, profile):
    _recommend(season, judge, entry)
    domain.detect_conflicts(season=season, by=organizer)
    domain.save_policy(season=season, values={"recommender_policy": "conflict"}, by=organizer)
    report = domain.detect_conflicts(season=season, by=organizer)
    assert [c.status for c in report.restated] == [ConflictStatus.DETECTED]


def test_a_judge_declares_and_withdraws(season, organizer, judge, entry, profile):
    conflict = domain.declare_conflict(judge=profile, entry=entry, reason="曾任顾问", by=judge)
    assert conflict.status == ConflictStatus.DECLARED
    assert access.is_conflicted(judge, entry)
    with pytest.raises(ValidationError) as refused:
        domain.declare_conflict(judge=profile, entry=entry, reason="再次", by=judge)
    assert "entry" in refused.value.message_dict
    domain.withdraw_declaration(conflict=conflict, by=judge)
    assert not access.is_conflicted(judge, entry)
    actions = list(
        AuditEvent.objects.filter(action__startswith="judging.conflict.")
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions == ["judging.conflict.declared", "judging.conflict.withdrawn"]
    withdrawn = AuditEvent.objects.get(action="judging.conflict.withdrawn")
    assert withdrawn.data["reason"] == "曾任顾问"


def test_a_declaration_needs_a_reason(season, judge, entry, profile):
    with pytest.raises(ValidationError) as refused:
        domain.declare_conflict(judge=profile, entry=entry, reason="  ", by=judge)
    assert "reason" in refused.value.message_dict
    assert not Conflict.objects.exists()


def test_only_the_judge_withdraws_their_declaration(season, organizer, judge, entry, profile):
    conflict = domain.declare_conflict(judge=profile, entry=entry, reason="亲属任职", by=judge)
    with pytest.raises(PermissionDenied):
        domain.withdraw_declaration(conflict=conflict, by=organizer)


def test_a_drafts_entry_cannot_be_declared_on(season, organizer, judge, profile, category):
    draft = make_entry(season=season, by=organizer, category=category, status="draft")
    with pytest.raises(ValidationError):
        domain.declare_conflict(judge=profile, entry=draft, reason="x", by=judge)


def test_deciding_needs_a_reason_and_is_audited(season, organizer, entry, banker):
    conflict = Conflict.objects.get(judge=banker, entry=entry)
    with pytest.raises(ValidationError) as refused:
        domain.decide_conflict(conflict=conflict, decision="confirm", reason="", by=organizer)
    assert "reason" in refused.value.message_dict
    domain.decide_conflict(conflict=conflict, decision="confirm", reason="现任职", by=organizer)
    conflict.refresh_from_db()
    assert (conflict.status, conflict.decided_by, conflict.decision_reason) == (
        ConflictStatus.CONFIRMED,
        organizer,
        "现任职",
    )
    event = AuditEvent.objects.get(action="judging.conflict.confirmed")
    assert event.data["status"] == ["detected", "confirmed"]
    assert event.data["reason"] == "现任职"


def test_a_declaration_is_not_decided(season, organizer, judge, entry, profile):
    conflict = domain.declare_conflict(judge=profile, entry=entry, reason="亲属任职", by=judge)
    with pytest.raises(ValidationError):
        domain.decide_conflict(conflict=conflict, decision="dismiss", reason="无", by=organizer)


def test_a_judge_account_is_linked_on_detection(season, organizer, judge):
    profile = domain.add_judge(
        season=season, values={"name": "评委", "email": "JUDGE@example.cn"}, by=organizer
    )
    assert profile.user == judge
    unlinked = domain.add_judge(
        season=season, values={"name": "新评委", "email": "new@example.cn"}, by=organizer
    )
    assert unlinked.user is None


def test_detection_reads_the_other_organisation_names(season, organizer, category):
    org = applications.register_organization(by=None, name="华信人寿保险(集团)股份有限公司")
    entry = make_entry(season=season, by=organizer, category=category, organization=org)
    judge = domain.add_judge(
        season=season,
        values={
            "name": "张",
            "email": "z@x.cn",
            "former_employers": ["华信人寿保险（集团）股份有限公司"],
        },
        by=organizer,
    )
    assert Conflict.objects.get(judge=judge, entry=entry).source == ConflictSource.FORMER_EMPLOYER
