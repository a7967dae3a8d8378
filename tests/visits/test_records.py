"""Recording a visit's checklist: each record stored by the id its device made,
a resend stored once, a late resend never undoing a later edit, two judges on
one item both kept, refusals that name the item, and the stage gate."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from ccaward.core.errors import StageClosed
from ccaward.core.models import AuditEvent
from ccaward.judging.models import JudgingPolicy
from ccaward.visits.domain import records, schedule
from ccaward.visits.models import ItemRecord
from tests.visits.conftest import close_judging, record


def sync(visit, user, *recs):
    return records.sync_records(visit=visit, records=list(recs), by=user)


def test_a_record_is_stored_and_a_resend_is_stored_once(visit, judge, judging_open):
    rec = record(notes="BCP 文档齐全")
    [first] = sync(visit, judge, rec)
    assert first.result == records.STORED
    [again] = sync(visit, judge, rec)
    assert again.result == records.ALREADY_HAD and again.resent
    assert ItemRecord.objects.filter(visit=visit).count() == 1
    stored = ItemRecord.objects.get()
    assert stored.score == Decimal("8.5") and stored.notes == "BCP 文档齐全"
    assert stored.judge.user == judge and stored.scale == "0-10"
    assert AuditEvent.objects.filter(action="visit.recorded").count() == 1


def test_a_late_resend_of_an_earlier_edit_does_not_undo_a_later_one(visit, judge, judging_open):
    rid = str(uuid.uuid4())
    early = record(rid=rid, seq=3, score=6, notes="第一次")
    late = record(rid=rid, seq=7, score=9, notes="修改后")
    assert sync(visit, judge, late)[0].result == records.STORED
    [result] = sync(visit, judge, early)
    assert result.result == records.ALREADY_HAD and not result.resent
    stored = ItemRecord.objects.get(uuid=rid)
    assert (stored.score, stored.notes, stored.seq) == (Decimal(9), "修改后", 7)


def test_a_later_edit_replaces_the_values_and_the_audit_keeps_both(visit, judge, judging_open):
    rid = str(uuid.uuid4())
    sync(visit, judge, record(rid=rid, seq=1, score=6))
    sync(visit, judge, record(rid=rid, seq=2, score=7.5, finding="partly"))
    stored = ItemRecord.objects.get(uuid=rid)
    assert (stored.score, stored.finding) == (Decimal("7.5"), "partly")
    event = AuditEvent.objects.filter(action="visit.recorded").latest("pk")
    [change] = event.data["changes"]
    assert change["old"]["score"] == "6.0" and change["new"]["score"] == "7.5"


def test_two_judges_on_one_item_are_both_kept(visit, judge, second_judge, judging_open, organizer):
    user, profile = second_judge
    visit.judges.add(profile)
    sync(visit, judge, record(score=8))
    sync(visit, user, record(score=5, finding="partly"))
    rows = ItemRecord.objects.filter(visit=visit, item_key="tech_bcp")
    assert sorted(r.score for r in rows) == [Decimal(5), Decimal(8)]


def test_refusals_name_the_item_and_do_not_stop_the_batch(visit, judge, judging_open):
    results = sync(
        visit,
        judge,
        record(item="no_such_item"),
        record(item="env_noise", score=10.3),
        record(item="env_lighting", finding="perfect"),
        record(item="tech_platform", score=7),
    )
    assert [r.result for r in results] == ["refused", "refused", "refused", "stored"]
    assert "no_such_item" in results[0].message
    assert "噪音控制" in results[1].message
    assert "灯光照明度" in results[2].message
    assert ItemRecord.objects.filter(visit=visit).count() == 1


def test_a_record_id_of_another_visit_is_refused(
    visit, judge, judging_open, entry, organizer, judge_profile
):
    other = schedule.schedule_visit(
        entry=entry,
        values={
            "starts_at": timezone.now(),
            "address": "",
            "agenda": "",
            "judges": [judge_profile],
        },
        by=organizer,
    )
    rec = record()
    sync(visit, judge, rec)
    [result] = sync(other, judge, {**rec, "seq": 2})
    assert result.result == records.REFUSED
    assert "another visit" in result.message or "其他" in result.message or "另一" in result.message
    assert ItemRecord.objects.get().visit == visit


def test_the_season_scale_decides_what_a_score_may_be(visit, judge, judging_open):
    JudgingPolicy.objects.create(season=visit.season, scale="1-5")
    [half, six, good] = sync(
        visit,
        judge,
        record(item="env_noise", score=2.5),
        record(item="env_lighting", score=6),
        record(item="tech_bcp", score=4),
    )
    assert half.result == six.result == records.REFUSED
    assert good.result == records.STORED
    assert ItemRecord.objects.get().scale == "1-5"


def test_only_the_visits_judges_record(visit, second_judge, conflicted_profile, judging_open):
    user, _profile = second_judge
    with pytest.raises(PermissionDenied):
        sync(visit, user, record())
    conflicted, profile = conflicted_profile
    visit.judges.add(profile)
    with pytest.raises(PermissionDenied):
        sync(visit, conflicted, record())


def test_recording_is_gated_by_the_judging_stage(visit, judge, organizer, season):
    close_judging(season, organizer)
    with pytest.raises(StageClosed):
        sync(visit, judge, record())
    [result] = sync(visit, organizer, record())
    assert result.result == records.STORED
    event = AuditEvent.objects.get(action="visit.recorded")
    assert "organizer correction" in event.data["note"]


def test_a_cancelled_visit_takes_no_records(visit, judge, organizer, judging_open):
    schedule.cancel_visit(visit=visit, reason="中心搬迁", by=organizer)
    with pytest.raises(ValidationError):
        sync(visit, judge, record())


def test_edited_at_is_the_devices_time(visit, judge, judging_open):
    when = timezone.now() - dt.timedelta(hours=5)
    sync(visit, judge, record(edited_at=when))
    assert ItemRecord.objects.get().edited_at == when
