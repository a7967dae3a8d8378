"""Signing in to the public poll: an account is an e-mail address or a phone
number, verified by a one-time code sent to it (by e-mail, or by text message
through the configured SMS backend, `poll.sms`).

A code is six digits, valid for CODE_MINUTES, allows MAX_ATTEMPTS wrong tries and
is used once; only the latest code sent to an address counts. It is stored as an
HMAC-SHA256 keyed with the deployment's secret key (never in clear) and compared
in constant time. The e-mail also carries a link that fills in the code; the page
it opens asks for a click, so a mail scanner that follows links uses nothing."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import logging
import re
import secrets
from urllib.parse import urlencode

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import pgettext

from ccaward.poll import sms
from ccaward.poll.domain import limits
from ccaward.poll.domain.gate import require_poll
from ccaward.poll.enums import Channel
from ccaward.poll.models import PollAccount, PollCode

log = logging.getLogger("ccaward.poll")

CODE_MINUTES = 10
MAX_ATTEMPTS = 5
DIGITS = 6
PHONE = re.compile(r"^\+[1-9]\d{6,14}$")


def normalise(address: str) -> tuple[str, str]:
    """(channel, address): an e-mail address lower-cased, or a phone number in E.164
    (an 11-digit number starting with 1 is a mainland China mobile, +86).
    ValidationError on "address" when it is neither."""
    text = (address or "").strip()
    if "@" in text:
        email = text.lower()
        try:
            validate_email(email)
        except ValidationError:
            raise ValidationError(
                {"address": pgettext("poll", "This is not an e-mail address.")}
            ) from None
        return Channel.EMAIL, email
    digits = re.sub(r"[\s\-().]", "", text)
    if re.fullmatch(r"1\d{10}", digits):
        digits = "+86" + digits
    elif digits.startswith("00"):
        digits = "+" + digits[2:]
    if not PHONE.match(digits):
        raise ValidationError(
            {
                "address": pgettext(
                    "poll", "Give an e-mail address or a mobile number (e.g. 13800138000)."
                )
            }
        )
    return Channel.SMS, digits


def digest(account_id: int, purpose: str, code: str) -> str:
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, f"{account_id}:{purpose}:{code}".encode(), hashlib.sha256).hexdigest()


def find_account(season, channel: str, address: str) -> PollAccount | None:
    field = "email" if channel == Channel.EMAIL else "phone"
    return PollAccount.objects.filter(season=season, **{field: address}).first()


def _account(season, channel, address, network, now) -> PollAccount:
    found = find_account(season, channel, address)
    if found is not None:
        return found
    field = "email" if channel == Channel.EMAIL else "phone"
    try:
        with transaction.atomic():
            return PollAccount.objects.create(
                season=season, created_at=now, network=network, **{field: address}
            )
    except IntegrityError:  # made by a request at the same instant
        return find_account(season, channel, address)


def _message(season, code: str) -> str:
    return pgettext(
        "poll",
        "Your code for the public poll of %(season)s is %(code)s. It is valid for "
        "%(minutes)s minutes. If you did not ask for it, ignore this message.",
    ) % {"season": season.name, "code": code, "minutes": CODE_MINUTES}


def _send(season, channel, address, code, language) -> None:
    """E-mail or text the code; ValidationError on "address" when that failed."""
    try:
        with translation.override(language or translation.get_language()):
            _deliver(season, channel, address, code)
    except (sms.SmsError, OSError):
        log.warning("the poll's code to %s could not be sent", address, exc_info=True)
        raise ValidationError(
            {"address": pgettext("poll", "The code could not be sent; please try again later.")}
        ) from None


def _deliver(season, channel, address, code) -> None:
    body = _message(season, code)
    if channel == Channel.SMS:
        sms.backend().send(address, body)
        return
    link = (
        settings.SITE_URL
        + reverse("poll:verify", args=[season.slug])
        + "?"
        + urlencode({"to": address, "code": code})
    )
    body += "\n\n" + pgettext("poll", "Or open this link and confirm: %(link)s") % {"link": link}
    send_mail(pgettext("poll", "Your code for the public poll"), body, None, [address])


def request_code(
    *, season, address: str, network: str, language: str | None = None, now=None
) -> PollAccount:
    """Send a one-time code to `address` (an e-mail address or a mobile number).

    Refused while the season holds no poll (PollNotHeld) or its 票选 stage is closed
    (StageClosed), over the rate limits (RateLimited: codes per address and per
    network per hour), and for an address that is neither (ValidationError on
    "address"). Side effects: the PollAccount (made on the first request, with the
    time and `network`), a PollCode row (its HMAC, expiry, network), an e-mail or a
    text message through the SMS backend.
    """
    require_poll(season)
    channel, address = normalise(address)
    now = now or timezone.now()
    existing = find_account(season, channel, address)
    limits.check_code(account=existing, network=network, now=now)
    account = existing or _account(season, channel, address, network, now)
    code = f"{secrets.randbelow(10**DIGITS):0{DIGITS}d}"
    PollCode.objects.create(
        account=account,
        purpose=channel,
        digest=digest(account.pk, channel, code),
        created_at=now,
        expires_at=now + dt.timedelta(minutes=CODE_MINUTES),
        network=network,
    )
    _send(season, channel, address, code, language)
    return account


def _refused(message: str) -> ValidationError:
    return ValidationError({"code": message})


def verify_code(*, season, address: str, code: str, now=None) -> PollAccount:
    """The account of `address` once `code` is its latest code, unexpired and unused.

    ValidationError on "code" when there is no such code (expired, used, never
    asked for), after MAX_ATTEMPTS wrong tries, or when it is wrong; on "address"
    when the address is neither. Side effects: a wrong code counts an attempt on the
    PollCode; a right one marks the code used and the account verified (its first
    verification's time).
    """
    require_poll(season)
    channel, address = normalise(address)
    now = now or timezone.now()
    account = find_account(season, channel, address)
    latest = (
        PollCode.objects.filter(account=account, purpose=channel).first()
        if account is not None
        else None
    )
    if latest is None or latest.used_at is not None or latest.expires_at <= now:
        raise _refused(
            pgettext("poll", "This code has expired or was already used: ask for a new one.")
        )
    if latest.attempts >= MAX_ATTEMPTS:
        raise _refused(pgettext("poll", "Too many wrong codes: ask for a new one."))
    typed = re.sub(r"\s", "", code or "")
    if not hmac.compare_digest(latest.digest, digest(account.pk, channel, typed)):
        PollCode.objects.filter(pk=latest.pk).update(attempts=F("attempts") + 1)
        left = MAX_ATTEMPTS - latest.attempts - 1
        raise _refused(
            pgettext("poll", "This code is not right; %(n)s tries left.") % {"n": left}
            if left
            else pgettext("poll", "Too many wrong codes: ask for a new one.")
        )
    with transaction.atomic():
        used = PollCode.objects.filter(pk=latest.pk, used_at__isnull=True).update(used_at=now)
        if not used:
            raise _refused(
                pgettext("poll", "This code has expired or was already used: ask for a new one.")
            )
        if account.verified_at is None:
            account.verified_at = now
            account.save(update_fields=["verified_at"])
    return account
