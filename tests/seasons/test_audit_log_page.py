"""The audit log page: sentences, filters (who, what, when, object) and pages; job
titles in the reader's language; finished job cards leave the dashboard for the jobs
page."""

from __future__ import annotations

import datetime as dt
import re

from django.urls import reverse
from django.utils import timezone, translation

from ccaward.core import audit, jobs
from ccaward.core.models import AuditEvent, Job
from ccaward.seasons import audit_log
from tests.factories import UserFactory, make_category


def _page(client, season, **params):
    return client.get(reverse("seasons:audit", args=[season.slug]), params).content.decode()


def visible(html: str) -> str:
    """The page's text, without its tags and their attributes."""
    return re.sub(r"<[^>]+>", " ", html)


def test_the_log_reads_as_sentences_in_the_readers_language(as_user, client_en, season, organizer):
    make_category(season=season, by=organizer, name_zh="年度服务奖", name_en="Service Award")
    html = _page(as_user(organizer), season)
    assert f"{organizer.display_name} 添加了奖项类别 年度服务奖" in html
    assert "category.created" not in visible(html)
    html = _page(client_en(organizer), season)
    assert f"{organizer.display_name} added the category Service Award" in html


def test_the_log_filters_by_who_what_when_and_object(as_user, season, organizer):
    other = UserFactory(name="李娜")
    make_category(season=season, by=organizer, name_zh="年度服务奖", name_en="Service")
    make_category(season=season, by=other, name_zh="最佳创新奖", name_en="Innovation")
    client = as_user(organizer)

    html = _page(client, season, actor=other.pk)
    assert "最佳创新奖" in html and "年度服务奖" not in html
    html = _page(client, season, action="category.created", q="服务")
    assert "年度服务奖" in html and "最佳创新奖" not in html and "创建了评选活动" not in html
    html = _page(client, season, action="season.created")
    assert "创建了评选活动" in html and "年度服务奖" not in html
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    html = _page(client, season, since=tomorrow.isoformat())
    assert "没有符合筛选条件的记录" in html
    html = _page(client, season, until=timezone.localdate().isoformat())
    assert "年度服务奖" in html
    # the choices name people and kinds, never keys
    assert "李娜</option>" in html and "新增奖项类别</option>" in html


def test_the_log_comes_in_pages_that_keep_the_filters(as_user, season, organizer, monkeypatch):
    monkeypatch.setattr(audit_log, "PER_PAGE", 3)
    for n in range(7):
        audit.record(
            actor=organizer,
            action="kpi.thresholds_removed",
            season=season,
            data={"indicator": "service_level"},
            summary=str(n),
        )
    client = as_user(organizer)
    html = _page(client, season, action="kpi.thresholds_removed")
    assert "共 7 条记录" in html and 'aria-current="page">1<' in html
    assert "action=kpi.thresholds_removed&amp;page=2" in html
    html = _page(client, season, action="kpi.thresholds_removed", page=3)
    assert html.count("删除了服务水平的阈值表") == 1
    assert 'aria-current="page">3<' in html


def test_a_jobs_title_follows_the_readers_language(season, organizer):
    job = jobs.start(
        task="ccaward.people.tasks.send_invitations",
        kind="invitations",
        title="recommendations.invite",
        title_params={"center": "甲中心"},
        season=season,
        requested_by=organizer,
        pairs=[],
    )
    job.refresh_from_db()
    assert job.title_key == "recommendations.invite"
    with translation.override("en"):
        assert job.title_text == "Invite 甲中心 to apply"
    with translation.override("zh-hans"):
        assert "甲中心" in job.title_text and "Invite" not in job.title_text


def test_progress_messages_are_translated_when_shown(db):
    job = Job.objects.create(kind="kpi", title="t", message="Day by day")
    with translation.override("zh-hans"):
        assert job.message_text != "Day by day"
    with translation.override("en"):
        assert job.message_text == "Day by day"
    assert Job(message="a@example.cn").message_text == "a@example.cn"


def test_finished_job_cards_leave_the_dashboard_for_the_jobs_page(as_user, season, organizer):
    now = timezone.now()
    running = Job.objects.create(kind="t", title="正在运行的任务", season=season)
    Job.objects.create(
        kind="t",
        title="刚结束的任务",
        season=season,
        status="done",
        finished_at=now - dt.timedelta(minutes=2),
    )
    Job.objects.create(
        kind="t",
        title="早已结束的任务",
        season=season,
        status="done",
        finished_at=now - dt.timedelta(hours=3),
    )
    client = as_user(organizer)
    html = client.get(reverse("seasons:dashboard", args=[season.slug])).content.decode()
    assert "正在运行的任务" in html and "刚结束的任务" in html
    assert "早已结束的任务" not in html
    html = client.get(reverse("seasons:jobs", args=[season.slug])).content.decode()
    assert "早已结束的任务" in html and "正在运行的任务" in html
    assert running.pk


def test_the_jobs_page_is_the_organizers(as_user, season, judge):
    assert as_user(judge).get(reverse("seasons:jobs", args=[season.slug])).status_code in (403, 404)


def test_the_audit_page_has_no_raw_key_for_a_real_season(as_user, season, organizer):
    html = _page(as_user(organizer), season)
    assert AuditEvent.objects.filter(season=season).exists()
    assert "season.created" not in visible(html) and "framework.installed" not in visible(html)
