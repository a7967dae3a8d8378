"""No GET writes, ever: every season page that needs only the season, and an
entry's pages, are opened by each persona while statements that change data are
watched at the database connection (the session table excepted)."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.urls import URLPattern, URLResolver, get_resolver

from ccaward.core.models import AuditEvent
from ccaward.seasons import domain
from ccaward.seasons.enums import JUDGING_STAGE
from tests.factories import make_entry

WRITE = re.compile(r"^\s*(INSERT|UPDATE|DELETE|REPLACE)\b", re.I)


def _patterns(resolver=None, prefix=""):
    for p in (resolver or get_resolver()).url_patterns:
        if isinstance(p, URLResolver):
            yield from _patterns(p, prefix + str(p.pattern))
        elif isinstance(p, URLPattern):
            yield prefix + str(p.pattern), p


def _season_urls(slug: str, entry_pk: int) -> list[str]:
    urls = []
    for route, _p in _patterns():
        if not route.startswith("seasons/<slug:slug>/") or "export" in route:
            continue
        names = set(re.findall(r"<(?:\w+:)?(\w+)>", route))
        if names - {"slug", "pk", "entry_pk", "entry"}:
            continue
        path = re.sub(r"<slug:slug>", slug, route)
        path = re.sub(r"<(?:\w+:)?\w+>", str(entry_pk), path)
        if "^" in path or "$" in path:
            continue
        urls.append("/" + path)
    return urls


@pytest.fixture
def watched():
    writes: list[str] = []

    def watch(execute, sql, params, many, context):
        if WRITE.match(sql) and "django_session" not in sql:
            writes.append(sql.split("\n")[0][:120])
        return execute(sql, params, many, context)

    return writes, watch


def test_the_walk_covers_the_season_pages(season, organizer):
    urls = _season_urls(season.slug, 1)
    assert f"/seasons/{season.slug}/" in urls
    assert len(urls) >= 15


def test_no_page_writes_on_get(
    season, organizer, judge, applicant, as_user, watched, django_user_model
):
    stage = season.stages.get(kind=JUDGING_STAGE)
    domain.override_stage(stage=stage, by=organizer, action="open", reason="提前开始")
    entry = make_entry(season=season, by=organizer)
    entry.center.organization.members.add(applicant)
    urls = _season_urls(season.slug, entry.pk)
    events = AuditEvent.objects.count()
    writes, watch = watched
    opened, found = 0, []
    for user in (organizer, judge, applicant):
        client = as_user(user)
        for url in urls:
            with connection.execute_wrapper(watch):
                response = client.get(url)
            found += [(user.email, url, sql) for sql in writes]
            writes.clear()
            opened += response.status_code == 200
    assert found == []
    assert opened >= 20
    assert AuditEvent.objects.count() == events
    version = season.current_framework()
    version.refresh_from_db()
    assert version.frozen_at is None and version.is_frozen


def test_the_watch_sees_a_write(season, organizer, watched):
    writes, watch = watched
    with connection.execute_wrapper(watch):
        domain.freeze_if_judging(season)
        organizer.name = "改名"
        organizer.save(update_fields=["name"])
    assert writes and writes[0].upper().startswith("UPDATE")
