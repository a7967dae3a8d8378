"""Agents' schedules: loader rules with row numbers, and adherence by hand."""

from __future__ import annotations

import datetime as dt

import duckdb
import pytest

from ccaward.engine import interactions, kpi

HEADER = "agent_key,center,activity,started_at,ended_at\n"


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


BAD = (
    HEADER
    + "a1,A,work,2024-01-01 08:00:00,2024-01-01 12:00:00\n"  # row 1: good
    + "a1,A,break,2024-01-01 10:00:00,2024-01-01 10:15:00\n"  # row 2: overlaps row 1
    + "a1,A,work,2024-01-01 12:00:00,2024-01-01 13:00:00\n"  # row 3: touches row 1: good
    + "a1,A,nap,2024-01-01 14:00:00,2024-01-01 14:30:00\n"  # row 4: unknown activity
    + "a1,A,work,2024-01-01 16:00:00,2024-01-01 15:00:00\n"  # row 5: ends before it starts
    + "a1,A,work,2024-13-01 17:00:00,2024-01-01 17:30:00\n"  # row 6: bad timestamp
    + "a2,,work,2024-01-01 08:00:00,2024-01-01 12:00:00\n"  # row 7: no center
    + "a2,A,training,2024-01-01 08:00:00,2024-01-01 09:00:00\n"  # row 8: good
    + "a1,B,work,2024-01-01 10:00:00,2024-01-01 11:00:00\n"  # row 9: another center: good
)
EXPECTED = {
    "overlapping_interval": (1, (2,)),
    "out_of_range": (1, (4,)),
    "ended_before_started": (1, (5,)),
    "unparseable_timestamp": (1, (6,)),
    "missing_value": (1, (7,)),
}


def test_rules_with_row_numbers(tmp_path):
    path = write(tmp_path, "schedules.csv", BAD)
    con = duckdb.connect()
    with pytest.raises(interactions.LoadError) as exc:
        interactions.load_schedules(con, [path])
    assert {i.rule: (i.count, i.rows) for i in exc.value.report.issues} == EXPECTED
    messages = {i.rule: i.message for i in exc.value.report.issues}
    assert messages["out_of_range"] == (
        "activity NOT IN ('work', 'break', 'meeting', 'training', 'other'): 1 (first row 4)"
    )
    assert messages["missing_value"] == "center: 1 (first row 7)"
    assert con.execute("SELECT count(*) FROM schedules").fetchone() == (0,)
    report = interactions.load_schedules(con, [path], policy="skip")
    assert (report.rows_read, report.rows_loaded, report.rows_skipped) == (9, 4, 5)
    con.execute("COPY schedules TO '%s' (HEADER)" % (tmp_path / "clean.csv"))
    assert interactions.load_schedules(con, [tmp_path / "clean.csv"], replace=True).ok


def test_a_mapping_renames_the_schedule_columns(tmp_path):
    path = write(
        tmp_path,
        "plan.csv",
        "坐席,中心,班次类型,开始,结束\n"
        "a1,A,上班,2024/01/01 08:00,2024/01/01 12:00\n"
        "a1,A,小休,2024/01/01 12:00,2024/01/01 12:15\n",
    )
    mapping = {
        "renames": {
            "agent_key": "坐席",
            "center": "中心",
            "activity": "班次类型",
            "started_at": "开始",
            "ended_at": "结束",
        },
        "formats": {"started_at": "%Y/%m/%d %H:%M", "ended_at": "%Y/%m/%d %H:%M"},
        "values": {"activity": {"上班": "work", "小休": "break"}},
    }
    con = duckdb.connect()
    assert interactions.load_schedules(con, [path], mapping=mapping).ok
    assert con.execute("SELECT activity, started_at FROM schedules ORDER BY 2").fetchall() == [
        ("work", dt.datetime(2024, 1, 1, 8)),
        ("break", dt.datetime(2024, 1, 1, 12)),
    ]


