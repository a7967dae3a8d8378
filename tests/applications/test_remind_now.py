"""An organizer reminds drafts now, after a page saying whom the reminders reach; the
automatic reminder (the last days before registration closes) stays as it was."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from ccaward.applications import domain
from ccaward.applications.models import Entry
from ccaward.core.models import AuditEvent
from tests.factories import UserFactory, make_entry


def _drafts(season, organizer, n=3):
    entries = []
    for _ in range(n):
        entry = make_entry(season=season, by=organizer, status="draft")
        member = UserFactory()
        domain.add_member(organization=entry.center.organization, user=member, by=None)
        entries.append((entry, member))
    return entries


def _registration_closes_in(season, days):
    stage = season.stages.get(kind="registration")
    stage.closes_at = timezone.now() + dt.timedelta(days=days)
    stage.save()


def test_the_page_lists_each_draft_and_whom_its_reminder_reaches(as_user, season, organizer):
    _registration_closes_in(season, 20)
    drafts = _drafts(season, organizer)
    make_entry(season=season, by=organizer, status="submitted", name="已提交的中心")
    html = as_user(organizer).get(reverse("applications:remind", args=[season.slug]))
    html = html.content.decode()
    for entry, member in drafts:
        assert entry.center.name in html and member.email in html
    assert "已提交的中心" not in html
    assert "3 份草稿将收到提醒" in html
    assert Entry.objects.filter(reminded_at__isnull=False).count() == 0  # a GET sends nothing


def test_an_organizer_reminds_every_draft_now_weeks_before_closing(as_user, season, organizer):
    _registration_closes_in(season, 20)
    drafts = _drafts(season, organizer)
    # the automatic reminder waits for the last days
    assert domain.remind_drafts(season=season, by=organizer) == 0
    response = as_user(organizer).post(reverse("applications:remind", args=[season.slug]))
    assert response.status_code == 302
    assert Entry.objects.filter(status="draft", reminded_at__isnull=False).count() == 3
    event = AuditEvent.objects.get(season=season, action="entry.reminded")
    assert sorted(event.data["centers"]) == sorted(e.center.name for e, _m in drafts)
    page = as_user(organizer).get(response["Location"]).content.decode()
    assert "已向 3 份草稿的申报人发送提醒" in page


def test_no_reminder_once_registration_is_closed(as_user, season, organizer):
    _drafts(season, organizer, n=1)
    stage = season.stages.get(kind="registration")
    stage.closes_at = timezone.now() - dt.timedelta(days=1)
    stage.opens_at = timezone.now() - dt.timedelta(days=30)
    stage.save()
    response = as_user(organizer).post(reverse("applications:remind", args=[season.slug]))
    assert response.status_code == 409
    assert not Entry.objects.filter(reminded_at__isnull=False).exists()


def test_only_organizers_remind(as_user, season, judge):
    url = reverse("applications:remind", args=[season.slug])
    assert as_user(judge).get(url).status_code in (403, 404)
    assert as_user(judge).post(url).status_code in (403, 404)
