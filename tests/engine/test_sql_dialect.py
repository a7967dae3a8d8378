"""The SQL seam: every backend's dialect gives the same results, and the loader, the
indicators and ``ccaward kpi`` use nothing backend-specific outside it."""

from __future__ import annotations

import ast
import datetime as dt
from pathlib import Path

import pytest

import ccaward
from ccaward.engine.sql import BACKENDS, dialect

ROOT = Path(ccaward.__file__).parent
# the modules that must speak to the database only through the dialect
SEAM_USERS = ["engine/interactions", "engine/kpi", "cli_kpi", "kpis/domain"]
# calls and clauses of DuckDB's SQL (and its catalogue and settings) that other
# backends spell differently or lack
DUCKDB_ONLY = [
    "epoch(",
    "time_bucket(",
    "date_trunc(",
    "generate_series(",
    "range(",
    "hash(",
    "strftime(",
    "try_strptime(",
    "TRY_CAST(",
    "arg_min(",
    "date_diff(",
    "list(",
    "read_csv(",
    "read_parquet(",
    "duckdb_",
    "current_setting(",
    "SET ",
    "GROUP BY ALL",
    "BY NAME",
    "ANTI JOIN",
    "SEMI JOIN",
    "REPLACE (",
    "MATERIALIZED",
    "INSERT OR",
    "TEMP ",
    "temp.",
    "rowid",
    "file_row_number",
    "file_index",
    "DESCRIBE",
    "COPY ",
    "INTERVAL ",
]


@pytest.fixture(params=sorted(BACKENDS))
def db(request):
    return BACKENDS[request.param]


@pytest.fixture
def con(db):
    con = db.connect()
    yield con
    con.close()


def one(con, sql):
    return con.execute(f"SELECT {sql}").fetchone()[0]


def test_the_engine_runs_on_a_known_backend():
    assert dialect in BACKENDS.values()


def test_values_and_names(db, con):
    assert one(con, db.literal("it's")) == "it's"
    assert one(con, f"{db.literal(None)} IS NULL")
    assert one(con, db.literal(True)) is True and one(con, db.literal(2.5)) == 2.5
    quoted = db.name('a "b')
    con.execute(f"CREATE TABLE t ({quoted} INTEGER)")
    assert [n for n, _ in db.describe(con, "t")] == ['a "b']
    assert db.type_family("DECIMAL(18,3)") == "DECIMAL"
    assert "DECIMAL" in db.NATIVE_TYPES["DOUBLE"] and "DATE" in db.NATIVE_TYPES["TIMESTAMP"]


def test_times(db, con):
    t = "TIMESTAMP '2024-03-06 08:17:42'"  # a Wednesday
    assert one(con, db.epoch(f"{t} - TIMESTAMP '2024-03-06 08:00:00'")) == 1062
    assert one(con, db.bucket(15, t)) == dt.datetime(2024, 3, 6, 8, 15)
    assert one(con, db.format_time(db.bucket(30, t), "%H:%M")) == "08:00"
    assert one(con, db.trunc("week", t)) == dt.datetime(2024, 3, 4)
    assert one(con, db.trunc("month", t)) == dt.datetime(2024, 3, 1)
    assert one(con, db.to_date(t)) == dt.date(2024, 3, 6)
    assert one(con, f"{t} + {db.interval(2, 'DAY')}") == dt.datetime(2024, 3, 8, 8, 17, 42)
    assert one(con, db.millis_between(t, f"{t} + {db.interval(3, 'MINUTE')}")) == 180_000
    assert one(con, db.parse_time("'06/03/2024 08:17'", "%d/%m/%Y %H:%M")) == dt.datetime(
        2024, 3, 6, 8, 17
    )
    assert one(con, f"{db.parse_time(db.literal('nonsense'), '%d/%m/%Y')} IS NULL")
    assert one(con, f"{db.try_cast(db.literal('x'), 'DOUBLE')} IS NULL")


def test_series_include_their_end_or_not(db, con):
    start, stop, step = "1", "7", "3"
    inclusive = con.execute(f"SELECT {db.series(start, stop, step)} AS v").fetchall()
    exclusive = con.execute(
        f"SELECT {db.series(start, stop, step, include_stop=False)} AS v"
    ).fetchall()
    assert [r[0] for r in inclusive] == [1, 4, 7]
    assert [r[0] for r in exclusive] == [1, 4]


