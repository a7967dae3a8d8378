"""KPI engine: hand-computed figures on small tables (no database, no Django)."""

from __future__ import annotations

import argparse
import datetime as dt
import json
from pathlib import Path

import duckdb
import pytest

from ccaward import cli_kpi
from ccaward.engine import interactions, kpi, simulate

T0 = dt.datetime(2024, 1, 1, 8, 0, 0)
BANK = Path(__file__).parents[3] / "shared/datasets/anonymous_bank_1999_08/calls.csv"
BANK_MAPPING = interactions.MAPPINGS_DIR / "anonymous_bank_1999_08.yaml"


def at(seconds):
    return None if seconds is None else T0 + dt.timedelta(seconds=seconds)


def contact(cid, arr, q=None, ans=None, end=None, **extra):
    row = {
        "contact_id": cid,
        "center": "A",
        "channel": "voice",
        "arrived_at": at(arr),
        "queued_at": at(q),
        "answered_at": at(ans),
        "ended_at": at(end),
    }
    row.update(extra)
    return row


def table(rows):
    con = duckdb.connect()
    interactions.create_table(con)
    for row in rows:
        cols = ", ".join(row)
        con.execute(
            f"INSERT INTO interactions ({cols}) VALUES ({', '.join('?' * len(row))})",
            list(row.values()),
        )
    return con


# Eight contacts, waits in seconds: answered 10, 18, 30; queue abandons after 3 (short),
# 12 and 50; one IVR hang-up; one contact contained in the IVR.
ROWS = [
    contact(
        "c1",
        0,
        10,
        20,
        200,
        talk_s=180,
        hold_s=20,
        acw_s=30,
        customer_key="u1",
        transferred=False,
        csat=5,
        nps=10,
    ),
    contact(
        "c2",
        0,
        10,
        28,
        150,
        talk_s=100,
        hold_s=0,
        acw_s=20,
        customer_key="u2",
        transferred=True,
        csat=4,
        nps=9,
    ),
    contact("c3", 0, 10, 40, 240, talk_s=200, transferred=False, csat=2, nps=3),
    contact("c4", 0, 10, None, 13, abandon_point="queue"),
    contact("c5", 0, 10, None, 22, abandon_point="queue"),
    contact("c6", 300, 310, None, 360, abandon_point="queue", customer_key="u2"),
    contact("c7", 0, None, None, 30, abandon_point="ivr"),
    contact("c8", 0, None, None, 60),
]


@pytest.fixture
def con():
    c = table(ROWS)
    yield c
    c.close()


def one(con, **kw):
    rows = kpi.compute(con, by=(), **kw)
    assert len(rows) == 1
    return rows[0]


def test_every_indicator_by_hand(con):
    r = one(con)
    assert list(r) == list(kpi.INDICATORS)
    assert (r["offered"], r["answered"], r["abandoned"]) == (5, 3, 2)
    assert (r["short_abandoned"], r["ivr_abandoned"]) == (1, 1)
    assert r["answer_rate"] == pytest.approx(3 / 5)
    assert r["answer_rate_15s"] == pytest.approx(1 / 5)
    assert r["answer_rate_20s"] == pytest.approx(2 / 5)
    assert r["abandon_rate"] == pytest.approx(2 / 5)
    assert r["service_level"] == pytest.approx(2 / 5)
    assert r["asa_s"] == pytest.approx((10 + 18 + 30) / 3)
    assert r["avg_wait_s"] == pytest.approx((10 + 18 + 30 + 3 + 12 + 50) / 6)
    assert r["max_wait_s"] == pytest.approx(50)
    assert r["aht_s"] == pytest.approx((230 + 120 + 200) / 3)
    assert r["talk_s"] == pytest.approx((180 + 100 + 200) / 3)
    assert r["hold_s"] == pytest.approx(10)
    assert r["acw_s"] == pytest.approx(25)
    assert r["transfer_rate"] == pytest.approx(1 / 3)
    # identified answered: c1 (u1, no repeat) and c2 (u2, calls again 5 min later as c6)
    assert r["fcr_rate"] == pytest.approx(1 / 2)
    assert r["csat_avg"] == pytest.approx(11 / 3)
    assert r["csat_top2"] == pytest.approx(2 / 3)
    assert r["nps"] == pytest.approx((2 - 1) / 3)
    assert r["ivr_containment"] == pytest.approx(2 / 8)
    assert r["occupancy"] is None


