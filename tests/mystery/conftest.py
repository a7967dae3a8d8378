"""Mystery-call fixtures shared by the mystery tests: the 电话暗访 stage open, three
competing entries (one claiming 7x24 service, with phone numbers and channels in
their answers), shopper profiles (the `shopper` persona's among them), the
season's current scorecard, scenarios, saved plan settings and a plan."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from ccaward.mystery.domain import cards, planning, scenarios, shoppers
from ccaward.mystery.models import Contact
from ccaward.people import domain as people
from ccaward.people.enums import Role
from ccaward.seasons import domain as seasons
from ccaward.seasons.enums import StageKind
from tests.factories import UserFactory, make_entry


def _window() -> tuple[dt.date, dt.date]:
    """Two whole weeks from a Monday inside the test season's 电话暗访 stage (it
    opens 20 days from today: tests/factories.make_season)."""
    start = timezone.localdate() + dt.timedelta(days=21)
    start += dt.timedelta(days=-start.weekday() % 7)
    return start, start + dt.timedelta(days=13)


# a Monday, so the window holds two whole weeks
WINDOW = _window()
SATURDAY = WINDOW[0] + dt.timedelta(days=5)


def open_mystery(season, organizer):
    stage = season.stages.get(kind=StageKind.MYSTERY_CALLS)
    seasons.override_stage(stage=stage, by=organizer, action="open", reason="暗访提前开始")


def close_mystery(season, organizer):
    stage = season.stages.get(kind=StageKind.MYSTERY_CALLS)
    seasons.override_stage(stage=stage, by=organizer, action="closed", reason="暗访结束")


def entry_with(season, by, category, *, name, phone, channels=("voice",), hours="other", org=None):
    entry = make_entry(season=season, by=by, category=category, name=name, organization=org)
    entry.answers = {
        **(entry.answers or {}),
        "enterprise_phone": phone,
        "service_channels": list(channels),
        "service_hours": hours,
    }
    entry.save(update_fields=["answers"])
    return entry


@pytest.fixture
def mystery_open(season, organizer):
    open_mystery(season, organizer)
    return season


@pytest.fixture
def entries(season, organizer, applicant, category):
    """Three competing entries: 甲 (voice, web chat, 7x24), 乙 and 丙 (voice)."""
    first = entry_with(
        season,
        applicant,
        category,
        name="甲客服中心",
        phone="95500",
        channels=("voice", "web_chat"),
        hours="round_the_clock",
    )
    second = entry_with(season, organizer, category, name="乙客服中心", phone="95511")
    third = entry_with(season, organizer, category, name="丙客服中心", phone="95522")
    return [first, second, third]


def add_shopper(season, organizer, *, name, email, employer="", user=True, **values):
    if user:
        account = UserFactory(email=email, name=name)
        people.grant_role(season=season, user=account, role=Role.MYSTERY_SHOPPER, by=organizer)
    return shoppers.save_shopper(
        season=season,
        values={"name": name, "email": email, "employer": employer, **values},
        by=organizer,
    )


@pytest.fixture
def shopper_profiles(season, organizer, shopper):
    """Three shoppers: the `shopper` persona's profile, 钱二 and 孙三 (accounts with
    the mystery-shopper role)."""
    mine = shoppers.save_shopper(
        season=season, values={"name": "暗访员", "email": shopper.email}, by=organizer
    )
    return [
        mine,
        add_shopper(season, organizer, name="钱二", email="qian@example.cn"),
        add_shopper(season, organizer, name="孙三", email="sun@example.cn"),
    ]


@pytest.fixture
def scorecard(season):
    return cards.current_scorecard(season)


@pytest.fixture
def library_scenario(season, organizer):
    return scenarios.save_scenario(
        season=season,
        values={
            "title": "信用卡挂失",
            "story": "我的信用卡丢了，想挂失。",
            "questions": "挂失后多久能补卡？",
            "answer_points": ["立即挂失", "核实身份", "补卡7个工作日"],
        },
        by=organizer,
    )


@pytest.fixture
def plan_settings(season, organizer):
    return planning.save_settings(
        season=season,
        values={
            "contacts_per_entry": 4,
            "channels": ["voice", "webchat"],
            "starts_on": WINDOW[0],
            "ends_on": WINDOW[1],
            "holidays": [],
            "workdays": [],
            "seed": 7,
            "max_per_pair": None,
        },
        by=organizer,
    )


@pytest.fixture
def plan(season, organizer, entries, shopper_profiles, scorecard, library_scenario, plan_settings):
    """The season planned: 4 contacts per entry over the three shoppers."""
    result = planning.run_plan(season=season, by=organizer)
    assert result.feasible, result.infeasible
    return list(Contact.objects.filter(season=season).order_by("entry_id", "number"))
