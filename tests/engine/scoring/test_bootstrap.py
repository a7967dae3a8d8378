"""Rank confidence: against a loop reference, by brute force on small cases, and
reproducible with a seed."""

from __future__ import annotations

import dataclasses
import itertools
import statistics

import numpy as np
import pytest

from ccaward.engine.scoring import Contacts, LinearTotals, ScoreTable
from ccaward.engine.scoring.bootstrap import competition_ranks, rank_confidence
from ccaward.engine.scoring.combine import combine


def linear_of(table: ScoreTable, coefficient: float = 1.0, base: float = 0.0) -> LinearTotals:
    E, C = len(table.entries), len(table.criteria)
    return LinearTotals(
        base=np.full(E, base), judge=np.full((E, C), coefficient), mystery=np.zeros((E, C))
    )


def random_season(seed: int, entries=8, judges=6, criteria=3, missing=0.0, weights=False):
    rng = np.random.default_rng(seed)
    rows = []
    for e in range(entries):
        panel = rng.choice(judges, rng.integers(2, 5), replace=False)
        for j in panel:
            for c in range(criteria):
                if rng.random() >= missing:
                    rows.append((f"J{j}", f"E{e}", f"C{c}", float(rng.integers(0, 21) / 2)))
    table = ScoreTable.from_rows(rows)
    combined = combine(table, "mean")
    if weights:
        w = rng.uniform(0.5, 2.0, len(table))
        cell = table.cell
        n_cells = len(table.entries) * len(table.criteria)
        num = np.bincount(cell, weights=w * table.score, minlength=n_cells)
        den = np.bincount(cell, weights=w, minlength=n_cells)
        values = np.where(den > 0, num / np.where(den > 0, den, 1), np.nan)
        combined = dataclasses.replace(
            combined, weight=w, values=values.reshape(combined.values.shape), method="calibrated"
        )
    return table, combined


def loop_reference(table, combined, linear, groups, quotas, n, seed):
    """The bootstrap written plainly: one resample, entry and cell at a time, with
    the same draws (a uniform number per entry and member slot, from the first of
    two streams spawned from the seed, the member the floor of u * panel size)."""
    judge_rng, _ = np.random.default_rng(seed).spawn(2)
    E, C = len(table.entries), len(table.criteria)
    members = [
        sorted({int(j) for j, e in zip(table.judge, table.entry, strict=True) if e == k})
        for k in range(E)
    ]
    K = max(len(m) for m in members)
    scores = {}
    for i in range(len(table)):
        key = (int(table.entry[i]), int(table.judge[i]), int(table.criterion[i]))
        scores[key] = (combined.adjusted[i], combined.weight[i])
    ranks = np.zeros((n, E), dtype=int)
    for r in range(n):
        u = judge_rng.random((E, K))
        total = []
        for e in range(E):
            drawn = [members[e][int(u[e, k] * len(members[e]))] for k in range(len(members[e]))]
            t = linear.base[e]
            for c in range(C):
                pairs = [scores[(e, j, c)] for j in drawn if (e, j, c) in scores]
                if pairs and sum(w for _, w in pairs) > 0:
                    v = sum(a * w for a, w in pairs) / sum(w for _, w in pairs)
                else:
                    v = combined.values[e, c]
                if linear.judge[e, c]:
                    t += linear.judge[e, c] * v
            total.append(float(np.round(t, 2)))  # totals tie at the shown 0.01
        for e in range(E):
            ranks[r, e] = 1 + sum(
                1 for f in range(E) if groups[f] == groups[e] and total[f] > total[e]
            )
    lo = [int(np.percentile(ranks[:, e], 5, method="lower")) for e in range(E)]
    hi = [int(np.percentile(ranks[:, e], 95, method="higher")) for e in range(E)]
    quota = [quotas[groups[e]] for e in range(E)]
    p = [float(np.mean(ranks[:, e] <= quota[e])) for e in range(E)]
    uncertain = [lo[e] <= quota[e] < hi[e] for e in range(E)]
    return np.array([lo, hi]).T, np.array(p), np.array(uncertain)


