"""The poll's API: organizers' policy, counts, signals and voiding; the public list
of categories (anyone, no counts)."""

from __future__ import annotations

import datetime as dt

from django.test import Client
from django.utils import timezone

from ccaward.poll.domain import valid_counts
from ccaward.poll.models import PollVote
from tests.poll.conftest import votes_at


def test_the_policy(api, season, organizer, judge):
    client = api(organizer)
    url = f"/api/seasons/{season.slug}/poll/policy"
    got = client.get(url).json()
    assert got == {"enabled": False, "weight": 0, "max_weight": 30, "version": 1, "fixed": False}
    over = client.put(url, {"weight": 40, "version": 1}, content_type="application/json")
    assert over.status_code == 422 and "weight" in over.json()["error"]["fields"]
    ok = client.put(
        url, {"enabled": True, "weight": 10, "version": 1}, content_type="application/json"
    )
    assert ok.status_code == 200 and ok.json()["version"] == 2
    stale = client.put(url, {"weight": 12, "version": 1}, content_type="application/json")
    assert stale.status_code == 409 and stale.json()["error"]["code"] == "conflict"
    assert api(judge).get(url).status_code == 403


def test_fixed_once_voted(api, poll_on, organizer, category, entries):
    votes_at(category, entries[0], [timezone.now()])
    response = api(organizer).put(
        f"/api/seasons/{poll_on.slug}/poll/policy", {"weight": 5}, content_type="application/json"
    )
    assert response.status_code == 409 and response.json()["error"]["code"] == "fixed"


def test_counts_signals_and_void(api, poll_on, organizer, judge, category, entries):
    at = timezone.now().replace(second=0, microsecond=0) - dt.timedelta(hours=1)
    votes_at(category, entries[0], [at - dt.timedelta(hours=h) for h in range(30)], tag="a")
    spike = votes_at(
        category, entries[1], [at + dt.timedelta(seconds=i) for i in range(12)], tag="b"
    )
    client = api(organizer)
    counts = client.get(f"/api/seasons/{poll_on.slug}/poll/counts").json()
    rows = {r["entry"]: r for r in counts[0]["entries"]}
    assert rows[entries[1].pk] == {
        "entry": entries[1].pk,
        "center": "乙客服中心",
        "valid": 12,
        "voided": 0,
    }
    signals = client.get(f"/api/seasons/{poll_on.slug}/poll/signals").json()
    burst = next(s for s in signals if s["kind"] == "burst")
    assert burst["entry"] == entries[1].pk and set(burst["votes"]) == {v.pk for v in spike}
    missing = client.post(
        f"/api/seasons/{poll_on.slug}/poll/void",
        {"votes": burst["votes"], "reason": ""},
        content_type="application/json",
    )
    assert missing.status_code == 422 and "reason" in missing.json()["error"]["fields"]
    done = client.post(
        f"/api/seasons/{poll_on.slug}/poll/void",
        {"votes": burst["votes"], "reason": "12 votes in 12 seconds", "signal": burst["key"]},
        content_type="application/json",
    )
    assert done.status_code == 200 and sorted(done.json()["voided"]) == sorted(burst["votes"])
    assert valid_counts(category)[entries[1].pk] == 0
    assert PollVote.objects.count() == 42
    assert api(judge).get(f"/api/seasons/{poll_on.slug}/poll/signals").status_code == 403


def test_the_public_category_list_needs_no_login_and_shows_no_counts(poll_on, category, entries):
    votes_at(category, entries[0], [timezone.now()])
    response = Client().get(f"/api/seasons/{poll_on.slug}/poll/categories")
    assert response.status_code == 200
    [row] = response.json()
    assert row["id"] == category.pk
    assert [e["center"] for e in row["entries"]] == ["丙客服中心", "乙客服中心", "甲客服中心"]
    assert "valid" not in str(row)


def test_the_public_list_of_a_season_without_a_poll_is_not_found(season):
    assert Client().get(f"/api/seasons/{season.slug}/poll/categories").status_code == 404
