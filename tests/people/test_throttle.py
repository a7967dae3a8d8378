"""Throttled sign-ins and API tokens: per account and per address, with back-off,
the owner told once per lockout; time is controlled, never slept."""

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from ccaward.core.models import AuditEvent
from ccaward.people import domain as people
from ccaward.people import throttle
from tests.personas import PASSWORD

A, B = "203.0.113.7", "198.51.100.9"


@pytest.fixture(autouse=True)
def _fast_hashing(settings):
    """Sign-in is tried many times here: a fast hasher, set before any user exists."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def clock(monkeypatch):
    """clock.now is the throttle's time; tests move it forward."""

    class Clock:
        now = 1_800_000_000.0

        def advance(self, seconds):
            self.now += seconds

    c = Clock()
    monkeypatch.setattr(throttle, "clock", lambda: c.now)
    return c


def sign_in(email, password, address=A, language="en"):
    client = Client(REMOTE_ADDR=address)
    client.cookies["ccaward_language"] = language
    return client.post(reverse("people:login"), {"username": email, "password": password})


def refused_as_locked(response) -> bool:
    return response.status_code == 200 and "Too many failed sign-ins" in response.content.decode()


def test_thirty_wrong_passwords_then_the_right_one_is_refused_until_the_lock_passes(
    organizer, clock
):
    for _ in range(30):
        assert sign_in(organizer.email, "wrong password").status_code == 200
    response = sign_in(organizer.email, PASSWORD)
    assert refused_as_locked(response)
    assert "in 1 minutes" in response.content.decode()
    clock.advance(61)
    assert sign_in(organizer.email, PASSWORD).status_code == 302


def test_each_further_lockout_lasts_longer(organizer, clock):
    for _ in range(5):
        sign_in(organizer.email, "wrong")
    clock.advance(61)
    for _ in range(5):
        sign_in(organizer.email, "wrong")
    clock.advance(61)
    assert refused_as_locked(sign_in(organizer.email, PASSWORD))  # 2 minutes now
    clock.advance(60)
    assert sign_in(organizer.email, PASSWORD).status_code == 302


def test_the_locked_message_is_in_the_users_language(organizer, clock):
    for _ in range(5):
        sign_in(organizer.email, "wrong")
    response = sign_in(organizer.email, PASSWORD, language="zh-hans")
    assert "登录失败次数过多" in response.content.decode()


def test_an_address_is_locked_by_its_own_failures_not_another_addresses(organizer, clock):
    for n in range(throttle.ADDRESS.limit):
        sign_in(f"nobody{n}@example.com", "guess", address=A)
    assert refused_as_locked(sign_in(organizer.email, PASSWORD, address=A))
    assert sign_in(organizer.email, PASSWORD, address=B).status_code == 302
    assert AuditEvent.objects.filter(action="login.locked", summary=A).count() == 1


def test_the_owner_is_told_once_per_lockout(organizer, clock):
    for _ in range(30):
        sign_in(organizer.email, "wrong")
    [message] = mail.outbox
    assert message.to == [organizer.email]
    assert "/accounts/password/reset/" in message.body
    assert AuditEvent.objects.filter(action="login.locked", object_id=str(organizer.pk)).exists()
    clock.advance(61)
    for _ in range(5):
        sign_in(organizer.email, "wrong")
    assert len(mail.outbox) == 2  # a second lockout, a second e-mail


def test_a_right_password_clears_the_accounts_failures(organizer, clock):
    for _ in range(4):
        sign_in(organizer.email, "wrong")
    assert sign_in(organizer.email, PASSWORD).status_code == 302
    for _ in range(4):
        sign_in(organizer.email, "wrong")
    assert sign_in(organizer.email, PASSWORD).status_code == 302


def test_bad_api_tokens_are_limited_per_address(organizer, clock):
    _token, plain = people.issue_token(user=organizer, name="script")
    bad = Client(REMOTE_ADDR=A, headers={"Authorization": "Bearer cca_wrong"})
    for _ in range(throttle.TOKEN.limit - 1):
        assert bad.get("/api/seasons").status_code == 401
    response = bad.get("/api/seasons")
    assert response.status_code == 429
    assert response.json()["error"]["code"] == "throttled"
    assert response["Retry-After"] == "60"
    good_from_a = Client(REMOTE_ADDR=A, headers={"Authorization": f"Bearer {plain}"})
    good_from_b = Client(REMOTE_ADDR=B, headers={"Authorization": f"Bearer {plain}"})
    assert good_from_a.get("/api/seasons").status_code == 429
    assert good_from_b.get("/api/seasons").status_code == 200
    clock.advance(61)
    assert good_from_a.get("/api/seasons").status_code == 200
