"""The platform's totals are the engine's: a season's reviews, read back as
(judge, entry, criterion, score) rows by hand and given to `evaluate` with the
policy's settings, give the same totals, ranks and rank intervals as the totals
page and the API."""

from __future__ import annotations

import pytest

from ccaward.deliberation.domain.evaluation import compute
from ccaward.deliberation.domain.policy import change_policy
from ccaward.engine.scoring import Scale, ScoreTable
from ccaward.engine.scoring.evaluate import evaluate
from ccaward.reviews.models import Review


@pytest.mark.parametrize("method", ["calibrated", "mean", "trimmed", "median", "zscore"])
def test_the_season_is_evaluated_as_the_engine_would(
    season, scored, organizer, category, api, method
):
    change_policy(season=season, by=organizer, values={"method": method, "bootstrap": 200})
    entries, crits = scored
    rows = [
        (str(r.judge_id), str(r.entry_id), code, float(value))
        for r in Review.objects.filter(season=season)
        for code, value in r.scores.items()
    ]
    table = ScoreTable.from_rows(
        rows, scale=Scale(0, 10), criteria=crits, entries=[str(e.pk) for e in entries]
    )
    expected = evaluate(
        table,
        season.current_framework().to_engine(),
        method=method,
        categories={str(e.pk): str(category.pk) for e in entries},
        quotas={str(category.pk): 2},
        bootstrap=200,
        seed=1,
        visit_weight=50,
    )
    got = compute(season).evaluation
    assert [(r.entry, r.total, r.rank, r.rank_interval) for r in got.entries] == [
        (r.entry, r.total, r.rank, r.rank_interval) for r in expected.entries
    ]
    body = api(organizer).get(f"/api/seasons/{season.slug}/totals").json()
    shown = body["categories"][0]["entries"]
    assert [(str(e["entry"]), e["rank"]) for e in shown] == [
        (r.entry, r.rank) for r in expected.entries
    ]
    assert [e["p_in_quota"] for e in shown] == [r.p_in_quota for r in expected.entries]
