"""Each role's home page, the framework as a document and the refusal pages in a
real browser: what each persona is shown, a refusal that leads back, and axe-core
finding no serious or critical violation, in Chinese and English, on a desktop
and a phone."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.test_accessibility import (
    APPLICANT_EMAIL,
    DESKTOP,
    JUDGE_EMAIL,
    PHONE,
    axe_violations,
    describe,
    signed_in,  # noqa: F401 (the fixture, shared)
    switch_language,
)

SHOPPER_EMAIL = "shopper@demo.ccaward.cn"


@pytest.mark.browser
def test_a_judge_meets_no_organizer_button_and_a_refusal_leads_back(
    live_server,
    demo,
    signed_in,  # noqa: F811 (the fixture imported above)
):
    base = f"{live_server.url}/seasons/{demo.season.slug}"
    page = signed_in(JUDGE_EMAIL, DESKTOP)
    page.goto(f"{base}/applications/")
    expect(page.locator("#entries")).to_be_visible()
    for hidden in ("#export-xlsx", "a[href$='/applications/import/']", "form[action$='/remind/']"):
        assert page.locator(hidden).count() == 0, hidden
    assert page.locator(".seasonnav a[href$='/people/']").count() == 0
    response = page.goto(f"{base}/people/", referer=f"{base}/applications/")
    assert response.status == 403
    expect(page.locator("h1")).to_have_text("此页面不对您开放")
    with page.expect_navigation():
        page.get_by_role("link", name="返回评选活动").click()
    assert page.url == f"{base}/"
    expect(page.locator("#home-recommend")).to_be_visible()


@pytest.mark.browser
def test_role_pages_have_no_serious_violations(
    live_server,
    demo,
    signed_in,  # noqa: F811 (the fixture imported above)
):
    base = f"{live_server.url}/seasons/{demo.season.slug}"
    visits = [
        (
            ("applicant", APPLICANT_EMAIL),
            [
                ("home", f"{base}/", 200, "#home-entries"),
                ("framework document", f"{base}/framework/", 200, ".framework-doc"),
                ("refusal", f"{base}/audit/", 403, ".refusal h1"),
            ],
        ),
        (("judge", JUDGE_EMAIL), [("home", f"{base}/", 200, "#home-recommend")]),
        (
            ("shopper", SHOPPER_EMAIL),
            [
                ("home", f"{base}/", 200, "#home-mystery"),
                ("page not found", f"{live_server.url}/seasons/no-such/", 404, ".refusal h1"),
            ],
        ),
    ]
    found = []
    for viewport in (DESKTOP, PHONE):
        for (who, email), pages in visits:
            page = signed_in(email, viewport)
            for language in ("zh-hans", "en"):
                switch_language(page, language)
                for name, url, status, shown in pages:
                    assert page.goto(url).status == status, f"{who}: {name}"
                    expect(page.locator(shown).first).to_be_visible()
                    width = page.evaluate("document.documentElement.scrollWidth")
                    assert width <= viewport["width"], f"{who} {name}: {width} px wide"
                    violations = axe_violations(page)
                    if violations:
                        where = f"{language} {name} ({who}, {viewport['width']} px)"
                        found.append(describe(where, violations))
            page.context.close()
    assert not found, "axe found serious or critical violations:\n" + "\n".join(found)
