"""The plan's window: not over before today, within the 电话暗访 stage, holidays
and make-up working days inside it and of the right kind, at least one contact;
new contacts planned from today on."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from ccaward.mystery.domain import planning, plansettings
from ccaward.mystery.models import Contact, PlanSettings
from tests.mystery.conftest import SATURDAY, WINDOW


def refused(season, organizer, **changes) -> dict:
    values = {
        "contacts_per_entry": 4,
        "channels": ["voice"],
        "starts_on": WINDOW[0],
        "ends_on": WINDOW[1],
        **changes,
    }
    with pytest.raises(ValidationError) as exc:
        planning.save_settings(season=season, values=values, by=organizer)
    return exc.value.message_dict


def test_a_window_in_the_past_or_outside_the_stage_is_refused(season, organizer):
    today = timezone.localdate()
    past = refused(
        season, organizer, starts_on=today - dt.timedelta(60), ends_on=today - dt.timedelta(30)
    )
    assert str(today) in past["ends_on"][0]
    opens, closes = plansettings.stage_days(season)
    early = refused(season, organizer, starts_on=today, ends_on=WINDOW[1])
    assert str(opens) in early["starts_on"][0] and str(closes) in early["starts_on"][0]
    late = refused(season, organizer, ends_on=closes + dt.timedelta(1))
    assert str(closes) in late["ends_on"][0]
    assert not PlanSettings.objects.exists()


def test_holidays_workdays_and_contacts_are_checked(season, organizer):
    after = WINDOW[1] + dt.timedelta(1)
    errors = refused(season, organizer, holidays=[after], workdays=[WINDOW[0]])
    assert str(after) in errors["holidays"][0] and str(WINDOW[0]) in errors["workdays"][0]
    weekend = refused(season, organizer, holidays=[SATURDAY])
    assert str(SATURDAY) in weekend["holidays"][0]
    assert "contacts_per_entry" in refused(season, organizer, contacts_per_entry=0)


def test_contacts_are_planned_from_today_on(season, organizer, entries, shopper_profiles):
    today = timezone.localdate()
    PlanSettings.objects.create(
        season=season,
        contacts_per_entry=4,
        channels=["voice"],
        starts_on=today - dt.timedelta(10),
        ends_on=today + dt.timedelta(20),
    )
    planning.run_plan(season=season, by=organizer)
    assert all(c.planned_on >= today for c in Contact.objects.exclude(planned_on=None))
    PlanSettings.objects.update(ends_on=today - dt.timedelta(1))
    with pytest.raises(ValidationError) as exc:
        planning.run_plan(season=season, by=organizer)
    assert "ends_on" in exc.value.message_dict


def test_the_entry_plan_form_refuses_with_422(season, organizer, entries, client_en):
    page = client_en(organizer).post(
        reverse("mystery:plan_entry", args=[season.slug, entries[0].pk]),
        {"contacts": "-3", "version": 0},
    )
    assert page.status_code == 422
