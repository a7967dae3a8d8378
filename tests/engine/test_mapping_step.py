"""Mappings made in a page (declarative only), files without a header row, contacts
queued on arrival, the findings that refuse nothing, the period, and a connection that
reaches nothing but its files."""

from __future__ import annotations

import datetime as dt

import duckdb
import pytest

from ccaward.engine import interactions, kpi, mappings
from ccaward.engine.interactions import declarative, preview
from ccaward.engine.sql import dialect as db

# Asterisk's cdr_csv Master.csv: no header row, 18 columns by position
MASTER = (
    '"","1001","600","from-internal","""Alice"" <1001>","SIP/1001-01","SIP/2001-02","Dial",'
    '"SIP/2001,30","2026-03-02 09:00:00","2026-03-02 09:00:12","2026-03-02 09:03:12",192,180,'
    '"ANSWERED","DOCUMENTATION","1772442000.1",""\n'
    '"","1002","600","from-internal","""Bob"" <1002>","SIP/1002-03","","Dial","SIP/2001,30",'
    '"2026-03-02 09:05:00","","2026-03-02 09:05:30",30,0,"NO ANSWER","DOCUMENTATION",'
    '"1772442300.2",""\n'
    '"","1003","600","from-internal","""Carol"" <1003>","SIP/1003-04","SIP/2002-05","Dial",'
    '"SIP/2002,30","2026-03-03 09:10:00","2026-03-03 09:10:05","2026-03-03 09:12:05",125,120,'
    '"ANSWERED","DOCUMENTATION","1772442600.3",""\n'
)
BY_POSITION = {
    "header": False,
    "constants": {"center": "pbx", "channel": "voice"},
    "renames": {"contact_id": "17", "arrived_at": "10", "answered_at": "11", "ended_at": "12"},
    "durations": {"talk_s": "14"},
}


@pytest.fixture
def master(tmp_path):
    path = tmp_path / "Master.csv"
    path.write_text(MASTER, encoding="utf-8")
    return path


def _totals(con):
    return kpi.compute(con, by=("center",))[0]


def test_a_headerless_file_is_mapped_by_column_position(master):
    con = duckdb.connect()
    report = interactions.load(con, [master], mapping=declarative.check(BY_POSITION))
    assert report.rows_loaded == 3
    rows = con.execute(
        "SELECT contact_id, arrived_at, answered_at, talk_s FROM interactions ORDER BY 1"
    ).fetchall()
    assert rows[0] == (
        "1772442000.1",
        dt.datetime(2026, 3, 2, 9),
        dt.datetime(2026, 3, 2, 9, 0, 12),
        180.0,
    )
    assert rows[1][2] is None  # an empty answer time: not answered


def test_answered_without_a_queue_time_is_a_finding_with_its_count(master):
    con = duckdb.connect()
    report = interactions.load(con, [master], mapping=declarative.check(BY_POSITION))
    (notice,) = report.notices
    assert (notice.rule, notice.count, notice.rows) == ("answered_without_queue", 2, (1, 3))
    assert report.ok and report.rows_skipped == 0  # kept: a finding refuses nothing
    totals = _totals(con)
    assert (totals["offered"], totals["answered"]) == (0, 0)  # what the finding explains


def test_queued_on_arrival_counts_every_contact_from_its_arrival(master):
    con = duckdb.connect()
    spec = declarative.check({**BY_POSITION, "queued_on_arrival": True})
    report = interactions.load(con, [master], mapping=spec)
    assert report.notices == ()
    totals = _totals(con)
    assert (totals["offered"], totals["answered"], totals["abandoned"]) == (3, 2, 1)
    assert totals["asa_s"] == pytest.approx((12 + 5) / 2)
    queued = con.execute("SELECT count(*) FROM interactions WHERE queued_at = arrived_at")
    assert queued.fetchone()[0] == 3


def test_the_asterisk_preset_maps_master_csv(master):
    assert "asterisk_cdr" in mappings.registry()
    con = duckdb.connect()
    report = interactions.load(con, [master], mapping=mappings.path_of("asterisk_cdr"))
    assert report.ok and report.notices == ()
    totals = _totals(con)
    assert (totals["offered"], totals["answered"]) == (3, 2)
    outcomes = con.execute("SELECT list(outcome ORDER BY contact_id) FROM interactions")
    assert outcomes.fetchone()[0] == ["answered", "no_answer", "answered"]


def test_records_outside_the_period_are_reported_and_left_out(master):
    con = duckdb.connect()
    spec = declarative.check({**BY_POSITION, "queued_on_arrival": True})
    period = (dt.date(2026, 3, 3), dt.date(2026, 3, 31))
    report = interactions.load(con, [master], mapping=spec, period=period)
    (notice,) = report.notices
    assert (notice.rule, notice.count, notice.rows) == ("outside_period", 2, (1, 2))
    assert notice.params == {
        "period_start": "2026-03-03",
        "period_end": "2026-03-31",
        "found_start": "2026-03-02",
        "found_end": "2026-03-02",
    }
    assert (report.rows_read, report.rows_loaded, report.rows_outside) == (1, 1, 2)
    assert _totals(con)["offered"] == 1
    # under the reject policy too: the rows outside are left out, not refused
    assert report.policy == "reject" and report.ok


