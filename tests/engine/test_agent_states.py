"""Agent-state intervals: loader rules with row numbers, and occupancy by hand."""

from __future__ import annotations

import datetime as dt

import duckdb
import pytest

from ccaward.engine import interactions, kpi
from ccaward.engine.kpi.groups import state_split

HEADER = "agent_key,center,state,started_at,ended_at\n"


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


BAD = (
    HEADER
    + "a1,A,logged_in,2024-01-01 08:00:00,2024-01-01 12:00:00\n"  # row 1: good (session)
    + "a1,A,available,2024-01-01 08:00:00,2024-01-01 08:10:00\n"  # row 2: good
    + "a1,A,busy,2024-01-01 08:10:00,2024-01-01 08:20:00\n"  # row 3: good (touches row 2)
    + "a1,A,acw,2024-01-01 08:15:00,2024-01-01 08:25:00\n"  # row 4: overlaps row 3
    + "a1,A,busy,2024-01-01 09:00:00,2024-01-01 08:59:00\n"  # row 5: ends before it starts
    + "a1,A,lunch,2024-01-01 10:00:00,2024-01-01 10:30:00\n"  # row 6: unknown state
    + "a1,A,break,2024-01-01 25:00:00,2024-01-01 10:30:00\n"  # row 7: bad timestamp
    + ",A,busy,2024-01-01 10:00:00,2024-01-01 10:30:00\n"  # row 8: no agent
    + "a2,A,busy,2024-01-01 08:15:00,2024-01-01 08:25:00\n"  # row 9: another agent: good
    + "a1,A,logged_in,2024-01-01 11:00:00,2024-01-01 13:00:00\n"  # row 10: overlaps row 1
    + "a1,B,busy,2024-01-01 08:15:00,2024-01-01 08:25:00\n"  # row 11: another center: good
)
EXPECTED = {
    "overlapping_interval": (2, (4, 10)),
    "ended_before_started": (1, (5,)),
    "out_of_range": (1, (6,)),
    "unparseable_timestamp": (1, (7,)),
    "missing_value": (1, (8,)),
}


def test_rules_with_row_numbers(tmp_path):
    path = write(tmp_path, "states.csv", BAD)
    con = duckdb.connect()
    with pytest.raises(interactions.LoadError) as exc:
        interactions.load_agent_states(con, [path])
    report = exc.value.report
    assert {i.rule: (i.count, i.rows) for i in report.issues} == EXPECTED
    assert con.execute("SELECT count(*) FROM agent_states").fetchone() == (0,)
    report = interactions.load_agent_states(con, [path], policy="skip")
    assert (report.rows_read, report.rows_loaded, report.rows_skipped) == (11, 5, 6)
    # what is left does not overlap: loading it again finds nothing wrong
    con.execute("COPY agent_states TO '%s' (HEADER)" % (tmp_path / "clean.csv"))
    assert interactions.load_agent_states(con, [tmp_path / "clean.csv"], replace=True).ok


def test_mapping_and_excel(tmp_path):
    import openpyxl

    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["who", "status", "from", "to"])
    ws.append(["x", "Talking", dt.datetime(2024, 1, 1, 8), dt.datetime(2024, 1, 1, 8, 30)])
    ws.append(["x", "Ready", dt.datetime(2024, 1, 1, 8, 30), dt.datetime(2024, 1, 1, 9)])
    book.save(tmp_path / "s.xlsx")
    mapping = {
        "renames": {"agent_key": "who", "state": "status", "started_at": "from", "ended_at": "to"},
        "constants": {"center": "A"},
        "values": {"state": {"Talking": "busy", "Ready": "available"}},
    }
    con = duckdb.connect()
    assert interactions.load_agent_states(con, [tmp_path / "s.xlsx"], mapping=mapping).ok
    assert con.execute("SELECT state FROM agent_states ORDER BY started_at").fetchall() == [
        ("busy",),
        ("available",),
    ]
    with pytest.raises(ValueError, match="unknown standard column"):
        interactions.load_agent_states(con, [tmp_path / "s.xlsx"], mapping={"renames": {"x": 1}})
    with pytest.raises(ValueError, match="interaction records only"):
        interactions.load_agent_states(con, [], mapping={"resolved_outcomes": ["x"]})
    missing = write(tmp_path, "m.csv", "agent_key,center,state\nx,A,busy\n")
    with pytest.raises(interactions.LoadError, match="missing_column"):
        interactions.load_agent_states(con, [missing])


def contacts_con():
    con = duckdb.connect()
    interactions.create_table(con)
    for cid, center, day, channel in [
        ("c1", "A", 1, "voice"),
        ("c2", "A", 2, "voice"),
        ("c3", "B", 1, "chat"),
    ]:
        con.execute(
            "INSERT INTO interactions (contact_id, center, channel, arrived_at) VALUES "
            "(?, ?, ?, ?)",
            [cid, center, channel, dt.datetime(2024, 1, day, 9, 0)],
        )
    return con


def states(con, rows):
    interactions.create_agent_states_table(con)
    for agent, center, state, start, end in rows:
        con.execute(
            "INSERT INTO agent_states VALUES (?, ?, ?, ?, ?)",
            [agent, center, state, dt.datetime(2024, 1, 1, *start), dt.datetime(2024, 1, *end)],
        )


def test_occupancy_by_hand():
    con = contacts_con()
    assert all(r["occupancy"] is None for r in kpi.compute(con))  # no agent states
    interactions.create_agent_states_table(con)
    assert all(r["occupancy"] is None for r in kpi.compute(con))  # an empty table
    states(
        con,
        [
            ("a", "A", "logged_in", (8, 0), (2, 8, 0)),  # not in the formula
            ("a", "A", "available", (8, 0), (1, 9, 0)),  # 60 min
            ("a", "A", "busy", (9, 0), (1, 9, 45)),  # 45 min, 09:00-09:30 and 09:30-09:45
            ("a", "A", "acw", (9, 45), (1, 10, 0)),  # 15 min
            ("a", "A", "break", (10, 0), (1, 10, 30)),  # not in the formula
            # busy 23:00 to 01:00 the next day: split at midnight by day
            ("a", "A", "busy", (23, 0), (2, 1, 0)),
            ("b", "B", "available", (9, 0), (1, 9, 30)),
        ],
    )
    rows = {(r["center"], r["day"]): r["occupancy"] for r in kpi.compute(con, by="center,day")}
    assert rows[("A", "2024-01-01")] == pytest.approx((45 + 15 + 60) / (45 + 15 + 60 + 60))
    assert rows[("A", "2024-01-02")] == pytest.approx(1.0)  # 00:00-01:00 busy
    assert rows[("B", "2024-01-01")] == 0.0
    (total,) = kpi.compute(con, by=())
    assert total["occupancy"] == pytest.approx((45 + 15 + 120) / (45 + 15 + 120 + 60 + 30))
    profile = {r["interval30"]: r["occupancy"] for r in kpi.compute(con, by="interval30")}
    # contacts arrive only at 09:00: the 09:00 bucket holds busy 09:00-09:30 of a and
    # available 09:00-09:30 of b
    assert profile == {"09:00": pytest.approx(30 / 60)}
    assert all(r["occupancy"] is None for r in kpi.compute(con, by="center,channel"))
    (month,) = kpi.compute(con, by="week,month")
    assert month["occupancy"] == total["occupancy"]


def test_interval_split_keys():
    assert state_split(()) is None
    assert state_split(("center", "day", "interval15")) == "interval15"
    assert state_split(("week",)) == "week"
    assert state_split(("week", "month")) == "day"
    assert state_split(("month",)) == "month"
