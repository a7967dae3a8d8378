"""The design's connected parts against a plain graph search."""

from __future__ import annotations

import random

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from ccaward.engine.scoring import ScoreTable
from ccaward.engine.scoring.components import components


def rows_of(pairs, criteria=("c1",)):
    return [(j, e, c, 5.0) for j, e in pairs for c in criteria]


def reference(pairs) -> set[tuple[frozenset, frozenset]]:
    """Connected parts by breadth-first search: {(judges, entries)}."""
    links: dict[tuple[str, str], set] = {}
    for j, e in pairs:
        links.setdefault(("j", j), set()).add(("e", e))
        links.setdefault(("e", e), set()).add(("j", j))
    seen, parts = set(), set()
    for node in links:
        if node in seen:
            continue
        todo, part = [node], set()
        while todo:
            n = todo.pop()
            if n not in part:
                part.add(n)
                todo.extend(links[n] - part)
        seen |= part
        parts.add(
            (
                frozenset(n for k, n in part if k == "j"),
                frozenset(n for k, n in part if k == "e"),
            )
        )
    return parts


def test_two_groups_sharing_no_entry():
    pairs = [("A", "e1"), ("A", "e2"), ("B", "e2"), ("B", "e3"), ("C", "e4"), ("D", "e4")]
    table = ScoreTable.from_rows(rows_of(pairs), entries=["e0", "e1", "e2", "e3", "e4"])
    parts, judge_part = components(table)
    assert [(p.index, p.judges, p.entries) for p in parts] == [
        (0, ("A", "B"), ("e1", "e2", "e3")),
        (1, ("C", "D"), ("e4",)),
    ]
    assert dict(zip(table.judges, judge_part.tolist(), strict=True)) == {
        "A": 0,
        "B": 0,
        "C": 1,
        "D": 1,
    }  # e0, scored by nobody, is in no part


def test_connected_through_a_chain_of_overlaps():
    pairs = [(f"J{k}", f"e{k + d}") for k in range(30) for d in (0, 1)]
    table = ScoreTable.from_rows(rows_of(pairs))
    parts, judge_part = components(table)
    assert len(parts) == 1 and len(parts[0].entries) == 31
    assert set(judge_part.tolist()) == {0}


def test_ties_in_size_are_ordered_by_label_not_by_row_order():
    pairs = [("Z", "e1"), ("A", "e2"), ("M", "e3")]
    for seed in range(5):
        shuffled = random.Random(seed).sample(pairs, len(pairs))
        parts, _ = components(ScoreTable.from_rows(rows_of(shuffled)))
        assert [p.judges for p in parts] == [("A",), ("M",), ("Z",)]


def test_a_judge_without_scores_is_in_no_part():
    table = ScoreTable(
        judges=("A", "B"),
        entries=("e1",),
        criteria=("c",),
        judge=np.array([0]),
        entry=np.array([0]),
        criterion=np.array([0]),
        score=np.array([5.0]),
    )
    parts, judge_part = components(table)
    assert judge_part.tolist() == [0, -1]
    assert parts[0].judges == ("A",)


def test_an_empty_table():
    parts, judge_part = components(ScoreTable.from_rows([]))
    assert parts == () and judge_part.tolist() == []


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.integers(0, 12).map(lambda k: f"J{k}"), st.integers(0, 25).map(lambda k: f"e{k}")
        ),
        min_size=1,
        max_size=60,
        unique=True,
    )
)
def test_parts_equal_a_graph_search(pairs):
    table = ScoreTable.from_rows(rows_of(pairs, criteria=("c1", "c2")))
    parts, judge_part = components(table)
    assert {(frozenset(p.judges), frozenset(p.entries)) for p in parts} == reference(pairs)
    sizes = [(len(p.entries), len(p.judges)) for p in parts]
    assert sizes == sorted(sizes, reverse=True)
    for p in parts:
        for j in p.judges:
            assert judge_part[table.judges.index(j)] == p.index
