"""Browser tests: Debian's chromium driven through Playwright against pytest-django's live server.

Run with `pytest tests/browser` (or `-m browser`). Needs /usr/bin/chromium; `make test`
installs it through scripts/system-deps.sh. Playwright's own browsers are never used.

The fixtures, cheapest first:

- `browser`: one chromium for the whole session.
- `page`: a page of a new context (zh-CN, 1366 x 900), closed after the test.
- `live_server` (pytest-django's, one for the session): a test that asks for it runs
  with `transactional_db`, the database emptied after it.
- `demo`: the demo season and users (`ccaward demo`) in the live server's database, a
  fresh copy for each test, so a test may change it. Building the demo takes 13 s or
  more (its KPI records are simulated and computed), so it is built once a session
  and each test gets a copy of the tables and uploaded files (`DemoSnapshot`, well
  under a second). The `DemoContext` returned is a copy too (same primary keys).
- `demo_password`: the demo users' password, for the tests about signing in.
- `sign_in(page, live_server, email)`: signs the page's context in as that user by
  setting a session cookie (no form, no password hashing) and opens the seasons
  list, where signing in through the form lands. Use it wherever the test is not
  about signing in; `login(page, live_server, email, password)` goes through the form.
- `signed_in_page(email, viewport, **context_options)` (fixture): a page of a new
  context signed in with `sign_in`, its contexts closed after the test.

Tests run with argon2 at its least cost (tests/hashers.py), so `login` through the
form is cheap too.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.browser.chromium import CHROMIUM, launch

# the vote's fixtures, for the vote end to end (test_voting.py)
from tests.results.conftest import (  # noqa: F401
    scores,
    shortlist,
    vote_category,
    vote_entries,
    voters,
    voting_open,
)

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
def demo(demo_snapshot, live_server, transactional_db, settings):
    """The demo season and users in the live server's database: built by `run_demo`
    once a session (tests/demo_snapshot.py), then copied in for each test."""
    from ccaward.core.demo import run_demo

    if not demo_snapshot.usable():  # the day turned during the session
        return run_demo()
    return demo_snapshot.restore(Path(settings.MEDIA_ROOT))


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


def sign_in(page, live_server, email):
    """Sign the page's context in as the user with that e-mail (a session made by the
    test client, its cookie set in the context, replacing any other session) and open
    the seasons list, where the login form leads."""
    from django.conf import settings
    from django.test import Client

    from ccaward.people.models import User

    client = Client()
    client.force_login(
        User.objects.get(email=email), backend="django.contrib.auth.backends.ModelBackend"
    )
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": cookie.value,
                "url": live_server.url,
                "httpOnly": True,
                "sameSite": "Lax",
            }
        ]
    )
    page.goto(f"{live_server.url}/seasons/")
    assert "/accounts/login/" not in page.url, f"signing in as {email} failed"


@pytest.fixture
def signed_in_page(browser, live_server):
    """signed_in_page(email, viewport, **context_options) -> a page of a new context
    (locale zh-CN) signed in as that user with `sign_in`, on the seasons list."""
    contexts = []

    def open_page(email, viewport, **options):
        context = browser.new_context(locale="zh-CN", viewport=viewport, **options)
        contexts.append(context)
        page = context.new_page()
        sign_in(page, live_server, email)
        return page

    yield open_page
    for context in contexts:
        context.close()