def _at(hhmm: str) -> dt.datetime:
    h, m = hhmm.split(":")
    return dt.datetime(2024, 1, 1, int(h), int(m))


def _con(states, schedules):
    con = duckdb.connect()
    interactions.create_table(con)
    con.execute(
        "INSERT INTO interactions (contact_id, center, channel, arrived_at) VALUES "
        "('c1', 'A', 'voice', TIMESTAMP '2024-01-01 08:40:00'), "
        "('c2', 'A', 'webchat', TIMESTAMP '2024-01-01 09:10:00')"
    )
    interactions.create_agent_states_table(con)
    for agent, state, lo, hi in states:
        con.execute(
            "INSERT INTO agent_states VALUES (?, 'A', ?, ?, ?)", [agent, state, _at(lo), _at(hi)]
        )
    interactions.create_schedules_table(con)
    for agent, activity, lo, hi in schedules:
        con.execute(
            "INSERT INTO schedules VALUES (?, 'A', ?, ?, ?)", [agent, activity, _at(lo), _at(hi)]
        )
    return con


STATES = [
    ("a1", "logged_in", "08:05", "10:00"),
    ("a1", "available", "08:05", "08:30"),
    ("a1", "busy", "08:30", "09:05"),  # runs 5 min into the scheduled break
    ("a1", "break", "09:05", "09:20"),  # comes back 5 min after the break should end
    ("a1", "available", "09:20", "10:00"),
]
SCHEDULE = [
    ("a1", "work", "08:00", "09:00"),  # on the phones 08:05-09:00: 55 of 60 min
    ("a1", "break", "09:00", "09:15"),  # off the phones 09:05-09:15: 10 of 15 min
    ("a1", "work", "09:15", "10:00"),  # on the phones 09:20-10:00: 40 of 45 min
]


def test_adherence_by_hand():
    con = _con(STATES, SCHEDULE)
    (row,) = kpi.compute(con, by="center")
    assert row["adherence"] == pytest.approx((55 + 10 + 40) / 120)
    # a second agent scheduled for training who never logs on is in adherence
    con.execute(
        "INSERT INTO schedules VALUES ('a2', 'A', 'training', ?, ?)", [_at("08:00"), _at("09:00")]
    )
    (row,) = kpi.compute(con, by="center")
    assert row["adherence"] == pytest.approx((55 + 10 + 40 + 60) / 180)
    # ... and one scheduled to work who never logs on is not
    con.execute(
        "INSERT INTO schedules VALUES ('a3', 'A', 'work', ?, ?)", [_at("08:00"), _at("09:00")]
    )
    (row,) = kpi.compute(con, by="center")
    assert row["adherence"] == pytest.approx((55 + 10 + 40 + 60) / 240)


def test_adherence_is_split_at_period_boundaries():
    con = _con(STATES, SCHEDULE)
    rows = {r["interval30"]: r["adherence"] for r in kpi.compute(con, by="interval30")}
    # the contacts arrived at 08:40 and 09:10: those intervals have figures
    assert set(rows) == {"08:30", "09:00"}
    assert rows["08:30"] == pytest.approx(1.0)  # worked all of 08:30-09:00
    # 09:00-09:30: break 09:00-09:15 (10 min off the phones), work 09:15-09:30 (10 min on)
    assert rows["09:00"] == pytest.approx(20 / 30)


def test_adherence_needs_schedules_and_states_and_has_no_channel():
    con = _con(STATES, SCHEDULE)
    assert all(r["adherence"] is None for r in kpi.compute(con, by="channel"))
    con.execute("DELETE FROM agent_states")
    (row,) = kpi.compute(con, by="center")
    assert row["adherence"] is None and row["occupancy"] is None
    con = _con(STATES, [])
    (row,) = kpi.compute(con, by="center")
    assert row["adherence"] is None and row["occupancy"] is not None
