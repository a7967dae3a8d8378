"""Per-judge z-scores against a plain computation."""

from __future__ import annotations

import statistics

import numpy as np
import pytest
from hypothesis import given, settings

from ccaward.engine.scoring import ScoreTable
from ccaward.engine.scoring.combine import aggregate, combine
from ccaward.engine.scoring.zscore import zscore
from tests.engine.scoring.simulated import score_rows

ROWS = [
    ("harsh", "e1", "c", 3.0),
    ("harsh", "e2", "c", 5.0),
    ("harsh", "e3", "c", 4.0),
    ("kind", "e1", "c", 8.0),
    ("kind", "e2", "c", 9.5),
    ("kind", "e3", "c", 9.0),
    ("flat", "e1", "c", 7.0),
    ("flat", "e3", "c", 7.0),
]


def reference(rows):
    """{(entry, criterion): combined} by the definition, one score at a time."""
    scores = [r[3] for r in rows]
    pooled_mean, pooled_sd = statistics.fmean(scores), statistics.pstdev(scores)
    by_judge: dict[str, list[float]] = {}
    for j, _, _, s in rows:
        by_judge.setdefault(j, []).append(s)
    cells: dict[tuple[str, str], list[float]] = {}
    for j, e, c, s in rows:
        mine = by_judge[j]
        sd = statistics.pstdev(mine)
        z = (s - statistics.fmean(mine)) / sd if sd > 0 else 0.0
        cells.setdefault((e, c), []).append(pooled_mean + pooled_sd * z)
    return {k: statistics.fmean(v) for k, v in cells.items()}


def values_of(table, combined):
    return {
        (e, c): combined.values[i, k]
        for i, e in enumerate(table.entries)
        for k, c in enumerate(table.criteria)
        if combined.counts[i, k]
    }


def test_equals_the_definition():
    table = ScoreTable.from_rows(ROWS)
    combined = zscore(table)
    assert values_of(table, combined) == pytest.approx(reference(ROWS), abs=1e-12)
    assert combined.method == "zscore" and combined.rule == "mean"
    assert combine(table, "zscore").values == pytest.approx(combined.values, nan_ok=True)


def test_a_judge_whose_scores_never_vary_maps_to_the_pooled_mean():
    table = ScoreTable.from_rows(ROWS)
    combined = zscore(table)
    flat = table.judge == table.judges.index("flat")
    assert combined.adjusted[flat] == pytest.approx(np.full(2, table.score.mean()))
    effect = combined.judges[table.judges.index("flat")]
    assert effect.scale == 0 and effect.n == 2


def test_judge_effects_and_their_standard_errors():
    table = ScoreTable.from_rows(ROWS)
    effects = {e.judge: e for e in zscore(table).judges}
    pooled_mean, pooled_sd = table.score.mean(), table.score.std()
    harsh = [3.0, 5.0, 4.0]
    assert effects["harsh"].severity == pytest.approx(statistics.fmean(harsh) - pooled_mean)
    assert effects["harsh"].scale == pytest.approx(statistics.pstdev(harsh) / pooled_sd)
    assert effects["harsh"].severity_se == pytest.approx(statistics.stdev(harsh) / 3**0.5)
    assert effects["harsh"].scale_se == pytest.approx(statistics.stdev(harsh) / 2 / pooled_sd)
    assert effects["harsh"].severity < 0 < effects["kind"].severity
    single = zscore(ScoreTable.from_rows([("a", "e", "c", 4.0), ("b", "e", "c", 6.0)])).judges
    assert single[0].severity_se is None and single[0].scale_se is None


def test_expected_is_what_the_judge_gives_the_combined_value():
    table = ScoreTable.from_rows(ROWS)
    combined = zscore(table)
    j = table.judges.index("kind")
    mine = table.score[table.judge == j]
    value = combined.values[table.entry, table.criterion]
    back = mine.mean() + mine.std() / table.score.std() * (value - table.score.mean())
    assert combined.expected[table.judge == j] == pytest.approx(back[table.judge == j])
    # standardising the expected scores gives the combined values back
    assert combined.expected[table.judge == j][0] == pytest.approx(
        mine.mean() + (combined.values[0, 0] - table.score.mean()) * mine.std() / table.score.std()
    )


def test_a_judge_given_the_strongest_entries_is_taken_for_a_lenient_one():
    """What per-judge z-scores get wrong (the reason for `calibrate`): a fair judge
    who saw only the strong entries is pulled down with them."""
    quality = {f"e{k}": 3.0 + k * 0.5 for k in range(12)}
    rows = [(j, e, "c", q) for e, q in quality.items() for j in ("fair1", "fair2")]
    rows += [("expert", e, "c", q) for e, q in quality.items() if q >= 6.5]
    effects = {e.judge: e for e in zscore(ScoreTable.from_rows(rows)).judges}
    assert effects["expert"].severity > 1


@settings(max_examples=40, deadline=None)
@given(score_rows(max_size=50))
def test_any_table_equals_the_definition_and_the_bootstrap_contract(rows):
    table = ScoreTable.from_rows(rows)
    combined = zscore(table)
    assert values_of(table, combined) == pytest.approx(reference(rows), abs=1e-9)
    n_cells = len(table.entries) * len(table.criteria)
    again, _ = aggregate(table.cell, n_cells, combined.adjusted, combined.weight, combined.rule)
    assert again.reshape(combined.values.shape) == pytest.approx(combined.values, nan_ok=True)
