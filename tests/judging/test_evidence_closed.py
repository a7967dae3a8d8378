"""A conflicted judge never sees the entry's evidence: the application page and the
entry's KPI page, open to every judge of the season otherwise, refuse a judge with a
declared, detected or confirmed conflict, and open again once the organizers
dismiss a detected one. Organizers and the entry's own members are not affected."""

from __future__ import annotations

import pytest
from django.urls import reverse

from ccaward.judging.enums import ConflictSource, ConflictStatus
from ccaward.judging.models import Conflict
from tests.judging.assignment_fixtures import conflict, entry_with, make_judge

PAGES = ("applications:entry", "kpis:entry")
REFUSED = 404  # the entry pages answer a refusal as "no such entry" (entry_for)


@pytest.fixture
def entry(season, organizer):
    return entry_with(season, organizer)


@pytest.fixture
def profile(season, judge):
    return make_judge(season, "评委", user=judge)


def statuses(client, user, season, entry):
    client.force_login(user)
    return [client.get(reverse(name, args=[season.slug, entry.pk])).status_code for name in PAGES]


def test_a_judge_without_a_conflict_opens_the_evidence(client, season, judge, profile, entry):
    assert statuses(client, judge, season, entry) == [200, 200]


@pytest.mark.parametrize(
    "status, source",
    [
        (ConflictStatus.DECLARED, ConflictSource.DECLARED),
        (ConflictStatus.DETECTED, ConflictSource.EMPLOYER),
        (ConflictStatus.CONFIRMED, ConflictSource.FORMER_EMPLOYER),
    ],
)
def test_a_conflicted_judge_is_refused_the_evidence(
    client, season, judge, profile, entry, status, source
):
    conflict(profile, entry, status=status, source=source)
    assert statuses(client, judge, season, entry) == [REFUSED, REFUSED]


def test_a_dismissed_or_merely_flagged_conflict_keeps_the_evidence_open(
    client, season, judge, profile, entry
):
    found = conflict(
        profile, entry, status=ConflictStatus.DETECTED, source=ConflictSource.EMAIL_DOMAIN
    )
    assert statuses(client, judge, season, entry) == [REFUSED, REFUSED]
    Conflict.objects.filter(pk=found.pk).update(status=ConflictStatus.DISMISSED)
    conflict(profile, entry, status=ConflictStatus.FLAGGED, source=ConflictSource.RECOMMENDED)
    assert statuses(client, judge, season, entry) == [200, 200]


def test_organizers_still_open_an_entry_a_judge_is_conflicted_with(
    client, season, organizer, judge, profile, entry
):
    conflict(profile, entry)
    assert statuses(client, organizer, season, entry) == [200, 200]
