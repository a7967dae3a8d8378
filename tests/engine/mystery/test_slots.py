"""Slots of the day and the days of a window: holidays and make-up working days
(调休) decide the day type; a slot's contacts are spaced over its days, each entry
at its own phase."""

from __future__ import annotations

import datetime as dt

import pytest

from ccaward.engine.mystery.slots import days_for, slot_of, spread_days

MONDAY = dt.date(2026, 6, 1)
SUNDAY = dt.date(2026, 6, 14)


def test_slot_of_the_moment():
    assert slot_of(dt.datetime(2026, 6, 1, 10, 0)) == "weekday_peak"
    assert slot_of(dt.datetime(2026, 6, 1, 12, 30)) == "weekday_offpeak"
    assert slot_of(dt.datetime(2026, 6, 6, 15, 0)) == "weekend_peak"
    assert slot_of(dt.datetime(2026, 6, 6, 23, 0)) == "night"
    assert slot_of(dt.datetime(2026, 6, 1, 10, 0), holidays={MONDAY}) == "weekend_peak"
    saturday = dt.datetime(2026, 6, 6, 10, 0)
    assert slot_of(saturday, workdays={saturday.date()}) == "weekday_peak"


def test_days_for_counts_holidays_and_make_up_days():
    saturday = dt.date(2026, 6, 6)
    weekdays = days_for("weekday_peak", MONDAY, SUNDAY, holidays={MONDAY}, workdays={saturday})
    assert MONDAY not in weekdays and saturday in weekdays and len(weekdays) == 10
    weekend = days_for("weekend_offpeak", MONDAY, SUNDAY, holidays={MONDAY}, workdays={saturday})
    assert weekend == [MONDAY, dt.date(2026, 6, 7), dt.date(2026, 6, 13), SUNDAY]
    assert len(days_for("night", MONDAY, SUNDAY)) == 14
    with pytest.raises(ValueError):
        days_for("lunch", MONDAY, SUNDAY)


def test_a_slots_contacts_are_spaced_evenly():
    days = spread_days(["weekday_peak"] * 2 + ["weekend_peak"], MONDAY, SUNDAY)
    assert days[0] < days[1] and (days[1] - days[0]).days >= 5
    assert days[2].weekday() >= 5
    assert spread_days(["weekend_peak"], MONDAY, dt.date(2026, 6, 5)) == [None]


def test_the_phase_moves_an_entry_within_the_window():
    slots = ["weekday_peak"]
    seen = {spread_days(slots, MONDAY, SUNDAY, phase=p)[0] for p in (0, 0.25, 0.5, 0.75, 0.99)}
    assert len(seen) >= 4  # different entries, different days
    assert spread_days(slots, MONDAY, SUNDAY, phase=0)[0] == MONDAY
    with pytest.raises(ValueError):
        spread_days(slots, MONDAY, SUNDAY, phase=1)


def test_an_entrys_days_spread_across_its_slots_together():
    slots = ["weekday_peak", "weekday_offpeak", "weekend_peak", "weekend_offpeak"]
    end = MONDAY + dt.timedelta(55)  # eight weeks
    for phase in (0, 0.3, 0.5, 0.9):
        days = spread_days(slots, MONDAY, end, phase=phase)
        assert len(set(days)) == 4  # never two on one day while others are free
        assert days[2].weekday() >= 5 and days[3].weekday() >= 5
        assert abs((days[3] - days[2]).days) >= 7  # the two weekend ones on different weekends
    # the days of contacts kept from before count as used
    kept = spread_days(["weekend_peak"], MONDAY, end)
    again = spread_days(["weekend_peak"], MONDAY, end, taken=kept)
    assert again != kept and again[0].weekday() >= 5
    # a slot with one free day left shares no day while it has one
    days = spread_days(["weekend_peak", "weekend_offpeak"], MONDAY, dt.date(2026, 6, 7))
    assert sorted(days) == [dt.date(2026, 6, 6), dt.date(2026, 6, 7)]
