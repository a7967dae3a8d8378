"""The public poll's rate limits, counted from the database so that they hold
across processes and restarts: codes per e-mail address or phone per hour, codes
per network per hour, votes per network per minute. Over a limit, RateLimited says
when to try again (the pages answer 429). Two requests at the same instant can each
see the count below the limit, so a limit may be passed by the few requests that
race; what matters, one vote per account and category, is a database constraint."""

from __future__ import annotations

import datetime as dt
import math

from django.utils import timezone
from django.utils.translation import pgettext

from ccaward.poll.models import PollCode, PollVote

HOUR = dt.timedelta(hours=1)
MINUTE = dt.timedelta(minutes=1)
CODES_PER_ADDRESS_HOUR = 5
CODES_PER_NETWORK_HOUR = 30
VOTES_PER_NETWORK_MINUTE = 20


class RateLimited(Exception):
    """Too many requests of one kind; `until` is when the next is accepted."""

    def __init__(self, *, what: str, until: dt.datetime, now: dt.datetime):
        self.what = what
        self.until = until
        self.seconds = max(1, math.ceil((until - now).total_seconds()))
        super().__init__(self.message)

    @property
    def message(self) -> str:
        values = {
            "what": self.what,
            "seconds": self.seconds,
            "minutes": math.ceil(self.seconds / 60),
            "time": timezone.localtime(self.until).strftime("%H:%M:%S"),
        }
        if self.seconds > 90:
            return (
                pgettext(
                    "poll", "%(what)s Please try again in %(minutes)s minutes (after %(time)s)."
                )
                % values
            )
        return (
            pgettext("poll", "%(what)s Please try again in %(seconds)s seconds (after %(time)s).")
            % values
        )


def _check(times, *, limit: int, window: dt.timedelta, now, what: str) -> None:
    """Refuse when `times` (the events in the window, oldest first) reach `limit`."""
    recent = list(times[:limit])
    if len(recent) >= limit:
        raise RateLimited(what=what, until=recent[0] + window, now=now)


def check_code(*, account, network: str, now=None) -> None:
    """Refuse (RateLimited) a new code for `account` or from `network` over the
    hourly limits. Reads only."""
    now = now or timezone.now()
    since = now - HOUR
    if account is not None and account.pk:
        _check(
            PollCode.objects.filter(account=account, created_at__gt=since)
            .order_by("created_at")
            .values_list("created_at", flat=True),
            limit=CODES_PER_ADDRESS_HOUR,
            window=HOUR,
            now=now,
            what=pgettext("poll", "Too many codes were sent to this address in the last hour."),
        )
    _check(
        PollCode.objects.filter(network=network, created_at__gt=since)
        .order_by("created_at")
        .values_list("created_at", flat=True),
        limit=CODES_PER_NETWORK_HOUR,
        window=HOUR,
        now=now,
        what=pgettext("poll", "Too many codes were asked for from your network in the last hour."),
    )


def check_vote(*, network: str, now=None) -> None:
    """Refuse (RateLimited) a vote from `network` over the per-minute limit. Reads only."""
    now = now or timezone.now()
    _check(
        PollVote.objects.filter(network=network, at__gt=now - MINUTE)
        .order_by("at")
        .values_list("at", flat=True),
        limit=VOTES_PER_NETWORK_MINUTE,
        window=MINUTE,
        now=now,
        what=pgettext("poll", "Too many votes came from your network in the last minute."),
    )
