"""Rate limits, counted from the database (so they hold across processes): codes
per address and per network an hour, votes per network a minute; over a limit the
pages answer 429 saying when to try again."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from ccaward.poll.domain import codes, limits, votes
from ccaward.poll.models import PollAccount, PollCode, PollVote
from tests.poll.conftest import account


@pytest.fixture
def public():
    client = Client()
    client.cookies["ccaward_language"] = "en"
    return client


def test_codes_per_address_an_hour(public, poll_on):
    url = reverse("poll:signin", args=[poll_on.slug])
    for _ in range(limits.CODES_PER_ADDRESS_HOUR):
        assert public.post(url, {"address": "voter@example.com"}).status_code == 302
    refused = public.post(url, {"address": "voter@example.com"})
    assert refused.status_code == 429
    seconds = int(refused["Retry-After"])
    assert 3590 <= seconds <= 3600
    assert "Too many codes were sent to this address in the last hour." in refused.content.decode()
    assert "try again in 60 minutes" in refused.content.decode()
    assert len(mail.outbox) == limits.CODES_PER_ADDRESS_HOUR
    # another address from the same network is still served
    assert public.post(url, {"address": "other@example.com"}).status_code == 302


def test_the_hour_is_counted_from_the_stored_codes(poll_on):
    """Rows made by another process count the same: the limit reads the table."""
    voter = account(poll_on)
    old = timezone.now() - dt.timedelta(minutes=61)
    recent = timezone.now() - dt.timedelta(minutes=30)
    for at in [old] * 3 + [recent] * (limits.CODES_PER_ADDRESS_HOUR - 1):
        PollCode.objects.create(
            account=voter, purpose="email", digest="x", created_at=at, expires_at=at, network="n"
        )
    codes.request_code(season=poll_on, address=voter.email, network="n")
    with pytest.raises(limits.RateLimited) as exc:
        codes.request_code(season=poll_on, address=voter.email, network="n")
    assert 1790 <= exc.value.seconds <= 1800


def test_codes_per_network_an_hour(poll_on, monkeypatch):
    monkeypatch.setattr(limits, "CODES_PER_NETWORK_HOUR", 3)
    for i in range(3):
        codes.request_code(season=poll_on, address=f"v{i}@example.com", network="192.0.2.0/24")
    with pytest.raises(limits.RateLimited):
        codes.request_code(season=poll_on, address="v9@example.com", network="192.0.2.0/24")
    codes.request_code(season=poll_on, address="v9@example.com", network="198.51.100.0/24")
    assert PollAccount.objects.filter(email="v9@example.com").count() == 1


def test_votes_per_network_a_minute(public, poll_on, category, entries, monkeypatch):
    monkeypatch.setattr(limits, "VOTES_PER_NETWORK_MINUTE", 2)
    for i in range(2):
        votes.cast_vote(
            account=account(poll_on, f"v{i}@example.com"),
            category=category,
            entry_id=entries[0].pk,
            network="127.0.0.0/24",
        )
    voter = account(poll_on, "late@example.com")
    session = public.session
    session["poll_accounts"] = {str(poll_on.pk): voter.pk}
    session.save()
    refused = public.post(
        reverse("poll:category", args=[poll_on.slug, category.pk]), {"entry": entries[1].pk}
    )
    assert refused.status_code == 429
    assert 1 <= int(refused["Retry-After"]) <= 60
    html = refused.content.decode()
    assert "Too many votes came from your network in the last minute." in html
    assert f"try again in {refused['Retry-After']} seconds" in html
    assert PollVote.objects.count() == 2
