"""The voting policy: the defaults until changed, a change with the version it was
read at, fixed once a ballot is cast; its page and API."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from ccaward.core.models import AuditEvent
from ccaward.results.domain import ballots as voting
from ccaward.results.domain import policy as policies

pytestmark = pytest.mark.usefixtures("en")


def test_the_defaults_are_schulze_by_winning_votes_unsaved(season):
    policy = policies.policy_of(season)
    assert (policy.method, policy.strength, policy.approvals, policy.pk) == (
        "schulze",
        "winning",
        None,
        None,
    )


def test_a_change_bumps_the_version_and_is_audited(season, organizer, vote_category):
    policy = policies.change_policy(
        season=season, by=organizer, values={"method": "approval", "approvals": 3}, version=1
    )
    assert (policy.method, policy.approvals, policy.version) == ("approval", 3, 2)
    assert policies.approvals_allowed(policy, vote_category) == 3
    event = AuditEvent.objects.get(action=policies.CHANGED)
    assert event.data["method"] == ["schulze", "approval"]
    policy = policies.change_policy(season=season, by=organizer, values={"approvals": ""})
    assert policies.approvals_allowed(policy, vote_category) == vote_category.quota


def test_a_stale_version_is_refused_with_both(season, organizer):
    policies.change_policy(season=season, by=organizer, values={"method": "borda"}, version=1)
    with pytest.raises(policies.VotingPolicyChanged) as caught:
        policies.change_policy(
            season=season, by=organizer, values={"method": "approval"}, version=1
        )
    assert caught.value.rows() == [("method", "borda", "approval")]
    assert caught.value.changed_by == organizer
    assert policies.policy_of(season).method == "borda"


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"method": "plurality"}, "method"),
        ({"strength": "x"}, "strength"),
        ({"approvals": 0}, "approvals"),
    ],
)
def test_bad_values_are_named(season, organizer, values, field):
    with pytest.raises(ValidationError) as caught:
        policies.change_policy(season=season, by=organizer, values=values)
    assert field in caught.value.message_dict


def test_fixed_once_a_ballot_is_cast(
    season, organizer, voting_open, shortlist, vote_category, judge
):
    voting.cast_ballot(category=vote_category, voter=judge, ranking=[[shortlist[0].pk]], by=judge)
    with pytest.raises(policies.PolicyInUse) as caught:
        policies.change_policy(season=season, by=organizer, values={"method": "borda"})
    assert caught.value.message == (
        "The voting policy can no longer change: 1 ballot already cast under it."
    )
    # saving what it already is changes nothing and is not refused
    policies.change_policy(season=season, by=organizer, values={"method": "schulze"})


def test_the_policy_page_saves_and_says_when_fixed(
    client_en, season, organizer, voting_open, shortlist, vote_category, judge
):
    client = client_en(organizer)
    url = reverse("results:vote_policy", args=[season.slug])
    assert client.get(url).status_code == 200
    response = client.post(url, {"version": 1, "method": "borda", "strength": "winning"})
    assert response.status_code == 302
    assert policies.policy_of(season).method == "borda"
    stale = client.post(url, {"version": 1, "method": "approval", "strength": "winning"})
    assert stale.status_code == 409
    assert "Someone else saved this" in stale.content.decode()
    voting.cast_ballot(category=vote_category, voter=judge, ranking=[[shortlist[0].pk]], by=judge)
    fixed = client.post(url, {"version": 2, "method": "approval", "strength": "winning"})
    assert fixed.status_code == 409
    assert "can no longer change: 1 ballot already cast" in fixed.content.decode()


def test_the_policy_api(api, season, organizer, judge, voting_open, shortlist, vote_category):
    url = f"/api/seasons/{season.slug}/voting/policy"
    assert api(judge).get(url).json()["method"] == "schulze"
    assert (
        api(judge).put(url, {"method": "borda"}, content_type="application/json").status_code == 403
    )
    client = api(organizer)
    body = client.put(
        url, {"method": "borda", "version": 1}, content_type="application/json"
    ).json()
    assert (body["method"], body["version"]) == ("borda", 2)
    stale = client.put(url, {"method": "approval", "version": 1}, content_type="application/json")
    assert stale.status_code == 409 and stale.json()["error"]["code"] == "conflict"
    voting.cast_ballot(category=vote_category, voter=judge, ranking=[[shortlist[0].pk]], by=judge)
    fixed = client.put(url, {"method": "approval"}, content_type="application/json")
    assert fixed.status_code == 409 and fixed.json()["error"]["code"] == "in_use"
