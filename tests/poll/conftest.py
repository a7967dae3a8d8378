"""What the public poll's tests share: a category with three shortlisted entries
(rows made directly: deliberation's own operation ranks them first), 票选 opened
or closed, the poll enabled, verified accounts and votes at given times."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from ccaward.deliberation.models import Shortlist, ShortlistEntry
from ccaward.poll.domain import policy as policies
from ccaward.poll.models import PollAccount, PollVote
from ccaward.seasons.enums import StageKind
from tests.deliberation.conftest import set_stage
from tests.factories import make_entry

NAMES = ("甲客服中心", "乙客服中心", "丙客服中心")


@pytest.fixture
def entries(season, organizer, category):
    """Three entries of `category`, shortlisted; a fourth left off."""
    made = [make_entry(season=season, by=organizer, category=category, name=name) for name in NAMES]
    off = make_entry(season=season, by=organizer, category=category, name="丁客服中心")
    shortlist = Shortlist.objects.create(season=season, category=category, method="mean")
    for rank, entry in enumerate(made, 1):
        ShortlistEntry.objects.create(shortlist=shortlist, entry=entry, listed=True, rank=rank)
    ShortlistEntry.objects.create(shortlist=shortlist, entry=off, listed=False, rank=4)
    return made


@pytest.fixture
def off_list(entries, category):
    return category.shortlist.rows.get(listed=False).entry


@pytest.fixture
def voting_open(season, organizer):
    set_stage(season, organizer, StageKind.VOTING, "open")
    return season


@pytest.fixture
def voting_closed(season, organizer):
    set_stage(season, organizer, StageKind.VOTING, "closed")
    return season


@pytest.fixture
def poll_on(season, organizer, voting_open, entries):
    """The poll held (weight 20%) with 票选 open and the shortlist set."""
    policies.change_policy(season=season, by=organizer, values={"enabled": True, "weight": 20})
    return season


def account(season, email="voter@example.com", *, created=None, network="192.0.2.0/24"):
    now = timezone.now()
    return PollAccount.objects.create(
        season=season,
        email=email,
        created_at=created or now,
        verified_at=created or now,
        network=network,
    )


def votes_at(category, entry, times, *, network="198.51.100.0/24", created=None, tag="v"):
    """One vote per time (a new account each), directly as rows."""
    made = []
    for i, at in enumerate(times):
        acc = account(
            category.season,
            f"{tag}{i}-{entry.pk}@example.com",
            created=created(at) if created else at - dt.timedelta(days=30),
            network=network,
        )
        made.append(
            PollVote.objects.create(
                account=acc, category=category, entry=entry, at=at, network=network
            )
        )
    return made