def test_abandon_treatments(con):
    assert one(con, abandon_treatment="failed")["service_level"] == pytest.approx(2 / 5)
    assert one(con, abandon_treatment="ignored")["service_level"] == pytest.approx(2 / 3)
    # met: c5 abandoned after 12 s <= 20 s counts as met; c6 (50 s) does not
    assert one(con, abandon_treatment="met")["service_level"] == pytest.approx(3 / 5)
    assert one(con, abandon_treatment="met", sl_seconds=60)["service_level"] == pytest.approx(1)


def test_short_abandon_threshold_zero_keeps_every_abandon(con):
    r = one(con, short_abandon_seconds=0)
    assert (r["offered"], r["abandoned"], r["short_abandoned"]) == (6, 3, 0)
    assert r["abandon_rate"] == pytest.approx(3 / 6)
    assert r["service_level"] == pytest.approx(2 / 6)
    assert one(con, short_abandon_seconds=0, abandon_treatment="met")[
        "service_level"
    ] == pytest.approx(4 / 6)
    r = one(con, short_abandon_seconds=15)
    assert (r["offered"], r["abandoned"], r["short_abandoned"]) == (4, 1, 2)


def test_fcr_window_edge_exactly_n_days():
    week = 7 * 86400
    con = table(
        [
            contact("a", 0, 5, 10, 100, customer_key="k", talk_s=90),
            contact("b", week, week + 5, week + 10, week + 100, customer_key="k", talk_s=90),
            contact("c", 0, 5, 10, 100, customer_key=None, talk_s=90),
            contact("d", 0, 5, 10, 100, customer_key="m", talk_s=90),
            contact("e", week + 1, None, None, week + 20, customer_key="m", abandon_point="ivr"),
        ]
    )
    # fcr_days=7: a is repeated exactly 7 days later (counts as a repeat), d is not
    # (7 days + 1 s); b has no later contact; c is unidentified and left out
    assert one(con, fcr_days=7)["fcr_rate"] == pytest.approx(2 / 3)
    assert one(con, fcr_days=6)["fcr_rate"] == pytest.approx(1)
    assert one(con, fcr_days=8)["fcr_rate"] == pytest.approx(1 / 3)


def test_fcr_from_outcome_codes():
    con = table(
        [
            contact("a", 0, 5, 10, 100, talk_s=90, outcome="RES", customer_key="k"),
            contact("b", 60, 65, 70, 100, talk_s=90, outcome="CB", customer_key="k"),
            contact("c", 0, 5, 10, 100, talk_s=90, outcome="RES2"),
            contact("d", 0, 5, 10, 100, talk_s=90),  # no outcome: left out
            contact("e", 0, 5, None, 100, outcome="RES"),  # not answered: left out
        ]
    )
    # repeat is the default: a is repeated by b; c, d unidentified
    assert one(con)["fcr_rate"] == pytest.approx(1 / 2)
    by_codes = one(con, resolved_outcomes=["RES", "RES2"])  # codes given: outcome method
    assert by_codes["fcr_rate"] == pytest.approx(2 / 3)
    assert one(con, fcr_method="outcome", resolved_outcomes="RES")["fcr_rate"] == pytest.approx(
        1 / 3
    )
    assert one(con, fcr_method="repeat", resolved_outcomes=["RES"])["fcr_rate"] == 0.5
    with pytest.raises(ValueError, match="resolved outcome codes"):
        kpi.compute(con, fcr_method="outcome")
    with pytest.raises(ValueError, match="fcr_method"):
        kpi.compute(con, fcr_method="survey")
    assert "lead(" not in kpi.compute_sql(fcr_method="outcome", resolved_outcomes=["x"])


