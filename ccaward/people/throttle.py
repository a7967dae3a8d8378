"""Throttling failed sign-ins and bad API tokens, with back-off.

Failures are counted per key (an account's e-mail, a client's address, a client's
address for API tokens) over a window; a key that reaches its limit is locked,
first for LOCK_SECONDS, and each further lockout within a day doubles the lock (at
most MAX_LOCK_SECONDS). While any of its keys is locked a sign-in is refused, even
with the right password. A successful sign-in clears the account's failures (not
the address's, so one's own account cannot reset an attack from the same address).

The counts live in Django's cache (the default is per process, which is what
`ccaward serve` runs: one process with threads; several web processes need a
shared cache, CACHES). `clock` is the time source, replaced in tests.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import pgettext

from ccaward.core import audit
from ccaward.people.models import User

log = logging.getLogger("ccaward.security")

WINDOW_SECONDS = 15 * 60
LOCK_SECONDS = 60
MAX_LOCK_SECONDS = 24 * 3600
LOCKOUT_MEMORY_SECONDS = 24 * 3600  # how long earlier lockouts lengthen the next one


@dataclass(frozen=True)
class Rule:
    scope: str
    limit: int  # failures within WINDOW_SECONDS that lock the key


ACCOUNT = Rule("account", 5)
ADDRESS = Rule("address", 20)  # an office behind one address has many people
TOKEN = Rule("token", 20)

_lock = threading.Lock()


def clock() -> float:
    return time.time()


def _key(rule: Rule, value: str) -> str:
    return f"throttle:{rule.scope}:{value.lower()}"


def _state(key: str) -> dict:
    return cache.get(key) or {"failures": [], "locked_until": 0.0, "lockouts": [], "warned": 0.0}


def locked_until(rule: Rule, value: str) -> float:
    """The time (epoch seconds) until which the key is locked, or 0."""
    if not value:
        return 0.0
    until = _state(_key(rule, value))["locked_until"]
    return until if until > clock() else 0.0


def _fail(rule: Rule, value: str) -> tuple[bool, float]:
    """Count a failure; returns (whether this failure locked the key, locked until)."""
    key, now = _key(rule, value), clock()
    with _lock:
        state = _state(key)
        state["failures"] = [t for t in state["failures"] if t > now - WINDOW_SECONDS] + [now]
        state["lockouts"] = [t for t in state["lockouts"] if t > now - LOCKOUT_MEMORY_SECONDS]
        locked_now = False
        if len(state["failures"]) >= rule.limit and state["locked_until"] <= now:
            seconds = min(LOCK_SECONDS * 2 ** len(state["lockouts"]), MAX_LOCK_SECONDS)
            state["locked_until"] = now + seconds
            state["lockouts"].append(now)
            state["failures"] = []
            locked_now = True
        cache.set(key, state, timeout=int(LOCKOUT_MEMORY_SECONDS + MAX_LOCK_SECONDS))
    return locked_now, state["locked_until"]


def _clear_failures(rule: Rule, value: str) -> None:
    key = _key(rule, value)
    with _lock:
        state = _state(key)
        state["failures"] = []
        cache.set(key, state, timeout=int(LOCKOUT_MEMORY_SECONDS + MAX_LOCK_SECONDS))


def client_address(request) -> str:
    return (request.META.get("REMOTE_ADDR") if request is not None else "") or ""


# ---- sign-in -------------------------------------------------------------------


def login_locked_until(*, email: str, address: str) -> float:
    """When a sign-in for `email` from `address` may be tried again (epoch seconds), or 0."""
    return max(locked_until(ACCOUNT, email or ""), locked_until(ADDRESS, address))


def login_failed(*, email: str, address: str) -> None:
    """Count a failed sign-in for the account and the address.

    Side effects: the counts (cache), a log line; when the account becomes
    locked: an audit event and, once per lockout, an e-mail to its owner; when
    the address becomes locked: an audit event.
    """
    email = (email or "").lower()
    log.warning("failed sign-in for %r from %s", email, address or "?")
    if email:
        locked, until = _fail(ACCOUNT, email)
        if locked:
            _account_locked(email=email, address=address, until=until)
    if address:
        locked, until = _fail(ADDRESS, address)
        if locked:
            log.warning("sign-in from %s locked until %s", address, when(until))
            audit.record(
                actor=None,
                action="login.locked",
                summary=address,
                data={"scope": "address", "address": address, "until": when(until).isoformat()},
            )


def login_succeeded(*, email: str) -> None:
    """Side effect: the account's failure count cleared."""
    _clear_failures(ACCOUNT, email or "")


def when(epoch: float) -> dt.datetime:
    return dt.datetime.fromtimestamp(epoch, tz=dt.UTC)


def _account_locked(*, email: str, address: str, until: float) -> None:
    user = User.objects.filter(email__iexact=email).first()
    log.warning("sign-in to %r locked until %s (last try from %s)", email, when(until), address)
    audit.record(
        actor=None,
        action="login.locked",
        obj=user,
        summary=email,
        data={"scope": "account", "address": address, "until": when(until).isoformat()},
    )
    if user is not None and user.is_active:
        tell_owner(user=user, address=address, until=until)


def tell_owner(*, user: User, address: str, until: float) -> None:
    """E-mail the account's owner that sign-in is paused. Side effect: one e-mail."""
    with translation.override(user.language or settings.LANGUAGE_CODE):
        context = {
            "user": user,
            "address": address or "?",
            "failures": ACCOUNT.limit,
            "until": timezone.localtime(when(until)),
            "reset_url": settings.SITE_URL + reverse("people:password_reset"),
        }
        subject = pgettext("email", "Sign-in to your ccaward account paused")
        body = render_to_string("people/email/login_locked.txt", context)
    send_mail(subject, body, None, [user.email])


# ---- API tokens ----------------------------------------------------------------


def token_locked_until(*, address: str) -> float:
    return locked_until(TOKEN, address)


def token_failed(*, address: str) -> float:
    """Count a bad API token from `address`; returns the lock's end when this one locked it.

    Side effects: the count (cache), a log line, an audit event when it locks.
    """
    log.warning("bad API token from %s", address or "?")
    if not address:
        return 0.0
    locked, until = _fail(TOKEN, address)
    if locked:
        log.warning("API tokens from %s locked until %s", address, when(until))
        audit.record(
            actor=None,
            action="token.locked",
            summary=address,
            data={"address": address, "until": when(until).isoformat()},
        )
        return until
    return 0.0


def retry_after(until: float) -> int:
    """Whole seconds until `until` (at least 1)."""
    return max(1, int(until - clock() + 0.999))
