"""A refusal is a page in the site's layout and the reader's language that says
why and leads back; it is logged as one warning line, never as an error with a
traceback. Pages not found and server errors are styled likewise."""

from __future__ import annotations

import logging
import sys

from django.test import RequestFactory
from django.utils import translation

from ccaward.core import refusals
from ccaward.core.logs import QuietRefusals


def test_a_refusal_says_why_in_chinese_and_leads_back(season, judge, organizer, as_user):
    client = as_user(judge)
    came_from = f"http://testserver/seasons/{season.slug}/categories/"
    response = client.get(f"/seasons/{season.slug}/people/", headers={"referer": came_from})
    assert response.status_code == 403
    assert [t.name for t in response.templates][0] == "403.html"
    html = response.content.decode()
    assert '<html lang="zh-hans">' in html
    assert "此页面不对您开放" in html
    assert f"您在{season.name}中的角色是：评审专家。" in html
    assert organizer.email in html  # whom to ask
    assert f'href="{came_from}"' in html  # where they came from
    assert f'href="/seasons/{season.slug}/"' in html  # the season's home
    assert 'class="seasonnav"' in html  # the menu stays
    assert "403 Forbidden" not in html


def test_a_refusal_reads_in_english_for_an_english_reader(season, judge, client_en):
    response = client_en(judge).get(f"/seasons/{season.slug}/people/")
    assert response.status_code == 403
    html = response.content.decode()
    assert "This page is not open to you" in html
    assert "you are: Judge." in html
    assert "Back to the season" in html


def test_a_refusal_is_one_warning_line_without_traceback(season, judge, as_user, caplog):
    with caplog.at_level(logging.DEBUG):
        response = as_user(judge).get(f"/seasons/{season.slug}/audit/")
    assert response.status_code == 403
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
    refusals_logged = [r for r in caplog.records if r.name == "django.request"]
    assert [r.levelname for r in refusals_logged] == ["WARNING"]
    assert refusals_logged[0].exc_info is None
    assert "Traceback" not in caplog.text


def test_server_errors_keep_their_traceback():
    try:
        raise RuntimeError("boom")
    except RuntimeError:
        exc_info = sys.exc_info()
    for status, kept in ((403, False), (404, False), (500, True)):
        record = logging.LogRecord("django.request", logging.ERROR, "", 0, "x", (), exc_info)
        record.status_code = status
        assert QuietRefusals().filter(record)
        assert (record.exc_info is not None) is kept


def test_a_page_not_found_is_styled_and_leads_home(organizer, as_user):
    response = as_user(organizer).get("/seasons/no-such-season/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "页面不存在" in html and 'href="/"' in html and 'class="topbar"' in html


def test_a_server_error_page_needs_no_database_and_reads_in_the_language():
    with translation.override("en"):
        response = refusals.server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    html = response.content.decode()
    assert "Something went wrong on our side" in html
    assert 'class="topbar"' in html