def test_fcr_codes_declared_by_the_mapping(tmp_path):
    src = tmp_path / "in.csv"
    src.write_text(CSV_OUTCOME, encoding="utf-8")
    con = duckdb.connect()
    mapping = {"identity": True, "resolved_outcomes": ["ok", 7]}
    interactions.load(con, [src], mapping=mapping)
    assert one(con)["fcr_rate"] == 1.0  # outcome method: the answered contact is "ok"
    assert one(con, fcr_method="repeat")["fcr_rate"] is None  # no identified customers
    interactions.load(con, [src], replace=True)  # a mapping without codes: repeat again
    assert kpi.fcr_settings(con) == ("repeat", ())
    with pytest.raises(ValueError, match="resolved_outcomes must be"):
        interactions.load(con, [src], mapping={"identity": True, "resolved_outcomes": "ok"})


def test_empty_denominators_give_null():
    con = table([contact("x", 0, None, None, 10, abandon_point="ivr")])
    r = one(con)
    assert (r["offered"], r["answered"], r["ivr_abandoned"]) == (0, 0, 1)
    for key in ("answer_rate", "service_level", "asa_s", "aht_s", "fcr_rate", "csat_avg", "nps"):
        assert r[key] is None
    assert r["ivr_containment"] == 1.0


def test_group_keys():
    con = table(
        [
            contact("a", 0, 5, 10, 100, talk_s=90),
            contact("b", 86400 * 6 + 1000, 86400 * 6 + 1005, None, 86400 * 6 + 1100),
        ]
    )
    rows = kpi.compute(con, by="center,day")
    assert [(r["center"], r["day"]) for r in rows] == [("A", "2024-01-01"), ("A", "2024-01-07")]
    rows = kpi.compute(con, by=["week", "month", "year"])
    assert [(r["week"], r["month"], r["year"]) for r in rows] == [("2024-01-01", "2024-01", 2024)]
    rows = kpi.compute(con, by="interval15,interval30")
    assert [(r["interval15"], r["interval30"]) for r in rows] == [
        ("08:00", "08:00"),
        ("08:15", "08:00"),
    ]
    with pytest.raises(ValueError, match="unknown group key"):
        kpi.compute(con, by="hour")
    with pytest.raises(ValueError, match="abandon_treatment"):
        kpi.compute(con, abandon_treatment="maybe")
    with pytest.raises(ValueError, match="fcr_days"):
        kpi.compute(con, fcr_days=-1)


def test_spill_settings(con):
    kpi.compute(con, memory_limit="512MB")
    assert con.execute("SELECT current_setting('preserve_insertion_order')").fetchone()[0] is False
    assert "ccaward-duckdb" in con.execute("SELECT current_setting('temp_directory')").fetchone()[0]


@pytest.mark.skipif(not BANK.is_file(), reason="bank dataset not present")
def test_bank_dataset_with_shipped_mapping():
    con = duckdb.connect()
    report = interactions.load(con, [BANK], mapping=BANK_MAPPING)
    assert report.ok and report.rows_read == 42078 - 310  # PHANTOM rows filtered out
    (r,) = kpi.compute(con, by="center,month")
    assert r["offered"] > 0 and r["ivr_abandoned"] > 0
    assert (r["offered"], r["answered"], r["ivr_abandoned"]) == (38433, 31402, 3057)
    assert r["abandoned"] + r["short_abandoned"] == 7309  # HANG after a queue entry
    assert r["answer_rate"] == pytest.approx(31402 / 38433)


# ---------------------------------------------------------------------------- CLI


def cli(argv):
    parser = argparse.ArgumentParser(prog="ccaward")
    cli_kpi.add_parser(parser.add_subparsers())
    args = parser.parse_args(argv)
    return args.func(args)


CSV_TEXT = (
    "contact_id,center,channel,arrived_at,queued_at,answered_at,ended_at,talk_s\n"
    "1,A,voice,2024-01-01 08:00:00,2024-01-01 08:00:10,2024-01-01 08:00:20,"
    "2024-01-01 08:05:00,280\n"
    "2,A,voice,2024-01-01 09:00:00,2024-01-01 09:00:10,,2024-01-01 09:01:00,\n"
)


CSV_OUTCOME = (
    CSV_TEXT.replace("talk_s\n", "talk_s,outcome\n")
    .replace(",280\n", ",280,ok\n")
    .replace("09:01:00,\n", "09:01:00,,\n")
)


