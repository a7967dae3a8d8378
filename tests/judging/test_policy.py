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
    assert policy.version == 1 and policy.reviewers_for(category.pk) == 7
    policy = domain.save_policy(season=season, values={"blind": True}, by=organizer, base_version=1)
    assert policy.version == 2
    event = AuditEvent.objects.filter(action="judging.policy.changed").first()
    assert event.data["blind"] == [False, True]
    assert JudgingPolicy.objects.get().weights()["channel"] == 0.5


def test_a_stale_version_is_refused(season, organizer):
    domain.save_policy(season=season, values={"reviewers": 4}, by=organizer, base_version=1)
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