@pytest.mark.parametrize(
    ("seed", "missing", "weights", "n"),
    [
        (0, 0.0, False, 200),
        (1, 0.0, False, 137),
        (2, 0.0, True, 200),
        (3, 0.3, False, 200),
        (4, 0.3, True, 61),
        (5, 0.1, False, 1),
        (6, 0.0, True, 21),
    ],
)
def test_mean_rule_equals_loop_reference(seed, missing, weights, n):
    table, combined = random_season(seed, missing=missing, weights=weights)
    linear = linear_of(table)
    groups = ["A" if e % 3 else "B" for e in range(len(table.entries))]
    quotas = {"A": 2, "B": 1}
    got = rank_confidence(table, combined, linear, groups=groups, quotas=quotas, n=n, seed=seed)
    want = loop_reference(table, combined, linear, groups, quotas, n, seed)
    np.testing.assert_array_equal(got[0], want[0])
    np.testing.assert_allclose(got[1], want[1], rtol=0, atol=1e-12)
    np.testing.assert_array_equal(got[2], want[2])


def test_same_seed_same_result_other_seed_other_draws():
    table, combined = random_season(5, entries=30, judges=10)
    linear = linear_of(table)
    kw = {"groups": [None] * 30, "quotas": {None: 10}, "n": 300}
    a = rank_confidence(table, combined, linear, seed=42, **kw)
    b = rank_confidence(table, combined, linear, seed=42, **kw)
    c = rank_confidence(table, combined, linear, seed=43, **kw)
    for x, y in zip(a, b, strict=True):
        np.testing.assert_array_equal(x, y)
    assert not np.array_equal(a[1], c[1])


@pytest.mark.parametrize("rule", ["mean", "median", "trimmed"])
def test_chunks_do_not_change_the_draws(rule):
    table, _ = random_season(6, entries=12, judges=8, missing=0.2)
    combined = combine(table, rule)
    linear = linear_of(table)
    kw = {"groups": ["x"] * 12, "quotas": {"x": 4}, "n": 250, "seed": 7}
    whole = rank_confidence(table, combined, linear, **kw)
    for chunk in (1, 7, 64):
        parts = rank_confidence(table, combined, linear, chunk=chunk, **kw)
        for x, y in zip(whole, parts, strict=True):
            np.testing.assert_array_equal(x, y)


def one_criterion(panels: dict[str, list[float]]) -> ScoreTable:
    rows = [
        (f"{entry}-J{k}", entry, "x", v) for entry, vs in panels.items() for k, v in enumerate(vs)
    ]
    return ScoreTable.from_rows(rows)


def test_clear_leader():
    table = one_criterion(
        {"lead": [9.5, 9.0, 10.0], "b": [5, 7, 6], "c": [4, 6, 8], "d": [6, 5, 7.5]}
    )
    intervals, p, uncertain = rank_confidence(
        table, combine(table, "mean"), linear_of(table), groups=[None] * 4,
        quotas={None: 1}, n=500, seed=0,
    )  # fmt: skip
    assert intervals[0].tolist() == [1, 1]
    assert p[0] == 1.0
    assert not uncertain[0]
    assert (p[1:] < 0.5).all()


def test_identical_distributions_swap():
    table = one_criterion({"a": [4, 6, 8], "b": [8, 4, 6], "low": [1, 1.5, 2]})
    intervals, p, uncertain = rank_confidence(
        table, combine(table, "mean"), linear_of(table), groups=[None] * 3,
        quotas={None: 1}, n=4000, seed=3,
    )  # fmt: skip
    assert intervals[0].tolist() == intervals[1].tolist() == [1, 2]
    assert uncertain[:2].all()
    # P(a >= b) with a, b the means of 3 draws of {4, 6, 8}: ties share first place
    means = [statistics.fmean(d) for d in itertools.product([4, 6, 8], repeat=3)]
    exact = np.mean([x >= y for x in means for y in means])
    assert p[0] == pytest.approx(exact, abs=0.03)
    assert p[1] == pytest.approx(exact, abs=0.03)
    assert intervals[2].tolist() == [3, 3] and p[2] == 0.0


