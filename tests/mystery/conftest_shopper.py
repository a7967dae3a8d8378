"""The shopper part's fixtures (the stage opened by tests/mystery/conftest.py's
`mystery_open`): an entry with a distinctive answer (which a shopper must never
see), a shopper profile linked to the shopper persona, the default scorecard as
a stored version, a scenario and a contact planned today. Test modules register
them with `pytest_plugins`."""

from __future__ import annotations

import pytest

from ccaward.engine.mystery.scorecard import DEFAULT_FILE
from ccaward.mystery.models import Scenario, ScorecardVersion, ShopperProfile
from tests.factories import UserFactory, make_entry
from tests.mystery.shopper_data import (
    POINTS,
    SECRET_ANSWER,
    default_definition,
    make_contact,
)


@pytest.fixture
def mystery_entry(season, organizer, category):
    entry = make_entry(season=season, by=organizer, category=category, name="东方联合银行客服中心")
    entry.answers = {**(entry.answers or {}), "intro": SECRET_ANSWER}
    entry.save()
    return entry


@pytest.fixture
def shopper_profile(season, shopper):
    return ShopperProfile.objects.create(
        season=season, user=shopper, name="孙暗访员", email=shopper.email
    )


@pytest.fixture
def other_shopper(season, organizer):
    from ccaward.people import domain as people
    from ccaward.people.enums import Role

    user = UserFactory(email="shopper2@example.cn", name="李暗访员")
    people.grant_role(season=season, user=user, role=Role.MYSTERY_SHOPPER, by=organizer)
    profile = ShopperProfile.objects.create(
        season=season, user=user, name="李暗访员", email=user.email
    )
    return user, profile


@pytest.fixture
def scorecard_row(season):
    return ScorecardVersion.objects.create(
        season=season,
        version=1,
        definition=default_definition(),
        source=DEFAULT_FILE.read_text(encoding="utf-8"),
    )


@pytest.fixture
def scenario(season):
    return Scenario.objects.create(
        season=season,
        key="lost-card",
        title="信用卡挂失",
        story="我的信用卡在地铁上丢了，想挂失并补办。",
        questions="怎么挂失？补卡要多少钱？多久能收到新卡？",
        answer_points=POINTS,
    )


@pytest.fixture
def contact(mystery_open, mystery_entry, shopper_profile, scenario, scorecard_row):
    return make_contact(
        season=mystery_open,
        entry=mystery_entry,
        shopper=shopper_profile,
        scenario=scenario,
        scorecard=scorecard_row,
    )
