"""Short labels keep their words whole and text answers are wide enough for what they
hold, on a desktop and on a 390 px phone: the "获奖名额" column header and the buttons
do not break mid-word, the enterprise's name and address fields are not 20 characters
wide."""

from __future__ import annotations

import pytest

from tests.browser.conftest import sign_in

ORGANIZER_EMAIL = "organizer@demo.ccaward.cn"
APPLICANT_EMAIL = "applicant@demo.ccaward.cn"
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}

ONE_LINE = """el => {
  const style = getComputedStyle(el);
  const line = parseFloat(style.lineHeight) || parseFloat(style.fontSize) * 1.5;
  const box = el.getBoundingClientRect();
  const pad = parseFloat(style.paddingTop) + parseFloat(style.paddingBottom);
  return box.height - pad < line * 1.5;
}"""


@pytest.mark.browser
@pytest.mark.parametrize("size", list(VIEWPORTS))
def test_labels_keep_their_words_and_answers_have_room(browser, live_server, demo, size):
    context = browser.new_context(locale="zh-CN", viewport=VIEWPORTS[size])
    page = context.new_page()
    try:
        sign_in(page, live_server, ORGANIZER_EMAIL)
        page.goto(f"{live_server.url}/seasons/{demo.season.slug}/categories/")
        header = page.locator("th", has_text="获奖名额").first
        assert header.evaluate(ONE_LINE), "获奖名额 breaks inside the word"
        for button in page.locator("main .button, main button").all():
            if button.is_visible():
                assert button.evaluate(ONE_LINE), button.inner_text()
        context.clear_cookies()
        sign_in(page, live_server, APPLICANT_EMAIL)
        entry = demo.entries[0]
        page.goto(
            f"{live_server.url}/seasons/{demo.season.slug}/applications/{entry.pk}/s/enterprise/"
        )
        form_width = page.locator("form.app-form").evaluate("el => el.clientWidth")
        for name in ("enterprise_name", "enterprise_address"):
            width = page.locator(f'input[name="{name}"]').evaluate(
                "el => el.getBoundingClientRect().width"
            )
            assert width >= min(form_width * 0.8, 600), (name, width, form_width)
    finally:
        page.close()
        context.close()
