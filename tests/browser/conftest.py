"""Browser tests: Debian's chromium driven through Playwright against pytest-django's live server.

Run with `pytest tests/browser` (or `-m browser`). Needs /usr/bin/chromium; `make test`
installs it through scripts/system-deps.sh. Playwright's own browsers are never used.
"""

from __future__ import annotations

import os

import pytest

from tests.browser.chromium import CHROMIUM, launch

# Playwright's sync API keeps an asyncio event loop running in this thread, which makes
# Django refuse ORM calls from the test (SynchronousOnlyOperation). Only these tests need it.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

ORGANIZER_EMAIL = "organizer@demo.ccaward.cn"


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.fail(
            f"{CHROMIUM} is missing: the browser tests drive Debian's chromium. "
            "Install it with `sudo apt-get install chromium` (or `make system-deps`).",
            pytrace=False,
        )
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    try:
        chromium = launch(playwright)
        try:
            yield chromium
        finally:
            chromium.close()
    finally:
        playwright.stop()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="zh-CN", viewport={"width": 1366, "height": 900})
    page = context.new_page()
    try:
        yield page
    finally:
        page.close()
        context.close()


@pytest.fixture
def demo(live_server, transactional_db):
    """The demo season and users in the live server's database."""
    from ccaward.core.demo import run_demo

    ctx = run_demo()
    assert ctx is not None, "the demo season existed already"
    return ctx


@pytest.fixture
def demo_password():
    from ccaward.core.demo import DEMO_PASSWORD

    return DEMO_PASSWORD


def login(page, live_server, email, password):
    """Sign in through the login form; returns once the next page has loaded."""
    page.goto(f"{live_server.url}/accounts/login/")
    form = page.locator("form.card")
    form.locator("input[name=username]").fill(email)
    form.locator("input[name=password]").fill(password)
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    assert "/accounts/login/" not in page.url, f"signing in as {email} failed"
