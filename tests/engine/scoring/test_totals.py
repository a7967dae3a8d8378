"""Decimal totals through the framework, the evidence blend, and ranks with ties."""

from __future__ import annotations

from decimal import Decimal

import numpy as np
import pytest

from ccaward.engine.framework import from_data
from ccaward.engine.scoring.results import EntryResult
from ccaward.engine.scoring.table import Scale, ScoreTable
from ccaward.engine.scoring.totals import exact, judge_kind, ordered, percent, rank, totals


def framework():
    return from_data(
        {
            "dimensions": [
                {
                    "code": "people",
                    "name": {"zh": "人员"},
                    "weight": "40",
                    "criteria": [
                        {"code": "hiring", "name": {"zh": "招聘"}},
                        {
                            "code": "quality",
                            "name": {"zh": "质量"},
                            "evidence": {"judge": "50", "kpi": "50"},
                            "indicator": "answer_rate",
                        },
                    ],
                },
                {
                    "code": "voice",
                    "name": {"zh": "声音"},
                    "weight": "60",
                    "criteria": [
                        {
                            "code": "calls",
                            "name": {"zh": "通话"},
                            "evidence": {"judge": "40", "mystery": "60"},
                        }
                    ],
                },
            ]
        }
    )


def table(scores: dict[tuple[str, str], float], entries=("A", "B")) -> ScoreTable:
    rows = [("j1", e, c, s) for (e, c), s in scores.items()]
    return ScoreTable.from_rows(
        rows, scale=Scale(0, 10), criteria=("hiring", "quality", "calls"), entries=entries
    )


def values(t: ScoreTable) -> np.ndarray:
    v = np.full((len(t.entries), len(t.criteria)), np.nan)
    v[t.entry, t.criterion] = t.score
    return v


def test_total_by_hand():
    t = table({("A", "hiring"): 8, ("A", "quality"): 6, ("A", "calls"): 5})
    evidence = {"A": {"quality": {"kpi": Decimal(90)}, "calls": {"visit": Decimal(70)}}}
    mystery = np.full((2, 3), np.nan)
    mystery[0, 2] = 40
    [a, b] = totals(framework(), t, values(t), evidence=evidence, mystery=mystery, visit_weight=50)
    # people: (80 + (60 + 90) / 2) / 2 = 77.5; voice: judge (50 + 70) / 2 = 60, 0.4 x 60 + 0.6 x 40 = 48
    assert a.dimensions == {"people": Decimal("77.5"), "voice": Decimal(48)}
    assert a.total == Decimal("59.8")  # 0.4 x 77.5 + 0.6 x 48
    assert a.evidence["calls"] == {"judge": Decimal(60), "mystery": Decimal(40)}
    assert a.criteria == {"hiring": 8.0, "quality": 6.0, "calls": 5.0}
    assert a.complete and a.rank == 1 and not a.tied
    assert b.total is None and b.rank is None and not b.complete


def test_visit_alone_is_the_judges_kind():
    t = table({("A", "hiring"): 8})
    [a, _] = totals(framework(), t, values(t), evidence={"A": {"calls": {"visit": Decimal(70)}}})
    assert a.evidence["calls"] == {"judge": Decimal(70)}
    assert a.dimensions["voice"] == Decimal(70)
    assert not a.complete  # quality has no evidence


def test_missing_kind_shares_its_weight():
    t = table({("A", "calls"): 5})
    [a, _] = totals(framework(), t, values(t))
    assert a.dimensions["voice"] == Decimal(50)


def test_quantized_to_a_millionth():
    assert percent(10 / 3, Scale(0, 10)) == Decimal("33.333333")
    assert percent(float("nan"), Scale(0, 10)) is None
    assert percent(11, Scale(0, 10)) == Decimal(100)  # clipped to the scale
    assert str(exact(-1e-9)) == "0.000000"
    assert exact(0.1 + 0.2) == Decimal("0.3")


def test_judge_kind_mix():
    assert judge_kind(Decimal(80), Decimal(60), Decimal(25)) == Decimal(75)
    assert judge_kind(None, Decimal(60), Decimal(25)) == Decimal(60)
    assert judge_kind(Decimal(80), None, Decimal(25)) == Decimal(80)
    assert judge_kind(None, None, Decimal(25)) is None


def test_same_inputs_same_totals():
    rng = np.random.default_rng(3)
    entries = tuple(f"E{i}" for i in range(6))
    scores = {(e, c): float(rng.uniform(0, 10)) for e in entries for c in ("hiring", "quality")}
    t = table(scores, entries)
    first = [(r.total, r.rank) for r in totals(framework(), t, values(t))]
    again = [(r.total, r.rank) for r in totals(framework(), t, values(t).copy())]
    assert first == again


def result(entry, total, category=None):
    return EntryResult(
        entry=entry,
        category=category,
        total=None if total is None else Decimal(total),
        rank=None,
        tied=False,
        complete=True,
        criteria={},
        evidence={},
        dimensions={},
    )


def test_competition_ranking_with_ties_at_the_shown_precision():
    rs = [
        result("d", "80.004"),
        result("b", "79.996"),  # 80.00 shown: tied with d
        result("a", "90"),
        result("c", "70.005"),  # 70.01 shown
        result("e", "70.0049"),  # 70.00 shown
        result("f", None),
    ]
    rank(rs)
    got = [(r.entry, r.rank, r.tied) for r in ordered(rs)]
    assert got == [
        ("a", 1, False),
        ("b", 2, True),  # tied entries by label
        ("d", 2, True),
        ("c", 4, False),
        ("e", 5, False),
        ("f", None, False),
    ]


def test_ranks_within_each_category():
    rs = [
        result("x1", "50", "X"),
        result("y1", "60", "Y"),
        result("x2", "70", "X"),
        result("n", "10"),
        result("z", "65", "Z"),
    ]
    rank(rs)
    got = [(r.entry, r.category, r.rank) for r in ordered(rs, ["Y", "X"])]
    assert got == [
        ("y1", "Y", 1),
        ("x2", "X", 1),
        ("x1", "X", 2),
        ("z", "Z", 1),
        ("n", None, 1),
    ]


@pytest.mark.parametrize("weight", [0, 100])
def test_visit_weight_bounds(weight):
    t = table({("A", "calls"): 5})
    evidence = {"A": {"calls": {"visit": Decimal(90)}}}
    [a, _] = totals(framework(), t, values(t), evidence=evidence, visit_weight=weight)
    assert a.evidence["calls"]["judge"] == (Decimal(50) if weight == 0 else Decimal(90))
