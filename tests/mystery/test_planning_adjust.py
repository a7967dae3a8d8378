"""Organizers' adjustments of planned contacts: reassigning (refused for a blocked
pair, with the reason), rescheduling, a second scorer, each from the version
read (a stale one refused with both)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from ccaward.core.models import AuditEvent
from ccaward.mystery.domain import planning, shoppers
from ccaward.mystery.enums import CardStatus, ScorerRole
from tests.mystery.conftest import SATURDAY


def other_than(contact, profiles):
    return next(p for p in profiles if p.pk != contact.shopper_id)


def test_reassign_and_stale(season, organizer, plan, shopper_profiles):
    contact = plan[0]
    target = other_than(contact, shopper_profiles)
    moved = planning.reassign(contact=contact, shopper=target, base_version=1, by=organizer)
    assert moved.shopper == target and moved.adjusted and moved.version == 2
    third = next(p for p in shopper_profiles if p.pk not in (contact.shopper_id, target.pk))
    with pytest.raises(planning.ContactChanged) as exc:
        planning.reassign(contact=contact, shopper=third, base_version=1, by=organizer)
    assert exc.value.version == 2
    assert ("shopper", target.name, third.name) in exc.value.rows()
    assert AuditEvent.objects.filter(action="mystery.contact_reassigned").count() == 1


def test_reassign_refused_for_a_blocked_pair_with_the_reason(
    season, organizer, plan, shopper_profiles
):
    contact = plan[0]
    target = other_than(contact, shopper_profiles)
    shoppers.exclude(shopper=target, entry=contact.entry, reason="同乡", by=organizer)
    with pytest.raises(ValidationError) as exc:
        planning.reassign(contact=contact, shopper=target, base_version=1, by=organizer)
    assert "同乡" in exc.value.message_dict["shopper"][0]
    contact.refresh_from_db()
    assert contact.version == 1 and not contact.adjusted


def test_reschedule_checks_the_day_type(season, organizer, plan):
    contact = plan[0]
    saturday = SATURDAY
    with pytest.raises(ValidationError) as exc:
        planning.reschedule(
            contact=contact, planned_on=saturday, slot="weekday_peak", base_version=1, by=organizer
        )
    assert "planned_on" in exc.value.message_dict
    moved = planning.reschedule(
        contact=contact, planned_on=saturday, slot="weekend_offpeak", base_version=1, by=organizer
    )
    assert (moved.planned_on, moved.slot, moved.version) == (saturday, "weekend_offpeak", 2)
    with pytest.raises(planning.ContactChanged):
        planning.reschedule(
            contact=contact, planned_on=saturday, slot="night", base_version=1, by=organizer
        )


def test_second_scorer(season, organizer, plan, shopper_profiles):
    contact = plan[0]
    second = other_than(contact, shopper_profiles)
    card = planning.add_second_scorer(contact=contact, shopper=second, by=organizer, base_version=1)
    assert (card.role, card.status, card.shopper) == (ScorerRole.SECOND, CardStatus.DRAFT, second)
    assert card.scorecard_id == contact.scorecard_id and card.scenario_id == contact.scenario_id
    with pytest.raises(ValidationError):  # the same shopper twice
        planning.add_second_scorer(contact=contact, shopper=second, by=organizer)
    with pytest.raises(ValidationError):  # the primary shopper
        contact.refresh_from_db()
        planning.add_second_scorer(contact=contact, shopper=contact.shopper, by=organizer)
    with pytest.raises(planning.ContactChanged):
        planning.add_second_scorer(
            contact=contact, shopper=shopper_profiles[0], by=organizer, base_version=1
        )
