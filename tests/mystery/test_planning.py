"""Planning: settings, contacts spread over the window and balanced over shoppers,
blocked pairs kept apart, a re-plan keeping made contacts, infeasible explained."""

from __future__ import annotations

from collections import Counter

import pytest
from django.core.exceptions import ValidationError

from ccaward.core.models import AuditEvent
from ccaward.mystery.domain import planning, shoppers
from ccaward.mystery.enums import CardStatus, ContactStatus, ScorerRole
from ccaward.mystery.models import Card, Contact
from tests.mystery.conftest import SATURDAY, WINDOW, add_shopper


def test_plan_spreads_and_balances(
    season, plan, shopper_profiles, entries, scorecard, library_scenario
):
    assert len(plan) == 12
    loads = Counter(c.shopper_id for c in plan)
    assert sorted(loads.values()) == [4, 4, 4]
    for entry in entries:
        mine = [c for c in plan if c.entry_id == entry.pk]
        assert [c.number for c in mine] == [1, 2, 3, 4]
        assert len({c.slot for c in mine}) == 4  # four contacts over four day slots
        assert all(WINDOW[0] <= c.planned_on <= WINDOW[1] for c in mine)
        assert all(
            c.scorecard_id == scorecard.pk and c.scenario_id == library_scenario.pk for c in mine
        )
    first = [c for c in plan if c.entry_id == entries[0].pk]
    assert {c.channel for c in first} == {"voice", "webchat"}  # its application's channels
    assert {c.target for c in first if c.channel == "voice"} == {"95500"}
    second = [c for c in plan if c.entry_id == entries[1].pk]
    assert {c.channel for c in second} == {"voice"}
    assert not any(c.slot == "night" for c in second)  # no 7x24 claim
    # each entry at its own phase of the window: the entries are not all called on the
    # same days (which slots an entry draws depends on its id, so no slot is compared;
    # two of three may still meet in a two-week window)
    days = {e.pk: frozenset(c.planned_on for c in plan if c.entry_id == e.pk) for e in entries}
    assert len(days) == 3 and len(set(days.values())) > 1
    weekend = [c for c in plan if c.slot.startswith("weekend")]
    assert weekend and all(c.planned_on.weekday() >= 5 for c in weekend)
    assert AuditEvent.objects.filter(season=season, action="mystery.planned").count() == 1


def test_claims_24x7_plans_nights(season, organizer, entries, shopper_profiles, plan_settings):
    planning.save_entry_settings(
        season=season, entry=entries[0], values={"contacts": 5}, by=organizer
    )
    planning.run_plan(season=season, by=organizer)
    first = Contact.objects.filter(entry=entries[0])
    assert first.count() == 5
    assert first.filter(slot="night").count() == 1  # 甲 claims 7x24: one in each of 5 slots
    assert not Contact.objects.filter(entry=entries[1], slot="night").exists()


def test_holidays_and_make_up_days_set_the_day_type(season, organizer, entries, shopper_profiles):
    planning.save_settings(
        season=season,
        values={
            "contacts_per_entry": 8,
            "channels": ["voice"],
            "starts_on": WINDOW[0],
            "ends_on": WINDOW[1],
            "holidays": [WINDOW[0]],  # Monday off
            "workdays": [SATURDAY],  # Saturday worked (调休)
            "seed": 1,
        },
        by=organizer,
    )
    planning.run_plan(season=season, by=organizer)
    for c in Contact.objects.filter(season=season):
        if c.slot.startswith("weekday"):
            assert c.planned_on == SATURDAY or (
                c.planned_on.weekday() < 5 and c.planned_on != WINDOW[0]
            )
        if c.slot.startswith("weekend"):
            assert c.planned_on == WINDOW[0] or (
                c.planned_on.weekday() >= 5 and c.planned_on != SATURDAY
            )
    assert planning.holidays_of(season) == ({WINDOW[0]}, {SATURDAY})


