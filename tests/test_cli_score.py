"""`ccaward score`: a score file and a framework file in, totals and ranks out as
JSON or CSV; bad input is exit status 2 naming the file, line and column, every
problem listed, nothing computed."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from ccaward.cli import main

FRAMEWORK = """\
key: tiny
name: {zh: "小框架", en: "Tiny"}
dimensions:
  - code: people
    name: {zh: "人员", en: "People"}
    weight: "60"
    criteria:
      - code: hiring
        name: {zh: "招聘", en: "Hiring"}
        evidence: {judge: "100"}
      - code: coaching
        name: {zh: "辅导", en: "Coaching"}
        evidence: {judge: "100"}
        children:
          - code: answer_rate
            name: {zh: "接通率", en: "Answer rate"}
            evidence: {kpi: "100"}
            indicator: answer_rate
  - code: voice
    name: {zh: "声音", en: "Voice"}
    weight: "40"
    criteria:
      - code: calls
        name: {zh: "通话", en: "Calls"}
        evidence: {judge: "50", mystery: "50"}
"""
# B and D score alike: tied; A best; C last
SCORES = """judge,entry,criterion,score
J1,A,hiring,9
J1,A,coaching,8.5
J1,A,calls,9
J2,A,hiring,8
J2,A,coaching,9
J2,A,calls,8
J1,B,hiring,7
J1,B,coaching,6
J1,B,calls,7
J2,B,hiring,6
J2,B,coaching,7
J2,B,calls,6
J1,D,hiring,6
J1,D,coaching,7
J1,D,calls,6
J2,D,hiring,7
J2,D,coaching,6
J2,D,calls,7
J1,C,hiring,3
J1,C,coaching,4
J1,C,calls,2.5
J2,C,hiring,4
J2,C,coaching,3
J2,C,calls,3
"""


@pytest.fixture
def files(tmp_path):
    def write(name, text, encoding="utf-8"):
        path = tmp_path / name
        path.write_bytes(text.encode(encoding))
        return path

    write.dir = tmp_path
    write("scores.csv", SCORES)
    write("framework.yaml", FRAMEWORK)
    return write


def score(files, *extra, scores="scores.csv", framework="framework.yaml"):
    d = files.dir
    return main(["score", str(d / scores), "--framework", str(d / framework), *extra])


def test_json_shape_entries_by_rank_ties_stated(files, capsys):
    assert score(files, "--method", "mean", "--quota", "2", "--bootstrap", "200") == 0
    out = json.loads(capsys.readouterr().out)
    assert set(out) >= {"method", "scale", "entries", "judges", "alpha"}
    assert (out["method"], out["scale"], out["quota"], out["seed"]) == ("mean", "0-10", 2, 0)
    places = [(e["entry"], e["rank"], e["tied"]) for e in out["entries"]]
    assert places == [("A", 1, False), ("B", 2, True), ("D", 2, True), ("C", 4, False)]
    assert out["ties"] == [{"category": None, "rank": 2, "entries": ["B", "D"]}]
    a = out["entries"][0]
    assert a["criteria"] == {"hiring": 8.5, "coaching": 8.75, "calls": 8.5}  # judged ones
    # people: (85 + 87.5) / 2 = 86.25 (coaching's KPI sub-item has no evidence); voice 85
    assert a["dimensions"] == {"people": 86.25, "voice": 85.0}
    assert a["total"] == 85.75
    assert a["complete"] is False
    lo, hi = a["rank_interval"]
    assert 1 <= lo <= hi <= 4 and 0 <= a["p_in_quota"] <= 1
    assert [j["judge"] for j in out["judges"]] == ["J1", "J2"]
    assert set(out["alpha"]) == {"overall", "criteria"}
    assert set(out["alpha"]["criteria"]) == {"hiring", "coaching", "calls"}
    assert out["alpha"]["overall"] > 0.5
    assert out["alpha_adjusted"] is None  # mean adjusts no judge
    assert out["notes"] == [
        "Only judges' scores are read: KPI, mystery-call and site-visit evidence is missing. "
        "The judges' score carries the whole weight of calls. answer_rate takes no judges' "
        "scores and counts as unscored, so entries are marked incomplete."
    ]


def test_same_input_same_output(files, capsys):
    score(files, "--method", "median", "--bootstrap", "50", "--seed", "3")
    first = capsys.readouterr().out
    score(files, "--method", "median", "--bootstrap", "50", "--seed", "3")
    assert capsys.readouterr().out == first


def test_out_writes_the_file_and_nothing_on_stdout(files, capsys):
    out = files.dir / "result.json"
    assert score(files, "--method", "trimmed", "--bootstrap", "0", "--out", str(out)) == 0
    assert capsys.readouterr().out == ""
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["method"] == "trimmed" and data["bootstrap"] == 0
    assert data["entries"][0]["rank_interval"] is None
    assert data["notes"][0].startswith("trimmed: 12 scored criteria")


def test_csv_one_row_per_entry(files, capsys):
    assert score(files, "--method", "mean", "--format", "csv", "--bootstrap", "0") == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [(r["rank"], r["entry"], r["tied"]) for r in rows] == [
        ("1", "A", "no"),
        ("2", "B", "yes"),
        ("2", "D", "yes"),
        ("4", "C", "no"),
    ]
    assert rows[0]["total"] == "85.75" and rows[0]["method"] == "mean"
    assert rows[0]["hiring"] == "8.5" and rows[0]["people"] == "86.25"
    assert rows[0]["rank_low"] == ""


def test_explain_an_entry(files, capsys):
    assert score(files, "--method", "mean", "--bootstrap", "0", "--explain", "C") == 0
    data = json.loads(capsys.readouterr().out)
    assert data["entry"] == "C" and data["rank"] == 4
    total = sum(float(d["contribution"]) for d in data["dimensions"])
    assert abs(total - float(data["total"])) < 1e-9
    hiring = data["dimensions"][0]["criteria"][0]
    assert [(j["judge"], j["raw"]) for j in hiring["judges"]] == [("J1", 3.0), ("J2", 4.0)]
    assert (
        score(files, "--method", "mean", "--bootstrap", "0", "--explain", "C", "--format", "csv")
        == 0
    )
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [r["criterion"] for r in rows] == ["hiring", "coaching", "answer_rate", "calls"]
    assert rows[0]["judges"] == "J1=3>3 J2=4>4"


def test_byte_order_mark_and_header_in_any_order(files, capsys):
    lines = SCORES.splitlines()
    body = ["score,criterion,entry,judge"] + [",".join(reversed(r.split(","))) for r in lines[1:]]
    files("bom.csv", "\n".join(body) + "\n", encoding="utf-8-sig")
    assert score(files, "--method", "mean", "--bootstrap", "0", scores="bom.csv") == 0
    assert json.loads(capsys.readouterr().out)["entries"][0]["total"] == 85.75


def test_scale_option(files, capsys):
    files("five.csv", "judge,entry,criterion,score\nJ,E,hiring,3\nJ,E,calls,5\nJ,E,coaching,1\n")
    assert (
        score(files, "--scale", "1-5", "--bootstrap", "0", "--method", "mean", scores="five.csv")
        == 0
    )
    out = json.loads(capsys.readouterr().out)
    assert out["scale"] == "1-5"
    assert out["entries"][0]["dimensions"] == {"people": 25.0, "voice": 100.0}


def errors(capsys) -> list[str]:
    captured = capsys.readouterr()
    assert captured.out == ""
    return captured.err.splitlines()


BAD_ROWS = [
    (
        "J1,A,nope,5",
        "line 2, column criterion: unknown criterion 'nope' (not a code of the framework)",
    ),
    (
        "J1,A,answer_rate,5",
        "line 2, column criterion: criterion 'answer_rate' takes no judges' scores (its evidence: kpi 100)",
    ),
    ("J1,A,hiring,abc", "line 2, column score: 'abc' is not a number"),
    ("J1,A,hiring,nan", "line 2, column score: 'nan' is not a number"),
    ("J1,A,hiring,10.5", "line 2, column score: 10.5 is outside the scale 0-10"),
    ("J1,A,hiring,-1", "line 2, column score: -1 is outside the scale 0-10"),
    ("J1,A,hiring,", "line 2, column score: empty score"),
    (",A,hiring,5", "line 2, column judge: empty judge"),
    ("J1,,hiring,5", "line 2, column entry: empty entry"),
    ("J1,A,hiring,5,6", "line 2: 5 fields, expected 4 (judge,entry,criterion,score)"),
    (
        "J1,A,hiring,5\nJ2,A,hiring,6\nJ1,A,hiring,7",
        "line 4: judge 'J1' scored criterion 'hiring' of entry 'A' twice (also on line 2)",
    ),
]


@pytest.mark.parametrize(("row", "message"), BAD_ROWS)
def test_bad_rows_are_named_by_line_and_column(files, capsys, row, message):
    files("bad.csv", "judge,entry,criterion,score\n" + row + "\n")
    out = files.dir / "out.json"
    assert score(files, "--out", str(out), scores="bad.csv") == 2
    assert errors(capsys) == [f"ccaward score: error: {files.dir / 'bad.csv'}, {message}"]
    assert not out.exists()


BAD_HEADERS = [
    (
        "judge,entry,criterion",
        "line 1: missing column 'score' (the header is judge,entry,criterion,score)",
    ),
    (
        "judge,entry,criterion,score,note",
        "line 1, column note: unknown column 'note' (the header is judge,entry,criterion,score)",
    ),
    ("judge,entry,criterion,score,score", "line 1, column score: column 'score' appears twice"),
    ("", "line 1: empty file; expected the header judge,entry,criterion,score"),
    ("judge,entry,criterion,score", "line 2: no scores: the file has a header and nothing else"),
]


@pytest.mark.parametrize(("header", "message"), BAD_HEADERS)
def test_bad_headers(files, capsys, header, message):
    files("bad.csv", header + "\n" if header else "")
    assert score(files, scores="bad.csv") == 2
    assert errors(capsys) == [f"ccaward score: error: {files.dir / 'bad.csv'}, {message}"]


def test_every_problem_is_listed_up_to_a_cap(files, capsys):
    rows = ["J1,A,nope,5", "J1,B,hiring,11"] + [f"J{i},A,hiring,x" for i in range(60)]
    files("bad.csv", "judge,entry,criterion,score\n" + "\n".join(rows) + "\n")
    assert score(files, scores="bad.csv") == 2
    lines = errors(capsys)
    assert len(lines) == 51
    assert "line 2, column criterion" in lines[0] and "line 3, column score" in lines[1]
    assert lines[-1] == "ccaward score: error: ... and 12 more problems"


def test_not_utf8(files, capsys):
    files("gbk.csv", "judge,entry,criterion,score\n评委,A,hiring,5\n", encoding="gbk")
    assert score(files, scores="gbk.csv") == 2
    assert errors(capsys) == [
        f"ccaward score: error: {files.dir / 'gbk.csv'}, line 2: not UTF-8 text"
    ]


def test_framework_that_does_not_validate(files, capsys):
    files("bad.yaml", FRAMEWORK.replace('weight: "40"', 'weight: "30"'))
    assert score(files, framework="bad.yaml") == 2
    [line] = errors(capsys)
    assert line == (
        f"ccaward score: error: {files.dir / 'bad.yaml'}: dimensions: "
        "Dimension weights sum to 90, not 100 (-10)."
    )


def test_framework_problems_are_all_listed(files, capsys):
    text = FRAMEWORK.replace('weight: "40"', 'weight: "30"').replace(
        'evidence: {judge: "50", mystery: "50"}', 'evidence: {judge: "50", mystery: "40"}'
    )
    files("bad.yaml", text)
    assert score(files, framework="bad.yaml") == 2
    lines = errors(capsys)
    assert len(lines) == 2 and "voice.calls: 通话: evidence weights sum to 90, not 100." in lines[1]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("dimensions: [\n  - oops", "line 2: not YAML"),
        ("- 1\n- 2\n", ": not a framework (no list of dimensions)"),
        ("dimensions:\n  - code: x\n", ": a dimension or criterion has no 'name'"),
        (
            FRAMEWORK.replace('weight: "60"', 'weight: "sixty"'),
            "people.weight: 'sixty' is not a number",
        ),
    ],
)
def test_framework_file_that_cannot_be_read(files, capsys, text, message):
    files("bad.yaml", text)
    assert score(files, framework="bad.yaml") == 2
    [line] = errors(capsys)
    assert line.startswith(f"ccaward score: error: {files.dir / 'bad.yaml'}") and message in line


def test_missing_files(files, capsys):
    assert score(files, framework="none.yaml") == 2
    assert errors(capsys) == [
        f"ccaward score: error: {files.dir / 'none.yaml'}: No such file or directory"
    ]
    assert score(files, scores="none.csv") == 2
    assert errors(capsys) == [
        f"ccaward score: error: {files.dir / 'none.csv'}: No such file or directory"
    ]


def test_quota_larger_than_the_entries(files, capsys):
    assert score(files, "--quota", "5") == 2
    assert errors(capsys) == [
        f"ccaward score: error: --quota 5: larger than the 4 entries of {files.dir / 'scores.csv'}"
    ]


def test_unknown_entry_to_explain(files, capsys):
    assert score(files, "--explain", "Z") == 2
    assert errors(capsys) == [
        f"ccaward score: error: --explain: no entry 'Z' in {files.dir / 'scores.csv'}"
    ]


@pytest.mark.parametrize(
    ("extra", "what"),
    [
        (["--scale", "ten"], "'ten' is not MIN-MAX"),
        (["--scale", "5-1"], "the top must be above the bottom"),
        (["--quota", "0"], "a quota is at least 1"),
        (["--bootstrap", "-3"], "-3 is below 0"),
        (["--method", "best"], "invalid choice"),
    ],
)
def test_bad_options_are_exit_status_2(files, capsys, extra, what):
    with pytest.raises(SystemExit) as exit_:
        score(files, *extra)
    assert exit_.value.code == 2
    assert what in capsys.readouterr().err


def test_the_installed_command_runs_in_a_subprocess(files):
    d = files.dir
    done = subprocess.run(
        [sys.executable, "-m", "ccaward.cli", "score", str(d / "scores.csv")]
        + ["--framework", str(d / "framework.yaml"), "--method", "mean", "--bootstrap", "0"],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=Path(__file__).resolve().parents[1],
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["entries"][0]["entry"] == "A"
    assert "django" not in done.stderr.lower()
