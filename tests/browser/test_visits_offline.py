"""A site visit on a tablet (1024x768) loses its connection mid-way: the judge
goes on recording (and changes an earlier item, and takes a photo), the page
says how many records wait, and when the connection is back every item arrives
once with its last values; the same batch sent again is not stored twice."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from ccaward.judging.models import JudgeProfile
from ccaward.people import domain as people
from ccaward.people.enums import Role
from ccaward.visits.domain import schedule
from ccaward.visits.models import ItemRecord, Photo
from tests.browser.conftest import login
from tests.factories import UserFactory, make_category, make_entry, make_season
from tests.personas import PASSWORD
from tests.visits.conftest import ANSWERS, open_judging
from tests.visits.test_photos import jpeg_with_gps

pytestmark = pytest.mark.browser
SHOTS = os.environ.get("CCAWARD_SHOTS")
TABLET = {"width": 1024, "height": 768}


@pytest.fixture
def visit_setup(live_server, transactional_db):
    organizer = UserFactory(email="organizer@example.cn", name="组织者", can_create_seasons=True)
    season = make_season(by=organizer)
    category = make_category(season=season, by=organizer)
    judge = UserFactory(email="judge@example.cn", name="钱专家")
    people.grant_role(season=season, user=judge, role=Role.JUDGE, by=organizer)
    profile = JudgeProfile.objects.create(
        season=season, user=judge, name="钱专家", email=judge.email
    )
    entry = make_entry(season=season, by=organizer, category=category, name="东方联合银行客服中心")
    entry.center.address = "上海市浦东新区世纪大道100号"
    entry.center.save()
    entry.answers = {**(entry.answers or {}), **ANSWERS}
    entry.save()
    open_judging(season, organizer)
    visit = schedule.schedule_visit(
        entry=entry,
        values={
            "starts_at": timezone.now() + dt.timedelta(hours=1),
            "address": "",
            "agenda": "09:30 见面会\n10:00 参观座席区",
            "judges": [profile],
        },
        by=organizer,
    )
    return visit, judge


def item(page, key):
    return page.locator(f"#item-{key}")


def record(page, key, finding, score, notes):
    box = item(page, key)
    box.locator(f'input[data-field="finding"][value="{finding}"]').check()
    box.locator('[data-field="score"]').select_option(score)
    box.locator('[data-field="notes"]').fill(notes)


def shot(page, name, tmp_path):
    page.screenshot(path=str(Path(SHOTS or tmp_path) / f"{name}.png"), full_page=False)


def test_a_visit_recorded_offline_arrives_once_with_its_last_values(
    browser, live_server, visit_setup, tmp_path
):
    visit, judge = visit_setup
    context = browser.new_context(locale="zh-CN", viewport=TABLET)
    page = context.new_page()
    sent_bodies = []
    page.on(
        "request",
        lambda r: sent_bodies.append(r.post_data) if r.url.endswith("/records") else None,
    )
    login(page, live_server, judge.email, PASSWORD)
    page.goto(f"{live_server.url}/seasons/{visit.season.slug}/visits/{visit.pk}/")
    bar = page.locator("#visit-sync")
    expect(bar).to_have_attribute("data-state", "online")
    expect(item(page, "tech_bcp")).to_contain_text("每年两次切换演练")  # the application's claim

    record(page, "tech_platform", "verified", "8", "平台演示正常")
    record(page, "tech_bcp", "verified", "7.5", "BCP 文档齐全")
    expect(bar).to_have_attribute("data-pending", "0", timeout=10_000)
    expect(item(page, "tech_bcp").locator(".item-state")).to_have_attribute("data-state", "saved")
    assert ItemRecord.objects.filter(visit=visit).count() == 2

    context.set_offline(True)
    expect(bar).to_have_attribute("data-state", "offline", timeout=5_000)
    record(page, "env_noise", "partly", "6", "部分区域噪音偏大")
    record(page, "env_lighting", "not_as_claimed", "4.5", "未见照度监测")
    record(page, "tech_platform", "partly", "6.5", "CTI 中间件未演示")  # an earlier item, changed
    item(page, "env_noise").locator('[data-field="photo"]').set_input_files(
        files=[{"name": "座席区.jpg", "mimeType": "image/jpeg", "buffer": jpeg_with_gps()}]
    )
    expect(bar).to_have_attribute("data-pending", "4", timeout=5_000)
    expect(page.locator("#sync-pending")).to_contain_text("4 条待上传")
    expect(item(page, "env_noise").locator(".item-state")).to_have_attribute(
        "data-state", "pending"
    )
    shot(page, "visit-offline-tablet", tmp_path)
    page.wait_for_timeout(1500)  # offline: nothing can have arrived
    assert ItemRecord.objects.filter(visit=visit).count() == 2
    assert ItemRecord.objects.get(visit=visit, item_key="tech_platform").score == 8

    context.set_offline(False)
    expect(bar).to_have_attribute("data-pending", "0", timeout=20_000)
    expect(bar).to_have_attribute("data-state", "online")
    shot(page, "visit-back-online-tablet", tmp_path)

    rows = {r.item_key: r for r in ItemRecord.objects.filter(visit=visit)}
    assert sorted(rows) == ["env_lighting", "env_noise", "tech_bcp", "tech_platform"]
    assert ItemRecord.objects.filter(visit=visit).count() == 4
    platform = rows["tech_platform"]
    assert (platform.finding, str(platform.score), platform.notes) == (
        "partly",
        "6.5",
        "CTI 中间件未演示",
    )
    assert (rows["env_lighting"].finding, str(rows["env_lighting"].score)) == (
        "not_as_claimed",
        "4.5",
    )
    assert rows["env_noise"].notes == "部分区域噪音偏大"
    assert Photo.objects.filter(visit=visit, item_key="env_noise").count() == 1

    # the same batches sent again: every record already had, nothing stored twice
    csrf = bar.get_attribute("data-csrf")
    url = f"/api/seasons/{visit.season.slug}/visits/{visit.pk}/records"
    for body in [b for b in sent_bodies if b]:
        answer = page.evaluate(
            """([url, body, csrf]) => fetch(url, {method: "POST", credentials: "same-origin",
                 headers: {"Content-Type": "application/json", "X-CSRFToken": csrf}, body})
               .then(r => r.json())""",
            [url, body, csrf],
        )
        assert {r["result"] for r in answer["results"]} == {"already_had"}, answer
        sent = {r["id"] for r in json.loads(body)["records"]}
        assert {r["id"] for r in answer["results"]} == sent
    assert ItemRecord.objects.filter(visit=visit).count() == 4
    assert ItemRecord.objects.get(visit=visit, item_key="tech_platform").notes == "CTI 中间件未演示"

    # the page opened again shows the last values
    page.reload()
    box = item(page, "tech_platform")
    expect(box.locator('[data-field="score"]')).to_have_value("6.5")
    expect(box.locator('input[value="partly"]')).to_be_checked()
    context.close()
