"""A mystery shopper on a phone (390x844) makes a contact: times the call to a
person, scores the card while it autosaves, loses the connection while scoring
(the answers stay on the device and the page says so), gets them to the server
when the connection is back, uploads the recording and submits. Another contact
could not be reached: each unanswered attempt is recorded with its time and the
contact is submitted as unreachable (a double tap is one attempt)."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from django.db import OperationalError
from django.utils import timezone
from playwright.sync_api import expect

from ccaward.mystery.enums import CardStatus, ContactStatus
from ccaward.mystery.models import (
    Card,
    Contact,
    Recording,
    Scenario,
    ScorecardVersion,
    ShopperProfile,
)
from ccaward.people import domain as people
from ccaward.people.enums import Role
from tests.browser.conftest import sign_in
from tests.factories import UserFactory, make_category, make_entry, make_season
from tests.mystery.shopper_data import POINTS, default_definition, make_contact, set_stage

pytestmark = pytest.mark.browser
SHOTS = os.environ.get("CCAWARD_SHOTS")
PHONE = {"width": 390, "height": 844}
WAV = b"RIFF\x24\x00\x00\x00WAVEfmt " + b"\x00" * 64


@pytest.fixture
def shopper_setup(live_server, transactional_db):
    organizer = UserFactory(email="organizer@example.cn", name="组织者", can_create_seasons=True)
    season = make_season(by=organizer)
    category = make_category(season=season, by=organizer)
    user = UserFactory(email="shopper@example.cn", name="孙暗访员")
    people.grant_role(season=season, user=user, role=Role.MYSTERY_SHOPPER, by=organizer)
    profile = ShopperProfile.objects.create(
        season=season, user=user, name="孙暗访员", email=user.email
    )
    set_stage(season, organizer, "open")
    row = ScorecardVersion.objects.create(season=season, version=1, definition=default_definition())
    scenario = Scenario.objects.create(
        season=season,
        key="lost-card",
        title="信用卡挂失",
        story="我的信用卡在地铁上丢了。",
        questions="怎么挂失？",
        answer_points=POINTS,
    )
    entries = [
        make_entry(season=season, by=organizer, category=category, name=name)
        for name in ("东方联合银行客服中心", "西部电信客服中心")
    ]
    contacts = [
        make_contact(
            season=season, entry=e, shopper=profile, scenario=scenario, scorecard=row, number=1
        )
        for e in entries
    ]
    return season, user, contacts


def shot(page, name, tmp_path):
    page.screenshot(path=str(Path(SHOTS or tmp_path) / f"{name}.png"), full_page=False)


def choose(page, code, value):
    page.locator(f'input[name="{code}"][value="{value}"]').check()


def answers(contact) -> dict:
    card = Card.objects.filter(contact=contact).first()
    return dict(card.answers) if card else {}


def holds(predicate) -> bool:
    """The predicate over the database, False while the live server holds a table
    (SQLite's shared in-memory database locks a table being written)."""
    try:
        return predicate()
    except OperationalError:
        return False


def wait_for(predicate, page, timeout_ms=20_000):
    waited = 0
    while not holds(predicate):
        assert waited < timeout_ms, "the server never got it"
        page.wait_for_timeout(200)
        waited += 200


def test_a_shopper_makes_a_contact_on_a_phone_through_a_dropped_connection(
    browser, live_server, shopper_setup, tmp_path
):
    season, user, (contact, unreachable) = shopper_setup
    context = browser.new_context(locale="zh-CN", viewport=PHONE)
    page = context.new_page()
    sign_in(page, live_server, user.email)
    page.goto(f"{live_server.url}/seasons/{season.slug}/mystery/mine/")
    expect(page.locator("#section-today")).to_contain_text("东方联合银行客服中心")
    page.locator("#section-today a", has_text="东方联合银行客服中心").click()
    status = page.locator("#save-status")

    # the timer: start, a person answers, the seconds fill the card's item
    page.locator("#timer-start").click()
    page.wait_for_timeout(1300)
    page.locator("#timer-answered").click()
    seconds = page.locator('input[name="seconds_to_person"]')
    expect(seconds).not_to_have_value("")
    timed = int(seconds.input_value())
    assert 1 <= timed <= 120  # wall-clock seconds: more on a loaded machine
    wait_for(lambda: Card.objects.filter(contact=contact, timer_seconds=timed).exists(), page)

    # scoring with autosave
    page.locator('input[name="ivr_steps"]').fill("2")
    page.locator('input[name="rings"]').fill("3")
    choose(page, "promise_7x24", "yes")
    choose(page, "greeting", "4")
    choose(page, "identification", "yes")
    expect(status).to_have_attribute("data-state", "saved", timeout=20_000)
    wait_for(lambda: answers(contact).get("greeting") == "4", page)
    assert answers(contact)["seconds_to_person"] == str(timed)

    # the connection drops while scoring: kept on the device, said so, nothing sent
    context.set_offline(True)
    choose(page, "listening", "5")
    choose(page, "empathy", "4")
    page.locator("#answer-points input[data-point]").nth(0).check()
    page.locator("#answer-points input[data-point]").nth(2).check()
    expect(page.locator('select[name="accuracy"]')).to_have_value("2/3")
    expect(status).to_contain_text("离线", timeout=10_000)
    shot(page, "mystery-offline-phone", tmp_path)
    kept = page.evaluate(
        "Object.keys(localStorage).filter(k => k.startsWith('ccaward-draft:')).length"
    )
    assert kept == 1
    page.wait_for_timeout(1000)
    assert "listening" not in answers(contact)

    # back online: the answers typed offline arrive
    context.set_offline(False)
    expect(status).to_have_attribute("data-state", "saved", timeout=20_000)
    wait_for(lambda: answers(contact).get("accuracy") == "2/3", page, 20_000)
    assert answers(contact)["listening"] == "5" and answers(contact)["empathy"] == "4"
    shot(page, "mystery-back-online-phone", tmp_path)

    # the recording
    page.locator("#upload-file").set_input_files(
        files=[{"name": "通话录音.wav", "mimeType": "audio/wav", "buffer": WAV}]
    )
    with page.expect_navigation():
        page.locator("#upload-form button[type=submit]").click()
    expect(page.locator(".uploads")).to_contain_text("通话录音.wav")
    assert Recording.objects.get(card__contact=contact).kind == "wav"

    # the rest of the card, then submit
    choose(page, "professionalism", "4")
    choose(page, "hold_etiquette", "na")
    choose(page, "no_transfer_pingpong", "yes")
    choose(page, "summary", "yes")
    choose(page, "further_help", "no")
    choose(page, "courteous_end", "5")
    with page.expect_navigation():
        page.locator("#submit-card").click()
    assert page.url.endswith(f"/seasons/{season.slug}/mystery/mine/")
    card = Card.objects.get(contact=contact)
    assert card.status == CardStatus.SUBMITTED and card.total is not None
    assert card.answers["ivr_steps"] == "2" and card.answers["accuracy"] == "2/3"
    assert Contact.objects.get(pk=contact.pk).status == ContactStatus.DONE
    expect(page.locator("#section-done")).to_contain_text("东方联合银行客服中心")

    # the other contact: nobody answers; submitted as could not get through
    page.goto(f"{live_server.url}/seasons/{season.slug}/mystery/mine/{unreachable.pk}/")
    expect(page.locator("#unreachable-form")).to_be_hidden()
    page.locator("#attempt-add").click()
    expect(page.locator("#attempt-list li")).to_have_count(1)
    expect(page.locator("#attempt-list li").first).to_have_attribute("data-state", "sent")
    page.locator("#attempt-add").click()  # a double tap: one attempt
    page.wait_for_timeout(500)
    expect(page.locator("#attempt-list li")).to_have_count(1)
    expect(page.locator("#unreachable-form")).to_be_visible()
    shot(page, "mystery-attempts-phone", tmp_path)
    with page.expect_navigation():
        page.locator("#submit-unreachable").click()
    card = Card.objects.get(contact=unreachable)
    assert card.reached is False and len(card.attempts) == 1
    assert card.status == CardStatus.SUBMITTED
    assert Contact.objects.get(pk=unreachable.pk).status == ContactStatus.UNREACHABLE
    before = timezone.now() - dt.timedelta(minutes=5)
    assert all(dt.datetime.fromisoformat(a) > before for a in card.attempts)
    context.close()
