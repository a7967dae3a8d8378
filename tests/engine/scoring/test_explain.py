"""explain(): one entry's breakdown adds up to its total, and shows each method's
adjustment."""

from __future__ import annotations

import json
from decimal import Decimal

import numpy as np
import pytest

from ccaward.engine.framework import from_data
from ccaward.engine.scoring.evaluate import evaluate
from ccaward.engine.scoring.explain import explain
from ccaward.engine.scoring.results import Contacts
from ccaward.engine.scoring.table import METHODS, Scale, ScoreTable
from ccaward.seasons.defaults import default_framework

TINY = Decimal("1e-20")


def default_season(seed=0, n_entries=6, n_judges=6):
    """The shipped framework: judges score every criterion that takes them; KPI and
    site-visit evidence on some."""
    fw = default_framework()
    judged = [c.code for _d, c, _p in fw.criteria() if c.evidence.get("judge", 0) > 0]
    rng = np.random.default_rng(seed)
    rows = [
        (f"J{j}", f"E{e}", code, round(float(rng.uniform(2, 10)), 1))
        for e in range(n_entries)
        for j in rng.choice(n_judges, 5, replace=False)
        for code in judged
    ]
    table = ScoreTable.from_rows(rows, criteria=[c.code for _d, c, _p in fw.criteria()])
    kpi = [c.code for _d, c, _p in fw.criteria() if c.evidence.get("kpi", 0) > 0]
    evidence = {
        f"E{e}": {
            **{code: {"kpi": Decimal(int(rng.integers(0, 101)))} for code in kpi[e % 2 :: 2]},
            judged[0]: {"visit": Decimal("72.5")},
        }
        for e in range(n_entries)
    }
    mystery = [i for i, c in enumerate(table.criteria) if c in ("service_impression",)]
    contacts = Contacts(
        contact=np.arange(n_entries),
        entry=np.arange(n_entries),
        criterion=np.full(n_entries, mystery[0]),
        score=rng.uniform(0, 100, n_entries),
    )
    return fw, table, evidence, contacts


def lines(explanation):
    for dim in explanation.dimensions:
        for crit in dim.criteria:
            yield crit
            yield from crit.children


def evaluated(method):
    fw, table, evidence, contacts = default_season()
    try:
        ev = evaluate(
            table,
            fw,
            method=method,
            evidence=evidence,
            contacts=contacts,
            visit_weight=30,
            bootstrap=0,
        )
    except NotImplementedError:
        pytest.skip(f"{method} is not available")
    return fw, table, evidence, contacts, ev


@pytest.mark.parametrize("method", METHODS)
def test_contributions_add_up_to_the_total(method):
    fw, table, evidence, contacts, ev = evaluated(method)
    for result in ev.entries:
        x = explain(table, fw, ev, result.entry, evidence=evidence, contacts=contacts)
        assert x.total == result.total and x.rank == result.rank and x.method == method
        assert sum(d.contribution for d in x.dimensions) == x.total
        for dim in x.dimensions:
            top = sum(c.contribution for c in dim.criteria)
            assert abs(top - dim.contribution) < TINY
            assert dim.score == result.dimensions[dim.code]
        every_kind = sum(e.contribution for c in lines(x) for e in c.evidence)
        assert abs(every_kind - x.total) < TINY
        for crit in lines(x):
            if crit.children:
                parts = sum(ch.contribution for ch in crit.children) + sum(
                    e.contribution for e in crit.evidence
                )
                assert abs(parts - crit.contribution) < TINY


