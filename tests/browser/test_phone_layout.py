"""The main pages of each role on a 390 x 844 phone, in Chinese and English: nothing
scrolls sideways (a wide table scrolls in its own box, which `scrollWidth` does not
count), and on the application form's sections the fields start on the first screen,
the section list folded into one line that opens with the keyboard.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import sign_in

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
EMAILS = {
    "organizer": "organizer@demo.ccaward.cn",
    "applicant": "applicant@demo.ccaward.cn",
    "judge": "judge@demo.ccaward.cn",
    "shopper": "shopper@demo.ccaward.cn",
}
# what overflows the viewport outside a box that scrolls: a tag, class and right edge each
OVERFLOWING = """() => {
  const width = document.documentElement.clientWidth, out = [];
  for (const el of document.querySelectorAll('body *')) {
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.right <= width + 1) continue;
    let p = el.parentElement, scrolls = false;
    for (; p && !scrolls; p = p.parentElement) {
      scrolls = ['auto', 'scroll'].includes(getComputedStyle(p).overflowX);
    }
    if (!scrolls) out.push(`${el.tagName.toLowerCase()}.${el.className} ${Math.round(box.right)}px`);
  }
  return out.slice(0, 4);
}"""


def pages_of(role: str, season, entry) -> list[str]:
    """The role's main pages; a page the role may not open must fit the phone too."""
    s = f"/seasons/{season.slug}"
    pages = [
        "/seasons/",
        f"{s}/",
        f"{s}/applications/",
        f"{s}/entries/",
        f"{s}/framework/",
        f"{s}/categories/",
        "/accounts/profile/",
    ]
    if role in ("organizer", "applicant", "judge"):
        pages += [
            f"{s}/entries/{entry.pk}/kpi/",
            f"{s}/applications/{entry.pk}/",
            f"{s}/applications/{entry.pk}/review/",
        ]
    if role in ("organizer", "judge"):
        pages += [f"{s}/benchmark/", f"{s}/recommendations/"]
    if role == "organizer":
        pages += [
            f"{s}/benchmark/?group=industry&sort=service_level",
            f"{s}/stages/",
            f"{s}/people/",
            f"{s}/audit/",
            f"{s}/kpi-policy/",
            f"{s}/applications/import/",
        ]
    return pages


def switch_language(page, language):
    if page.locator("html").get_attribute("lang") != language:
        with page.expect_navigation():
            page.locator(f"button[name=language][value={language}]").click()


def sections(page, base, season, entry) -> list[str]:
    page.goto(f"{base}/seasons/{season.slug}/applications/{entry.pk}/")
    return page.locator(".form-nav a[href*='/s/']").evaluate_all(
        "links => links.map(a => a.getAttribute('href'))"
    )


def too_wide(page, where: str) -> str | None:
    width = page.evaluate("document.documentElement.scrollWidth")
    if width <= PHONE["width"]:
        return None
    return f"{where}: {width}px wide {page.evaluate(OVERFLOWING)}"


@pytest.mark.browser
def test_every_role_s_main_pages_fit_a_phone(browser, live_server, demo):
    season, entry = demo.season, demo.entries[0]
    found = []
    for role, email in EMAILS.items():
        context = browser.new_context(locale="zh-CN", viewport=PHONE)
        page = context.new_page()
        sign_in(page, live_server, email)
        paths = pages_of(role, season, entry)
        if role in ("organizer", "judge"):  # the applicant's sections are checked below
            paths += sections(page, live_server.url, season, entry)[3:5]
        for language in ("zh-hans", "en"):
            switch_language(page, language)
            for path in paths:
                status = page.goto(f"{live_server.url}{path}").status
                assert status in (200, 403), f"{role} {path}: {status}"
                if problem := too_wide(page, f"{language} {role} {path} ({status})"):
                    found.append(problem)
        context.close()
    assert not found, "pages wider than the phone:\n" + "\n".join(found)


@pytest.mark.browser
def test_each_section_of_the_form_starts_on_a_phone_s_first_screen(browser, live_server, demo):
    season, entry = demo.season, demo.entries[0]
    context = browser.new_context(locale="zh-CN", viewport=PHONE)
    page = context.new_page()
    sign_in(page, live_server, EMAILS["applicant"])
    links = sections(page, live_server.url, season, entry)
    assert len(links) == 18
    found = []
    for language in ("zh-hans", "en"):
        switch_language(page, language)
        for number, path in enumerate(links, start=1):
            page.goto(f"{live_server.url}{path}")
            where = f"{language} {path}"
            if problem := too_wide(page, where):
                found.append(problem)
            first = page.locator("#answers .q:not([hidden])").first
            top = first.evaluate("el => el.getBoundingClientRect().top + window.scrollY")
            if top + 40 > PHONE["height"]:
                found.append(f"{where}: the first field starts at {top:.0f}px")
            summary = page.locator(".form-nav summary")
            expect(summary).to_be_visible()
            expect(summary).to_contain_text(
                f"第 {number}/18 节" if language == "zh-hans" else f"Section {number} of 18"
            )
            expect(page.locator(".form-nav a[aria-current=page]")).to_be_hidden()
    assert not found, "\n".join(found)

    # the folded list opens from the keyboard and leads to another section
    summary = page.locator(".form-nav summary")
    summary.focus()
    page.keyboard.press("Enter")
    expect(page.locator(".form-nav a[aria-current=page]")).to_be_visible()
    with page.expect_navigation():
        page.locator(".form-nav a[href*='/s/']").first.click()
    expect(page.locator(".form-nav summary")).to_contain_text("Section 1 of 18")
    context.close()


@pytest.mark.browser
def test_on_a_wide_screen_the_section_list_stays_open(browser, live_server, demo):
    season, entry = demo.season, demo.entries[0]
    context = browser.new_context(locale="zh-CN", viewport=DESKTOP)
    page = context.new_page()
    sign_in(page, live_server, EMAILS["applicant"])
    links = sections(page, live_server.url, season, entry)
    page.goto(f"{live_server.url}{links[3]}")
    expect(page.locator(".form-nav a[aria-current=page]")).to_be_visible()
    expect(page.locator(".form-nav a[href*='/s/']")).to_have_count(18)
    for link in page.locator(".form-nav a[href*='/s/']").all():
        expect(link).to_be_visible()
    expect(page.locator(".form-nav summary")).to_be_hidden()
    context.close()
