"""An organizer's walk through the web app in a real browser (Debian's chromium)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import ORGANIZER_EMAIL, login

NEW_SLUG = "ccbca-2027"
NEW_NAME_ZH = "2027年度中国最佳客户中心评选"
NEW_NAME_EN = "China Best Contact Center Awards 2027"
CATEGORY_ZH = "最佳客户体验创新奖"
CATEGORY_EN = "Best Customer Experience Innovation"


def dimension_weights(slug):
    from ccaward.seasons.models import Season

    version = Season.objects.get(slug=slug).current_framework()
    return [d.weight for d in version.dimensions.all()]


def save_framework(page):
    with page.expect_navigation():
        page.locator(".form-actions button.primary").click()


@pytest.mark.browser
def test_organizer_walkthrough(page, live_server, demo, demo_password):
    login(page, live_server, ORGANIZER_EMAIL, demo_password)

    # The seasons list shows the demo season.
    assert page.url == f"{live_server.url}/seasons/"
    expect(page.locator(".season-card")).to_have_count(1)
    expect(page.locator(".season-card h2")).to_have_text(demo.season.name_zh)

    # New season: a duplicate short name is refused and what was typed stays.
    with page.expect_navigation():
        page.locator("a.button.primary[href='/seasons/new/']").click()
    assert page.url == f"{live_server.url}/seasons/new/"
    form = page.locator("form.card")
    form.locator("input[name=name_zh]").fill(NEW_NAME_ZH)
    form.locator("input[name=name_en]").fill(NEW_NAME_EN)
    form.locator("input[name=year]").fill("2027")
    form.locator("input[name=slug]").fill(demo.season.slug)
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    expect(page.locator(".error-summary")).to_be_visible()
    expect(page.locator(".field.has-error input[name=slug]")).to_be_visible()
    expect(page.locator("input[name=name_zh]")).to_have_value(NEW_NAME_ZH)
    expect(page.locator("input[name=name_en]")).to_have_value(NEW_NAME_EN)
    expect(page.locator("input[name=year]")).to_have_value("2027")

    page.locator("input[name=slug]").fill(NEW_SLUG)
    with page.expect_navigation():
        page.locator("form.card button[type=submit]").click()

    # The new season's dashboard, with the nine stages on the timeline.
    assert page.url == f"{live_server.url}/seasons/{NEW_SLUG}/"
    expect(page.locator(".messages .msg.success")).to_be_visible()
    expect(page.locator("h1")).to_contain_text(NEW_NAME_ZH)
    expect(page.locator("li.tl-row")).to_have_count(9)

    # Categories -> Add category: a quota of 0 is refused, the typed name stays.
    with page.expect_navigation():
        page.locator(f".seasonnav a[href='/seasons/{NEW_SLUG}/categories/']").click()
    expect(page.locator("table.table tbody tr")).to_have_count(1)  # "no categories yet"
    with page.expect_navigation():
        page.locator(f"a.button.primary[href='/seasons/{NEW_SLUG}/categories/new/']").click()
    form = page.locator("form.card")
    form.locator("input[name=name_zh]").fill(CATEGORY_ZH)
    form.locator("input[name=name_en]").fill(CATEGORY_EN)
    form.locator("input[name=quota]").fill("0")
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    expect(page.locator(".error-summary")).to_be_visible()
    expect(page.locator(".field.has-error input[name=quota]")).to_be_visible()
    expect(page.locator("input[name=name_zh]")).to_have_value(CATEGORY_ZH)
    expect(page.locator("input[name=name_en]")).to_have_value(CATEGORY_EN)

    page.locator("input[name=quota]").fill("3")
    with page.expect_navigation():
        page.locator("form.card button[type=submit]").click()
    assert page.url == f"{live_server.url}/seasons/{NEW_SLUG}/categories/"
    row = page.locator("table.table tbody tr", has_text=CATEGORY_ZH)
    expect(row).to_have_count(1)
    expect(row.locator("td.num")).to_have_text("3")

    # The framework editor: a live total while typing, nothing saved unless it is 100.
    page.goto(f"{live_server.url}/seasons/{NEW_SLUG}/framework/")
    total = page.locator("#weight-total")
    weights = page.locator("input.weight-input")
    expect(total).to_contain_text("100 / 100")
    expect(weights.first).to_have_value("15")
    before = dimension_weights(NEW_SLUG)
    assert before[:3] == [Decimal(15), Decimal(15), Decimal(10)]
    assert sum(before) == 100

    weights.first.fill("10")
    expect(total).to_contain_text("95")
    expect(total).to_contain_text("95 / 100")

    save_framework(page)
    summary = page.locator(".error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_contain_text("95")
    expect(page.locator("input.weight-input").first).to_have_value("10")
    assert dimension_weights(NEW_SLUG) == before  # nothing was saved
    assert dimension_weights(NEW_SLUG)[0] == Decimal(15)

    weights = page.locator("input.weight-input")
    weights.first.fill("15")
    expect(total).to_contain_text("100 / 100")
    weights.nth(1).fill("10")
    expect(total).to_contain_text("95 / 100")
    weights.nth(2).fill("15")
    expect(total).to_contain_text("100 / 100")
    save_framework(page)

    assert page.url == f"{live_server.url}/seasons/{NEW_SLUG}/framework/"
    expect(page.locator(".messages .msg.success")).to_be_visible()
    expect(page.locator(".error-summary")).to_have_count(0)
    after = dimension_weights(NEW_SLUG)
    assert after[:3] == [Decimal(15), Decimal(10), Decimal(15)]
    assert after[3:] == before[3:]
    assert sum(after) == 100
    expect(page.locator("input.weight-input").nth(1)).to_have_value("10")
    expect(page.locator("input.weight-input").nth(2)).to_have_value("15")


@pytest.mark.browser
def test_language_switch(page, live_server, demo, demo_password):
    login(page, live_server, ORGANIZER_EMAIL, demo_password)
    html = page.locator("html")
    card = page.locator(".season-card h2")

    # Chinese first: the organizer's language and the browser's (zh-CN) agree.
    expect(html).to_have_attribute("lang", "zh-hans")
    expect(page.locator("button[name=language][value=zh-hans]")).to_have_class("link current")
    expect(card).to_have_text(demo.season.name_zh)
    expect(page.locator("nav.topnav")).to_contain_text("评选活动")

    with page.expect_navigation():
        page.locator("button[name=language][value=en]").click()
    expect(html).to_have_attribute("lang", "en")
    assert page.url == f"{live_server.url}/seasons/"
    expect(page.locator("nav.topnav")).to_contain_text("Seasons")
    expect(page.locator("button[name=language][value=en]")).to_have_class("link current")
    expect(card).to_have_text(demo.season.name_en)

    with page.expect_navigation():
        page.locator("button[name=language][value=zh-hans]").click()
    expect(html).to_have_attribute("lang", "zh-hans")
    expect(card).to_have_text(demo.season.name_zh)
    expect(page.locator("nav.topnav")).to_contain_text("评选活动")
    expect(page.locator("nav.topnav")).not_to_contain_text("Seasons")


@pytest.mark.browser
def test_no_inline_scripts_and_csp(page, live_server, demo, demo_password):
    errors = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    login(page, live_server, ORGANIZER_EMAIL, demo_password)
    slug = demo.season.slug

    response = page.goto(f"{live_server.url}/seasons/{slug}/")
    assert response is not None and response.ok
    assert "script-src 'self'" in response.headers.get("content-security-policy", "")
    assert page.evaluate("document.querySelectorAll('script:not([src])').length") == 0
    assert page.evaluate("document.querySelectorAll('script[src]').length") >= 1

    errors.clear()
    response = page.goto(f"{live_server.url}/seasons/{slug}/framework/")
    assert response is not None and response.ok
    assert "script-src 'self'" in response.headers.get("content-security-policy", "")
    assert page.evaluate("document.querySelectorAll('script:not([src])').length") == 0
    total = page.locator("#weight-total")
    expect(total).to_contain_text("100 / 100")
    with page.expect_response(f"{live_server.url}/seasons/{slug}/framework/total/") as info:
        page.locator("input.weight-input").first.fill("10")
    assert info.value.ok
    assert "script-src 'self'" in info.value.headers.get("content-security-policy", "")
    expect(total).to_contain_text("95 / 100")
    assert errors == []
