"""The panel comments' API: the same rules as the board (409 stage_closed for a
judge while 集中评议 is closed, 403 for a conflicted judge), 422 for bad text."""

from __future__ import annotations

import json

from ccaward.deliberation.models import PanelComment
from tests.deliberation.board_fixtures import conflicted


def path(entry, rest="comments"):
    return f"/api/seasons/{entry.season.slug}/board/entries/{entry.pk}/{rest}"


def post(client, url, body):
    return client.post(url, json.dumps(body), content_type="application/json")


def test_a_judge_comments_lists_and_deletes_while_open(
    api, panel_judge, board_entries, deliberation_open
):
    client = api(panel_judge)
    entry = board_entries[0]
    made = post(client, path(entry), {"text": "数据与现场一致"})
    assert made.status_code == 201, made.content
    body = made.json()
    assert body["text"] == "数据与现场一致" and body["mine"] and body["entry"] == entry.pk
    listed = client.get(path(entry))
    assert listed.status_code == 200 and [c["id"] for c in listed.json()] == [body["id"]]
    gone = client.delete(f"/api/seasons/{entry.season.slug}/board/comments/{body['id']}")
    assert gone.status_code == 204
    assert not PanelComment.objects.exists()


def test_the_stage_gate_answers_409_for_a_judge(api, panel_judge, board_entries):
    client = api(panel_judge)
    answer = post(client, path(board_entries[0]), {"text": "意见"})
    assert answer.status_code == 409
    assert answer.json()["error"]["code"] == "stage_closed"
    assert client.get(path(board_entries[0])).status_code == 409


def test_a_conflicted_judge_is_refused_both_ways(
    api, organizer, panel_judge, board_entries, deliberation_open
):
    entry = board_entries[0]
    assert post(api(organizer), path(entry), {"text": "组织者意见"}).status_code == 201
    conflicted(panel_judge, entry)
    client = api(panel_judge)
    assert client.get(path(entry)).status_code == 403
    assert post(client, path(entry), {"text": "意见"}).status_code == 403
    assert PanelComment.objects.count() == 1


def test_bad_text_is_422(api, organizer, board_entries):
    client = api(organizer, language="en")
    for text in ("  ", "控制\u0007字符", "x" * 5000):
        answer = post(client, path(board_entries[0]), {"text": text})
        assert answer.status_code == 422, text
    assert not PanelComment.objects.exists()


def test_another_persons_comment_is_not_deleted(
    api, organizer, panel_judge, board_entries, deliberation_open
):
    made = post(api(organizer), path(board_entries[0]), {"text": "组织者意见"}).json()
    answer = api(panel_judge).delete(
        f"/api/seasons/{board_entries[0].season.slug}/board/comments/{made['id']}"
    )
    assert answer.status_code == 403
    assert PanelComment.objects.count() == 1


def test_an_applicant_is_refused(api, applicant, board_entries, deliberation_open):
    assert api(applicant).get(path(board_entries[0])).status_code == 403
