"""What voting's tests share: a category of four entries (quota 2) on a shortlist,
a made-up season evaluation whose totals and dimension scores a test may set (the
count reads nothing else of the deliberation), three judges, and the 票选 stage
opened or closed by the organizers' override."""

from __future__ import annotations

from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.utils import translation

from ccaward.deliberation.domain import shortlist as shortlists
from ccaward.deliberation.models import ScoringPolicy
from ccaward.engine.scoring.results import EntryResult
from ccaward.people import domain as people
from ccaward.people.enums import Role
from ccaward.results.domain import count as counting
from ccaward.seasons.enums import CategoryKind, StageKind
from tests.deliberation.conftest import set_stage
from tests.factories import UserFactory, make_category, make_entry

NAMES = ["星河银行客服中心", "远山保险客服中心", "青松电信客服中心", "白鹭航空客服中心"]
TOTALS = ["86.40", "82.15", "80.02", "79.88"]


class Evaluation(SimpleNamespace):
    """What the count reads of deliberation's SeasonEvaluation: the framework, the
    policy, the entries and each entry's result by label."""

    def result(self, label):
        return next((r for r in self.results if r.entry == label), None)


def made_up(season, entries, totals=None, dimensions=None) -> Evaluation:
    """Each entry's total (decimal strings, TOTALS by default) and dimension scores
    ({entry index: [score per dimension in the framework's order]}; by default the
    total less 3 per dimension)."""
    framework = season.current_framework().to_engine()
    codes = [d.code for d in framework.dimensions]
    totals = totals or TOTALS
    results = []
    for i, entry in enumerate(entries):
        total = None if totals[i] is None else Decimal(totals[i])
        dims = (dimensions or {}).get(i)
        values = (
            {c: Decimal(str(v)) for c, v in zip(codes, dims, strict=True)}
            if dims is not None
            else {c: (total or Decimal(0)) - 3 * j for j, c in enumerate(codes)}
        )
        results.append(
            EntryResult(
                entry=str(entry.pk),
                category=str(entry.category_id),
                total=total,
                rank=i + 1,
                tied=False,
                complete=True,
                criteria={},
                evidence={},
                dimensions=values,
            )
        )
    return Evaluation(
        evaluation=SimpleNamespace(method="calibrated"),
        policy=ScoringPolicy(season=season, shortlist_margin=2),
        framework=framework,
        entries={str(e.pk): e for e in entries},
        results=results,
    )


@pytest.fixture
def vote_category(season, organizer):
    return make_category(
        season=season,
        by=organizer,
        name_zh="最佳客户联络中心",
        name_en="Best Contact Center",
        quota=2,
    )


@pytest.fixture
def vote_entries(season, organizer, vote_category):
    """The category's four entries, best first by their totals."""
    return [
        make_entry(season=season, by=organizer, category=vote_category, name=name) for name in NAMES
    ]


@pytest.fixture
def scores(season, vote_entries, monkeypatch):
    """scores(totals=None, dimensions=None): the evaluation the count reads."""
    current = {"value": made_up(season, vote_entries)}
    monkeypatch.setattr(counting, "season_evaluation", lambda s: current["value"])

    def set_scores(totals=None, dimensions=None):
        current["value"] = made_up(season, vote_entries, totals, dimensions)
        return current["value"]

    set_scores.value = lambda: current["value"]
    return set_scores


@pytest.fixture
def shortlist(organizer, vote_category, vote_entries, scores):
    """The four entries on the category's shortlist (the ranking's top 4)."""
    shortlists.set_shortlist(
        category=vote_category,
        listed=[e.pk for e in vote_entries],
        by=organizer,
        season_evaluation=scores.value(),
    )
    return vote_entries


@pytest.fixture
def voters(season, organizer, judge):
    """Three judges: the judge persona, then 孙评委 and 李评委."""
    made = [judge]
    for i, name in enumerate(("孙评委", "李评委")):
        user = UserFactory(email=f"voter{i}@example.cn", name=name)
        people.grant_role(season=season, user=user, role=Role.JUDGE, by=organizer)
        made.append(user)
    return made


@pytest.fixture
def voting_open(season, organizer):
    set_stage(season, organizer, StageKind.VOTING, "open")
    return season


def close_voting(season, organizer):
    set_stage(season, organizer, StageKind.VOTING, "closed")


@pytest.fixture
def special_category(season, organizer):
    return make_category(
        season=season,
        by=organizer,
        name_zh="年度特别奖",
        name_en="Special Award of the Year",
        quota=2,
        kind=CategoryKind.SPECIAL,
    )


@pytest.fixture
def en():
    """The domain's messages in English (the site's default is Chinese)."""
    with translation.override("en"):
        yield