def test_two_judges_each_by_hand():
    """A: {6, 8} gives means 6, 7, 7, 8; B: {5, 9} gives 5, 7, 7, 9. A is first
    (ties share it) when B = 5, or B = 7 and A >= 7: 1/4 + 1/2 x 3/4 = 5/8; so is B."""
    table = one_criterion({"A": [6, 8], "B": [5, 9]})
    intervals, p, uncertain = rank_confidence(
        table, combine(table, "mean"), linear_of(table), groups=["g", "g"],
        quotas={"g": 1}, n=20000, seed=11,
    )  # fmt: skip
    assert p == pytest.approx([5 / 8, 5 / 8], abs=0.015)
    assert intervals.tolist() == [[1, 2], [1, 2]]
    assert uncertain.tolist() == [True, True]


@pytest.mark.parametrize(
    ("rule", "scores", "rival"),
    [("median", [1, 5, 6], 4.5), ("median", [2, 3, 7, 9], 5.0), ("trimmed", [0, 4, 5, 6, 10], 5.0)],
)
def test_order_rules_by_brute_force(rule, scores, rival):
    """P(the entry is first) against a rival with one fixed score, over every draw
    of its judges with replacement."""
    table = one_criterion({"A": scores, "R": [rival]})
    combined = combine(table, rule)

    def combined_value(draw):
        if rule == "median":
            return statistics.median(draw)
        if len(draw) >= 5:
            return statistics.fmean(sorted(draw)[1:-1])
        return statistics.fmean(draw)

    draws = list(itertools.product(scores, repeat=len(scores)))
    exact = np.mean([combined_value(d) >= rival for d in draws])
    _, p, _ = rank_confidence(
        table, combined, linear_of(table), groups=["g", "g"], quotas={"g": 1}, n=20000, seed=1
    )
    assert p[0] == pytest.approx(exact, abs=0.015)


def test_cell_no_drawn_judge_scored_keeps_its_point_value():
    """A's judges scored one criterion each; a resample drawing one judge twice
    leaves the other criterion at its point value (5), so A's total is 5 + 3 or
    5 + 7 or 3 + 7, never below 8, and B (9 fixed) ranks first at least 3/4 of the
    time."""
    rows = [
        ("J1", "A", "x", 3.0),
        ("J2", "A", "y", 7.0),
        ("J3", "B", "x", 4.5),
        ("J3", "B", "y", 4.5),
    ]
    table = ScoreTable.from_rows(rows)
    combined = combine(table, "mean")
    combined = dataclasses.replace(combined, values=np.array([[5.0, 5.0], [4.5, 4.5]]))
    _, p, _ = rank_confidence(
        table, combined, linear_of(table), groups=[0, 0], quotas={0: 1}, n=4000, seed=2
    )
    # A draws (J1, J1): 3 + 5 = 8 < 9; (J2, J2): 5 + 7 = 12; mixed: 10
    assert p[0] == pytest.approx(3 / 4, abs=0.03)
    assert p[1] == pytest.approx(1 / 4, abs=0.03)


def test_mystery_contacts_are_resampled():
    table = one_criterion({"A": [5, 5], "B": [5, 5]})
    contacts = Contacts(
        contact=np.array([10, 11, 20, 21]),
        entry=np.array([0, 0, 1, 1]),
        criterion=np.array([0, 0, 0, 0]),
        score=np.array([60.0, 80.0, 70.0, 70.0]),
    )
    linear = LinearTotals(base=np.zeros(2), judge=np.ones((2, 1)), mystery=np.full((2, 1), 0.5))
    _, p, _ = rank_confidence(
        table, combine(table, "mean"), linear, groups=["g", "g"], quotas={"g": 1},
        n=8000, seed=4, contacts=contacts,
    )  # fmt: skip
    # A's contacts average 60, 70 or 80 (1/4, 1/2, 1/4); B's always 70
    assert p == pytest.approx([3 / 4, 3 / 4], abs=0.02)
    # without mystery coefficients the contacts change nothing: A and B always tie
    flat = dataclasses.replace(linear, mystery=np.zeros((2, 1)))
    _, p, _ = rank_confidence(
        table, combine(table, "mean"), flat, groups=["g", "g"], quotas={"g": 1},
        n=100, seed=4, contacts=contacts,
    )  # fmt: skip
    assert p.tolist() == [1.0, 1.0]