def test_the_period_includes_its_last_day():
    with pytest.raises(ValueError, match="before the first day"):
        from ccaward.engine.interactions.notices import outside_sql

        outside_sql((dt.date(2026, 3, 2), dt.date(2026, 3, 1)))


@pytest.mark.parametrize(
    "bad, where",
    [
        ({"renames": {"contact_id": {"sql": "(SELECT 1)"}}}, "renames.contact_id"),
        ({"filters": ["1 = 1"]}, "mapping"),
        ({"identity": True}, "mapping"),
        ({"renames": {"nope": "a"}}, "renames"),
        ({"renames": {"arrived_at": "a\nb"}}, "renames.arrived_at"),
        ({"durations": {"talk_s": {"start": "arrived_at", "end": "x"}}}, "durations.talk_s.end"),
        ({"durations": {"queue": "a"}}, "durations.queue"),
        ({"values": {"outcome": {"A": {"sql": "1"}}}}, "values.outcome.A"),
        ({"nulls": {"queue": "x"}}, "nulls.queue"),
        ({"formats": {"queue": "%Y"}}, "mapping"),
        ({"header": "no"}, "header"),
    ],
)
def test_a_page_mapping_is_declarative_only(bad, where):
    with pytest.raises(declarative.MappingInvalid) as caught:
        declarative.check(bad)
    assert caught.value.where == where


def test_a_mapping_value_naming_a_file_reads_nothing(master):
    # a column "named" like a file reader is a quoted name the file does not have
    spec = declarative.check(
        {**BY_POSITION, "renames": {**BY_POSITION["renames"], "queue": "read_csv('/etc/passwd')"}}
    )
    result = preview.preview(master, spec)
    (issue,) = result.report.issues
    assert issue.rule == "missing_column" and result.rows == ()
    spec = declarative.check(
        {**BY_POSITION, "constants": {**BY_POSITION["constants"], "queue": "x' || (SELECT 1) || '"}}
    )
    result = preview.preview(master, spec)
    assert {r[4] for r in result.rows} == {"x' || (SELECT 1) || '"}  # a value, as typed


@pytest.mark.parametrize(
    "statement",
    [
        "SELECT * FROM read_csv('/etc/passwd')",
        "SELECT * FROM read_text('/etc/hostname')",
        "COPY (SELECT 1) TO '{tmp}/out.csv'",
        "ATTACH '{tmp}/other.duckdb'",
        "INSTALL httpfs",
        "SET enable_external_access = true",
        "SET allowed_directories = ['/']",
    ],
)
def test_a_confined_connection_reaches_nothing_but_its_files(master, tmp_path, statement):
    con = db.connect()
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    db.confine(con, paths=[str(master)], directories=[str(scratch)])
    assert db.confined(con)
    with pytest.raises(db.Error):
        con.execute(statement.format(tmp=tmp_path))
    assert not (tmp_path / "out.csv").exists() and not (tmp_path / "other.duckdb").exists()
    # the file itself still loads
    interactions.load(con, [master], mapping=mappings.path_of("asterisk_cdr"), scratch=str(scratch))


def test_an_installed_mapping_cannot_read_other_files_on_a_confined_connection(master, tmp_path):
    secret = tmp_path / "secret.csv"
    secret.write_text("a\nsecret\n")
    spec = {
        **BY_POSITION,
        "renames": {
            **BY_POSITION["renames"],
            "queue": {"sql": f"(SELECT a FROM read_csv('{secret}'))"},
        },
    }
    con = db.connect()
    db.confine(con, paths=[str(master)], directories=[str(tmp_path / "none")])
    with pytest.raises(interactions.LoadError) as caught:
        interactions.load(con, [master], mapping=spec)
    assert "secret" not in str(caught.value).replace(str(secret), "")


def test_the_sample_shows_columns_and_first_rows(master, tmp_path):
    sample = preview.sample(master, header=False, rows=2)
    assert sample.columns[:3] == ("1", "2", "3") and len(sample.columns) == 18
    assert len(sample.rows) == 2 and sample.rows[0][16] == "1772442000.1"
    named = tmp_path / "named.csv"
    named.write_text("Call,Start\nc1,2026-01-01 08:00:00\n")
    assert preview.sample(named).columns == ("Call", "Start")
    assert preview.sample(tmp_path / "missing.csv").problem[0] == "unreadable_file"


def test_the_preview_parses_the_first_rows_with_the_findings(master):
    result = preview.preview(master, declarative.check(BY_POSITION), rows=2)
    assert len(result.rows) == 2 and result.columns[0] == "contact_id"
    assert [n.rule for n in result.report.notices] == ["answered_without_queue"]


@pytest.mark.parametrize("language, mapping", [("en", "standard"), ("zh", "standard_zh")])
def test_the_sample_files_load_with_their_mapping(tmp_path, language, mapping):
    from ccaward.engine.interactions import examples

    path = tmp_path / f"sample_{language}.csv"
    path.write_text(examples.sample(language), encoding="utf-8")
    con = duckdb.connect()
    report = interactions.load(con, [path], mapping=mappings.path_of(mapping))
    assert report.ok and report.notices == () and report.rows_loaded == 6
    assert _totals(con)["offered"] == 3
    assert examples.template(language).splitlines() == examples.sample(language).splitlines()[:1]
