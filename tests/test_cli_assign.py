"""`ccaward assign`: CSV in, the assignment out as JSON or CSV; infeasible is exit
status 1 with the reason; bad input is exit status 2 naming the file, line and column."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest

from ccaward.cli import main

JUDGES = """judge,min_load,max_load,employer
J1,1,2,中国建设银行股份有限公司
J2,0,2,平安银行
J3,0,2,平安银行客服中心
J4,,,
"""
ENTRIES = """entry,reviewers,organization
E1,2,中国建设银行客户服务中心
E2,2,招商银行
"""
AFFINITY = """judge,entry,score
J1,E1,9
J1,E2,1.5
J2,E1,2
J3,E1,3
J2,E2,0.25
"""


@pytest.fixture
def files(tmp_path):
    def write(name, text, encoding="utf-8"):
        path = tmp_path / name
        path.write_bytes(text.encode(encoding))
        return path

    write.dir = tmp_path
    write("judges.csv", JUDGES)
    write("entries.csv", ENTRIES)
    write("affinity.csv", AFFINITY)
    return write


def args(files, *extra):
    d = files.dir
    return [
        "assign",
        "--judges",
        str(d / "judges.csv"),
        "--entries",
        str(d / "entries.csv"),
        "--affinity",
        str(d / "affinity.csv"),
        *extra,
    ]


def test_json_on_stdout(files, capsys):
    assert main(args(files)) == 0
    out = json.loads(capsys.readouterr().out)
    pairs = {(a["judge"], a["entry"]) for a in out["assignments"]}
    # J1 works for E1's organisation; J2 and J3 share an employer
    assert ("J1", "E1") not in pairs
    assert pairs == {("J3", "E1"), ("J4", "E1"), ("J1", "E2"), ("J2", "E2")}
    assert out["objective"] == 4.75
    assert out["optimal"] is True and out["infeasible"] is None
    assert out["loads"] == {"J1": 1, "J2": 1, "J3": 1, "J4": 1}
    assert out["assignments"][0] == {"judge": "J3", "entry": "E1", "affinity": 3.0}
    assert "seed" not in out


def test_conflicts_csv_and_output_to_a_file_as_csv(files, capsys):
    files("conflicts.csv", "judge,entry\nJ3,E1\n")
    target = files.dir / "out.csv"
    extra = [
        "--conflicts",
        str(files.dir / "conflicts.csv"),
        "--format",
        "csv",
        "--out",
        str(target),
    ]
    assert main(args(files, *extra)) == 0
    assert capsys.readouterr().out == ""
    rows = list(csv.DictReader(target.read_text(encoding="utf-8").splitlines()))
    assert {(r["judge"], r["entry"]) for r in rows} == {
        ("J2", "E1"),
        ("J4", "E1"),
        ("J1", "E2"),
        ("J2", "E2"),
    }
    assert rows[0] == {"judge": "J2", "entry": "E1", "affinity": "2.0"}


def test_a_byte_order_mark_and_extra_columns_are_accepted(files, capsys):
    files(
        "judges.csv", "\ufeffJudge , Min_Load,max_load,employer,name\n" + JUDGES.split("\n", 1)[1]
    )
    assert main(args(files)) == 0
    assert json.loads(capsys.readouterr().out)["objective"] == 4.75


def test_randomized_mode_reports_the_seed_and_what_the_cap_costs(files, capsys):
    files("judges.csv", JUDGES.replace("J1,1,2", "J1,0,2") + "J5,0,2,\nJ6,0,2,\n")
    assert main(args(files)) == 0
    deterministic = json.loads(capsys.readouterr().out)["objective"]
    assert main(args(files, "--max-probability", "0.5", "--seed", "42")) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["seed"] == 42 and out["max_probability"] == 0.5
    assert out["deterministic_objective"] == deterministic
    assert out["expected_objective"] < deterministic
    assert out["affinity_given_up"] == pytest.approx(deterministic - out["expected_objective"])
    assert all(p["probability"] <= 0.5 for p in out["probabilities"])
    assert main(args(files, "--max-probability", "0.5", "--seed", "42")) == 0
    assert json.loads(capsys.readouterr().out) == out


def test_infeasible_is_exit_status_1_with_the_reason(files, capsys):
    files("entries.csv", "entry,reviewers,organization\nE12,3,\nE40,3,\nE7,1,\n")
    files("affinity.csv", "judge,entry,score\n")
    files("conflicts.csv", "judge,entry\nJ4,E12\nJ4,E40\n")
    assert main(args(files, "--conflicts", str(files.dir / "conflicts.csv"))) == 1
    captured = capsys.readouterr()
    out = json.loads(captured.out)
    assert out["assignments"] == [] and out["optimal"] is False
    assert out["infeasible"]["entries"] == ["E12", "E40"]
    assert out["infeasible"]["judges"] == ["J1", "J2", "J3"]
    assert out["infeasible"]["code"] == "too_few_judges_for_entry"
    assert "E12 and E40 have only 2 judges" in out["infeasible"]["reason"]
    assert "lower R or add judges" in captured.err


@pytest.mark.parametrize(
    ("name", "text", "where", "what"),
    [
        ("judges.csv", "judge,min_load,employer\nJ1,0,\n", "judges.csv, line 1", "'max_load'"),
        (
            "judges.csv",
            "judge,min_load,max_load,employer\nJ1,x,2,\n",
            "line 2, column min_load",
            "'x'",
        ),
        ("judges.csv", JUDGES + "J9,3,2,\n", "line 6, column min_load", "above max_load 2"),
        ("judges.csv", JUDGES + "J2,0,1,\n", "line 6, column judge", "also on line 3"),
        (
            "judges.csv",
            "judge,min_load,max_load,employer\n,0,1,\n",
            "line 2, column judge",
            "empty",
        ),
        (
            "entries.csv",
            "entry,reviewers,organization\nE1,-1,\n",
            "line 2, column reviewers",
            "below 0",
        ),
        ("entries.csv", "entry,reviewers,organization\nE1,,\n", "line 2, column reviewers", "''"),
        ("entries.csv", ENTRIES + "E1,1,\n", "line 4, column entry", "also on line 2"),
        ("affinity.csv", AFFINITY + "J9,E1,1\n", "line 7, column judge", "unknown judge 'J9'"),
        ("affinity.csv", AFFINITY + "J1,E9,1\n", "line 7, column entry", "unknown entry 'E9'"),
        ("affinity.csv", AFFINITY + "J4,E1,high\n", "line 7, column score", "not a number"),
        ("affinity.csv", AFFINITY + "J4,E1,nan\n", "line 7, column score", "not a number"),
        ("affinity.csv", AFFINITY + "J1,E1,2\n", "line 7, column entry", "also on line 2"),
        ("affinity.csv", "judge,entry\nJ1,E1\n", "affinity.csv, line 1", "'score'"),
        ("affinity.csv", "", "affinity.csv, line 1", "empty file"),
    ],
)
def test_bad_input_is_exit_status_2_naming_file_line_and_column(
    files, capsys, name, text, where, what
):
    files(name, text)
    assert main(args(files)) == 2
    err = capsys.readouterr().err
    assert f"{name}" in err and where in err and what in err, err


def test_a_file_that_is_not_utf8_is_named_with_its_line(files, capsys):
    files("judges.csv", "judge,min_load,max_load,employer\nJ1,0,1,中国银行\n", encoding="gb18030")
    assert main(args(files)) == 2
    assert "judges.csv, line 2: not UTF-8 text" in capsys.readouterr().err


def test_unknown_conflict_and_missing_file(files, capsys):
    files("conflicts.csv", "judge,entry\nJ1,E1\nJ1,E99\n")
    assert main(args(files, "--conflicts", str(files.dir / "conflicts.csv"))) == 2
    assert "conflicts.csv, line 3, column entry: unknown entry 'E99'" in capsys.readouterr().err
    assert main(args(files, "--conflicts", str(files.dir / "none.csv"))) == 2
    assert "none.csv: no such file" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("extra", "what"),
    [(["--seed", "3"], "--seed"), (["--max-probability", "2"], "--max-probability")],
)
def test_bad_options_are_exit_status_2(files, capsys, extra, what):
    assert main(args(files, *extra)) == 2
    assert what in capsys.readouterr().err


def test_the_installed_command_runs_in_a_subprocess(files):
    done = subprocess.run(
        [sys.executable, "-m", "ccaward.cli", *args(files)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=Path(__file__).resolve().parents[1],
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["objective"] == 4.75
