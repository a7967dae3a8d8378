"""The season's judging policy: defaults read without writing, checked values,
the version, the audit."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from ccaward.core.models import AuditEvent
from ccaward.judging import domain
from ccaward.judging.models import JudgingPolicy


def test_the_defaults_are_read_without_a_row(season):
    policy = domain.policy_for(season)
    assert policy.pk is None
    assert (policy.scale, policy.recommender_policy, policy.reviewers) == ("0-10", "flagged", 3)
    assert policy.weights() == {"industry": 3, "channel": 1, "dimension": 1}


def test_saving_bumps_the_version_and_is_audited(season, organizer, category):
    policy = domain.save_policy(
        season=season,
        values={
            "reviewers": 5,
            "reviewers_by_category": {str(category.pk): 7},
            "affinity_weights": {"industry": 2, "channel": 0.5, "dimension": 1},
        },
        by=organizer,
        base_version=1,
    )
    assert policy.version == 2 and policy.reviewers_for(category.pk) == 7
    policy = domain.save_policy(season=season, values={"blind": True}, by=organizer, base_version=2)
    assert policy.version == 3
    event = AuditEvent.objects.filter(action="judging.policy.changed").first()
    assert event.data["blind"] == [False, True]
    assert JudgingPolicy.objects.get().weights()["channel"] == 0.5


def test_a_stale_version_is_refused(season, organizer):
    # two organizers opened the defaults (version 1); the first saves
    domain.save_policy(season=season, values={"reviewers": 5}, by=organizer, base_version=1)
    with pytest.raises(domain.PolicyChanged) as stale:
        domain.save_policy(season=season, values={"reviewers": 6}, by=organizer, base_version=1)
    assert stale.value.rows() == [("reviewers", 5, 6)]
    assert stale.value.changed_by == organizer
    assert JudgingPolicy.objects.get().reviewers == 5


@pytest.mark.parametrize(
    "values, field",
    [
        ({"min_load": 9, "max_load": 3}, "min_load"),
        ({"reviewers": 0}, "reviewers"),
        ({"reviewers_by_category": {"99999": 3}}, "reviewers_by_category"),
        ({"affinity_weights": {"industry": -1}}, "affinity_weights"),
        ({"affinity_weights": {"colour": 1}}, "affinity_weights"),
        ({"scale": "1-100"}, "scale"),
        ({"nonsense": 1}, "nonsense"),
    ],
)
def test_bad_values_name_their_field(season, organizer, values, field):
    with pytest.raises(ValidationError) as refused:
        domain.save_policy(season=season, values=values, by=organizer)
    assert field in refused.value.message_dict
    assert not JudgingPolicy.objects.exists()


def _form(**values):
    return {
        "scale": "0-10",
        "recommender_policy": "flagged",
        "reviewers": "3",
        "min_load": "0",
        "max_load": "20",
        "weight_industry": "3",
        "weight_channel": "1",
        "weight_dimension": "1",
        "version": "1",
        **values,
    }


def test_the_policy_page_saves_and_tells_a_second_writer(as_user, organizer, season, category):
    from django.urls import reverse

    client = as_user(organizer)
    url = reverse("judging:policy", args=[season.slug])
    saved = client.post(url, _form(reviewers="5", **{f"reviewers_{category.pk}": "4"}))
    assert saved.status_code == 302
    policy = domain.policy_for(season)
    assert (policy.reviewers, policy.reviewers_by_category) == (5, {str(category.pk): 4})
    stale = client.post(url, _form(reviewers="2", blind="on"))
    assert stale.status_code == 409
    page = stale.content.decode()
    assert "您编辑期间已有他人保存" in page and "匿名评审" in page
    assert domain.policy_for(season).reviewers == 5


def test_the_policy_page_names_a_minimum_above_the_maximum(as_user, organizer, season):
    from django.urls import reverse

    response = as_user(organizer).post(
        reverse("judging:policy", args=[season.slug]), _form(min_load="30", max_load="10")
    )
    assert response.status_code == 200
    assert "最少评审数（30）大于最多评审数（10）" in response.content.decode()
