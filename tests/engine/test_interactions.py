"""Loader: encodings, mapping features, every bad-input rule with its row numbers."""

from __future__ import annotations

import datetime as dt

import duckdb
import pytest

from ccaward.engine import interactions
from ccaward.engine.interactions import checks

HEADER = "contact_id,center,channel,arrived_at,queued_at,answered_at,ended_at,talk_s,csat\n"
GOOD = "1,北京中心,voice,2024-01-01 08:00:00,2024-01-01 08:00:10,2024-01-01 08:00:20,2024-01-01 08:05:00,280,5\n"


def write(tmp_path, name, text, encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def rows(con, sql="SELECT contact_id, center FROM interactions ORDER BY contact_id"):
    return con.execute(sql).fetchall()


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030"])
def test_encodings(tmp_path, encoding):
    path = write(tmp_path, "in.csv", HEADER + GOOD, encoding)
    con = duckdb.connect()
    report = interactions.load(con, [path])
    assert (report.rows_read, report.rows_loaded, report.ok) == (1, 1, True)
    assert rows(con) == [("1", "北京中心")]
    assert rows(con, "SELECT talk_s, csat, answered_at FROM interactions") == [
        (280.0, 5, dt.datetime(2024, 1, 1, 8, 0, 20))
    ]


def test_wrong_encoding_and_empty_file(tmp_path):
    con = duckdb.connect()
    bad = tmp_path / "bad.csv"
    bad.write_bytes(HEADER.encode() + b"\xff\xfe\xff\xff,\xff\n")
    with pytest.raises(interactions.LoadError) as exc:
        interactions.load(con, [bad])
    assert exc.value.report.issues[0].rule == "encoding"
    for text in ("", HEADER):
        empty = write(tmp_path, "empty.csv", text)
        with pytest.raises(interactions.LoadError) as exc:
            interactions.load(con, [empty])
        assert exc.value.report.issues[0].rule == "empty_file"


# rows of plain ASCII: more than the 64 KiB encoding sample and the CSV sniffer's rows
FILLER = "".join(
    f"f{i},A,voice,2024-01-01 08:00:00,2024-01-01 08:00:10,2024-01-01 08:00:20,"
    "2024-01-01 08:05:00,280,5\n"
    for i in range(25_000)
)


@pytest.mark.parametrize("encoding", ["gbk", "utf-8"])
def test_chinese_text_far_down_an_ascii_file_is_read(tmp_path, encoding):
    path = write(tmp_path, "late.csv", HEADER + FILLER + GOOD, encoding)
    con = duckdb.connect()
    assert interactions.load(con, [path]).rows_loaded == 25_001
    assert rows(con, "SELECT center FROM interactions WHERE contact_id = '1'") == [("北京中心",)]


def test_a_bad_byte_far_down_names_its_line_and_counts_no_rows(tmp_path):
    bad = tmp_path / "late-bad.csv"
    bad.write_bytes((HEADER + FILLER + GOOD).encode("gbk") + b"2,caf\xe9,voice\n")
    con = duckdb.connect()
    with pytest.raises(interactions.LoadError) as exc:
        interactions.load(con, [bad])
    (issue,) = exc.value.report.issues
    assert (issue.rule, issue.count, issue.rows) == ("encoding", 0, ())
    assert "line 25003" in issue.message and "GB18030" in issue.message
    assert str(exc.value).startswith(f"input rejected: encoding in {bad}: neither UTF-8")
    assert "row(s)" not in str(exc.value)


def test_utf8_text_with_a_stray_byte_is_refused_not_read_as_gbk(tmp_path):
    """Chinese UTF-8 text far down, then one Latin-1 byte: not GB18030 mojibake."""
    bad = tmp_path / "utf8-stray.csv"
    bad.write_bytes((HEADER + FILLER + GOOD).encode("utf-8") + b"2,Jos\xe9,voice\n")
    con = duckdb.connect()
    with pytest.raises(interactions.LoadError) as exc:
        interactions.load(con, [bad])
    (issue,) = exc.value.report.issues
    assert issue.rule == "encoding"
    assert issue.message.startswith("not valid UTF-8: the text stops decoding at line 25003")
    # with a byte-order mark the offsets still count from the file's first byte
    bom = tmp_path / "bom.csv"
    bom.write_bytes(b"\xef\xbb\xbf" + HEADER.encode() + b"1,A\xff\n")
    with pytest.raises(interactions.LoadError) as exc:
        interactions.load(con, [bom])
    offset = 3 + len(HEADER) + 3
    assert f"line 2 (byte offset {offset})" in exc.value.report.issues[0].message


def test_quotes_escaped_with_a_backslash_are_still_read(tmp_path):
    path = write(
        tmp_path,
        "bs.csv",
        "contact_id,center,channel,arrived_at,outcome\n"
        '1,A,voice,2024-01-01 08:00:00,"said \\"ok\\", then left"\n'
        "2,A,voice,2024-01-01 08:01:00,resolved\n",
    )
    con = duckdb.connect()
    assert interactions.load(con, [path]).rows_loaded == 2
    assert rows(con, "SELECT outcome FROM interactions ORDER BY contact_id") == [
        ('said "ok", then left',),
        ("resolved",),
    ]


def test_a_quoted_comma_far_down_the_file_stays_in_its_field(tmp_path):
    header = "contact_id,center,channel,arrived_at,outcome,queue\n"
    filler = "".join(f"f{i},A,voice,2024-01-01 08:00:00,resolved,general\n" for i in range(25_000))
    late = 'z1,A,voice,2024-01-02 08:00:00,"resolved, callback",general\n'
    path = write(tmp_path, "q.csv", header + filler + late)
    con = duckdb.connect()
    assert interactions.load(con, [path]).rows_loaded == 25_001
    assert rows(con, "SELECT outcome, queue FROM interactions WHERE contact_id = 'z1'") == [
        ("resolved, callback", "general")
    ]
    # a row with a field too many is refused with DuckDB's line, without its advice
    extra = write(tmp_path, "x.csv", header + filler + "z2,A,voice,2024-01-02,ok,general,oops\n")
    with pytest.raises(interactions.LoadError) as exc:
        interactions.load(con, [extra])
    (issue,) = exc.value.report.issues
    assert issue.rule == "unreadable_file" and "Line: 25002" in issue.message
    assert "Possible" not in issue.message and "strict_mode" not in issue.message


def test_mapping_names_a_missing_column(tmp_path):
    path = write(tmp_path, "in.csv", HEADER + GOOD)
    con = duckdb.connect()
    mapping = {"identity": True, "renames": {"agent_key": "agent_name"}}
    with pytest.raises(interactions.LoadError) as exc:
        interactions.load(con, [path], mapping=mapping)
    (issue,) = exc.value.report.issues
    assert issue.rule == "missing_column" and "agent_name" in issue.message
    no_center = write(tmp_path, "nc.csv", "contact_id,channel,arrived_at\n1,voice,2024-01-01\n")
    with pytest.raises(interactions.LoadError, match="missing_column.*center"):
        interactions.load(con, [no_center])
    with pytest.raises(interactions.LoadError, match="missing_column"):
        interactions.load(con, [path], mapping={"identity": True, "filters": ["nope = 1"]})
    with pytest.raises(ValueError, match="unknown standard column"):
        interactions.load(con, [path], mapping={"renames": {"colour": "x"}})


BAD = (
    HEADER
    + GOOD  # row 1
    + "2,A,voice,2024-13-45 08:00:00,,,,,\n"  # row 2: unparseable timestamp
    + "3,A,voice,2024-01-01 08:00:00,2024-01-01 08:00:10,2024-01-01 08:00:20,2024-01-01 08:05:00,-5,\n"  # row 3
    + "4,A,voice,2024-01-01 08:00:00,2024-01-01 08:00:10,2024-01-01 07:59:00,2024-01-01 08:05:00,60,\n"  # row 4
    + "1,A,voice,2024-01-01 09:00:00,,,,,\n"  # row 5: duplicate of row 1
    + "6,A,voice,2024-01-01 09:00:00,,,,,9\n"  # row 6: csat out of range
    + "7,A,voice,2024-01-01 09:00:00,,,,abc,\n"  # row 7: unparseable duration
    + ",A,voice,2024-01-01 09:00:00,,,,,\n"  # row 8: no contact id
    + "9,A,voice,2024-01-01 09:00:00,,,,,\n"  # row 9: good
    + "10,A,voice,2024-01-01 09:00:00,,,2024-01-01 08:00:00,,\n"  # row 10: ends before arrival
)
EXPECTED = {
    "unparseable_timestamp": (1, (2,)),
    "negative_duration": (2, (3, 10)),
    "answered_before_arrival": (1, (4,)),
    "duplicate_contact_id": (1, (5,)),
    "out_of_range": (1, (6,)),
    "unparseable_value": (1, (7,)),
    "missing_value": (1, (8,)),
}


def test_every_rule_with_row_numbers_and_reject_loads_nothing(tmp_path):
    path = write(tmp_path, "bad.csv", BAD)
    con = duckdb.connect()
    with pytest.raises(interactions.LoadError) as exc:
        interactions.load(con, [path])
    report = exc.value.report
    assert {i.rule: (i.count, i.rows) for i in report.issues} == EXPECTED
    assert report.rows_loaded == 0 and report.rows_read == 10
    assert rows(con, "SELECT count(*) FROM interactions") == [(0,)]
    assert "duplicate_contact_id: 1 row(s) (rows 5)" in str(exc.value)
    # each finding says which column or condition, with the first row and its text
    messages = {i.rule: i.message for i in report.issues}
    assert messages["unparseable_timestamp"] == "arrived_at: 1 (first row 2, '2024-13-45 08:00:00')"
    assert messages["unparseable_value"] == "talk_s: 1 (first row 7, 'abc')"
    assert messages["missing_value"] == "contact_id: 1 (first row 8)"
    assert messages["negative_duration"] == (
        "talk_s < 0: 1 (first row 3); ended_at < arrived_at: 1 (first row 10)"
    )
    assert messages["out_of_range"] == "csat NOT BETWEEN 1 AND 5: 1 (first row 6)"
    assert "unparseable_timestamp: 1 row(s) (rows 2) in" in str(exc.value)
    assert "bad.csv: arrived_at: 1 (first row 2, '2024-13-45 08:00:00')" in str(exc.value)


def test_skip_policy_loads_good_rows(tmp_path):
    path = write(tmp_path, "bad.csv", BAD)
    con = duckdb.connect()
    report = interactions.load(con, [path], policy="skip")
    assert {i.rule: (i.count, i.rows) for i in report.issues} == EXPECTED
    assert (report.rows_read, report.rows_loaded, report.rows_skipped) == (10, 2, 8)
    assert [r[0] for r in rows(con)] == ["1", "9"]
    with pytest.raises(ValueError, match="policy"):
        interactions.load(con, [path], policy="maybe")


def test_mapping_features(tmp_path):
    text = (
        "id;site;start;wait_end;stop;kind;cust;talk;who\n"
        "a;x;01/02/2024 08:00;01/02/2024 08:01;01/02/2024 08:05;Tel;0;0:03:30;AG\n"
        "b;x;01/02/2024 09:00;;01/02/2024 09:02;Tel;17;;-\n"
        "c;x;01/02/2024 09:00;;01/02/2024 09:02;Test;17;;-\n"
    )
    path = write(tmp_path, "export.csv", text, "gbk")
    mapping = {
        "renames": {
            "contact_id": "id",
            "center": "site",
            "channel": "kind",
            "arrived_at": "start",
            "queued_at": "start",
            "answered_at": "wait_end",
            "ended_at": "stop",
            "customer_key": "cust",
            "agent_key": "who",
        },
        "formats": dict.fromkeys(
            ("arrived_at", "queued_at", "answered_at", "ended_at"), "%d/%m/%Y %H:%M"
        ),
        "durations": {"talk_s": "talk", "hold_s": {"start": "answered_at", "end": "ended_at"}},
        "values": {"channel": {"Tel": "voice"}},
        "nulls": {"customer_key": ["0"], "agent_key": ["-"]},
        "filters": ["kind <> 'Test'"],
    }
    con = duckdb.connect()
    report = interactions.load(con, [path], mapping=mapping)
    assert report.rows_read == 2 and report.ok
    got = rows(
        con,
        "SELECT contact_id, channel, customer_key, agent_key, talk_s, hold_s, arrived_at "
        "FROM interactions ORDER BY contact_id",
    )
    assert got == [
        ("a", "voice", None, "AG", 210.0, 240.0, dt.datetime(2024, 2, 1, 8, 0)),
        ("b", "voice", "17", None, None, None, dt.datetime(2024, 2, 1, 9, 0)),
    ]


def test_parquet_and_several_files(tmp_path):
    first = write(tmp_path, "a.csv", HEADER + GOOD)
    pq = tmp_path / "b.parquet"
    duckdb.sql(
        "SELECT '2' AS contact_id, 'B' AS center, 'email' AS channel, "
        "TIMESTAMP '2024-01-02 10:00:00' AS arrived_at"
    ).write_parquet(str(pq))
    con = duckdb.connect()
    report = interactions.load(con, [first, pq])
    assert report.rows_loaded == 2
    assert rows(con, "SELECT contact_id, channel FROM interactions ORDER BY 1") == [
        ("1", "voice"),
        ("2", "email"),
    ]
    # duplicates across files are found, with the file named
    with pytest.raises(interactions.LoadError) as exc:
        interactions.load(con, [first, first], replace=True)
    (issue,) = exc.value.report.issues
    assert (issue.rule, issue.rows) == ("duplicate_contact_id", (1,))


def test_schema_is_data():
    names = [c.name for c in interactions.SCHEMA]
    assert names[:3] == ["contact_id", "center", "channel"]
    assert interactions.COLUMNS["queued_at"].type == "TIMESTAMP"
    assert {c.name for c in interactions.SCHEMA if c.required} == {
        "contact_id",
        "center",
        "channel",
        "arrived_at",
    }


# ---------------------------------------------------------------------------- Excel


def write_xlsx(path, sheets):
    """sheets: {title: [row, ...]}; the first sheet first."""
    import openpyxl

    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        ws = book.create_sheet(title)
        for row in rows:
            ws.append(row)
    book.save(path)
    return path


XLSX_HEADER = ["contact_id", "center", "channel", "arrived_at", "answered_at", "talk_s", "csat"]
D0 = dt.datetime(2024, 1, 1, 8, 0, 0)


def test_excel_first_sheet_date_cells_and_types(tmp_path, monkeypatch):
    import openpyxl

    opened = []
    real = openpyxl.load_workbook

    def spy(*args, **kwargs):
        opened.append(kwargs)
        return real(*args, **kwargs)

    monkeypatch.setattr(openpyxl, "load_workbook", spy)
    path = write_xlsx(
        tmp_path / "in.xlsx",
        {
            "calls": [
                XLSX_HEADER,
                [1, "北京中心", "voice", D0, D0 + dt.timedelta(seconds=20), 280, 5],
                [None] * 7,  # blank row: left out, keeps its number
                ["a2", "B", "email", "2024-01-02 09:00:00", None, 12.5, None],
            ],
            "other": [["x"], [1]],
        },
    )
    con = duckdb.connect()
    report = interactions.load(con, [path])
    assert opened == [{"read_only": True, "data_only": True}]
    assert (report.rows_read, report.rows_loaded, report.ok) == (2, 2, True)
    got = rows(
        con,
        "SELECT contact_id, center, arrived_at, answered_at, talk_s, csat "
        "FROM interactions ORDER BY contact_id",
    )
    assert got == [
        ("1", "北京中心", D0, D0 + dt.timedelta(seconds=20), 280.0, 5),
        ("a2", "B", dt.datetime(2024, 1, 2, 9), None, 12.5, None),
    ]


def test_excel_sheet_key_by_name_and_number(tmp_path):
    good = [XLSX_HEADER, ["s2", "A", "voice", D0, None, None, None]]
    path = write_xlsx(tmp_path / "in.xlsx", {"first": [["nothing"], ["x"]], "second": good})
    con = duckdb.connect()
    for sheet in ("second", 2):
        report = interactions.load(
            con, [path], mapping={"identity": True, "sheet": sheet}, replace=True
        )
        assert report.rows_loaded == 1 and rows(con) == [("s2", "A")]
    for sheet in ("third", 3):
        with pytest.raises(interactions.LoadError) as exc:
            interactions.load(con, [path], mapping={"identity": True, "sheet": sheet})
        (issue,) = exc.value.report.issues
        assert issue.rule == "missing_sheet" and "second" in issue.message
    with pytest.raises(ValueError, match="sheet must be"):
        interactions.load(con, [path], mapping={"identity": True, "sheet": 0})
    # the first sheet by default: it lacks the required columns
    with pytest.raises(interactions.LoadError, match="missing_column"):
        interactions.load(con, [path])


def test_excel_bad_rows_numbered_like_csv(tmp_path):
    """The CSV rule fixture BAD, as a sheet of text cells: same findings, same rows."""
    import csv
    import io

    records = list(csv.reader(io.StringIO(BAD)))
    path = write_xlsx(tmp_path / "bad.xlsx", {"Sheet1": records})
    con = duckdb.connect()
    with pytest.raises(interactions.LoadError) as exc:
        interactions.load(con, [path])
    assert {i.rule: (i.count, i.rows) for i in exc.value.report.issues} == EXPECTED
    report = interactions.load(con, [path], policy="skip")
    assert (report.rows_read, report.rows_loaded) == (10, 2)
    # a blank row in the middle keeps the numbers of the rows after it
    path = write_xlsx(tmp_path / "gap.xlsx", {"s": [records[0], records[1], [], records[2]]})
    with pytest.raises(interactions.LoadError) as exc:
        interactions.load(con, [path])
    (issue,) = exc.value.report.issues
    assert (issue.rule, issue.rows) == ("unparseable_timestamp", (3,))


def test_excel_mapping_formats_accept_date_cells(tmp_path):
    path = write_xlsx(
        tmp_path / "export.xlsx",
        {
            "s": [
                ["id", "site", "day", "time", "start"],
                ["a", "x", dt.datetime(2024, 2, 1), dt.time(8, 30), "01/02/2024 08:00"],
                ["b", "x", dt.datetime(2024, 2, 1), dt.time(9, 0), D0],  # a date cell
            ]
        },
    )
    mapping = {
        "renames": {
            "contact_id": "id",
            "center": "site",
            "arrived_at": "start",
            "queued_at": ["day", "time"],
        },
        "constants": {"channel": "voice"},
        "formats": {"arrived_at": "%d/%m/%Y %H:%M"},
    }
    con = duckdb.connect()
    assert interactions.load(con, [path], mapping=mapping).ok
    assert rows(con, "SELECT contact_id, arrived_at, queued_at FROM interactions ORDER BY 1") == [
        ("a", dt.datetime(2024, 2, 1, 8, 0), dt.datetime(2024, 2, 1, 8, 30)),
        ("b", D0, dt.datetime(2024, 2, 1, 9, 0)),
    ]


def test_excel_file_rules(tmp_path):
    con = duckdb.connect()
    cases = {
        "header_only.xlsx": ("empty_file", {"s": [XLSX_HEADER]}),
        "no_rows.xlsx": ("empty_file", {"s": []}),
    }
    for name, (rule, sheets) in cases.items():
        with pytest.raises(interactions.LoadError) as exc:
            interactions.load(con, [write_xlsx(tmp_path / name, sheets)])
        assert exc.value.report.issues[0].rule == rule, name
    fake = write(tmp_path, "fake.xlsx", HEADER + GOOD)
    with pytest.raises(interactions.LoadError) as exc:
        interactions.load(con, [fake])
    assert exc.value.report.issues[0].rule == "unreadable_file"


def is_view(con, name="interactions") -> bool:
    return bool(
        con.execute(
            "SELECT count(*) FROM duckdb_views() WHERE view_name = ? AND temporary", [name]
        ).fetchone()[0]
    )


def test_in_place_reads_validated_parquet_without_copying_and_gives_the_same_figures(tmp_path):
    from ccaward.engine import kpi, simulate

    paths = simulate.simulate(centers=3, days=2, seed=5, out_dir=tmp_path)
    copied, in_place = duckdb.connect(), duckdb.connect()
    a = interactions.load(copied, paths, replace=True)
    b = interactions.load(in_place, paths, replace=True, in_place=True)
    assert (a.rows_read, a.rows_loaded) == (b.rows_read, b.rows_loaded) and b.rows_loaded > 1000
    assert not is_view(copied) and is_view(in_place)
    got, want = kpi.compute(in_place), kpi.compute(copied)
    assert len(got) == len(want) == 6
    for g, w in zip(got, want, strict=True):  # sums in another order: floats to 1e-9
        assert g.keys() == w.keys()
        for key in g:
            if isinstance(w[key], float):
                assert g[key] == pytest.approx(w[key], rel=1e-9), key
            else:
                assert g[key] == w[key], key
    # no staging is left behind: the view reads the files themselves
    staged = in_place.execute(
        "SELECT count(*) FROM duckdb_views() WHERE starts_with(view_name, '_ccaward')"
    ).fetchone()[0]
    assert staged == 0
    # appending to it turns it into a table holding both loads
    extra = tmp_path / "extra.csv"
    extra.write_text(HEADER + GOOD.replace("1,", "x-1,", 1), encoding="utf-8")
    interactions.load(in_place, [extra])
    assert not is_view(in_place)
    total = in_place.execute("SELECT count(*) FROM interactions").fetchone()[0]
    assert total == b.rows_loaded + 1


def test_in_place_falls_back_to_a_copy_when_rows_are_bad_or_files_are_text(tmp_path):
    pq = tmp_path / "dup.parquet"
    duckdb.sql(
        "SELECT * FROM (VALUES ('1', 'A', 'voice', TIMESTAMP '2024-01-02 10:00:00'), "
        "('1', 'A', 'voice', TIMESTAMP '2024-01-02 10:05:00'), "
        "('2', 'A', 'voice', TIMESTAMP '2024-01-02 10:06:00')) "
        "t(contact_id, center, channel, arrived_at)"
    ).write_parquet(str(pq))
    con = duckdb.connect()
    with pytest.raises(interactions.LoadError) as exc:
        interactions.load(con, [pq], replace=True, in_place=True)
    (issue,) = exc.value.report.issues
    assert (issue.rule, issue.rows) == ("duplicate_contact_id", (2,))
    report = interactions.load(con, [pq], replace=True, in_place=True, policy="skip")
    assert (report.rows_loaded, report.rows_skipped) == (2, 1)
    assert not is_view(con)
    assert rows(con) == [("1", "A"), ("2", "A")]
    csv = write(tmp_path, "a.csv", HEADER + GOOD)
    interactions.load(con, [csv], replace=True, in_place=True)
    assert not is_view(con) and rows(con) == [("1", "北京中心")]


def test_legacy_xls_workbooks_are_read_like_xlsx(tmp_path):
    """tests/data/records.xls: an Excel 97-2003 export with a notes sheet first, date
    cells, a blank row and an empty talk time."""
    from pathlib import Path

    xls = Path(__file__).resolve().parents[1] / "data" / "records.xls"
    con = duckdb.connect()
    with pytest.raises(interactions.LoadError) as exc:  # the first sheet holds no records
        interactions.load(con, [xls])
    assert exc.value.report.issues[0].rule == "empty_file"
    report = interactions.load(
        con, [xls], mapping={"identity": True, "sheet": "话务明细"}, replace=True
    )
    assert report.rows_loaded == 3
    assert rows(
        con,
        "SELECT contact_id, center, arrived_at, answered_at, talk_s, csat "
        "FROM interactions ORDER BY contact_id",
    ) == [
        (
            "A-1",
            "北京中心",
            dt.datetime(2024, 1, 1, 8, 0),
            dt.datetime(2024, 1, 1, 8, 0, 20),
            280.0,
            5,
        ),
        ("A-2", "北京中心", dt.datetime(2024, 1, 1, 9, 0), None, None, None),
        (
            "A-3",
            "上海中心",
            dt.datetime(2024, 1, 2, 10, 0),
            dt.datetime(2024, 1, 2, 10, 0, 31),
            329.5,
            4,
        ),
    ]
    # a bad row is numbered like the sheet's row (blank rows keep their numbers)
    con.execute("DELETE FROM interactions")
    with pytest.raises(interactions.LoadError) as exc:
        interactions.load(con, [xls, xls], mapping={"identity": True, "sheet": 2}, replace=True)
    (issue,) = exc.value.report.issues
    assert (issue.rule, issue.rows) == ("duplicate_contact_id", (1, 2, 4))
    junk = tmp_path / "export.xls"
    junk.write_bytes(b"not a workbook at all")
    with pytest.raises(interactions.LoadError) as exc:
        interactions.load(con, [junk])
    assert exc.value.report.issues[0].rule == "unreadable_file"


@pytest.mark.parametrize("duplicate", [None, 7, 4321])
def test_the_repeated_id_check_split_into_passes_finds_every_repeat(
    tmp_path, monkeypatch, duplicate
):
    """Past the memory limit the distinct count runs in passes by hash; none is missed."""
    pq = tmp_path / "many.parquet"
    dup = (
        ""
        if duplicate is None
        else f"UNION ALL SELECT 'c{duplicate}', 'A', 'voice', TIMESTAMP '2024-01-03 09:00:00'"
    )
    duckdb.sql(
        "SELECT 'c' || i AS contact_id, 'A' AS center, 'voice' AS channel, "
        "TIMESTAMP '2024-01-02 08:00:00' + to_seconds(i) AS arrived_at "
        f"FROM range(5000) r(i) {dup}"
    ).write_parquet(str(pq))
    con = duckdb.connect()
    con.execute("SET memory_limit = '1GB'")
    limit = interactions.memory_limit_bytes(con)
    assert 0.9e9 < limit < 1.1e9
    # each pass may hold 400 ids: 13 passes over 5,000 (or 5,001) ids
    monkeypatch.setattr(checks, "_BYTES_PER_DISTINCT", limit // 400)
    seen = []
    original = checks._repeats

    def counting(con, key, rows, **kw):
        found = original(con, key, rows, **kw)
        seen.append((rows, found))
        return found

    monkeypatch.setattr(checks, "_repeats", counting)
    if duplicate is None:
        assert interactions.load(con, [pq], replace=True, in_place=True).rows_loaded == 5000
        assert seen == [(5000, False)]
    else:
        with pytest.raises(interactions.LoadError) as exc:
            interactions.load(con, [pq], replace=True, in_place=True)
        (issue,) = exc.value.report.issues
        assert (issue.rule, issue.rows) == ("duplicate_contact_id", (5001,))
        # the quick check stops at the repeat; the second run keeps every repeated id
        # (in passes too) for the per-row report
        assert seen == [(5001, True), (5001, True)]
