"""Simulator: deterministic for a seed, plausible figures, loads in the standard schema."""

from __future__ import annotations

import duckdb
import pytest

from ccaward.engine import interactions, kpi, simulate


def content(paths):
    return duckdb.sql(
        f"SELECT * FROM read_parquet({[str(p) for p in paths]}) ORDER BY contact_id"
    ).fetchall()


def test_deterministic_for_a_seed(tmp_path):
    a = simulate.simulate(centers=1, days=2, seed=7, out_dir=tmp_path / "a")
    b = simulate.simulate(centers=1, days=2, seed=7, out_dir=tmp_path / "b")
    c = simulate.simulate(centers=1, days=2, seed=8, out_dir=tmp_path / "c")
    assert content(a) == content(b)
    assert content(a) != content(c)


def test_plausible_week(tmp_path):
    paths = simulate.simulate(centers=2, days=7, seed=1, out_dir=tmp_path)
    assert [p.name for p in paths] == ["center-01.parquet", "center-02.parquet"]
    con = duckdb.connect()
    report = interactions.load(con, paths)  # policy reject: every row is valid
    assert report.ok and report.rows_loaded > 10_000
    rows = kpi.compute(con, by="center,day")
    assert len(rows) == 14
    for r in rows:
        assert r["offered"] > 500
        assert 0.8 < r["answer_rate"] < 1.0 and r["abandoned"] > 0
        assert r["short_abandoned"] >= 0 and r["ivr_abandoned"] > 0
        assert 0.4 < r["service_level"] <= 1.0
        assert 150 < r["aht_s"] < 450 and r["talk_s"] < r["aht_s"]
        assert 0 < r["transfer_rate"] < 0.2
        assert 1 <= r["csat_avg"] <= 5 and -1 <= r["nps"] <= 1
        assert 0.05 < r["ivr_containment"] < 0.3
        assert r["max_wait_s"] >= r["avg_wait_s"] >= 0
    (week,) = kpi.compute(con, by=(), fcr_days=7)
    assert 0 < week["fcr_rate"] < 1  # some customers call again
    profile = kpi.compute(con, by="interval30")
    assert {r["interval30"] for r in profile} <= {
        f"{h:02d}:{m:02d}" for h in range(24) for m in (0, 30)
    }
    busiest = max(profile, key=lambda r: r["offered"])["interval30"]
    assert "09:00" <= busiest <= "16:00"


def test_rejects_bad_arguments(tmp_path):
    with pytest.raises(ValueError, match="centers"):
        simulate.simulate(centers=0, days=1, seed=0, out_dir=tmp_path)
    with pytest.raises(ValueError, match="days"):
        simulate.simulate(centers=1, days=1.5, seed=0, out_dir=tmp_path)


def test_agent_states_consistent_with_the_queue(tmp_path):
    (path,) = simulate.simulate(centers=1, days=2, seed=4, out_dir=tmp_path)
    states = simulate.agent_states_path(path)
    assert states == tmp_path / "agent_states" / "center-01.parquet"
    assert sorted(p.name for p in tmp_path.glob("*.parquet")) == ["center-01.parquet"]
    con = duckdb.connect()
    interactions.load(con, [path])
    report = interactions.load_agent_states(con, [states])  # reject: no overlaps, all valid
    assert report.ok and report.rows_loaded > 100
    # every answered contact's agent was busy from answer to the end of talk and hold,
    # and the agents were logged in exactly when busy, in ACW or available
    (missing,) = con.execute(
        "SELECT count(*) FROM interactions i WHERE answered_at IS NOT NULL AND NOT EXISTS ("
        "SELECT 1 FROM agent_states s WHERE s.agent_key = i.agent_key AND s.state = 'busy' "
        "AND s.started_at = i.answered_at)"
    ).fetchone()
    assert missing == 0
    logged, working = con.execute(
        "SELECT sum(epoch(ended_at - started_at)) FILTER (WHERE state = 'logged_in'), "
        "sum(epoch(ended_at - started_at)) FILTER (WHERE state <> 'logged_in') FROM agent_states"
    ).fetchone()
    assert working == pytest.approx(logged)
    rows = kpi.compute(con, by="center,day")
    assert len(rows) == 2
    for r in rows:
        assert 0.6 < r["occupancy"] < 0.95
    profile = kpi.compute(con, by="interval30")
    assert all(0 <= r["occupancy"] <= 1 for r in profile)
    (r,) = kpi.compute(con, by=(), resolved_outcomes=["resolved"])
    assert 0.7 < r["fcr_rate"] < 0.9  # 80 % of answered contacts are resolved


def test_schedules_plan_the_shifts_with_a_break_the_agents_work_through(tmp_path):
    (path,) = simulate.simulate(centers=1, days=1, seed=4, out_dir=tmp_path)
    plan = simulate.schedules_path(path)
    assert plan == tmp_path / "schedules" / "center-01.parquet"
    con = duckdb.connect()
    interactions.load(con, [path])
    interactions.load_agent_states(con, [simulate.agent_states_path(path)])
    report = interactions.load_schedules(con, [plan])  # reject: no overlaps, all valid
    assert report.ok and report.rows_loaded > 10
    # every long shift has one 15-minute break in it, at an interval boundary
    breaks, long_runs, off_grid = con.execute(
        "SELECT count(*) FILTER (WHERE activity = 'break'), "
        "count(*) FILTER (WHERE activity = 'break' AND epoch(ended_at - started_at) = 900), "
        "count(*) FILTER (WHERE minute(started_at) NOT IN (0, 30, 45, 15)) FROM schedules"
    ).fetchone()
    assert breaks > 0 and breaks == long_runs and off_grid == 0
    # scheduled work: the agents were on the phones all of it; the planned breaks they
    # worked through are the only time out of adherence
    worked, planned_break, total = con.execute(
        "SELECT sum(epoch(ended_at - started_at)) FILTER (WHERE activity = 'work'), "
        "sum(epoch(ended_at - started_at)) FILTER (WHERE activity = 'break'), "
        "sum(epoch(ended_at - started_at)) FROM schedules"
    ).fetchone()
    (r,) = kpi.compute(con, by=())
    assert r["adherence"] == pytest.approx(worked / total)
    assert r["adherence"] == pytest.approx(1 - planned_break / total)
    assert 0.9 < r["adherence"] < 1


def test_without_agent_states(tmp_path):
    simulate.simulate(centers=1, days=1, seed=4, out_dir=tmp_path, agent_states=False)
    assert not (tmp_path / "agent_states").exists()
    assert not (tmp_path / "schedules").exists()