def test_employer_and_exclusion_are_never_planned(
    season, organizer, entries, shopper_profiles, plan_settings
):
    org = entries[1].center.organization
    insider = add_shopper(
        season, organizer, name="内部人", email="in@example.cn", employer=org.name
    )
    shoppers.exclude(
        shopper=shopper_profiles[0], entry=entries[2], reason="曾在该中心实习", by=organizer
    )
    blocked = shoppers.blocked_pairs(season)
    assert "乙客服中心" not in blocked[(insider.pk, entries[1].pk)]
    assert org.name in blocked[(insider.pk, entries[1].pk)]
    assert "曾在该中心实习" in blocked[(shopper_profiles[0].pk, entries[2].pk)]
    planning.run_plan(season=season, by=organizer)
    assert not Contact.objects.filter(shopper=insider, entry=entries[1]).exists()
    assert not Contact.objects.filter(shopper=shopper_profiles[0], entry=entries[2]).exists()
    loads = Counter(Contact.objects.values_list("shopper_id", flat=True))
    assert max(loads.values()) - min(loads.values()) <= 1


def test_replan_keeps_made_contacts(season, organizer, plan, shopper_profiles):
    made = plan[0]
    Card.objects.create(
        contact=made, shopper=made.shopper, role=ScorerRole.PRIMARY, status=CardStatus.SUBMITTED
    )
    Contact.objects.filter(pk=made.pk).update(status=ContactStatus.DONE)
    before = {c.pk for c in plan}
    result = planning.run_plan(season=season, by=organizer)
    assert (result.kept, result.removed, result.created) == (1, 11, 11)
    rows = Contact.objects.filter(season=season)
    assert rows.count() == 12
    assert {c.pk for c in rows} & before == {made.pk}
    assert made.number not in rows.filter(entry=made.entry).exclude(pk=made.pk).values_list(
        "number", flat=True
    )
    loads = Counter(rows.values_list("shopper_id", flat=True))
    assert sorted(loads.values()) == [4, 4, 4]  # the made contact counts toward its shopper


def test_infeasible_is_explained_and_writes_nothing(
    season, organizer, plan, shopper_profiles, entries
):
    for s in shopper_profiles:
        shoppers.save_shopper(
            season=season,
            shopper=s,
            values={"name": s.name, "email": s.email, "max_load": 1},
            by=organizer,
        )
    before = list(Contact.objects.values_list("pk", "shopper_id"))
    result = planning.run_plan(season=season, by=organizer)
    assert not result.feasible
    text = " ".join(result.infeasible)
    assert "甲客服中心" in text or "乙客服中心" in text  # entries by name
    assert list(Contact.objects.values_list("pk", "shopper_id")) == before


def test_settings_refused_by_field_and_stale(season, organizer, plan_settings):
    with pytest.raises(ValidationError) as exc:
        planning.save_settings(
            season=season,
            by=organizer,
            values={
                "contacts_per_entry": -1,
                "channels": ["fax"],
                "starts_on": WINDOW[1],
                "ends_on": WINDOW[0],
                "holidays": [WINDOW[0]],
                "workdays": [WINDOW[0]],
            },
        )
    assert set(exc.value.message_dict) >= {"contacts_per_entry", "channels", "ends_on", "workdays"}
    values = {
        "contacts_per_entry": 3,
        "channels": ["voice"],
        "starts_on": WINDOW[0],
        "ends_on": WINDOW[1],
    }
    planning.save_settings(
        season=season, by=organizer, values=values, base_version=plan_settings.version
    )
    with pytest.raises(planning.PlanChanged) as stale:
        planning.save_settings(
            season=season, by=organizer, values=values, base_version=plan_settings.version
        )
    assert stale.value.version == plan_settings.version + 1


def test_an_entry_hears_several_voices_on_different_days(plan, entries):
    for entry in entries:
        mine = [c for c in plan if c.entry_id == entry.pk]
        assert len({c.shopper_id for c in mine}) >= 2  # at most ceil(4 / 3) each
        assert max(Counter(c.shopper_id for c in mine).values()) <= 2
        assert len({c.planned_on for c in mine}) == len(mine)  # never two on one day
