"""The scoring policy: defaults read without writing, checked changes with the
version they were read at, an audit event."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from ccaward.core.models import AuditEvent
from ccaward.deliberation.domain.policy import PolicyChanged, change_policy, policy_of
from ccaward.deliberation.models import ScoringPolicy


def test_defaults_are_read_without_a_row(season):
    policy = policy_of(season)
    assert policy.pk is None
    assert (policy.method, policy.bootstrap, policy.visit_weight, policy.version) == (
        "calibrated",
        1000,
        50,
        1,
    )
    assert not ScoringPolicy.objects.filter(season=season).exists()


def test_a_change_saves_bumps_the_version_and_is_audited(season, organizer):
    policy = change_policy(
        season=season, by=organizer, values={"method": "trimmed", "bootstrap": 200}, version=1
    )
    assert (policy.method, policy.bootstrap, policy.version) == ("trimmed", 200, 2)
    event = AuditEvent.objects.get(action="deliberation.policy.changed")
    assert event.data["method"] == ["calibrated", "trimmed"]
    assert event.data["bootstrap"] == [1000, 200]
    assert event.data["version"] == 2
    assert event.actor == organizer


def test_nothing_changed_writes_nothing(season, organizer):
    change_policy(season=season, by=organizer, values={"method": "calibrated"}, version=1)
    assert not ScoringPolicy.objects.filter(season=season).exists()
    assert not AuditEvent.objects.filter(action="deliberation.policy.changed").exists()


def test_a_stale_version_is_refused_with_both_versions(season, organizer):
    change_policy(season=season, by=organizer, values={"method": "mean"}, version=1)
    with pytest.raises(PolicyChanged) as caught:
        change_policy(season=season, by=organizer, values={"method": "median"}, version=1)
    assert caught.value.version == 2
    assert caught.value.rows() == [("method", "mean", "median")]
    assert caught.value.changed_by == organizer
    assert policy_of(season).method == "mean"


@pytest.mark.parametrize(
    "values, field",
    [
        ({"bootstrap": 10001}, "bootstrap"),
        ({"bootstrap": -1}, "bootstrap"),
        ({"visit_weight": 101}, "visit_weight"),
        ({"shortlist_margin": 101}, "shortlist_margin"),
        ({"seed": 2**31}, "seed"),
        ({"method": "best"}, "method"),
        ({"bootstrap": True}, "bootstrap"),
        ({"bootstrap": "12x"}, "bootstrap"),
        ({"colour": "red"}, "colour"),
    ],
)
def test_a_wrong_value_is_refused_by_field(season, organizer, values, field):
    with pytest.raises(ValidationError) as caught:
        change_policy(season=season, by=organizer, values=values)
    assert field in caught.value.message_dict
    assert not ScoringPolicy.objects.filter(season=season).exists()


def test_bounds_are_allowed(season, organizer):
    policy = change_policy(
        season=season,
        by=organizer,
        values={"bootstrap": 10000, "visit_weight": 0, "shortlist_margin": 0, "seed": 0},
    )
    assert (policy.bootstrap, policy.visit_weight, policy.shortlist_margin, policy.seed) == (
        10000,
        0,
        0,
        0,
    )
