"""`ccaward tally` end to end."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from ccaward.cli import main
from tests.engine.voting.test_schulze import FORTY_FIVE

FORTY_FIVE_CSV = "".join(
    f"count={b.count}," + ",".join(next(iter(g)) for g in b.ranks) + "\n" for b in FORTY_FIVE
)


def run(capsys, *argv):
    status = main(["tally", *map(str, argv)])
    out, err = capsys.readouterr()
    return status, out, err


def test_schulze_json(tmp_path, capsys):
    path = tmp_path / "ballots.csv"
    path.write_text("\ufeff" + FORTY_FIVE_CSV, encoding="utf-8")
    status, out, err = run(capsys, path, "--method", "schulze", "--seats", 2)
    assert status == 0 and err == ""
    data = json.loads(out)
    assert data["winners"] == ["E", "A"] and data["tied"] == []
    assert data["pairwise"]["E"]["D"] == 31


def test_borda_csv_with_candidates_no_ballot_names(tmp_path, capsys):
    path = tmp_path / "ballots.csv"
    path.write_text("A,B=C\ncount=2,B\n", encoding="utf-8")
    status, out, _ = run(
        capsys,
        path,
        "--method",
        "borda",
        "--seats",
        1,
        "--candidates",
        "A,B,C,D",
        "--format",
        "csv",
    )
    assert status == 0
    assert out.splitlines() == [
        "place,candidate,status,score",
        "1,B,winner,7.5",
        "2,A,,5",
        "3,C,,3.5",
        "4,D,,2",
    ]


def test_margins_option(tmp_path, capsys):
    path = tmp_path / "ballots.csv"
    path.write_text("count=3,B\ncount=5,A,C\ncount=3,C,B\n", encoding="utf-8")
    assert json.loads(run(capsys, path, "--method", "schulze", "--seats", 1)[1])["winners"] == ["C"]
    margin = run(capsys, path, "--method", "schulze", "--seats", 1, "--strength", "margin")
    assert json.loads(margin[1])["winners"] == ["A"]


@pytest.mark.parametrize(
    ("text", "options", "message"),
    [
        ("A,B\nB,Z\n", ["--candidates", "A,B"], "line 2: Z is not a candidate"),
        ("A,B\n\nB,A,B\n", [], "line 3: B appears twice"),
        ("A\ncount=two,B\n", [], "line 2: malformed 'count=two'"),
        ("A,B\nA,B,C\n", ["--method", "approval", "--max-approvals", "2"], "line 2: 3 approvals"),
        ("A,B\n", ["--seats", "3"], "ballots.csv: 3 seats: more than the 2 candidates"),
    ],
)
def test_bad_input_exits_2_naming_the_line(tmp_path, capsys, text, options, message):
    path = tmp_path / "ballots.csv"
    path.write_text(text, encoding="utf-8")
    argv = ["--method", "borda", "--seats", "1", *options]
    if "--method" in options:
        argv = argv[2:]
    status, out, err = run(capsys, path, *argv)
    assert status == 2 and out == ""
    assert message in err and err.startswith("ccaward tally: error: ")


def test_a_missing_file_and_bytes_not_utf8(tmp_path, capsys):
    assert run(capsys, tmp_path / "none.csv", "--method", "borda", "--seats", 1)[0] == 2
    path = tmp_path / "latin.csv"
    path.write_bytes("Müller,B\n".encode("latin-1"))
    status, _, err = run(capsys, path, "--method", "borda", "--seats", 1)
    assert status == 2 and "not UTF-8 (byte 2)" in err


def test_the_command_reads_stdin_and_exits_2():
    command = [
        sys.executable,
        "-m",
        "ccaward.cli",
        "tally",
        "-",
        "--method",
        "approval",
        "--seats",
        "1",
    ]
    ok = subprocess.run(command, input=b"A,B\nA\n", capture_output=True, timeout=60)
    assert ok.returncode == 0
    assert json.loads(ok.stdout)["scores"] == {"A": 2, "B": 1}
    bad = subprocess.run(command, input=b"A,B\ncount=0,A\n", capture_output=True, timeout=60)
    assert bad.returncode == 2 and b"<stdin> line 2: malformed 'count=0'" in bad.stderr


def test_the_poll_weighs_in_by_its_weight(tmp_path, capsys):
    # the panel: A beats B 3:2 (A's Schulze share 1, B's 1/2); the poll: B 90, A 10
    ballots = tmp_path / "ballots.csv"
    ballots.write_text("count=3,A,B,C\ncount=2,B,A,C\n", encoding="utf-8")
    poll = tmp_path / "poll.csv"
    poll.write_text("\ufeffA,10\nB,90\n\nC,0\n", encoding="utf-8")
    common = [ballots, "--method", "schulze", "--seats", 1, "--poll", poll]
    status, out, err = run(capsys, *common, "--poll-weight", 50)
    assert status == 0 and err == ""
    data = json.loads(out)
    assert data["winners"] == ["A"]  # the panel's count alone
    shares = {s["candidate"]: s for s in data["decision"]["standings"]}
    assert shares["A"]["combined"] == "11/20" and shares["B"]["combined"] == "7/10"
    assert data["decision"]["winners"] == ["B"] and data["decision"]["poll_weight"] == 50
    status, out, _ = run(capsys, *common, "--poll-weight", 20)
    assert json.loads(out)["decision"]["winners"] == ["A"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("A,10\nA,3\n", "line 2: A is on two rows"),
        ("A,ten\n", "line 1: 'ten' is not a number of votes"),
        ("A\n", "line 1: write one candidate and its votes"),
        ("Z,4\n", "Z in"),
    ],
)
def test_a_bad_poll_file_exits_2_naming_the_line(tmp_path, capsys, text, message):
    ballots = tmp_path / "ballots.csv"
    ballots.write_text("A,B\n", encoding="utf-8")
    poll = tmp_path / "poll.csv"
    poll.write_text(text, encoding="utf-8")
    argv = [ballots, "--method", "borda", "--seats", 1, "--poll", poll, "--poll-weight", 10]
    status, out, err = run(capsys, *argv)
    assert status == 2 and out == "" and message in err, err


def test_poll_and_its_weight_go_together(tmp_path, capsys):
    ballots = tmp_path / "ballots.csv"
    ballots.write_text("A,B\n", encoding="utf-8")
    status, _out, err = run(capsys, ballots, "--method", "borda", "--seats", 1, "--poll-weight", 5)
    assert status == 2 and "--poll and --poll-weight go together" in err
