"""What the board's tests share: a category of five entries (quota 2; the default
shortlist the top 3, the scoring policy's margin being 1), a season evaluation of
them made up here (the engine's dataclasses: the board reads nothing else), the
集中评议 stage opened or closed, and the judge persona in the pool."""

from __future__ import annotations

from decimal import Decimal
from types import SimpleNamespace

import pytest

from ccaward.deliberation.domain import evaluation as totals
from ccaward.deliberation.models import ScoringPolicy
from ccaward.engine.scoring.results import Disagreement, EntryResult, Evaluation, Reliability
from ccaward.judging.models import JudgeProfile
from ccaward.seasons.enums import StageKind
from tests.deliberation.conftest import conflict, set_stage
from tests.factories import make_category, make_entry

NAMES = [
    "星河银行客服中心",
    "远山保险客服中心",
    "青松电信客服中心",
    "白鹭航空客服中心",
    "金桥证券客服中心",
]
TOTALS = ["86.40", "82.15", "80.02", "79.88", "71.30"]


def set_deliberation(season, organizer, action):
    set_stage(season, organizer, StageKind.DELIBERATION, action)


def made_up(season, entries, *, method="calibrated", margin=1, evidence=None):
    """A SeasonEvaluation-like value ranking `entries` in the order given."""
    framework = season.current_framework().to_engine()
    codes = [d.code for d in framework.dimensions]
    results = []
    for i, entry in enumerate(entries):
        total = Decimal(TOTALS[i])
        results.append(
            EntryResult(
                entry=str(entry.pk),
                category=str(entry.category_id),
                total=total,
                rank=i + 1,
                tied=False,
                complete=True,
                criteria={},
                evidence=(evidence or {}).get(entry.pk, {}),
                dimensions={c: total - 3 * j for j, c in enumerate(codes)},
                rank_interval=(max(1, i), min(len(entries), i + 2)),
                p_in_quota=[0.97, 0.81, 0.42, 0.35, 0.02][i],
                uncertain=i in (1, 2, 3),
            )
        )
    reliability = Reliability(
        alpha_overall=0.7,
        alpha_criteria={},
        outliers=(),
        disagreements=(Disagreement(entry=str(entries[3].pk), spread=2.4, typical=1.0, ratio=2.4),),
    )
    evaluation = Evaluation(
        method=method,
        scale="0-10",
        entries=results,
        judges=(),
        components=(),
        reliability=reliability,
        bootstrap=1000,
        seed=1,
        quotas={str(entries[0].category_id): entries[0].category.quota},
    )
    return SimpleNamespace(
        evaluation=evaluation,
        policy=ScoringPolicy(season=season, shortlist_margin=margin),
        framework=framework,
        entries={str(e.pk): e for e in entries},
        results=results,
        categories={str(entries[0].category_id): entries[0].category},
    )


@pytest.fixture
def board_category(season, organizer):
    return make_category(
        season=season,
        by=organizer,
        name_zh="最佳外包客户联络中心",
        name_en="Best Outsourced",
        quota=2,
    )


@pytest.fixture
def board_entries(season, organizer, board_category):
    """The category's five entries, best first."""
    return [
        make_entry(season=season, by=organizer, category=board_category, name=name)
        for name in NAMES
    ]


@pytest.fixture
def board_evaluation(season, board_entries, monkeypatch):
    """The made-up evaluation, returned by `season_evaluation` for the season."""
    value = made_up(season, board_entries)
    monkeypatch.setattr(totals, "season_evaluation", lambda s: value)
    return value


@pytest.fixture
def deliberation_open(season, organizer):
    set_deliberation(season, organizer, "open")
    return season


@pytest.fixture
def panel_judge(season, judge):
    """The judge persona in the season's judge pool."""
    JudgeProfile.objects.create(season=season, user=judge, name="钱评委", email=judge.email)
    return judge


def conflicted(judge, entry):
    """The judge persona's declared conflict with the entry."""
    return conflict(JudgeProfile.objects.get(season=entry.season, user=judge), entry)