def test_cli_compute_json_and_csv(tmp_path, capsys):
    src = tmp_path / "in.csv"
    src.write_text(CSV_TEXT, encoding="utf-8")
    assert cli(["kpi", "compute", str(src), "--by", "center"]) == 0
    out = json.loads(capsys.readouterr().out)
    (row,) = out["rows"]
    assert (row["center"], row["offered"], row["answered"], row["abandoned"]) == ("A", 2, 1, 1)
    assert row["service_level"] == 0.5
    assert cli(["kpi", "compute", str(src), "--format", "csv", "--by", "day"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("day,offered,answered")
    assert lines[1].startswith("2024-01-01,2,1,1")
    target = tmp_path / "out.parquet"
    assert cli(["kpi", "compute", str(src), "--format", "parquet", "--out", str(target)]) == 0
    assert duckdb.sql(f"SELECT offered FROM '{target}'").fetchall() == [(2,)]


def test_cli_compute_xlsx(tmp_path, capsys):
    import openpyxl

    src = tmp_path / "in.csv"
    src.write_text(CSV_TEXT + "2,A,voice,2024-01-02 10:00:00,,,,\n", encoding="utf-8")
    target = tmp_path / "out.xlsx"
    argv = ["kpi", "compute", str(src), "--format", "xlsx", "--out", str(target)]
    assert cli([*argv, "--on-bad-rows", "skip"]) == 0
    book = openpyxl.load_workbook(target, read_only=True)
    assert book.sheetnames == ["indicators", "load report"]
    table = list(book["indicators"].iter_rows(values_only=True))
    assert table[0][:5] == ("center", "day", "offered", "answered", "abandoned")
    assert len(table[0]) == 2 + len(kpi.INDICATORS)
    row = dict(zip(table[0], table[1], strict=False))  # trailing empty cells are not stored
    assert (row["center"], row["day"], row["offered"], row["service_level"]) == (
        "A",
        dt.datetime(2024, 1, 1),
        2,
        0.5,
    )
    assert row.get("occupancy") is None
    report = list(book["load report"].iter_rows(values_only=True))
    assert ("rows skipped", 1) in [r[:2] for r in report]
    header = report.index(("rule", "count", "first rows", "file", "message"))
    assert report[header + 1][:4] == ("duplicate_contact_id", 1, "3", str(src))
    book.close()
    assert cli(argv[:-2]) == 2
    assert "--format xlsx needs --out" in capsys.readouterr().err


class FakeTTY:
    def __init__(self):
        self.text = ""

    def write(self, text):
        self.text += text

    def flush(self):
        pass

    def isatty(self):
        return True


def test_cli_progress_bars_only_on_a_terminal(tmp_path, capsys, monkeypatch):
    src = tmp_path / "in.csv"
    src.write_text(CSV_TEXT, encoding="utf-8")
    argv = ["kpi", "compute", str(src), str(src), "--on-bad-rows", "skip"]
    assert cli(argv) == 0
    assert "skipped" in capsys.readouterr().err  # no bar when stderr is not a terminal
    tty = FakeTTY()
    monkeypatch.setattr("sys.stderr", tty)
    assert cli(argv) == 0
    assert "load:" in tty.text and "2/2" in tty.text and "compute:" in tty.text
    assert json.loads(capsys.readouterr().out)["rows"]  # stdout holds the result only
    tty.text = ""
    out = tmp_path / "o.parquet"
    assert cli([*argv[:3], "--format", "parquet", "--out", str(out)]) == 0
    assert "compute:" in tty.text and "1/1" in tty.text


def test_engine_progress_callbacks(tmp_path):
    src = tmp_path / "in.csv"
    src.write_text(CSV_TEXT, encoding="utf-8")
    other = tmp_path / "b.csv"
    other.write_text(CSV_TEXT.replace("\n1,", "\n3,").replace("\n2,", "\n4,"), "utf-8")
    calls = []
    con = duckdb.connect()
    interactions.load(con, [src, other], progress=lambda *a: calls.append(a))
    assert calls[0] == (0, 2, "reading in.csv") and calls[1] == (1, 2, "reading b.csv")
    assert [c[:2] for c in calls[2:]] == [(2, 2), (2, 2)]
    calls.clear()
    kpi.compute(con, progress=lambda *a: calls.append(a))
    assert [c[:2] for c in calls] == [(0, 1), (1, 1)]


def test_cli_fcr_method(tmp_path, capsys):
    src = tmp_path / "in.csv"
    src.write_text(CSV_OUTCOME, encoding="utf-8")
    base = ["kpi", "compute", str(src), "--by", ""]
    assert cli([*base, "--resolved-outcomes", "ok,done"]) == 0
    assert json.loads(capsys.readouterr().out)["rows"][0]["fcr_rate"] == 1.0
    assert cli([*base, "--resolved-outcomes", "done", "--fcr-method", "outcome"]) == 0
    assert json.loads(capsys.readouterr().out)["rows"][0]["fcr_rate"] == 0.0
    assert cli([*base, "--resolved-outcomes", "ok", "--fcr-method", "repeat"]) == 0
    assert json.loads(capsys.readouterr().out)["rows"][0]["fcr_rate"] is None
    assert cli([*base, "--fcr-method", "outcome"]) == 2
    assert "needs the resolved outcome codes" in capsys.readouterr().err
    mapping = tmp_path / "m.yaml"
    mapping.write_text("identity: true\nresolved_outcomes: [ok]\n", encoding="utf-8")
    out = tmp_path / "o.parquet"
    assert cli([*base, "--mapping", str(mapping), "--format", "parquet", "--out", str(out)]) == 0
    assert duckdb.sql(f"SELECT fcr_rate FROM '{out}'").fetchall() == [(1.0,)]


def test_cli_agent_states(tmp_path, capsys):
    (path,) = simulate.simulate(centers=1, days=1, seed=2, out_dir=tmp_path)
    states = simulate.agent_states_path(path)
    base = ["kpi", "compute", str(path), "--by", "center"]
    assert cli(base) == 0
    assert json.loads(capsys.readouterr().out)["rows"][0]["occupancy"] is None
    assert cli([*base, "--agent-states", str(states)]) == 0
    out = json.loads(capsys.readouterr().out)
    assert 0.5 < out["rows"][0]["occupancy"] < 1
    assert out["agent_states_load"]["rows_loaded"] > 0
    assert out["rows"][0]["adherence"] is None and "schedules_load" not in out
    plan = simulate.schedules_path(path)
    assert cli([*base, "--agent-states", str(states), "--schedules", str(plan)]) == 0
    out = json.loads(capsys.readouterr().out)
    assert 0.9 < out["rows"][0]["adherence"] < 1
    assert out["schedules_load"]["rows_loaded"] > 0
    bad_plan = tmp_path / "plan.csv"
    bad_plan.write_text(
        "agent_key,center,activity,started_at,ended_at\n"
        "a,center-01,lunch,2024-01-01 09:00:00,2024-01-01 10:00:00\n",
        encoding="utf-8",
    )
    assert cli([*base, "--agent-states", str(states), "--schedules", str(bad_plan)]) == 2
    assert "out_of_range: 1 row(s) (rows 1)" in capsys.readouterr().err
    target = tmp_path / "o.parquet"
    assert (
        cli([*base, "--agent-states", str(states), "--format", "parquet", "--out", str(target)])
        == 0
    )
    ((occ,),) = duckdb.sql(f"SELECT occupancy FROM '{target}'").fetchall()
    assert occ == pytest.approx(out["rows"][0]["occupancy"])
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "agent_key,center,state,started_at,ended_at\n"
        "a,center-01,busy,2024-01-01 09:00:00,2024-01-01 08:00:00\n",
        encoding="utf-8",
    )
    assert cli([*base, "--agent-states", str(bad)]) == 2
    assert "ended_before_started: 1 row(s) (rows 1)" in capsys.readouterr().err
    xlsx = tmp_path / "o.xlsx"
    assert (
        cli(
            [
                *base,
                "--agent-states",
                str(bad),
                str(states),
                "--on-bad-rows",
                "skip",
                "--format",
                "xlsx",
                "--out",
                str(xlsx),
            ]
        )
        == 0
    )
    assert "skipped 1 row(s) (ended_before_started)" in capsys.readouterr().err
    import openpyxl

    book = openpyxl.load_workbook(xlsx, read_only=True)
    report = [r[0] for r in book["load report"].iter_rows(values_only=True) if r]
    assert "interaction records" in report and "agent states" in report
    assert "ended_before_started" in report
    book.close()


def test_cli_errors(tmp_path, capsys):
    assert cli(["kpi", "compute", str(tmp_path / "nope.csv")]) == 2
    assert capsys.readouterr().err.startswith("ccaward kpi: error: input rejected: unreadable")
    bad = tmp_path / "bad.csv"
    bad.write_text(CSV_TEXT + "2,A,voice,2024-01-01 10:00:00,,,,\n", encoding="utf-8")
    assert cli(["kpi", "compute", str(bad)]) == 2
    assert "duplicate_contact_id: 1 row(s) (rows 3)" in capsys.readouterr().err
    assert cli(["kpi", "compute", str(bad), "--on-bad-rows", "skip", "--by", ""]) == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out)["load"]["rows_skipped"] == 1
    assert "skipped 1 row(s) (duplicate_contact_id)" in captured.err
    assert cli(["kpi", "compute", str(bad), "--by", "hour"]) == 2
    assert "unknown group key" in capsys.readouterr().err
    good = tmp_path / "good.csv"
    good.write_text(CSV_TEXT, encoding="utf-8")
    # an output nobody can write is refused before anything is computed
    missing = tmp_path / "no-such-dir" / "out.json"
    assert cli(["kpi", "compute", str(good), "--out", str(missing)]) == 2
    assert "the directory" in capsys.readouterr().err and not missing.parent.exists()
    (tmp_path / "taken").mkdir()
    assert cli(["kpi", "compute", str(good), "--out", str(tmp_path / "taken")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("ccaward kpi: error: --out") and "Traceback" not in err
    assert cli(["kpi", "compute", str(good), "--schedules", str(good)]) == 2
    assert "--schedules needs --agent-states" in capsys.readouterr().err
    assert cli(["kpi", "compute", str(good), "--fcr-method", "outcome"]) == 2
    assert "--resolved-outcomes" in capsys.readouterr().err


def test_cli_simulate(tmp_path, capsys):
    assert (
        cli(
            [
                "kpi",
                "simulate",
                "--centers",
                "1",
                "--days",
                "1",
                "--seed",
                "3",
                "--out",
                str(tmp_path),
            ]
        )
        == 0
    )
    assert capsys.readouterr().out.strip().endswith("center-01.parquet")
    assert cli(["kpi", "simulate", "--centers", "0", "--days", "1", "--out", str(tmp_path)]) == 2
    assert "centers must be" in capsys.readouterr().err


def test_staffing_intervals_count_logged_in_time_per_interval():
    import datetime as dt

    import duckdb

    from ccaward.engine import interactions, kpi

    con = duckdb.connect()
    interactions.create_table(con)
    interactions.create_agent_states_table(con)
    t0 = dt.datetime(2026, 3, 2, 9, 0)
    rows = [  # two calls in 09:00-09:30, one in 09:30-10:00 (unanswered)
        (
            "a",
            "C",
            "voice",
            t0,
            t0 + dt.timedelta(seconds=5),
            t0 + dt.timedelta(seconds=10),
            100.0,
            20.0,
        ),
        (
            "b",
            "C",
            "voice",
            t0,
            t0 + dt.timedelta(minutes=5),
            t0 + dt.timedelta(minutes=6),
            200.0,
            40.0,
        ),
        ("c", "C", "voice", t0, t0 + dt.timedelta(minutes=40), None, None, None),
    ]
    for cid, center, channel, arrived, queued, answered, talk, acw in rows:
        con.execute(
            "INSERT INTO interactions (contact_id, center, channel, arrived_at, queued_at, "
            "answered_at, talk_s, acw_s) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [cid, center, channel, arrived, queued, answered, talk, acw],
        )
    sessions = [
        ("x", t0, t0 + dt.timedelta(hours=1)),
        ("y", t0 + dt.timedelta(minutes=15), t0 + dt.timedelta(minutes=45)),
    ]
    for agent, start, end in sessions:
        con.execute(
            "INSERT INTO agent_states (agent_key, center, state, started_at, ended_at) "
            "VALUES (?, 'C', 'logged_in', ?, ?)",
            [agent, start, end],
        )
    got = kpi.staffing_intervals(con)
    assert [(r[0], r[1], r[2], r[3]) for r in got] == [
        (t0, 2, (120.0 + 240.0) / 2, 1.5),  # x whole, y half
        (t0 + dt.timedelta(minutes=30), 1, None, 1.5),
    ]


def test_figures_from_monthly_totals():
    import pytest as _pytest

    from ccaward.engine import kpi

    rows = [
        {
            "offered": 1000,
            "answered": 900,
            "abandoned": 100,
            "answered_within_sl": 800,
            "aht_s": 200.0,
        },
        {
            "offered": 3000,
            "answered": 2900,
            "abandoned": 100,
            "answered_within_sl": 2400,
            "aht_s": 300.0,
        },
    ]
    f = kpi.from_monthly(rows)
    assert (f["offered"], f["answered"], f["abandoned"]) == (4000, 3800, 200)
    assert f["answer_rate"] == _pytest.approx(0.95)
    assert f["service_level"] == _pytest.approx(0.8)
    assert f["aht_s"] == _pytest.approx((900 * 200 + 2900 * 300) / 3800)
    assert f["fcr_rate"] is None and set(f) == set(kpi.INDICATORS)
    with _pytest.raises(ValueError, match=r"rows\[0\]: answered \+ abandoned exceed offered"):
        kpi.from_monthly([dict(rows[0], abandoned=200)])
    with _pytest.raises(ValueError, match=r"rows\[1\].offered"):
        kpi.from_monthly([rows[0], dict(rows[1], offered=-1)])


def test_the_figures_read_only_standard_columns():
    sql = kpi.compute_sql(by=("channel", "day"))
    base = sql.split("), flagged")[0]
    assert "SELECT center, channel, arrived_at, queued_at" in base
    for unused in ("agent_key", "SELECT *", "contact_id", "customer_key"):
        assert unused not in base
    # the repeat window carries only what it needs through its sort
    window = sql.split("fcr AS (")[1].split("), figures")[0]
    assert "SELECT channel, center, arrived_at," in window
    for unused in ("talk_s", "csat", "abandon_point", "SELECT *"):
        assert unused not in window
    # FCR from outcome codes needs no window
    sql = kpi.compute_sql(by=("day",), fcr_method="outcome", resolved_outcomes=("ok",))
    assert "lead(" not in sql and "fcr AS" not in sql


def test_fcr_grouped_by_a_key_that_may_be_null():
    """The repeat pass joins the figures on the group keys null-safely."""
    week = 7 * 86400
    con = table(
        [
            contact("a", 0, 5, 10, 100, channel=None, customer_key="k", talk_s=90),
            contact("b", 3600, 3605, 3610, 3700, channel=None, customer_key="k", talk_s=90),
            contact("c", 0, 5, 10, 100, customer_key="m", talk_s=90),
            contact("d", week + 1, week + 5, week + 9, week + 50, customer_key="m", talk_s=9),
            contact("e", 0, 5, 10, 100, queue=None, customer_key=None, talk_s=90),
        ]
    )
    rows = {r["channel"]: r for r in kpi.compute(con, by="channel")}
    # NULL channel: a is repeated by b an hour later, b is not -> 1/2
    assert rows[None]["fcr_rate"] == pytest.approx(1 / 2)
    assert rows[None]["answered"] == 2
    # voice: c (next contact 7 days + 1 s later) and d resolved; e unidentified
    assert rows["voice"]["fcr_rate"] == pytest.approx(1)
    assert rows["voice"]["answered"] == 3
    rows = {r["queue"]: r for r in kpi.compute(con, by="queue")}
    assert list(rows) == [None] and rows[None]["fcr_rate"] == pytest.approx(3 / 4)
    (overall,) = kpi.compute(con, by=())
    assert overall["fcr_rate"] == pytest.approx(3 / 4) and overall["offered"] == 5
