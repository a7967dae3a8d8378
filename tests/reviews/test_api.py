"""The reviews API: a judge's own reviews with the pages' rules, the field path in
a 422, the organizers' reading."""

from __future__ import annotations

import json

import pytest

from ccaward.reviews.models import Review
from tests.reviews.conftest import close_judging, conflict, criteria


@pytest.fixture
def ready(judging_open, assigned):
    return assigned


def patch(client, path, body):
    return client.patch(path, json.dumps(body), content_type="application/json")


def post(client, path, body=None):
    return client.post(path, json.dumps(body or {}), content_type="application/json")


def test_a_judge_saves_submits_and_revises_through_the_api(ready, api, judge, season, entry):
    client = api(judge)
    base = f"/api/seasons/{season.slug}/reviews"
    (line,) = client.get(base).json()
    assert line["entry"] == entry.pk and line["state"] == "not_started"
    assert client.get(f"{base}/{entry.pk}").status_code == 404
    codes = criteria(season)
    r = patch(client, f"{base}/{entry.pk}", {"scores": dict.fromkeys(codes[:-1], 7)})
    assert r.status_code == 200, r.content
    r = post(client, f"{base}/{entry.pk}/submit")
    assert r.status_code == 422
    assert list(r.json()["error"]["fields"]) == [f"scores.{codes[-1]}"]
    r = patch(client, f"{base}/{entry.pk}", {"scores": {codes[-1]: "6.5"}, "feedback_note": "好"})
    body = r.json()
    r = post(client, f"{base}/{entry.pk}/submit")
    assert r.status_code == 200 and r.json()["status"] == "submitted"
    r = patch(client, f"{base}/{entry.pk}", {"scores": {codes[0]: 1}})
    assert r.status_code == 409 and r.json()["error"]["code"] == "read_only"
    version = r.json() and Review.objects.get().version
    r = post(
        client,
        f"{base}/{entry.pk}/revise",
        {"scores": {codes[0]: 9}, "reason": "复核", "version": version},
    )
    assert r.status_code == 200
    history = r.json()["history"]
    assert {"criterion": codes[0], "old": "7", "new": "9", "reason": "复核"}.items() <= [
        h for h in history if h["kind"] == "revised"
    ][0].items()
    assert body["version"] >= 1


def test_an_off_scale_score_is_422_with_the_field_path(ready, api, judge, season, entry):
    code = criteria(season)[0]
    r = patch(api(judge), f"/api/seasons/{season.slug}/reviews/{entry.pk}", {"scores": {code: 12}})
    assert r.status_code == 422
    assert f"scores.{code}" in r.json()["error"]["fields"]
    r = patch(api(judge), f"/api/seasons/{season.slug}/reviews/{entry.pk}", {"scores": {"nope": 5}})
    assert "scores.nope" in r.json()["error"]["fields"]
    assert not Review.objects.exists()


def test_refusals_not_assigned_conflicted_closed(
    judging_open, api, judge, season, entry, other_entry, profile, assigned, organizer
):
    client = api(judge)
    code = criteria(season)[0]
    base = f"/api/seasons/{season.slug}/reviews"
    assert patch(client, f"{base}/{other_entry.pk}", {"scores": {code: 5}}).status_code == 403
    conflict(profile, other_entry)
    close_judging(season, organizer)
    r = patch(client, f"{base}/{entry.pk}", {"scores": {code: 5}})
    assert r.status_code == 409 and r.json()["error"]["code"] == "stage_closed"
    assert not Review.objects.exists()


def test_organizers_read_every_review_and_judges_do_not(
    ready, api, judge, organizer, season, entry
):
    code = criteria(season)[0]
    patch(
        api(judge),
        f"/api/seasons/{season.slug}/reviews/{entry.pk}",
        {"scores": {code: 5}, "private_note": "仅供主办方"},
    )
    r = api(organizer).get(f"/api/seasons/{season.slug}/reviews/all")
    assert r.status_code == 200 and r.json()[0]["private_note"] == "仅供主办方"
    assert api(judge).get(f"/api/seasons/{season.slug}/reviews/all").status_code == 403
