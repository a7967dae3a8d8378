"""evaluate(): totals, ranks, reliability, rank confidence and notes in one call,
and the inputs it refuses."""

from __future__ import annotations

from decimal import Decimal

import numpy as np
import pytest

from ccaward.engine.framework import FrameworkInvalid, from_data
from ccaward.engine.scoring.combine import combine
from ccaward.engine.scoring.evaluate import evaluate, mystery_means, notes
from ccaward.engine.scoring.results import Component, Contacts
from ccaward.engine.scoring.table import Scale, ScoreTable

FRAMEWORK = {
    "dimensions": [
        {
            "code": "people",
            "name": {"zh": "人员"},
            "weight": "50",
            "criteria": [
                {"code": "hiring", "name": {"zh": "招聘"}},
                {
                    "code": "calls",
                    "name": {"zh": "通话"},
                    "evidence": {"judge": "50", "mystery": "50"},
                },
            ],
        },
        {
            "code": "data",
            "name": {"zh": "数据"},
            "weight": "50",
            "criteria": [
                {
                    "code": "answer",
                    "name": {"zh": "接通"},
                    "evidence": {"judge": "20", "kpi": "80"},
                    "indicator": "answer_rate",
                }
            ],
        },
    ]
}
CODES = ("hiring", "calls", "answer")
SCALE = Scale(0, 10)


def framework():
    return from_data(FRAMEWORK)


def season(n_entries=8, n_judges=5, seed=1, scale=SCALE):
    """Each entry scored by every judge; entry i is better than entry i+1."""
    rng = np.random.default_rng(seed)
    rows = []
    for e in range(n_entries):
        quality = 9 - e * 0.8
        for j in range(n_judges):
            for c in CODES:
                score = float(np.clip(quality + rng.normal(0, 0.5), scale.low, scale.high))
                rows.append((f"J{j}", f"E{e}", c, round(score, 1)))
    return ScoreTable.from_rows(rows, scale=scale, criteria=CODES)


def test_mean_end_to_end():
    table = season()
    cats = {f"E{e}": ("A" if e % 2 else "B") for e in range(8)}
    ev = evaluate(table, framework(), method="mean", categories=cats, bootstrap=0)
    assert ev.method == "mean" and ev.scale == "0-10"
    assert [r.category for r in ev.entries] == ["B"] * 4 + ["A"] * 4  # as categories name them
    assert [r.rank for r in ev.entries] == [1, 2, 3, 4] * 2
    assert [r.entry for r in ev.entries][:4] == ["E0", "E2", "E4", "E6"]
    assert ev.bootstrap == 0 and ev.seed is None
    assert all(r.rank_interval is None and r.p_in_quota is None for r in ev.entries)
    # the judges' evidence alone (kpi and mystery missing): dimensions 50/50, people's two
    # criteria equal
    e0 = next(r for r in ev.entries if r.entry == "E0")
    hiring, calls, answer = combine(table, "mean").values[0] * 10
    assert abs(float(e0.total) - (hiring / 4 + calls / 4 + answer / 2)) < 1e-5
    assert ev.reliability.alpha_overall is not None
    assert ev.notes == []


def test_evidence_and_contacts_count():
    table = season(n_entries=3)
    contacts = Contacts(
        contact=np.array([1, 2, 3]),
        entry=np.array([0, 0, 1]),
        criterion=np.array([1, 1, 1]),
        score=np.array([20.0, 40.0, 100.0]),
    )
    evidence = {"E0": {"answer": {"kpi": Decimal(50)}, "hiring": {"visit": Decimal(100)}}}
    ev = evaluate(
        table,
        framework(),
        method="mean",
        evidence=evidence,
        contacts=contacts,
        visit_weight=40,
        bootstrap=0,
    )
    e0 = next(r for r in ev.entries if r.entry == "E0")
    assert e0.evidence["calls"]["mystery"] == Decimal(30)
    assert e0.evidence["answer"]["kpi"] == Decimal(50)
    reviews = (Decimal(str(e0.criteria["hiring"])) * 10).quantize(Decimal("0.000001"))
    assert e0.evidence["hiring"]["judge"] == (reviews * 60 + 100 * 40) / 100
    assert "mystery" not in next(r for r in ev.entries if r.entry == "E2").evidence["calls"]


def test_mystery_means():
    table = season(n_entries=2)
    contacts = Contacts(np.array([5, 5]), np.array([1, 1]), np.array([0, 2]), np.array([10.0, 30]))
    means = mystery_means(contacts, table)
    assert means[1, 0] == 10 and means[1, 2] == 30 and np.isnan(means[0]).all()


