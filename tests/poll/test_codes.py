"""Signing in to the poll: a one-time code by e-mail (Django's locmem outbox) or
by text message (the console backend by default, or any backend the setting
names); codes expire, allow five tries, are used once and are stored hashed."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from ccaward.poll import sms
from ccaward.poll.domain import codes
from ccaward.poll.domain.gate import PollNotHeld
from ccaward.poll.models import PollAccount, PollCode

SENT: list[tuple[str, str]] = []


class Recording(sms.SmsBackend):
    def send(self, phone, message):
        SENT.append((phone, message))


@pytest.fixture(autouse=True)
def in_english():
    with translation.override("en"):
        yield


def code_in(text: str) -> str:
    return re.search(r"\b(\d{6})\b", text).group(1)


def test_an_email_code_verifies_the_account(poll_on):
    account = codes.request_code(season=poll_on, address=" Voter@Example.COM ", network="n1")
    assert account.email == "voter@example.com" and account.verified_at is None
    assert account.network == "n1"
    [message] = mail.outbox
    assert message.to == ["voter@example.com"]
    code = code_in(message.body)
    assert f"/awards/{poll_on.slug}/poll/verify/?to=voter%40example.com&code={code}" in message.body
    verified = codes.verify_code(season=poll_on, address="voter@example.com", code=code)
    assert verified.pk == account.pk and verified.verified_at is not None


def test_the_code_is_stored_only_as_a_keyed_hash(poll_on):
    codes.request_code(season=poll_on, address="voter@example.com", network="n1")
    code = code_in(mail.outbox[0].body)
    row = PollCode.objects.get()
    assert code not in row.digest and len(row.digest) == 64
    assert row.digest != codes.digest(row.account_id, row.purpose, "000000") or code == "000000"
    assert row.expires_at - row.created_at == dt.timedelta(minutes=10)


def test_an_sms_code_goes_through_the_console_backend(poll_on, capsys):
    account = codes.request_code(season=poll_on, address="138 0013 8000", network="n1")
    assert account.phone == "+8613800138000" and account.email == ""
    out = capsys.readouterr().out
    assert out.startswith("SMS to +8613800138000: ")
    codes.verify_code(season=poll_on, address="13800138000", code=code_in(out))
    assert PollAccount.objects.get().verified_at is not None


def test_the_sms_backend_is_the_settings(poll_on, settings):
    settings.CCAWARD_SMS_BACKEND = "tests.poll.test_codes.Recording"
    SENT.clear()
    codes.request_code(season=poll_on, address="+44 7700 900123", network="n1")
    [(phone, message)] = SENT
    assert phone == "+447700900123" and code_in(message)
    assert mail.outbox == []


def test_a_code_expires_after_ten_minutes(poll_on):
    codes.request_code(season=poll_on, address="voter@example.com", network="n1")
    code = code_in(mail.outbox[0].body)
    later = timezone.now() + dt.timedelta(minutes=10, seconds=1)
    with pytest.raises(ValidationError) as exc:
        codes.verify_code(season=poll_on, address="voter@example.com", code=code, now=later)
    assert "expired" in exc.value.message_dict["code"][0]


def test_five_wrong_tries_use_the_code_up(poll_on):
    codes.request_code(season=poll_on, address="voter@example.com", network="n1")
    code = code_in(mail.outbox[0].body)
    wrong = f"{(int(code) + 1) % 1_000_000:06d}"
    for left in (4, 3, 2, 1):
        with pytest.raises(ValidationError, match=f"{left} tries left"):
            codes.verify_code(season=poll_on, address="voter@example.com", code=wrong)
    with pytest.raises(ValidationError, match="Too many wrong codes"):
        codes.verify_code(season=poll_on, address="voter@example.com", code=wrong)
    with pytest.raises(ValidationError, match="Too many wrong codes"):
        codes.verify_code(season=poll_on, address="voter@example.com", code=code)
    assert PollCode.objects.get().attempts == 5
    assert PollAccount.objects.get().verified_at is None


def test_a_code_is_used_once_and_only_the_latest_counts(poll_on):
    codes.request_code(season=poll_on, address="voter@example.com", network="n1")
    first = code_in(mail.outbox[0].body)
    codes.request_code(season=poll_on, address="voter@example.com", network="n1")
    second = code_in(mail.outbox[1].body)
    if first != second:
        with pytest.raises(ValidationError):
            codes.verify_code(season=poll_on, address="voter@example.com", code=first)
    codes.verify_code(season=poll_on, address="voter@example.com", code=second)
    with pytest.raises(ValidationError, match="already used"):
        codes.verify_code(season=poll_on, address="voter@example.com", code=second)


def test_an_address_that_is_neither_is_refused(poll_on):
    for bad in ("not an address", "12345", "a@b"):
        with pytest.raises(ValidationError) as exc:
            codes.request_code(season=poll_on, address=bad, network="n1")
        assert "address" in exc.value.message_dict
    assert PollAccount.objects.count() == 0


def test_no_code_without_a_poll(season, voting_open):
    with pytest.raises(PollNotHeld):
        codes.request_code(season=season, address="voter@example.com", network="n1")
    assert mail.outbox == []


@pytest.mark.parametrize(
    ("typed", "channel", "normal"),
    [
        ("A.B@Example.cn", "email", "a.b@example.cn"),
        ("138-0013-8000", "sms", "+8613800138000"),
        ("0044 7700 900123", "sms", "+447700900123"),
        ("+1 (202) 555-0143", "sms", "+12025550143"),
    ],
)
def test_addresses_are_normalised(typed, channel, normal):
    assert codes.normalise(typed) == (channel, normal)


class Failing(sms.SmsBackend):
    def send(self, phone, message):
        raise sms.SmsError("the provider refused")


def test_a_code_that_cannot_be_sent_is_said(poll_on, settings):
    settings.CCAWARD_SMS_BACKEND = "tests.poll.test_codes.Failing"
    with pytest.raises(ValidationError) as exc:
        codes.request_code(season=poll_on, address="13800138000", network="n1")
    assert "could not be sent" in exc.value.message_dict["address"][0]
