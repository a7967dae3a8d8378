"""BALLOTS.csv in and out, and the count as JSON and CSV."""

from __future__ import annotations

import json
from fractions import Fraction

import pytest
from hypothesis import given, settings

from ccaward.engine.voting import Ballot, BallotError, tally
from ccaward.engine.voting.csvio import (
    exact_number,
    read_ballots,
    read_rows,
    tally_csv,
    tally_json,
    write_ballots,
)
from tests.engine.voting.ballots import elections


def test_reads_ranks_equal_ranks_counts_bom_and_blank_cells():
    text = "\ufeffcount=3, A ,B=C\n\nD,,,\ncount=2\n,,\n"
    assert read_rows(text) == [
        (1, Ballot(ranks=(frozenset("A"), frozenset("BC")), count=3)),
        (3, Ballot(ranks=(frozenset("D"),))),
        (4, Ballot(ranks=(), count=2)),
    ]


def test_quoted_names_and_unicode():
    ballots = read_ballots('"Shanghai, east",华东中心\n')
    assert ballots == [Ballot(ranks=(frozenset(["Shanghai, east"]), frozenset(["华东中心"])))]


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("A,B\ncount=x,A\n", 2, "malformed 'count=x'"),
        ("A\n\ncount=0,B\n", 3, "from 1"),
        ("count=-2,A\n", 1, "malformed"),
        ("count=,A\n", 1, "malformed"),
        ("count=1.5,A\n", 1, "malformed"),
        ("A,B,A\n", 1, "A appears twice"),
        ("A=B=A\n", 1, "A appears twice"),
        ("B,A=\n", 1, "empty candidate name"),
        ("A,,B\n", 1, "blank cell"),
    ],
)
def test_bad_rows_name_the_line(text, line, words):
    with pytest.raises(BallotError) as caught:
        read_ballots(text)
    assert caught.value.line == line
    assert words in str(caught.value) and str(caught.value).startswith(f"line {line}: ")


def test_a_multiline_quoted_cell_keeps_the_next_lines_number():
    assert [line for line, _ in read_rows('"A\nB",C\nD\n')] == [1, 3]
    with pytest.raises(BallotError) as caught:
        read_rows('"A\nB",C\nD,D\n')
    assert caught.value.line == 3


@settings(deadline=None)
@given(elections())
def test_round_trip(election):
    _, ballots = election
    assert read_ballots(write_ballots(ballots)) == ballots


def test_write_refuses_names_it_cannot_carry():
    with pytest.raises(ValueError, match="a=b"):
        write_ballots([Ballot(ranks=(frozenset(["a=b"]),))])
    with pytest.raises(ValueError):
        write_ballots([Ballot(ranks=(frozenset([" A"]),))])


def test_json_shape_scores():
    result = tally(read_ballots("A,B=C\nB\n"), method="borda", seats=1, candidates="ABCD")
    data = tally_json(result)
    assert list(data) == ["method", "seats", "winners", "tied", "ranking", "scores"]
    assert data == {
        "method": "borda",
        "seats": 1,
        "winners": ["B"],
        "tied": [],
        "ranking": [["B"], ["A"], ["C"], ["D"]],
        "scores": {"A": 4, "B": 4.5, "C": 2.5, "D": 1},
    }
    json.dumps(data)


def test_json_shape_pairwise():
    result = tally(read_ballots("count=2,A,B\nB,A\n"), method="schulze", seats=1)
    data = tally_json(result)
    assert list(data) == ["method", "seats", "winners", "tied", "ranking", "pairwise"]
    assert data["pairwise"] == {"A": {"B": 2}, "B": {"A": 1}}
    assert data["winners"] == ["A"]


def test_exact_numbers():
    assert exact_number(3) == 3 and isinstance(exact_number(Fraction(6, 2)), int)
    assert exact_number(Fraction(7, 2)) == 3.5
    assert exact_number(Fraction(1, 3)) == "1/3"


def test_csv_output():
    borda = tally(read_ballots("A,B\nB,A\nC\n"), method="borda", seats=1)
    assert tally_csv(borda) == (
        "place,candidate,status,score\n1,A,tied,3.5\n1,B,tied,3.5\n3,C,,2\n"
    )
    schulze = tally(read_ballots("A,B,C\n"), method="schulze", seats=2)
    assert tally_csv(schulze).splitlines() == [
        "place,candidate,status,A,B,C",
        "1,A,winner,,1,1",
        "2,B,winner,0,,1",
        "3,C,,0,0,",
    ]