def test_rank_confidence_is_seeded_and_within_the_category():
    table = season(n_entries=6)
    kwargs = {"method": "mean", "quotas": {None: 2}, "bootstrap": 200}
    first = evaluate(table, framework(), seed=7, **kwargs)
    again = evaluate(table, framework(), seed=7, **kwargs)
    assert [(r.rank_interval, r.p_in_quota) for r in first.entries] == [
        (r.rank_interval, r.p_in_quota) for r in again.entries
    ]
    assert first.seed == 7 and first.bootstrap == 200
    for r in first.entries:
        lo, hi = r.rank_interval
        assert 1 <= lo <= hi <= 6
        assert 0 <= r.p_in_quota <= 1
    assert first.entries[0].p_in_quota > first.entries[-1].p_in_quota


def test_no_quota_no_probability():
    ev = evaluate(season(n_entries=4), framework(), method="mean", bootstrap=50)
    assert all(r.p_in_quota is None and not r.uncertain for r in ev.entries)
    assert all(r.rank_interval is not None for r in ev.entries)


def test_trimmed_note_counts_the_cells():
    table = season(n_entries=3, n_judges=3)
    ev = evaluate(table, framework(), method="trimmed", bootstrap=0)
    assert ev.trim_fallback == 9
    assert ev.notes[0].startswith("trimmed: 9 scored criteria")


def test_disconnected_design_note():
    combined = combine(season(n_entries=2), "mean")
    parts = (Component(0, ("J0",), ("E0",)), Component(1, ("J1",), ("E1",)))
    text = notes(type(combined)(**{**combined.__dict__, "components": parts}))
    assert "disconnected into 2 parts" in text[0]
    assert "equally severe" in text[0]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"quotas": {"A": 3}, "categories": {"E0": "A", "E1": "A"}}, "category 'A'"),
        ({"quotas": {None: 9}}, "quota of the entries: 9 is larger than its 4"),
        ({"quotas": {None: 0}}, "at least 1"),
        ({"categories": {"X": "A"}}, "entry 'X'"),
        ({"evidence": {"X": {}}}, "entry 'X'"),
        ({"evidence": {"E0": {"nope": {"kpi": Decimal(1)}}}}, "'nope' is not a criterion"),
        ({"evidence": {"E0": {"answer": {"kpi": Decimal(101)}}}}, "not a Decimal 0..100"),
        ({"evidence": {"E0": {"answer": {"judge": Decimal(1)}}}}, "unknown kind 'judge'"),
        ({"evidence": {"E0": {"answer": {"kpi": 50.0}}}}, "not a Decimal"),
        ({"visit_weight": 101}, "visit_weight"),
        ({"bootstrap": -1}, "bootstrap"),
        ({"method": "best"}, "method 'best'"),
        (
            {"contacts": Contacts(np.array([1]), np.array([9]), np.array([0]), np.array([1.0]))},
            "entry index",
        ),
        (
            {"contacts": Contacts(np.array([1]), np.array([0]), np.array([0]), np.array([101.0]))},
            "outside 0..100",
        ),
    ],
)
def test_refused_inputs(kwargs, message):
    with pytest.raises(ValueError, match=None) as info:
        evaluate(season(n_entries=4), framework(), **{"method": "mean", "bootstrap": 0, **kwargs})
    assert message in str(info.value)


def test_table_criterion_not_in_the_framework():
    table = ScoreTable.from_rows([("J", "E", "other", 5.0)])
    with pytest.raises(ValueError, match="'other' of the score table is not in the framework"):
        evaluate(table, framework(), method="mean", bootstrap=0)


def test_invalid_framework():
    bad = from_data({**FRAMEWORK, "dimensions": FRAMEWORK["dimensions"][:1]})  # weights sum 50
    with pytest.raises(FrameworkInvalid):
        evaluate(season(n_entries=2), bad, method="mean", bootstrap=0)


# an entry nobody scored has no degrees of freedom, on which reliability's chance
# ratio takes the square root of a negative number
@pytest.mark.filterwarnings("ignore:invalid value encountered in sqrt:RuntimeWarning")
def test_unscored_entry_has_no_total_and_no_interval():
    table = season(n_entries=3)
    table = ScoreTable.from_rows(
        zip(
            (table.judges[j] for j in table.judge),
            (table.entries[e] for e in table.entry),
            (table.criteria[c] for c in table.criterion),
            table.score,
            strict=True,
        ),
        criteria=CODES,
        entries=("E0", "E1", "E2", "nobody"),
    )
    ev = evaluate(table, framework(), method="mean", bootstrap=20)
    last = ev.entries[-1]
    assert (last.entry, last.total, last.rank, last.rank_interval) == ("nobody", None, None, None)
