"""Scheduling site visits: the address defaults to the center's, a conflicted
judge is refused by name, a stale edit is told both versions, a cancellation
needs a reason; the checklist is resolved against the framework in force."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from ccaward.core.models import AuditEvent
from ccaward.judging.models import JudgeProfile
from ccaward.visits.domain import schedule
from ccaward.visits.enums import VisitStatus
from tests.factories import make_season


def values(**kw):
    return {
        "starts_at": timezone.now() + dt.timedelta(days=2),
        "address": "",
        "agenda": "",
        "judges": [],
        **kw,
    }


def test_a_visit_takes_the_centers_address_and_the_checklist(visit, entry):
    assert visit.address == "上海市浦东新区世纪大道100号"
    keys = {i["key"] for i in visit.checklist}
    assert {"tech_disaster_recovery", "tech_bcp", "env_noise", "env_lighting"} <= keys
    assert visit.item("tech_bcp")["criterion"] == "system_contingency"
    assert visit.item("tech_bcp")["answers"] == ["tech_bcp"]
    assert visit.framework == entry.season.current_framework()
    assert AuditEvent.objects.filter(action="visit.scheduled").exists()


def test_a_conflicted_judge_is_refused_by_name(entry, organizer, conflicted_profile):
    _user, profile = conflicted_profile
    with pytest.raises(ValidationError) as info:
        schedule.schedule_visit(entry=entry, values=values(judges=[profile]), by=organizer)
    assert "有冲突评委" in info.value.message_dict["judges"][0]


def test_a_judge_of_another_season_is_refused(entry, organizer):
    other = make_season(by=organizer)
    stranger = JudgeProfile.objects.create(season=other, name="外人", email="x@example.cn")
    with pytest.raises(ValidationError) as info:
        schedule.schedule_visit(entry=entry, values=values(judges=[stranger]), by=organizer)
    assert "外人" in info.value.message_dict["judges"][0]


def test_only_organizers_schedule(entry, judge):
    with pytest.raises(PermissionDenied):
        schedule.schedule_visit(entry=entry, values=values(), by=judge)


def test_a_stale_change_is_told_both_versions(visit, organizer, judge_profile):
    schedule.change_visit(
        visit=visit,
        values=values(address="北京市朝阳区", judges=[judge_profile]),
        by=organizer,
        base_version=1,
    )
    with pytest.raises(schedule.VisitChanged) as info:
        schedule.change_visit(
            visit=visit,
            values=values(address="广州市天河区", judges=[judge_profile]),
            by=organizer,
            base_version=1,
        )
    rows = {name: (stored, sent) for name, stored, sent in info.value.rows()}
    assert rows["address"] == ("北京市朝阳区", "广州市天河区")
    visit.refresh_from_db()
    assert visit.address == "北京市朝阳区" and visit.version == 2


def test_a_cancellation_needs_a_reason(visit, organizer):
    with pytest.raises(ValidationError):
        schedule.cancel_visit(visit=visit, reason="  ", by=organizer)
    cancelled = schedule.cancel_visit(visit=visit, reason="中心临时搬迁", by=organizer)
    assert cancelled.status == VisitStatus.CANCELLED
    event = AuditEvent.objects.get(action="visit.cancelled")
    assert event.data["reason"] == "中心临时搬迁"


def test_agenda_items_keep_their_times():
    items = schedule.agenda_items("09:30 见面会\n10:00-11:00 参观\n\n系统演示\n14：00 总结")
    assert items == [
        {"time": "09:30", "text": "见面会"},
        {"time": "10:00-11:00", "text": "参观"},
        {"time": "", "text": "系统演示"},
        {"time": "14:00", "text": "总结"},
    ]


def test_a_judge_marks_the_visit_done_while_the_stage_is_open(visit, judge, judging_open):
    done = schedule.finish_visit(visit=visit, by=judge)
    assert done.status == VisitStatus.DONE
