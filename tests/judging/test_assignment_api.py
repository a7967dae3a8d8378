"""The assignment's API: the same rules as the page (organizers; 409 once judging
closed), runs as previews applied by a second call, pairs by hand refused with 422
naming the judge and the entry, an unknown judge or entry named."""

from __future__ import annotations

import pytest

from ccaward.judging.models import Assignment
from ccaward.seasons import domain as seasons
from ccaward.seasons.enums import JUDGING_STAGE
from tests.judging.assignment_fixtures import conflict, entry_with, make_judge, set_policy


@pytest.fixture
def setup(season, organizer, category):
    set_policy(season, reviewers=1, max_load=2)
    judges = [
        make_judge(season, "吴一", employer="甲公司", industries=["banking"], channels=["voice"]),
        make_judge(season, "吴二", employer="乙公司", industries=["telecom"]),
    ]
    entries = [
        entry_with(season, organizer, industry="banking", channels=["voice", "app"]),
        entry_with(season, organizer, industry="telecom"),
    ]
    return judges, entries


def base(season):
    return f"/api/seasons/{season.slug}/assignment"


def test_run_apply_and_list(season, organizer, api, setup):
    judges, entries = setup
    client = api(organizer, "en")
    response = client.post(f"{base(season)}/runs", {}, content_type="application/json")
    assert response.status_code == 201, response.content
    run = response.json()
    assert run["feasible"] and not run["applied"] and run["coverage"]["covered"] == 2
    assert client.get(f"{base(season)}/pairs").json() == []
    applied = client.post(f"{base(season)}/runs/{run['id']}/apply")
    assert applied.status_code == 200 and applied.json()["applied"]
    pairs = client.get(f"{base(season)}/pairs").json()
    assert {(p["judge"], p["entry"]) for p in pairs} == {
        (judges[0].pk, entries[0].pk),
        (judges[1].pk, entries[1].pk),
    }
    banking = next(p for p in pairs if p["entry"] == entries[0].pk)
    terms = {t["key"]: t for t in banking["terms"]}
    assert terms["industry"]["value"] == 1 and terms["channel"]["value"] == 0.5
    assert terms["channel"]["matched"] == ["voice"]
    assert banking["explanation"].startswith("Same industry 3 × 1 + Channels 1 × 0.5")


def test_pairs_by_hand_lock_unlock_remove(season, organizer, api, setup):
    judges, entries = setup
    client = api(organizer, "en")
    made = client.post(
        f"{base(season)}/pairs",
        {"judge": judges[0].pk, "entry": entries[0].pk},
        content_type="application/json",
    )
    assert made.status_code == 201 and made.json()["locked"] and made.json()["source"] == "manual"
    pk = made.json()["id"]
    assert not client.post(f"{base(season)}/pairs/{pk}/unlock").json()["locked"]
    assert client.post(f"{base(season)}/pairs/{pk}/lock").json()["locked"]
    assert client.delete(f"{base(season)}/pairs/{pk}").status_code == 204
    assert not Assignment.objects.exists()
    assert client.delete(f"{base(season)}/pairs/{pk}").status_code == 404


def test_refusals_name_the_judge_and_the_entry(season, organizer, api, setup):
    judges, entries = setup
    client = api(organizer, "en")
    conflict(judges[0], entries[1])
    refused = client.post(
        f"{base(season)}/pairs",
        {"judge": judges[0].pk, "entry": entries[1].pk},
        content_type="application/json",
    )
    assert refused.status_code == 422
    message = refused.json()["error"]["message"]
    assert "吴一" in message and entries[1].center.name in message
    unknown = client.post(
        f"{base(season)}/pairs", {"judge": 424242, "entry": 434343}, content_type="application/json"
    )
    assert unknown.status_code == 422
    fields = unknown.json()["error"]["fields"]
    assert "424242" in fields["judge"][0] and "434343" in fields["entry"][0]
    bad = client.post(
        f"{base(season)}/runs", {"max_probability": 1.5}, content_type="application/json"
    )
    assert bad.status_code == 422
    assert not Assignment.objects.exists()


def test_an_infeasible_run_is_explained(season, organizer, api, setup):
    judges, entries = setup
    set_policy(season, reviewers=2)
    conflict(judges[1], entries[0])
    run = api(organizer, "zh-hans").post(
        f"{base(season)}/runs", {}, content_type="application/json"
    )
    body = run.json()
    assert run.status_code == 201 and not body["feasible"]
    assert body["infeasible"]["code"] == "too_few_judges_for_entry"
    assert entries[0].center.name in body["message"] and "降低" in body["message"]
    refused = api(organizer).post(f"{base(season)}/runs/{body['id']}/apply")
    assert refused.status_code == 422


def test_the_same_rules_as_the_page(season, organizer, judge, outsider, api, setup):
    judges, entries = setup
    assert api(judge).get(f"{base(season)}/pairs").status_code == 403
    assert api(outsider).get(f"{base(season)}/pairs").status_code == 404
    assert (
        api(judge).post(f"{base(season)}/runs", {}, content_type="application/json").status_code
        == 403
    )
    seasons.override_stage(
        stage=season.stages.get(kind=JUDGING_STAGE), by=organizer, action="closed", reason="结束"
    )
    closed = api(organizer).post(
        f"{base(season)}/pairs",
        {"judge": judges[0].pk, "entry": entries[0].pk},
        content_type="application/json",
    )
    assert closed.status_code == 409 and closed.json()["error"]["code"] == "stage_closed"
    assert api(organizer).get(f"{base(season)}/pairs").status_code == 200
