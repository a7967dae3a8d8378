"""The conflicts pages: a judge declares (and withdraws) on their page, the
organizers filter, detect and decide."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from ccaward.judging import domain
from ccaward.judging.models import Conflict
from ccaward.seasons.enums import JUDGING_STAGE


def url(name, season, *args):
    return reverse(name, args=[season.slug, *args])


def test_a_judge_declares_a_conflict_and_withdraws_it(as_user, judge, season, entry, profile):
    client = as_user(judge)
    response = client.post(
        url("judging:declare", season), {"entry": entry.pk, "reason": "曾任其顾问"}, follow=True
    )
    page = response.content.decode()
    assert "利益冲突已记录" in page and "曾任其顾问" in page
    conflict = Conflict.objects.get()
    assert (conflict.judge, conflict.entry, conflict.status) == (profile, entry, "declared")
    client.post(url("judging:withdraw", season, conflict.pk))
    assert not Conflict.objects.exists()


def test_a_declaration_without_a_reason_is_refused(as_user, judge, season, entry, profile):
    response = as_user(judge).post(
        url("judging:declare", season), {"entry": entry.pk, "reason": ""}, follow=True
    )
    assert "原因" in response.content.decode()
    assert not Conflict.objects.exists()


def test_no_withdrawal_once_judging_has_opened(as_user, organizer, judge, season, entry, profile):
    conflict = domain.declare_conflict(judge=profile, entry=entry, reason="亲属", by=judge)
    stage = season.stage(JUDGING_STAGE)
    stage.opens_at = timezone.now() - dt.timedelta(days=1)
    stage.closes_at = timezone.now() + dt.timedelta(days=10)
    stage.save()
    response = as_user(judge).post(url("judging:withdraw", season, conflict.pk), follow=True)
    assert "评审已开始" in response.content.decode()
    assert Conflict.objects.filter(pk=conflict.pk).exists()


def test_the_judges_page_shows_names_not_evidence(as_user, judge, season, entry, profile):
    page = as_user(judge).get(url("judging:mine", season)).content.decode()
    assert entry.center.name in page
    assert reverse("kpis:entry", args=[season.slug, entry.pk]) not in page


def test_organizers_detect_filter_and_decide(as_user, organizer, season, entry):
    domain.add_judge(
        season=season,
        values={"name": "王建国", "email": "wang@example.cn", "employer": "中国建设银行"},
        by=organizer,
    )
    client = as_user(organizer)
    response = client.post(url("judging:detect", season), follow=True)
    assert "检测完成" in response.content.decode()
    page = client.get(
        url("judging:conflicts", season) + "?by=judge&status=detected&source=employer"
    )
    text = page.content.decode()
    assert "王建国" in text and "中国建设银行 ↔ 中国建设银行客户服务中心" in text
    assert (
        client.get(url("judging:conflicts", season) + "?status=dismissed")
        .content.decode()
        .count('id="conflict-')
        == 0
    )
    conflict = Conflict.objects.get()
    refused = client.post(
        url("judging:decide", season, conflict.pk),
        {"decision": "dismiss", "reason": ""},
        follow=True,
    )
    assert "原因" in refused.content.decode()
    client.post(
        url("judging:decide", season, conflict.pk), {"decision": "dismiss", "reason": "已离职"}
    )
    conflict.refresh_from_db()
    assert (conflict.status, conflict.decision_reason) == ("dismissed", "已离职")


def test_judges_cannot_decide(as_user, judge, season, entry, profile):
    conflict = domain.declare_conflict(judge=profile, entry=entry, reason="亲属", by=judge)
    response = as_user(judge).post(
        url("judging:decide", season, conflict.pk), {"decision": "dismiss", "reason": "x"}
    )
    assert response.status_code == 403
    assert as_user(judge).post(url("judging:detect", season)).status_code == 403
