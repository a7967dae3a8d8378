"""Seasons that are just starting: no review yet, one judge on an entry, two
judges on one entry, a category without entries. Every page and API answer
renders (missing values as "—" or null), in every method."""

from __future__ import annotations

import pytest

from ccaward.deliberation.domain.policy import change_policy
from ccaward.deliberation.models import ScoringPolicy
from tests.deliberation.conftest import criteria_of, review
from tests.factories import make_category, make_entry

PAGES = ("totals/", "reliability/", "totals/export.csv", "totals/export.xlsx")
API = ("totals", "reliability")


@pytest.fixture
def starting(season, organizer, category, panel):
    """A special category with no entries; two entries, the first scored by two
    judges on one criterion, the second by nobody."""
    make_category(season=season, by=organizer, name_zh="年度特别奖", name_en="Special", quota=1)
    first = make_entry(season=season, by=organizer, category=category)
    second = make_entry(season=season, by=organizer, category=category)
    make_entry(season=season, by=organizer, category=category, status="draft")
    return first, second


def _all_answer(season, organizer, as_user, api, entries):
    client, token = as_user(organizer), api(organizer)
    for tail in PAGES + tuple(f"totals/{e.pk}/" for e in entries):
        assert client.get(f"/seasons/{season.slug}/{tail}").status_code == 200, tail
    for tail in API + tuple(f"totals/{e.pk}" for e in entries):
        response = token.get(f"/api/seasons/{season.slug}/{tail}")
        assert response.status_code == 200, (tail, response.content[:300])


@pytest.mark.parametrize("method", ["calibrated", "mean", "trimmed", "median", "zscore"])
def test_no_review_yet(season, organizer, starting, as_user, api, method):
    ScoringPolicy.objects.filter(season=season).delete()
    change_policy(season=season, by=organizer, values={"method": method})
    _all_answer(season, organizer, as_user, api, starting)


@pytest.mark.parametrize("method", ["calibrated", "zscore", "mean"])
def test_two_judges_on_one_entry(season, organizer, starting, panel, as_user, api, method):
    change_policy(season=season, by=organizer, values={"method": method})
    code = criteria_of(season)[0]
    review(season, panel[0], starting[0], {code: 7})
    review(season, panel[1], starting[0], {code: 9})
    _all_answer(season, organizer, as_user, api, starting)


def test_one_judge_on_one_entry(season, organizer, starting, panel, as_user, api):
    review(season, panel[0], starting[0], dict.fromkeys(criteria_of(season), 6))
    _all_answer(season, organizer, as_user, api, starting)