def test_aggregates_and_clauses(db, con):
    con.execute(
        "CREATE TABLE r AS SELECT * FROM (VALUES (3, 'c'), (1, 'a'), (2, 'b'), (1, 'z')) v(k, s)"
    )
    assert one(con, f"{db.first_values('k', 2)} FROM r") == [1, 1]
    assert one(con, f"{db.arg_min('s', 'k * 10 + length(s)')} FROM r") == "a"
    buckets = con.execute(f"SELECT k, {db.hash_bucket('k', 3)} FROM r").fetchall()
    assert all(0 <= b < 3 for _, b in buckets)
    assert len({b for k, b in buckets if k == 1}) == 1  # equal values, one bucket
    assert con.execute(f"SELECT count(*) FROM r {db.GROUP_BY_ALL}").fetchall() == [(4,)]
    con.execute("CREATE TABLE bad AS SELECT 1 AS k")
    assert one(con, f"count(*) FROM {db.anti_join('r', 'bad', 'k')}") == 2
    assert one(con, f"count(*) FROM {db.semi_join('r', 'bad', 'k')}") == 2
    assert con.execute(
        f"SELECT {db.star_replace('r', {'s': 'upper(s)'})} FROM r ORDER BY k, s"
    ).fetchall()[0] == (1, "A")
    both = db.union_by_name(["SELECT 1 AS a, 2 AS b", "SELECT 4 AS b, 3 AS a"])
    assert sorted(con.execute(both).fetchall()) == [(1, 2), (3, 4)]
    assert con.execute(f"WITH m {db.MATERIALIZED} (SELECT 5 AS v) SELECT v FROM m").fetchall() == [
        (5,)
    ]


def test_tables_and_views(db, con):
    db.create_table(con, "kept", "k VARCHAR PRIMARY KEY", replace=False)
    db.insert_or_ignore(con, "kept", [["a"], ["b"]])
    db.insert_or_ignore(con, "kept", [["a"], ["c"]])
    assert one(con, "count(*) FROM kept") == 3
    db.create_table(con, "kept", "k VARCHAR PRIMARY KEY", replace=False)  # kept as it is
    assert db.table_exists(con, "kept") and not db.table_exists(con, "nothing")
    db.create_temp(con, "_x_view", "SELECT 1 AS v", view=True)
    db.create_temp(con, "_x_table", "SELECT 2 AS v", view=False)
    assert sorted(db.relations_named(con, "_x_")) == [("_x_table", "TABLE"), ("_x_view", "VIEW")]
    db.view_to_table(con, "_x_view")
    assert db.relations_named(con, "_x_v") == [("_x_view", "TABLE")]
    db.create_temp(con, "v2", "SELECT 3 AS v", view=True)
    db.drop_temp_view(con, "v2")
    db.drop_temp_view(con, "v2")  # none left: nothing happens
    assert db.relations_named(con, "v2") == []


def test_files(db, con, tmp_path):
    text = tmp_path / "in.csv"
    text.write_text('a,b\n"1, 2",x\n3,y\n', encoding="utf-8")
    db.stage(con, "raw", db.read_csv(str(text)), view=False)
    assert con.execute(f"SELECT {db.TEXT_ROW}, a FROM raw ORDER BY 1").fetchall() == [
        (1, "1, 2"),
        (2, "3"),
    ]
    out = tmp_path / "out.parquet"
    db.copy_to_parquet(con, "SELECT a, b FROM raw", str(out))
    rows = con.execute(f"SELECT {db.PARQUET_ROW}, a FROM {db.read_parquet(str(out))}").fetchall()
    assert rows == [(1, "1, 2"), (2, "3")]
    both = con.execute(
        f"SELECT {db.PARQUET_FILE}, {db.PARQUET_ROW} FROM {db.read_parquets([str(out)] * 2)} "
        "ORDER BY 1, 2"
    ).fetchall()
    assert both == [(0, 1), (0, 2), (1, 1), (1, 2)]


def test_settings(db, con, tmp_path):
    db.configure(con, memory_limit="512MB", temp_directory=str(tmp_path / "spill"))
    assert 480e6 < db.memory_limit_bytes(con) < 540e6
    db.configure(con, memory_limit="1GB", temp_directory=str(tmp_path / "spill"))
    assert 0.9e9 < db.memory_limit_bytes(con) < 1.1e9
    db.keep_insertion_order(con, True)
    db.keep_insertion_order(con, False)


def _strings(tree: ast.AST):
    """The string constants of a module, its docstrings aside (f-string parts included)."""
    docstrings = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                docstrings.add(id(body[0].value))
    for node in ast.walk(tree):
        is_text = isinstance(node, ast.Constant) and isinstance(node.value, str)
        if is_text and id(node) not in docstrings:
            yield node.value


def _seam_users():
    for folder in SEAM_USERS:
        yield from sorted((ROOT / folder).glob("*.py"))


def test_no_backend_specific_sql_outside_the_dialect():
    found = []
    for path in _seam_users():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import | ast.ImportFrom):
                names = [a.name for a in node.names] + [getattr(node, "module", None) or ""]
                if any(n == "duckdb" or n.startswith("duckdb.") for n in names):
                    found.append((path.name, "import duckdb"))
        for text in _strings(tree):
            found += [(path.name, token) for token in DUCKDB_ONLY if token in text]
    assert found == []
    assert len(list(_seam_users())) >= 15


def test_the_check_finds_a_backend_specific_call():
    tree = ast.parse('"""epoch( in a docstring is fine"""\nx = f"SELECT epoch({y})"\n')
    assert [t for text in _strings(tree) for t in DUCKDB_ONLY if t in text] == ["epoch("]
