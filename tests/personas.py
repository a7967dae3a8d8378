"""The people the tests act as, in one place: organizer, judge, applicant,
mystery shopper, outsider (no role anywhere) and a superuser; and what most
tests share: the season, a category, a signed-in client (in Chinese or in
English) and an API client with a token."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client

from ccaward.people import domain as people
from ccaward.people.enums import Role
from tests.factories import UserFactory, make_category, make_season

PASSWORD = "correct horse battery staple 42"


@pytest.fixture
def organizer(db):
    return UserFactory(email="organizer@example.cn", name="组织者", can_create_seasons=True)


@pytest.fixture
def season(organizer):
    return make_season(by=organizer)


@pytest.fixture
def judge(season, organizer):
    user = UserFactory(email="judge@example.cn", name="评委")
    people.grant_role(season=season, user=user, role=Role.JUDGE, by=organizer)
    return user


@pytest.fixture
def applicant(season, organizer):
    user = UserFactory(email="applicant@example.cn", name="申报人")
    people.grant_role(season=season, user=user, role=Role.APPLICANT, by=organizer)
    return user


@pytest.fixture
def shopper(season, organizer):
    user = UserFactory(email="shopper@example.cn", name="暗访员")
    people.grant_role(season=season, user=user, role=Role.MYSTERY_SHOPPER, by=organizer)
    return user


@pytest.fixture
def outsider(db):
    return UserFactory(email="outsider@example.cn", name="路人")


@pytest.fixture
def superuser(db):
    return UserFactory(email="root@example.cn", is_superuser=True, is_staff=True)


@pytest.fixture
def as_user(client):
    """as_user(user) -> the test client, signed in as that user."""

    def sign_in(user):
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        return client

    return sign_in


@pytest.fixture
def client_en(as_user):
    """client_en(user) -> the test client, signed in as that user, in English."""

    def sign_in(user):
        client = as_user(user)
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        return client

    return sign_in


@pytest.fixture
def api(db):
    """api(user, language=None) -> a client sending that user's Bearer token
    (and Accept-Language when `language` is given)."""

    def make(user, language=None):
        _token, plain = people.issue_token(user=user, name="test")
        headers = {"Authorization": f"Bearer {plain}"}
        if language:
            headers["Accept-Language"] = language
        return Client(headers=headers)

    return make


@pytest.fixture
def category(season, organizer):
    """A category of the season: 最佳客户中心 (Best Contact Center), quota 10."""
    return make_category(season=season, by=organizer)
