"""A shopper's card: begun with the contact's versions fixed, saved as a draft
with conflicts shown both ways, attempts, the call's time prefilling the seconds
to a person, submission scored by the engine and the contact made or unreachable,
and the refusals (a value out of range, a second submission, another shopper's
contact, outside the stage) that overwrite nothing."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone, translation

from ccaward.core import audit_text, drafts
from ccaward.core.errors import StageClosed
from ccaward.core.models import AuditEvent
from ccaward.mystery.domain import queries, recording
from ccaward.mystery.enums import CardStatus, ContactStatus, ScorerRole
from ccaward.mystery.models import Card, Contact, PlanSettings, ShopperExclusion, ShopperProfile
from tests.mystery.shopper_data import FULL, at, make_contact, set_stage

pytest_plugins = ["tests.mystery.conftest_shopper"]


def started(contact, shopper):
    return recording.start_card(contact=contact, by=shopper)


def test_start_card_fixes_the_contacts_versions_and_is_idempotent(contact, shopper):
    card = started(contact, shopper)
    assert (card.role, card.status) == (ScorerRole.PRIMARY, CardStatus.DRAFT)
    assert card.scenario_id == contact.scenario_id
    assert card.scorecard_id == contact.scorecard_id
    assert started(contact, shopper).pk == card.pk
    assert AuditEvent.objects.filter(action="mystery.card_started").count() == 1


def test_another_shoppers_contact_is_refused_and_not_listed(contact, shopper, other_shopper):
    user, _profile = other_shopper
    with pytest.raises(PermissionDenied):
        recording.start_card(contact=contact, by=user)
    card = started(contact, shopper)
    for call in (
        lambda: recording.save_card(card=card, changes={"rings": "2"}, by=user),
        lambda: recording.record_attempt(card=card, at=timezone.now(), by=user),
        lambda: recording.submit_card(card=card, by=user),
    ):
        with pytest.raises(PermissionDenied):
            call()
    assert list(queries.my_contacts(user, contact.season)) == []
    assert list(queries.my_contacts(shopper, contact.season)) == [contact]
    assert Card.objects.get(pk=card.pk).answers == {}


def test_a_second_scorers_contact_is_theirs_too(contact, shopper, other_shopper):
    user, profile = other_shopper
    Card.objects.create(
        contact=contact, shopper=profile, role=ScorerRole.SECOND, scorecard=contact.scorecard
    )
    assert list(queries.my_contacts(user, contact.season)) == [contact]
    assert recording.start_card(contact=contact, by=user).role == ScorerRole.SECOND


def test_save_card_keeps_both_values_of_a_conflict(contact, shopper):
    card = started(contact, shopper)
    first = recording.save_card(card=card, changes={"rings": "2"}, base_version=0, by=shopper)
    assert first.version == 1
    # another tab, based on version 0, sets rings to 4: both values named
    with pytest.raises(drafts.DraftConflict) as info:
        recording.save_card(
            card=card, changes={"rings": "4"}, bases={"rings": None}, base_version=0, by=shopper
        )
    (conflict,) = info.value.conflicts
    assert (conflict.field, conflict.stored, conflict.sent) == ("rings", "2", "4")
    assert Card.objects.get(pk=card.pk).answers == {"rings": "2"}
    # another field from the same old base is kept
    recording.save_card(
        card=card, changes={"greeting": "4"}, bases={"greeting": None}, base_version=0, by=shopper
    )
    assert Card.objects.get(pk=card.pk).answers == {"rings": "2", "greeting": "4"}


def test_a_value_out_of_range_is_refused_naming_the_item_in_the_readers_language(contact, shopper):
    card = started(contact, shopper)
    recording.save_card(card=card, changes={"seconds_to_person": "40"}, by=shopper)
    with translation.override("zh-hans"), pytest.raises(ValidationError) as info:
        recording.save_card(card=card, changes={"seconds_to_person": "2000"}, by=shopper)
    assert "接通人工用时" in info.value.message_dict["seconds_to_person"][0]
    with translation.override("en"), pytest.raises(ValidationError) as info:
        recording.save_card(
            card=card, changes={"seconds_to_person": "2000", "greeting": "9"}, by=shopper
        )
    errors = info.value.message_dict
    assert "Seconds to a person" in errors["seconds_to_person"][0]
    assert "0 to 1800 seconds" in errors["seconds_to_person"][0]
    assert "1 to 5" in errors["greeting"][0]
    with pytest.raises(ValidationError) as info:
        recording.save_card(card=card, changes={"no_such_item": "1"}, by=shopper)
    assert "no_such_item" in info.value.message_dict
    assert Card.objects.get(pk=card.pk).answers == {"seconds_to_person": "40"}


def test_submit_scores_the_card_and_makes_the_contact(contact, shopper):
    card = started(contact, shopper)
    recording.save_card(card=card, changes=FULL, by=shopper)
    made = at(dt.date(2026, 3, 4), 10)  # a Wednesday, peak hours
    recording.set_call(card=card, made_at=made, timer_seconds=15, by=shopper, now=made)
    card = recording.submit_card(card=card, by=shopper, now=made + dt.timedelta(minutes=10))
    assert card.status == CardStatus.SUBMITTED and card.reached is True
    assert card.total == Decimal("100.0000")
    assert card.groups == {
        "reaching": "20.0000",
        "opening": "15.0000",
        "handling": "50.0000",
        "closing": "15.0000",
    }
    assert card.out_of_slot is False
    assert Contact.objects.get(pk=contact.pk).status == ContactStatus.DONE
    event = AuditEvent.objects.get(action="mystery.card_submitted")
    assert event.data["total"] == "100.0000"


def test_an_unanswered_attempt_counts_against_reaching_the_center(contact, shopper):
    card = started(contact, shopper)
    recording.save_card(card=card, changes=FULL, by=shopper)
    recording.record_attempt(card=card, at=timezone.now() - dt.timedelta(minutes=5), by=shopper)
    card = recording.submit_card(card=card, by=shopper)
    assert card.groups["reaching"] == "0.0000"
    assert card.total == Decimal("80.0000")


def test_submit_names_every_missing_item_and_keeps_the_draft(contact, shopper):
    card = started(contact, shopper)
    recording.save_card(card=card, changes={"rings": "2"}, by=shopper)
    with translation.override("en"), pytest.raises(ValidationError) as info:
        recording.submit_card(card=card, by=shopper)
    errors = info.value.message_dict
    assert "rings" not in errors
    assert "“Greeting, standard wording and a warm tone”: no answer yet." in errors["greeting"]
    assert len(errors) == len(FULL) - 1
    card = Card.objects.get(pk=card.pk)
    assert (card.status, card.answers) == (CardStatus.DRAFT, {"rings": "2"})


def test_could_not_get_through_needs_an_attempt_and_makes_the_contact_unreachable(contact, shopper):
    card = started(contact, shopper)
    with pytest.raises(ValidationError) as info:
        recording.submit_card(card=card, by=shopper, reached=False)
    assert "attempts" in info.value.message_dict
    first = timezone.now() - dt.timedelta(minutes=30)
    recording.record_attempt(card=card, at=first, by=shopper)
    recording.record_attempt(card=card, at=first.isoformat(), by=shopper)  # sent again
    recording.record_attempt(card=card, at=first + dt.timedelta(minutes=10), by=shopper)
    assert len(Card.objects.get(pk=card.pk).attempts) == 2
    assert AuditEvent.objects.filter(action="mystery.attempt_recorded").count() == 2
    card = recording.submit_card(card=card, by=shopper, reached=False)
    assert (card.reached, card.total) == (False, Decimal("0.0000"))
    assert Contact.objects.get(pk=contact.pk).status == ContactStatus.UNREACHABLE


def test_a_card_submitted_twice_is_refused_and_nothing_is_overwritten(contact, shopper):
    card = started(contact, shopper)
    recording.save_card(card=card, changes=FULL, by=shopper)
    card = recording.submit_card(card=card, by=shopper)
    before = (card.total, card.submitted_at, card.answers)
    with pytest.raises(ValidationError) as info:
        recording.submit_card(card=card, by=shopper, reached=False)
    assert info.value.code == "submitted"
    with pytest.raises(ValidationError) as info:
        recording.save_card(card=card, changes={"rings": "9"}, by=shopper)
    assert info.value.code == "read_only"
    with pytest.raises(ValidationError):
        recording.record_attempt(card=card, at=timezone.now(), by=shopper)
    card = Card.objects.get(pk=card.pk)
    assert (card.total, card.submitted_at, card.answers) == before
    assert AuditEvent.objects.filter(action="mystery.card_submitted").count() == 1


def test_a_second_scorers_card_leaves_the_contacts_status(contact, shopper, other_shopper):
    user, profile = other_shopper
    second = Card.objects.create(
        contact=contact, shopper=profile, role=ScorerRole.SECOND, scorecard=contact.scorecard
    )
    recording.save_card(card=second, changes=FULL, by=user)
    recording.submit_card(card=second, by=user)
    assert Contact.objects.get(pk=contact.pk).status == ContactStatus.PLANNED


def test_the_timer_prefills_the_seconds_to_a_person_unless_answered(contact, shopper):
    card = started(contact, shopper)
    now = timezone.now()
    card = recording.set_call(card=card, made_at=now, timer_seconds=42, by=shopper)
    assert (card.timer_seconds, card.answers["seconds_to_person"]) == (42, "42")
    assert card.answers_version == 1
    # a save based on the page before the timer, with the same value, is no conflict
    recording.save_card(
        card=card,
        changes={"seconds_to_person": "42"},
        bases={"seconds_to_person": None},
        base_version=0,
        by=shopper,
    )
    recording.save_card(card=card, changes={"seconds_to_person": "30"}, by=shopper)
    card = recording.set_call(card=card, made_at=now, timer_seconds=55, by=shopper)
    assert (card.timer_seconds, card.answers["seconds_to_person"]) == (55, "30")
    with pytest.raises(ValidationError):
        recording.set_call(
            card=card, made_at=now + dt.timedelta(days=1), timer_seconds=5, by=shopper
        )
    with pytest.raises(ValidationError):
        recording.set_call(card=card, made_at=now, timer_seconds=-1, by=shopper)


def test_a_contact_made_outside_its_slot_is_flagged_with_the_seasons_holidays(contact, shopper):
    holiday = dt.date(2026, 10, 1)  # a Thursday, a holiday: a weekend day
    PlanSettings.objects.create(season=contact.season, holidays=[holiday.isoformat()])
    card = started(contact, shopper)
    recording.save_card(card=card, changes=FULL, by=shopper)
    made = at(holiday, 10)
    recording.set_call(card=card, made_at=made, timer_seconds=15, by=shopper, now=made)
    card = recording.submit_card(card=card, by=shopper, now=made)
    assert card.out_of_slot is True  # planned weekday_peak, made weekend_peak


def test_outside_the_stage_the_shopper_is_refused_and_the_draft_kept(contact, shopper, organizer):
    card = started(contact, shopper)
    recording.save_card(card=card, changes={"rings": "2"}, by=shopper)
    set_stage(contact.season, organizer, "closed")
    with pytest.raises(StageClosed):
        recording.save_card(card=card, changes={"rings": "3"}, by=shopper)
    with pytest.raises(StageClosed):
        recording.submit_card(card=card, by=shopper)
    assert Card.objects.get(pk=card.pk).answers == {"rings": "2"}
    # an organizer corrects after the close; the audit event says so
    recording.save_card(card=card, changes={"rings": "3"}, by=organizer)
    event = AuditEvent.objects.get(action="mystery.card_corrected")
    assert "organizer correction" in event.data["note"]
    assert Card.objects.get(pk=card.pk).answers == {"rings": "3"}


def test_a_voided_contact_takes_no_card(contact, shopper):
    card = started(contact, shopper)
    Contact.objects.filter(pk=contact.pk).update(status=ContactStatus.VOID, void_reason="号码错误")
    card = Card.objects.get(pk=card.pk)
    with pytest.raises(ValidationError) as info:
        recording.save_card(card=card, changes={"rings": "2"}, by=shopper)
    assert info.value.code == "void" and "号码错误" not in info.value.messages[0]
    assert queries.lines(shopper, contact.season, timezone.localdate())["done"][0][0] == contact


def test_lines_sort_the_contacts_by_day(contact, shopper, mystery_entry, shopper_profile):
    today = timezone.localdate()
    late = make_contact(
        season=contact.season,
        entry=mystery_entry,
        shopper=shopper_profile,
        number=2,
        planned_on=today - dt.timedelta(days=2),
    )
    later = make_contact(
        season=contact.season,
        entry=mystery_entry,
        shopper=shopper_profile,
        number=3,
        planned_on=today + dt.timedelta(days=3),
    )
    out = queries.lines(shopper, contact.season, today)
    assert [c for c, _card in out["today"]] == [contact]
    assert [c for c, _card in out["overdue"]] == [late]
    assert [c for c, _card in out["upcoming"]] == [later]
    assert out["done"] == []


def test_the_shoppers_audit_events_read_as_sentences(contact, shopper):
    card = started(contact, shopper)
    recording.record_attempt(card=card, at=timezone.now(), by=shopper)
    recording.set_call(card=card, made_at=timezone.now(), timer_seconds=12, by=shopper)
    recording.save_card(card=card, changes=FULL, by=shopper)
    recording.submit_card(card=card, by=shopper)
    with translation.override("zh-hans"):
        lines = [
            audit_text.sentence(e)
            for e in AuditEvent.objects.filter(action__startswith="mystery.").order_by("pk")
        ]
    assert len(lines) == 4
    assert all("东方联合银行客服中心" in line for line in lines), lines
    assert "提交了" in lines[-1]


def test_an_inactive_shopper_sees_no_contacts_and_begins_no_card(contact, shopper):
    ShopperProfile.objects.filter(pk=contact.shopper_id).update(active=False)
    assert list(queries.my_contacts(shopper, contact.season)) == []
    with pytest.raises(PermissionDenied):
        recording.start_card(contact=contact, by=shopper)


def test_a_decimal_measure_is_scored_and_answers_are_stored_canonically(contact, shopper):
    card = started(contact, shopper)
    recording.save_card(
        card=card,
        changes={"seconds_to_person": "12.5", "rings": " 2.0 ", "greeting": "4.0"},
        by=shopper,
    )
    recording.save_card(card=card, changes={"identification": "是", "ivr_steps": "1e1"}, by=shopper)
    assert Card.objects.get(pk=card.pk).answers == {
        "seconds_to_person": "12.5",
        "rings": "2",
        "greeting": "4",
        "identification": "yes",
        "ivr_steps": "10",
    }
    with pytest.raises(ValidationError) as info:  # the scenario names 3 answer points
        recording.save_card(card=card, changes={"accuracy": "1/1"}, by=shopper)
    assert "3" in info.value.message_dict["accuracy"][0]


def test_a_mistaken_attempt_is_withdrawn_and_a_double_tap_is_one(contact, shopper):
    card = started(contact, shopper)
    first = timezone.now() - dt.timedelta(minutes=10)
    recording.record_attempt(card=card, at=first, by=shopper)
    recording.record_attempt(card=card, at=first + dt.timedelta(seconds=1), by=shopper)
    card = Card.objects.get(pk=card.pk)
    assert len(card.attempts) == 1
    with pytest.raises(ValidationError):
        recording.withdraw_attempt(card=card, at=timezone.now().isoformat(), by=shopper)
    card = recording.withdraw_attempt(card=card, at=card.attempts[0], by=shopper)
    assert card.attempts == []
    assert AuditEvent.objects.filter(action="mystery.attempt_withdrawn").count() == 1


def test_a_time_before_the_contact_was_planned_is_refused(contact, shopper):
    card = started(contact, shopper)
    with pytest.raises(ValidationError) as info:
        recording.record_attempt(card=card, at="2020-01-01T10:00:00+08:00", by=shopper)
    assert "at" in info.value.message_dict


def test_a_shopper_kept_from_the_entry_after_planning_cannot_begin_or_submit(
    contact, shopper, organizer
):
    card = started(contact, shopper)
    recording.save_card(card=card, changes=FULL, by=shopper)
    ShopperExclusion.objects.create(
        season=contact.season, shopper=contact.shopper, entry=contact.entry, reason="亲属在该中心"
    )
    with pytest.raises(ValidationError) as info:
        recording.submit_card(card=card, by=shopper)
    assert info.value.code == "blocked" and "亲属在该中心" in info.value.messages[0]
    assert Card.objects.get(pk=card.pk).status == CardStatus.DRAFT
