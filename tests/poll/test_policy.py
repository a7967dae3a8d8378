"""The poll's policy: off and weight 0 by default, the weight never above the
season's cap, stale writes refused, fixed once the poll has its first vote."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from ccaward.core.models import AuditEvent
from ccaward.poll.domain import policy as policies
from ccaward.poll.domain import policy_of, votes
from ccaward.poll.models import PollPolicy
from tests.poll.conftest import account


def test_the_defaults_are_no_poll_and_weight_zero(season):
    policy = policy_of(season)
    assert policy.pk is None
    assert (policy.enabled, policy.weight, policy.max_weight) == (False, 0, 30)


def test_a_change_is_saved_versioned_and_audited(season, organizer):
    policy = policies.change_policy(
        season=season, by=organizer, values={"enabled": True, "weight": 25}, version=1
    )
    assert (policy.enabled, policy.weight, policy.version) == (True, 25, 2)
    event = AuditEvent.objects.get(action="poll.policy.changed")
    assert event.data["weight"] == [0, 25]


def test_a_weight_above_the_cap_is_refused(season, organizer):
    with pytest.raises(ValidationError) as exc:
        policies.change_policy(season=season, by=organizer, values={"weight": 31})
    assert "weight" in exc.value.message_dict
    policies.change_policy(season=season, by=organizer, values={"max_weight": 50, "weight": 45})
    with pytest.raises(ValidationError):
        policies.change_policy(season=season, by=organizer, values={"max_weight": 40})
    assert policy_of(season).weight == 45


def test_only_organizers_change_it(season, judge):
    with pytest.raises(PermissionDenied):
        policies.change_policy(season=season, by=judge, values={"enabled": True})


def test_a_stale_version_is_refused(season, organizer):
    policies.change_policy(season=season, by=organizer, values={"weight": 10}, version=1)
    with pytest.raises(policies.PolicyChanged) as exc:
        policies.change_policy(season=season, by=organizer, values={"weight": 20}, version=1)
    assert exc.value.rows() == [("weight", 10, 20)]
    assert policy_of(season).weight == 10


def test_fixed_after_the_first_vote(poll_on, organizer, category, entries):
    voter = account(poll_on)
    votes.cast_vote(account=voter, category=category, entry_id=entries[0].pk, network="x")
    with pytest.raises(policies.PolicyFixed):
        policies.change_policy(season=poll_on, by=organizer, values={"weight": 10})
    with pytest.raises(policies.PolicyFixed):
        policies.change_policy(season=poll_on, by=organizer, values={"enabled": False})
    # sending the same values changes nothing and is no error
    policies.change_policy(season=poll_on, by=organizer, values={"weight": 20})
    assert policy_of(poll_on).weight == 20


def test_the_database_holds_the_cap(season, organizer):
    with pytest.raises(IntegrityError), transaction.atomic():
        PollPolicy.objects.create(
            season=season, weight=40, max_weight=30, updated_at=timezone.now()
        )
