"""The shortlist's API: the default before one is saved, a reason for each
departure (422 naming it), the version (409 conflict with both versions)."""

from __future__ import annotations

import json

from ccaward.deliberation.models import Shortlist


def path(category):
    return f"/api/seasons/{category.season.slug}/board/categories/{category.pk}/shortlist"


def put(client, url, body):
    return client.put(url, json.dumps(body), content_type="application/json")


def test_the_default_then_a_shortlist_with_a_departure(
    api, organizer, board_category, board_evaluation, board_entries
):
    client = api(organizer)
    default = client.get(path(board_category)).json()
    assert default["saved"] is False and default["version"] == 0 and default["line"] == 3
    assert [r["entry"] for r in default["rows"]] == [e.pk for e in board_entries[:3]]
    assert default["ranking"][0] == {
        "entry": board_entries[0].pk,
        "rank": 1,
        "total": "86.40",
        "tied": False,
    }
    listed = [e.pk for e in board_entries[:4]]
    refused = put(client, path(board_category), {"listed": listed, "version": 0})
    assert refused.status_code == 422
    assert f"reasons.{board_entries[3].pk}" in refused.json()["error"]["fields"]
    body = {
        "listed": listed,
        "reasons": [{"entry": board_entries[3].pk, "reason": "现场评审表现突出"}],
        "version": 0,
    }
    saved = put(client, path(board_category), body)
    assert saved.status_code == 200, saved.content
    out = saved.json()
    assert out["saved"] and out["version"] == 1 and out["method"] == "calibrated"
    assert {r["entry"]: r["reason"] for r in out["rows"]}[board_entries[3].pk] == "现场评审表现突出"
    stale = put(client, path(board_category), {**body, "listed": listed[:3], "reasons": []})
    assert stale.status_code == 409
    error = stale.json()["error"]
    assert error["code"] == "conflict"
    problem = error["problems"][0]
    assert problem["field"] == f"entries.{board_entries[3].pk}"
    assert problem["stored"] == {"listed": True, "reason": "现场评审表现突出"}
    assert problem["sent"]["listed"] is False and problem["version"] == 1
    assert Shortlist.objects.get().version == 1


def test_a_judge_reads_it_while_open_and_never_sets_it(
    api, panel_judge, board_category, board_evaluation, board_entries, deliberation_open
):
    client = api(panel_judge)
    assert client.get(path(board_category)).status_code == 200
    answer = put(client, path(board_category), {"listed": [board_entries[0].pk]})
    assert answer.status_code == 403
    assert not Shortlist.objects.exists()


def test_a_judge_reads_nothing_while_closed(api, panel_judge, board_category, board_evaluation):
    answer = api(panel_judge).get(path(board_category))
    assert answer.status_code == 409 and answer.json()["error"]["code"] == "stage_closed"
