"""An organizer through the mystery-call board on a desktop: the menu link, the
counts, the score distribution drawn, an entry's contacts, one contact's card
with the points of each answer, voiding it with a reason (refused without one),
the board counting it as voided, the Excel download read back; on a phone the
board and a contact's page fit the screen."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest
import yaml
from django.utils import timezone
from playwright.sync_api import expect

from ccaward.engine.mystery.scorecard import DEFAULT_FILE
from ccaward.mystery.models import Contact, ScorecardVersion, ShopperProfile
from tests.factories import UserFactory, make_category, make_entry, make_season
from tests.mystery.board_helpers import BEST, MIXED, contact, submit

pytestmark = pytest.mark.browser
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def board_season(live_server, transactional_db):
    organizer = UserFactory(email="organizer@example.cn", name="组织者", can_create_seasons=True)
    season = make_season(by=organizer)
    category = make_category(season=season, by=organizer)
    card = ScorecardVersion.objects.create(
        season=season, version=1, definition=yaml.safe_load(DEFAULT_FILE.read_text("utf-8"))
    )
    shoppers = [
        ShopperProfile.objects.create(season=season, name=n, email=f"s{i}@example.cn")
        for i, n in enumerate(("孙暗访员", "周暗访员"))
    ]
    a = make_entry(season=season, by=organizer, category=category, name="东方联合银行客服中心")
    b = make_entry(season=season, by=organizer, category=category, name="华东电力95598客户服务中心")
    past = timezone.localdate() - dt.timedelta(days=1)
    made = [contact(a, shoppers[i % 2], card) for i in range(3)]
    submit(made[0], shoppers[0], BEST, out_of_slot=True)
    submit(made[1], shoppers[1], MIXED)
    submit(made[2], shoppers[0], {}, reached=False, attempts=["2026-05-01T10:00:00+08:00"])
    submit(contact(b, shoppers[1], card), shoppers[1], MIXED)
    contact(b, shoppers[0], card, planned_on=past)  # overdue
    return season, organizer, made


def stat(page, label: str) -> str:
    return page.locator(".mb-stats div", has_text=label).locator("dd").inner_text()


def test_an_organizer_through_the_board(signed_in_page, live_server, board_season):
    season, organizer, made = board_season
    page = signed_in_page(organizer.email, DESKTOP)
    page.goto(f"{live_server.url}/seasons/{season.slug}/")
    with page.expect_navigation():
        page.locator("button[name=language][value=en]").click()
    page.locator(".seasonnav a", has_text="Mystery calls").click()
    expect(page.locator("h1")).to_have_text("Mystery calls")
    assert (stat(page, "Planned"), stat(page, "Done"), stat(page, "Overdue")) == ("5", "3", "1")
    expect(page.locator(".chart[data-drawn='1'] canvas")).to_be_visible()
    entries = page.locator("section[aria-labelledby=mb-entries] tbody tr")
    expect(entries.filter(has_text="东方联合银行客服中心")).to_contain_text("52.3")
    entries.filter(has_text="东方联合银行客服中心").locator("a").first.click()
    rows = page.locator("#mb-contacts tbody tr")
    expect(rows).to_have_count(3)
    expect(rows.filter(has_text="Outside its slot")).to_have_count(1)
    rows.filter(has_text="100.0").locator("a").first.click()
    expect(page.locator(".mb-card .total")).to_have_text("100.00")
    expect(page.locator(".mb-items")).to_contain_text("Level 5")
    page.locator("button", has_text="Void the contact").click()
    # the reason is required: the form is not sent without one
    assert Contact.objects.get(pk=made[0].pk).status == "done"
    page.locator("#id_reason").fill("暗访员认识接线员")
    page.locator("button", has_text="Void the contact").click()
    expect(page.locator(".messages")).to_contain_text("The contact is voided.")
    expect(page.locator(".mb-facts").first).to_contain_text("暗访员认识接线员")
    assert Contact.objects.get(pk=made[0].pk).status == "void"
    page.locator(".crumbs a").first.click()
    assert (stat(page, "Voided"), stat(page, "Done")) == ("1", "2")
    with page.expect_download() as download:
        page.locator("a", has_text="Download every card").click()
    assert download.value.suggested_filename == f"mystery-{season.slug}.xlsx"
    with open(download.value.path(), "rb") as fh:
        book = openpyxl.load_workbook(io.BytesIO(fh.read()))
    assert book.sheetnames == ["Cards", "Entries"]
    assert book["Cards"].max_row == 1 + 4


def test_the_board_fits_a_phone(signed_in_page, live_server, board_season):
    season, organizer, made = board_season
    page = signed_in_page(organizer.email, PHONE)
    for url in (
        f"{live_server.url}/seasons/{season.slug}/mystery/",
        f"{live_server.url}/seasons/{season.slug}/mystery/contacts/{made[1].pk}/",
    ):
        page.goto(url)
        expect(page.locator("h1")).to_be_visible()
        width = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
        assert width[0] <= width[1], f"{url} is {width[0]} px wide on a {width[1]} px phone"
        wide = page.evaluate(
            """() => [...document.querySelectorAll('main *')].filter(el => {
                 const r = el.getBoundingClientRect();
                 return r.right > window.innerWidth + 1 && !el.closest('.table-scroll');
               }).map(el => el.tagName + '.' + el.className).slice(0, 5)"""
        )
        assert not wide, f"{url}: {wide}"
