"""Voting's API: a judge's ballot (cast, replace, read back) behind the 票选 gate;
the roll, the count, the decision and the casting decision for organizers."""

from __future__ import annotations

import pytest

from ccaward.results.models import Ballot
from tests.results.conftest import close_voting

JSON = "application/json"


def base(season, category):
    return f"/api/seasons/{season.slug}/voting/categories/{category.pk}"


@pytest.fixture
def ready(voting_open, shortlist, voters):
    return shortlist


def test_a_judge_casts_replaces_and_reads_back(api, season, ready, vote_category, judge):
    client = api(judge)
    url = base(season, vote_category) + "/ballot"
    assert client.get(url).json() == {
        "category": vote_category.pk,
        "ranking": None,
        "voted": False,
        "first_at": None,
        "last_at": None,
        "times": 0,
    }
    body = client.post(url, {"ranking": [[ready[1].pk], [ready[0].pk]]}, content_type=JSON).json()
    assert body["ranking"] == [[ready[1].pk], [ready[0].pk]] and body["times"] == 1
    body = client.post(url, {"ranking": [[ready[2].pk]]}, content_type=JSON).json()
    assert body["ranking"] == [[ready[2].pk]] and body["times"] == 2
    assert Ballot.objects.count() == 1


def test_bad_ballots_are_422_naming_the_entry(api, season, ready, vote_category, judge):
    url = base(season, vote_category) + "/ballot"
    twice = api(judge, "en").post(
        url, {"ranking": [[ready[0].pk], [ready[0].pk]]}, content_type=JSON
    )
    assert twice.status_code == 422
    assert twice.json()["error"]["fields"]["ranking"] == [
        f"{ready[0].center.name} is on the ballot twice."
    ]
    unknown = api(judge, "en").post(url, {"ranking": [[987654]]}, content_type=JSON)
    assert unknown.status_code == 422
    assert "#987654 is not on this category's shortlist." in unknown.json()["error"]["message"]


def test_the_gate_is_409_stage_closed(
    api, season, organizer, shortlist, voters, vote_category, judge
):
    url = base(season, vote_category) + "/ballot"
    refused = api(judge).post(url, {"ranking": [[shortlist[0].pk]]}, content_type=JSON)
    assert refused.status_code == 409 and refused.json()["error"]["code"] == "stage_closed"
    assert api(judge).get(url).status_code == 409
    assert not Ballot.objects.exists()


def test_organizers_count_decide_and_cast(
    api, season, organizer, ready, vote_category, voters, scores
):
    a, b, c, _d = ready
    for voter, groups in zip(
        voters, ([[a], [b], [c]], [[a], [c], [b]], [[a], [b, c]]), strict=True
    ):
        ranking = [[e.pk for e in group] for group in groups]
        assert (
            api(voter)
            .post(base(season, vote_category) + "/ballot", {"ranking": ranking}, content_type=JSON)
            .status_code
            == 200
        )
    client = api(organizer, "en")
    roll = client.get(base(season, vote_category) + "/roll").json()
    assert (roll["panel"], roll["voted"]) == (3, 3)
    assert "ranking" not in str(roll) and all(r["times"] == 1 for r in roll["roll"])
    early = client.post(base(season, vote_category) + "/count")
    assert early.status_code == 409 and early.json()["error"]["code"] == "in_use"
    assert client.get(base(season, vote_category) + "/decision").status_code == 404
    close_voting(season, organizer)
    scores(totals=["86.40", "82.00", "82.00", "79.88"], dimensions={1: [80] * 9, 2: [80] * 9})
    counted = client.post(base(season, vote_category) + "/count").json()
    assert counted["winners"] == [a.pk] and sorted(counted["tied"]) == sorted([b.pk, c.pk])
    assert counted["tally"]["method"] == "schulze"
    cast = client.post(
        base(season, vote_category) + "/casting",
        {"order": [c.pk, b.pk], "reason": "现场复核更优"},
        content_type=JSON,
    ).json()
    assert cast["winners"] == [a.pk, c.pk] and cast["tied"] == []
    decision = client.get(base(season, vote_category) + "/decision").json()
    assert decision["version"] == 2
    assert {s["entry"]: s["settled_by"] for s in decision["standings"]}[c.pk] == "casting"
    assert api(voters[1]).get(base(season, vote_category) + "/decision").status_code == 403
