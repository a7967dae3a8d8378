"""No dead ends: every link and button a persona is shown on the pages its menu
leads to (two clicks from the season's home) answers something other than 403,
and a refusal is a page in the reader's language that says why and leads back."""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

import pytest
from django.db import transaction
from django.test import Client
from django.urls import resolve
from django.urls.exceptions import Resolver404

from tests.factories import make_entry

HREF = re.compile(r'<a\b[^>]*\bhref="([^"#]+)"', re.I)
FORM = re.compile(r"<form\b([^>]*)>(.*?)</form>", re.I | re.S)
HIDDEN = re.compile(r'<input[^>]*type="hidden"[^>]*name="([^"]+)"[^>]*value="([^"]*)"', re.I)
# leaving, switching language and files are not pages of the walk
SKIP = ("/accounts/logout/", "/i18n/", "/static/", "/media/", "/admin/", "/api/")


@pytest.fixture
def people(season, organizer, judge, applicant, shopper):
    """The four roles of a season with an applicant's submitted entry and draft."""
    for status in ("submitted", "draft"):
        entry = make_entry(season=season, by=organizer, status=status)
        entry.center.organization.members.add(applicant)
    make_entry(season=season, by=organizer)  # someone else's
    return {"organizer": organizer, "judge": judge, "shopper": shopper, "applicant": applicant}


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


def _route(url: str) -> str | None:
    try:
        match = resolve(urlsplit(url).path)
    except Resolver404:
        return None
    return match.route


def links_and_forms(html: str, here: str):
    links = {urljoin(here, h.replace("&amp;", "&")) for h in HREF.findall(html)}
    forms = []
    for attrs, body in FORM.findall(html):
        method = re.search(r'method="(\w+)"', attrs)
        action = re.search(r'action="([^"]*)"', attrs)
        if not method or method.group(1).lower() != "post":
            continue
        target = urljoin(here, action.group(1).replace("&amp;", "&") if action else here)
        forms.append((target, dict(HIDDEN.findall(body))))
    keep = [u for u in links if u.startswith("/") and not u.startswith(SKIP)]
    return keep, [(u, d) for u, d in forms if not u.startswith(SKIP)]


def walk(client, start: str, depth: int = 2):
    """(page, link) pairs of every link and every post form shown within `depth`
    clicks of `start`, one page per URL pattern; and the forms found."""
    seen_routes, shown, forms, frontier = set(), [], [], [start]
    for _level in range(depth):
        following = []
        for page in frontier:
            response = client.get(page)
            if response.status_code != 200 or "text/html" not in response["Content-Type"]:
                continue
            links, page_forms = links_and_forms(response.content.decode(), page)
            forms += [(page, u, d) for u, d in page_forms]
            for link in sorted(links):
                shown.append((page, link))
                route = _route(link)
                if route is not None and route not in seen_routes:
                    seen_routes.add(route)
                    following.append(link)
        frontier = following
    return shown, forms


@pytest.mark.parametrize("persona", ["organizer", "judge", "shopper", "applicant"])
def test_no_link_or_button_a_persona_is_shown_answers_403(season, people, persona):
    client = signed_in(people[persona])
    shown, forms = walk(client, f"/seasons/{season.slug}/")
    assert len(shown) > 5
    status = {}
    refused = []
    for page, link in shown:
        if link not in status:
            status[link] = client.get(link).status_code
        if status[link] == 403:
            refused.append(f"{page} -> {link}")
    if persona != "organizer":  # an organizer's buttons revoke, invite, decide …
        for page, target, data in forms:
            # each button pressed on the page as shown: what it changes is undone,
            # so one (withdraw) does not change what the next (submit) may do
            with transaction.atomic():
                status = client.post(target, data).status_code
                transaction.set_rollback(True)
            if status == 403:
                refused.append(f"{page} -> POST {target}")
    assert refused == []