def test_the_blend_and_the_visit():
    fw, table, evidence, contacts, ev = evaluated("mean")
    x = explain(table, fw, ev, "E0", evidence=evidence, contacts=contacts)
    by_code = {c.code: c for c in lines(x)}
    first = by_code["strategic_planning"]  # judges only, with a site visit at 30%
    assert first.visit == Decimal("72.5")
    assert first.percent == (Decimal(str(first.combined)) * 10).quantize(Decimal("0.000001"))
    [judge] = first.evidence
    assert judge.score == (first.percent * 70 + Decimal("72.5") * 30) / 100
    assert judge.share == 1 and first.score == judge.score
    assert len(first.judges) == 5
    assert sum(j.weight for j in first.judges) == pytest.approx(1)
    impression = by_code["service_impression"]  # judge 50, mystery 50: both present
    assert [(e.kind, e.share) for e in impression.evidence] == [
        ("judge", Decimal("0.5")),
        ("mystery", Decimal("0.5")),
    ]
    quality = by_code["quality_performance"]  # its own judges' blend and sub-items by KPI
    scored = [ch for ch in quality.children if ch.score is not None]
    missing = [ch for ch in quality.children if ch.score is None]
    assert scored and missing
    assert all(ch.share == Decimal(1) / (len(scored) + 1) for ch in scored)
    assert all(ch.share == 0 and ch.contribution == 0 for ch in missing)
    json.dumps(x.as_dict())


def cell(scores, method):
    fw = from_data(
        {
            "dimensions": [
                {
                    "code": "d",
                    "name": {"zh": "维"},
                    "weight": "100",
                    "criteria": [{"code": "a", "name": {"zh": "甲"}}],
                }
            ]
        }
    )
    rows = [(f"J{i}", "E", "a", s) for i, s in enumerate(scores)]
    table = ScoreTable.from_rows(rows, scale=Scale(0, 10), criteria=["a"])
    ev = evaluate(table, fw, method=method, bootstrap=0)
    [crit] = explain(table, fw, ev, "E").dimensions[0].criteria
    return crit


def test_trimmed_drops_the_highest_and_the_lowest():
    crit = cell([5, 9, 1, 6, 7], "trimmed")
    assert [(j.raw, j.counted) for j in crit.judges] == [
        (1, False),
        (5, True),
        (6, True),
        (7, True),
        (9, False),
    ]
    assert crit.combined == 6 and not crit.trim_fallback
    assert crit.contribution == Decimal(60)


def test_trimmed_with_four_judges_falls_back_to_the_mean():
    crit = cell([5, 9, 1, 6], "trimmed")
    assert all(j.counted for j in crit.judges) and crit.trim_fallback
    assert crit.combined == 5.25


def test_median_counts_the_middle():
    crit = cell([5, 9, 1, 6], "median")
    assert [j.raw for j in crit.judges if j.counted] == [5, 6]
    assert crit.combined == 5.5


def test_zscore_shows_the_judges_mean_and_sd():
    fw, table, evidence, contacts, ev = evaluated("zscore")
    x = explain(table, fw, ev, "E1", evidence=evidence, contacts=contacts)
    judge = x.dimensions[0].criteria[0].judges[0]
    mine = table.score[table.judge == table.judges.index(judge.judge)]
    assert judge.adjustment["judge_mean"] == pytest.approx(mine.mean())
    assert judge.adjustment["judge_sd"] == pytest.approx(mine.std())
    assert judge.adjustment["pooled_sd"] == pytest.approx(table.score.std())
    a = judge.adjustment
    redo = a["pooled_mean"] + a["pooled_sd"] * (judge.raw - a["judge_mean"]) / a["judge_sd"]
    assert judge.adjusted == pytest.approx(redo)


def test_calibrated_shows_severity_and_scale():
    fw, table, evidence, contacts, ev = evaluated("calibrated")
    x = explain(table, fw, ev, "E1", evidence=evidence, contacts=contacts)
    judge = x.dimensions[0].criteria[0].judges[0]
    effect = next(j for j in ev.judges if j.judge == judge.judge)
    a = judge.adjustment
    assert (a["severity"], a["scale"]) == (effect.severity, effect.scale)
    assert a["centre"] == pytest.approx(table.score.mean())
    redo = a["centre"] + (judge.raw - a["centre"] - a["severity"]) / a["scale"]
    assert judge.adjusted == pytest.approx(redo)


def test_unknown_entry():
    fw, table, evidence, contacts, ev = evaluated("mean")
    with pytest.raises(KeyError, match="'nope'"):
        explain(table, fw, ev, "nope")
