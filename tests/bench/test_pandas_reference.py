"""The benchmark's references stay honest: pandas and the hand-written SQL give the
engine's figures on a few thousand simulated records (no Django, no database)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import duckdb
import pytest

from ccaward.engine import interactions, kpi, simulate

BENCH = Path(__file__).resolve().parents[2] / "bench"


def _module(name: str):
    spec = importlib.util.spec_from_file_location(f"bench_{name}", BENCH / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def records(tmp_path_factory):
    out = tmp_path_factory.mktemp("sim")
    return simulate.simulate(centers=2, days=10, seed=7, out_dir=out, daily_volume=250.0)


@pytest.fixture(scope="module")
def engine_rows(records):
    con = duckdb.connect()
    interactions.load(con, records)
    rows = kpi.compute(con, by=("center", "day"))
    con.close()
    return rows


def test_simulated_sample_is_small_but_covers_every_case(records, engine_rows):
    con = duckdb.connect()
    n, ivr, abandons, unidentified = con.execute(
        "SELECT count(*), count(*) FILTER (abandon_point = 'ivr'), "
        "count(*) FILTER (abandon_point = 'queue'), count(*) FILTER (customer_key IS NULL) "
        "FROM read_parquet(?)",
        [[str(p) for p in records]],
    ).fetchone()
    con.close()
    assert 1000 < n < 10000
    assert ivr and abandons and unidentified
    assert len(engine_rows) == 20  # 2 centers x 10 days
    assert all(0 < r["fcr_rate"] < 1 for r in engine_rows)


def test_pandas_reference_gives_the_engine_figures(records, engine_rows):
    pandas_reference = _module("pandas_reference")
    kpi_bench = _module("kpi_bench")
    rows = pandas_reference.compute(records)
    assert [list(r) for r in rows] == [["center", "day", *kpi.INDICATORS]] * len(rows)
    assert kpi_bench.compare(engine_rows, rows, "pandas") == []


@pytest.mark.parametrize(
    "options",
    [
        {"abandon_treatment": "ignored", "sl_seconds": 30},
        {"abandon_treatment": "met", "short_abandon_seconds": 0, "fcr_days": 2},
    ],
)
def test_pandas_reference_follows_the_variants(records, options):
    pandas_reference = _module("pandas_reference")
    kpi_bench = _module("kpi_bench")
    con = duckdb.connect()
    interactions.load(con, records)
    expected = kpi.compute(con, by=("center", "day"), **options)
    con.close()
    assert kpi_bench.compare(expected, pandas_reference.compute(records, **options), "p") == []


def test_handwritten_sql_gives_the_engine_figures(records, engine_rows):
    kpi_bench = _module("kpi_bench")
    con = duckdb.connect()
    rows = kpi_bench.handwritten_rows(con, records)
    con.close()
    assert [list(r) for r in rows] == [["center", "day", *kpi.INDICATORS]] * len(rows)
    assert kpi_bench.compare(engine_rows, rows, "handwritten") == []


def test_compare_catches_a_difference(engine_rows):
    kpi_bench = _module("kpi_bench")
    changed = [dict(r) for r in engine_rows]
    changed[0]["fcr_rate"] *= 1 + 1e-6
    changed[1]["answered"] += 1
    problems = kpi_bench.compare(engine_rows, changed, "x")
    assert len(problems) == 2
    assert kpi_bench.compare(engine_rows, changed[1:], "x")  # a missing group