def test_ranks_within_categories_and_missing_quota():
    table = one_criterion({"a": [9], "b": [8], "c": [7], "d": [6], "e": [1]})
    intervals, p, uncertain = rank_confidence(
        table, combine(table, "mean"), linear_of(table), groups=["X", "Y", "X", "Y", None],
        quotas={"X": 1, "Y": 1}, n=50, seed=0,
    )  # fmt: skip
    assert intervals.tolist() == [[1, 1], [1, 1], [2, 2], [2, 2], [1, 1]]
    assert p[:4].tolist() == [1.0, 1.0, 0.0, 0.0]
    assert np.isnan(p[4])
    assert not uncertain.any()


def test_entry_without_total_is_not_ranked():
    table = one_criterion({"a": [9], "b": [8], "c": [7]})
    linear = linear_of(table)
    linear = dataclasses.replace(linear, base=np.array([0.0, np.nan, 0.0]))
    intervals, p, uncertain = rank_confidence(
        table, combine(table, "mean"), linear, groups=[1, 1, 1], quotas={1: 2}, n=20, seed=0
    )
    assert intervals.tolist() == [[1, 1], [0, 0], [2, 2]]
    assert np.isnan(p[1]) and p[0] == p[2] == 1.0


def test_competition_ranks():
    totals = np.array([[3.0, 5.0, 5.0, 1.0, np.nan, 2.0]])
    group = np.array([0, 0, 0, 0, 0, 1])
    assert competition_ranks(totals, group).tolist() == [[3, 1, 1, 4, 5, 1]]
    # ties at the shown precision (0.01), as the point ranking
    totals = np.array([[80.001, 80.004, 79.996, 80.01, 0.1 + 0.2, 0.3]])
    assert competition_ranks(totals, np.zeros(6, dtype=int)).tolist() == [[2, 2, 2, 1, 5, 5]]


def test_rejects_bad_arguments():
    table = one_criterion({"a": [9], "b": [8]})
    with pytest.raises(ValueError):
        rank_confidence(
            table, combine(table, "mean"), linear_of(table), groups=[1], quotas={}, n=5, seed=0
        )
    with pytest.raises(ValueError):
        rank_confidence(
            table, combine(table, "mean"), linear_of(table), groups=[1, 1], quotas={}, n=0, seed=0
        )


def test_entry_no_judge_scored():
    rows = [("J1", "a", "x", 6.0), ("J2", "a", "x", 7.0), ("J1", "b", "x", 5.0)]
    table = ScoreTable.from_rows(rows, entries=["a", "b", "none"])
    linear = dataclasses.replace(linear_of(table), base=np.array([0.0, 0.0, np.nan]))
    intervals, p, _ = rank_confidence(
        table, combine(table, "median"), linear, groups=[0, 0, 0], quotas={0: 1}, n=30, seed=0
    )
    assert intervals.tolist() == [[1, 1], [2, 2], [0, 0]]
    assert p[:2].tolist() == [1.0, 0.0]


@pytest.mark.parametrize("method", ["calibrated", "zscore"])
def test_models_equal_loop_reference(method):
    """calibrated and zscore resample their adjusted scores with their weights."""
    table, _ = random_season(8, entries=10, judges=5, missing=0.2)
    combined = combine(table, method)
    assert combined.rule == "mean"
    linear = linear_of(table, coefficient=2.5, base=10.0)
    groups = [e % 2 for e in range(10)]
    quotas = {0: 2, 1: 3}
    got = rank_confidence(table, combined, linear, groups=groups, quotas=quotas, n=120, seed=9)
    want = loop_reference(table, combined, linear, groups, quotas, 120, 9)
    np.testing.assert_array_equal(got[0], want[0])
    np.testing.assert_allclose(got[1], want[1], rtol=0, atol=1e-12)
    np.testing.assert_array_equal(got[2], want[2])
