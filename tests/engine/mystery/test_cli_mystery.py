"""`ccaward mystery score` and `scorecard check` end to end, exit status 2 on bad input."""

from __future__ import annotations

import csv
import json

import yaml

from ccaward.cli import main
from ccaward.engine.mystery.scorecard import DEFAULT_FILE
from tests.engine.mystery.test_score import A, B


def write_contacts(path, rows):
    header = ["contact", "entry", "shopper", "reached", "attempts", "void", *A]
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(header)
        for row in rows:
            w.writerow([row.get(h, "") for h in header])


def as_text(answers):
    return {
        k: "/".join(map(str, v)) if isinstance(v, tuple) else str(v) for k, v in answers.items()
    }


def test_score_end_to_end(tmp_path, capsys):
    path = tmp_path / "contacts.csv"
    write_contacts(
        path,
        [
            {"contact": "c1", "entry": "E1", "shopper": "S1", **as_text(A)},
            {"contact": "c2", "entry": "E1", "shopper": "S2", "attempts": "10:01", **as_text(B)},
            {
                "contact": "c3",
                "entry": "E1",
                "shopper": "S1",
                "reached": "no",
                "attempts": "9:00;9:05",
            },
        ],
    )
    assert main(["mystery", "score", str(path), "--scorecard", str(DEFAULT_FILE)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [c["total"] for c in data["contacts"]] == ["79.5000", "52.5000", "0.0000"]
    (entry,) = data["entries"]
    assert (entry["mean"], entry["sd"], entry["consistency"]) == ("44.0000", "33.0076", "33.9849")
    assert data["contacts"][2]["attempts"] == ["9:00", "9:05"]
    assert main(["mystery", "score", str(path), "--format", "csv"]) == 0
    rows = list(csv.DictReader(capsys.readouterr().out.splitlines()))
    assert [r["kind"] for r in rows] == ["contact", "contact", "contact", "entry"]
    assert rows[-1]["total"] == "44.0000" and rows[-1]["reached_mean"] == "66.0000"


def test_score_refuses_bad_rows_with_exit_2(tmp_path, capsys):
    path = tmp_path / "contacts.csv"
    write_contacts(
        path,
        [
            {"contact": "c1", "entry": "E1", "shopper": "S1", **as_text(A), "rings": "99"},
            {"contact": "c1", "entry": "E2", "shopper": "S2", **as_text(A)},
            {"contact": "c2", "entry": "E1", "shopper": "S1", **as_text(A), "greeting": ""},
        ],
    )
    assert main(["mystery", "score", str(path)]) == 2
    err = capsys.readouterr().err
    assert "line 2: reaching/rings: 99 is outside 0-60 rings" in err
    assert "line 3: contact c1 is with entry E1 on an earlier line, not E2" in err
    assert "line 4: opening/greeting: no answer" in err


def test_scorecard_check(tmp_path, capsys):
    assert main(["mystery", "scorecard", "check", str(DEFAULT_FILE)]) == 0
    assert "points add up to 100" in capsys.readouterr().out
    data = yaml.safe_load(DEFAULT_FILE.read_text(encoding="utf-8"))
    data["groups"]["opening"]["items"]["identification"]["points"] = 9
    bad = tmp_path / "bad.yaml"
    bad.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert main(["mystery", "scorecard", "check", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "opening: its items' points add up to 16, not the group's 15" in err
