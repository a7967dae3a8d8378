"""The setup API: scenarios (versions, 409 with both), the scorecard (422 with
every problem by path), shoppers with blocked pairs, plan settings, planning
(409 infeasible), contacts and adjustments; refused for everyone but organizers."""

from __future__ import annotations

import yaml

from ccaward.engine.mystery.scorecard import DEFAULT_FILE
from ccaward.mystery.models import Card, Contact, Scenario, ScorecardVersion
from tests.mystery.conftest import SATURDAY, WINDOW

SCENARIO = {"title": "挂失", "story": "卡丢了", "questions": "怎么办", "answer_points": ["挂失"]}


def base(season):
    return f"/api/seasons/{season.slug}/mystery"


def test_scenarios_versions_and_conflict(season, organizer, api):
    client = api(organizer)
    made = client.post(f"{base(season)}/scenarios", SCENARIO, content_type="application/json")
    assert made.status_code == 201
    key = made.json()["key"]
    edit = {**SCENARIO, "title": "挂失二", "base_version": 1}
    assert (
        client.put(f"{base(season)}/scenarios/{key}", edit, content_type="application/json").json()[
            "version"
        ]
        == 2
    )
    stale = client.put(
        f"{base(season)}/scenarios/{key}",
        {**edit, "title": "我的"},
        content_type="application/json",
    )
    assert stale.status_code == 409
    problems = stale.json()["error"]["problems"]
    assert {"field": "title", "stored": "挂失二", "sent": "我的", "version": 2} in problems
    history = client.get(f"{base(season)}/scenarios/{key}").json()
    assert [h["version"] for h in history] == [2, 1]
    bad = client.post(f"{base(season)}/scenarios", {"title": "x"}, content_type="application/json")
    assert bad.status_code == 422 and "story" in bad.json()["error"]["fields"]
    assert client.post(f"{base(season)}/scenarios/{key}/retire").json()["retired"] is True
    assert client.get(f"{base(season)}/scenarios").json() == []


def test_scorecard_read_and_upload_refused_by_path(season, organizer, api):
    client = api(organizer)
    read = client.get(f"{base(season)}/scorecard").json()
    assert read["version"] == 1 and read["saved"] is False
    assert not ScorecardVersion.objects.exists()
    data = yaml.safe_load(DEFAULT_FILE.read_text(encoding="utf-8"))
    data["groups"]["handling"]["points"] = 1
    refused = client.post(
        f"{base(season)}/scorecard",
        {"source": yaml.safe_dump(data)},
        content_type="application/json",
    )
    assert refused.status_code == 422
    body = refused.json()["error"]
    assert body["code"] == "problems"
    assert {p["path"] for p in body["problems"]} >= {"handling", "groups"}
    ok = client.post(
        f"{base(season)}/scorecard",
        {"source": DEFAULT_FILE.read_text(encoding="utf-8"), "base_version": 1},
        content_type="application/json",
    )
    assert ok.status_code == 201 and ok.json()["version"] == 2


def test_shoppers_plan_run_and_adjust(season, organizer, api, entries, shopper_profiles, scorecard):
    client = api(organizer)
    org = entries[0].center.organization.name
    added = client.post(
        f"{base(season)}/shoppers",
        {"name": "内部", "email": "in@elsewhere.cn", "employer": org},
        content_type="application/json",
    )
    assert added.status_code == 201
    assert added.json()["blocked"][0]["entry"] == entries[0].pk
    assert org in added.json()["blocked"][0]["reason"]
    settings = {
        "contacts_per_entry": 3,
        "channels": ["voice"],
        "starts_on": str(WINDOW[0]),
        "ends_on": str(WINDOW[1]),
        "base_version": 0,
    }
    put = client.put(f"{base(season)}/plan", settings, content_type="application/json")
    assert put.status_code == 200 and put.json()["version"] == 1
    assert (
        client.put(f"{base(season)}/plan", settings, content_type="application/json").status_code
        == 409
    )
    run = client.post(f"{base(season)}/plan/run")
    assert run.status_code == 200 and run.json()["created"] == 9
    contacts = client.get(f"{base(season)}/plan/contacts", {"entry": entries[0].pk}).json()
    assert len(contacts) == 3
    assert all(c["shopper"] != added.json()["id"] for c in contacts)
    one = contacts[0]
    blocked = client.post(
        f"{base(season)}/plan/contacts/{one['id']}/reassign",
        {"shopper": added.json()["id"], "base_version": 1},
        content_type="application/json",
    )
    assert blocked.status_code == 422 and org in blocked.json()["error"]["fields"]["shopper"][0]
    other = next(s for s in shopper_profiles if s.pk != one["shopper"])
    second = client.post(
        f"{base(season)}/plan/contacts/{one['id']}/second",
        {"shopper": other.pk, "base_version": 1},
        content_type="application/json",
    )
    assert second.status_code == 200 and second.json()["version"] == 2
    assert Card.objects.filter(contact_id=one["id"], shopper=other).exists()
    stale = client.post(
        f"{base(season)}/plan/contacts/{one['id']}/reschedule",
        {"planned_on": SATURDAY.isoformat(), "slot": "weekend_peak", "base_version": 1},
        content_type="application/json",
    )
    assert stale.status_code == 409 and stale.json()["error"]["code"] == "conflict"


def test_infeasible_run_is_409_and_writes_nothing(season, organizer, api, entries, plan_settings):
    response = api(organizer).post(f"{base(season)}/plan/run")
    assert response.status_code == 409
    body = response.json()["error"]
    assert body["code"] == "infeasible" and "甲客服中心" in " ".join(body["fields"]["plan"])
    assert not Contact.objects.exists()


def test_only_organizers(season, api, shopper, applicant, outsider, judge):
    for who, status in ((shopper, 403), (applicant, 403), (judge, 403), (outsider, 404)):
        client = api(who)
        assert client.get(f"{base(season)}/scenarios").status_code == status
        assert client.get(f"{base(season)}/plan/contacts").status_code == status
        made = client.post(f"{base(season)}/scenarios", SCENARIO, content_type="application/json")
        assert made.status_code == status
    assert not Scenario.objects.exists()
