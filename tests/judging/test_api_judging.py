"""Judging's API: the pool, conflicts and the policy, with the pages' rules."""

from __future__ import annotations

import json

from ccaward.judging import domain
from ccaward.judging.models import Conflict, JudgeProfile


def base(season):
    return f"/api/seasons/{season.slug}"


def send(client, method, path, body=None):
    return getattr(client, method)(
        path, data=json.dumps(body or {}), content_type="application/json"
    )


def test_the_pool_through_the_api(api, organizer, season, entry):
    client = api(organizer)
    created = send(
        client,
        "post",
        f"{base(season)}/judges",
        {
            "name": "王建国",
            "email": "wang@example.cn",
            "employer": "中国建设银行",
            "industries": ["银行"],
        },
    )
    assert created.status_code == 201, created.content
    judge = created.json()
    assert judge["industries"] == ["banking"] and judge["invitation"] == ""
    listed = client.get(f"{base(season)}/judges").json()
    assert [j["email"] for j in listed] == ["wang@example.cn"]
    changed = send(
        client, "patch", f"{base(season)}/judges/{judge['id']}", {"title": "总经理", "version": 1}
    )
    assert changed.status_code == 200 and changed.json()["version"] == 2
    stale = send(
        client, "patch", f"{base(season)}/judges/{judge['id']}", {"title": "董事", "version": 1}
    )
    assert stale.status_code == 409
    body = stale.json()["error"]
    assert body["code"] == "conflict"
    assert body["problems"] == [
        {"field": "title", "stored": "总经理", "sent": "董事", "version": 2}
    ]
    conflicts = client.get(f"{base(season)}/conflicts?source=employer").json()
    assert [(c["judge_name"], c["status"], c["blocking"]) for c in conflicts] == [
        ("王建国", "detected", True)
    ]


def test_bad_input_names_the_field(api, organizer, season):
    response = send(
        api(organizer),
        "post",
        f"{base(season)}/judges",
        {"name": "王", "email": "wang@example.cn", "min_load": 9, "max_load": 3},
    )
    assert response.status_code == 422
    assert "min_load" in response.json()["error"]["fields"]


def test_a_judge_declares_and_organizers_decide(api, organizer, judge, season, entry, profile):
    mine = send(
        api(judge),
        "post",
        f"{base(season)}/judging/me/conflicts",
        {"entry": entry.pk, "reason": "曾任顾问"},
    )
    assert mine.status_code == 201 and mine.json()["status"] == "declared"
    assert [c["entry"] for c in api(judge).get(f"{base(season)}/judging/me/conflicts").json()] == [
        entry.pk
    ]
    # organizers cannot decide a declaration; they decide a detected one
    declared = Conflict.objects.get()
    refused = send(
        api(organizer),
        "post",
        f"{base(season)}/conflicts/{declared.pk}/decision",
        {"decision": "dismiss", "reason": "x"},
    )
    assert refused.status_code == 422
    domain.change_judge(
        judge=profile, values={"employer": "中国建设银行"}, by=organizer, base_version=None
    )
    detected = Conflict.objects.get(source="employer")
    no_reason = send(
        api(organizer),
        "post",
        f"{base(season)}/conflicts/{detected.pk}/decision",
        {"decision": "confirm", "reason": ""},
    )
    assert no_reason.status_code == 422 and "reason" in no_reason.json()["error"]["fields"]
    decided = send(
        api(organizer),
        "post",
        f"{base(season)}/conflicts/{detected.pk}/decision",
        {"decision": "confirm", "reason": "现任"},
    )
    assert (
        decided.json()["status"] == "confirmed" and decided.json()["decided_by"] == organizer.email
    )
    withdrawn = api(judge).delete(f"{base(season)}/judging/me/conflicts/{declared.pk}")
    assert withdrawn.status_code == 204


def test_judges_are_refused_the_organizers_endpoints(api, judge, season, profile):
    client = api(judge)
    assert client.get(f"{base(season)}/judges").status_code == 403
    assert client.get(f"{base(season)}/conflicts").status_code == 403
    assert client.get(f"{base(season)}/judging-policy").status_code == 403
    assert send(client, "post", f"{base(season)}/conflicts/detect").status_code == 403


def test_a_judge_edits_their_own_expertise_only(api, judge, season, profile):
    client = api(judge)
    response = send(
        client, "patch", f"{base(season)}/judging/me", {"channels": ["voice"], "employer": "新单位"}
    )
    assert response.status_code == 200 and response.json()["employer"] == "新单位"
    ignored = send(client, "patch", f"{base(season)}/judging/me", {"max_load": 99})
    assert ignored.status_code in (200, 422)
    assert JudgeProfile.objects.get().max_load is None


def test_the_policy_through_the_api(api, organizer, season, category):
    client = api(organizer)
    policy = client.get(f"{base(season)}/judging-policy").json()
    assert policy["version"] == 1 and policy["affinity_weights"]["industry"] == 3
    changed = send(
        client,
        "patch",
        f"{base(season)}/judging-policy",
        {
            "version": 1,
            "reviewers": 4,
            "reviewers_by_category": {str(category.pk): 6},
            "recommender_policy": "conflict",
        },
    )
    assert changed.status_code == 200, changed.content
    assert changed.json()["reviewers_by_category"] == {str(category.pk): 6}
    assert changed.json()["version"] == 2
    stale = send(client, "patch", f"{base(season)}/judging-policy", {"version": 1, "reviewers": 7})
    assert stale.status_code == 409
    assert stale.json()["error"]["problems"][0]["field"] == "reviewers"
    bad = send(client, "patch", f"{base(season)}/judging-policy", {"min_load": 30, "max_load": 10})
    assert bad.status_code == 422 and "min_load" in bad.json()["error"]["fields"]


def test_detection_through_the_api(api, organizer, season, entry):
    domain.add_judge(
        season=season,
        values={"name": "王", "email": "w@x.cn", "employer": "中国建设银行"},
        by=organizer,
    )
    response = send(api(organizer), "post", f"{base(season)}/conflicts/detect")
    assert response.json() == {"added": 0, "restated": 0, "cleared": 0, "kept": 0}


def test_an_id_no_database_can_hold_is_refused_with_422_not_a_server_error(
    api, organizer, judge, season, entry, profile
):
    huge = 1937869975758920143865905152
    invite = send(api(organizer), "post", f"{base(season)}/judges/invite", {"judges": [5, huge]})
    assert invite.status_code == 422, invite.content
    declare = send(
        api(judge), "post", f"{base(season)}/judging/me/conflicts", {"entry": huge, "reason": "x"}
    )
    assert declare.status_code == 422, declare.content
