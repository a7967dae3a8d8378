"""The judges' assignment: the optimum on instances worked by hand, the rules
(conflicts, the same organisation, one employer per entry, locked pairs), each cause
of infeasibility named, and bad input refused by name."""

from __future__ import annotations

import math

import pytest

from ccaward.engine.assignment import (
    AssignmentInputError,
    Entry,
    Judge,
    Pair,
    solve,
)
from tests.engine.assignment_checks import check_hard_constraints

CCB = "中国建设银行股份有限公司"
CCB_CENTER = "中国建设银行客户服务中心"  # the same organisation


def pairs(result):
    return {(p.judge, p.entry) for p in result.assignments}


# --------------------------------------------------------------------------- optimum


def test_the_optimum_of_a_small_instance_worked_by_hand():
    judges = [Judge("A", max_load=1), Judge("B", max_load=1)]
    entries = [Entry("E1", 1), Entry("E2", 1)]
    # greedy would give A E1 (10) and then B E2 (1) = 11; the optimum is 9 + 8 = 17
    affinity = {("A", "E1"): 10, ("A", "E2"): 9, ("B", "E1"): 8, ("B", "E2"): 1}
    result = solve(judges, entries, affinity)
    assert result.optimal and result.infeasible is None
    assert pairs(result) == {("A", "E2"), ("B", "E1")}
    assert result.objective == 17
    assert result.loads == {"A": 1, "B": 1}
    assert result.assignments == [Pair("B", "E1", 8.0), Pair("A", "E2", 9.0)]
    assert result.seed is None and result.probabilities is None


def test_minimum_loads_are_met_even_at_a_cost():
    judges = [Judge("A"), Judge("B", min_load=2)]
    entries = [Entry("E1", 1), Entry("E2", 1)]
    affinity = {("A", "E1"): 5, ("A", "E2"): 5, ("B", "E1"): 1, ("B", "E2"): 1}
    result = solve(judges, entries, affinity)
    assert pairs(result) == {("B", "E1"), ("B", "E2")}
    assert result.objective == 2 and result.loads == {"A": 0, "B": 2}


def test_negative_and_fractional_affinities_and_pairs_not_listed():
    judges = [Judge("A"), Judge("B"), Judge("C")]
    entries = [Entry("E1", 2)]
    affinity = {("A", "E1"): -0.25, ("B", "E1"): 0.125}  # C: 0
    result = solve(judges, entries, affinity)
    assert pairs(result) == {("B", "E1"), ("C", "E1")}
    assert math.isclose(result.objective, 0.125)


def test_an_entry_with_no_reviewers_gets_none():
    result = solve([Judge("A")], [Entry("E1", 0), Entry("E2", 1)], {("A", "E1"): 9})
    assert pairs(result) == {("A", "E2")}


# --------------------------------------------------------------------------- rules


def test_a_judge_never_reviews_their_own_organisation_however_it_is_written():
    judges = [Judge("A", employer=CCB), Judge("B", employer="平安银行")]
    entries = [Entry("E1", 1, organization=CCB_CENTER)]
    affinity = {("A", "E1"): 100, ("B", "E1"): 1}
    assert pairs(solve(judges, entries, affinity)) == {("B", "E1")}
    # the platform passes the detected conflicts it keeps itself
    allowed = solve(judges, entries, affinity, forbidden_same_employer=False)
    assert pairs(allowed) == {("A", "E1")}


def test_declared_conflicts_are_never_assigned():
    judges = [Judge("A"), Judge("B"), Judge("C")]
    entries = [Entry("E1", 2)]
    affinity = {("A", "E1"): 9, ("B", "E1"): 8, ("C", "E1"): 1}
    result = solve(judges, entries, affinity, conflicts={("A", "E1")})
    assert pairs(result) == {("B", "E1"), ("C", "E1")}


def test_two_judges_of_one_employer_never_review_one_entry():
    judges = [
        Judge("A", employer="ACME Co., Ltd."),
        Judge("B", employer="acme"),  # the same employer
        Judge("C", employer="Other"),
        Judge("D"),  # no employer: an employer of their own
        Judge("E"),
    ]
    entries = [Entry("E1", 3)]
    affinity = {("A", "E1"): 9, ("B", "E1"): 9, ("C", "E1"): 1, ("D", "E1"): 2, ("E", "E1"): 2}
    result = solve(judges, entries, affinity)
    chosen = pairs(result)
    assert len(chosen & {("A", "E1"), ("B", "E1")}) == 1
    assert {("D", "E1"), ("E", "E1")} <= chosen
    assert result.objective == 13
    check_hard_constraints(result, judges, entries)


def test_locked_pairs_are_kept_and_count_towards_loads_and_reviewers():
    judges = [Judge("A", max_load=1), Judge("B"), Judge("C")]
    entries = [Entry("E1", 2), Entry("E2", 1)]
    affinity = {("A", "E1"): 10, ("B", "E1"): 5, ("C", "E1"): 4, ("A", "E2"): 1}
    free = solve(judges, entries, affinity)
    assert ("A", "E1") in pairs(free)
    result = solve(judges, entries, affinity, locked={("A", "E2"), ("C", "E1")})
    assert pairs(result) == {("A", "E2"), ("B", "E1"), ("C", "E1")}
    assert result.objective == 10 and result.loads == {"A": 1, "B": 1, "C": 1}
    assert result.optimal


def test_a_locked_judge_keeps_others_of_the_same_employer_away():
    judges = [Judge("A", employer="X"), Judge("B", employer="X"), Judge("C")]
    entries = [Entry("E1", 2)]
    affinity = {("B", "E1"): 10, ("C", "E1"): 1}
    result = solve(judges, entries, affinity, locked={("A", "E1")})
    assert pairs(result) == {("A", "E1"), ("C", "E1")}


def test_the_same_input_gives_the_same_result_whatever_its_order():
    judges = [Judge(f"J{i}", max_load=3) for i in range(6)]
    entries = [Entry(f"E{k}", 2) for k in range(5)]
    affinity = {(j.id, e.id): 1.0 for j in judges for e in entries}  # all ties
    first = solve(judges, entries, affinity)
    again = solve(list(reversed(judges)), list(reversed(entries)), dict(reversed(affinity.items())))
    assert first == again
    check_hard_constraints(first, judges, entries)


# --------------------------------------------------------------------------- infeasible


def test_the_issue_example_entries_with_only_two_judges_without_a_conflict():
    judges = [Judge(f"J{i}") for i in range(1, 6)]
    entries = [Entry("E12", 3), Entry("E40", 3), Entry("E7", 3)]
    conflicts = {(j, e) for j in ("J3", "J4", "J5") for e in ("E12", "E40")}
    result = solve(judges, entries, {}, conflicts=conflicts)
    why = result.infeasible
    assert why.code == "too_few_judges_for_entry"
    assert why.entries == ["E12", "E40"] and why.judges == ["J1", "J2"]
    assert why.reason.startswith("E12 and E40 have only 2 judges without a conflict")
    assert why.reason.endswith("lower R or add judges")
    assert why.detail["entries"]["E12"] == {"reviewers": 3, "judges": 2, "capacity": 2}
    assert result.assignments == [] and not result.optimal


def test_judges_of_one_employer_count_once_for_an_entry():
    judges = [Judge("A", employer=CCB), Judge("B", employer=CCB_CENTER), Judge("C")]
    result = solve(judges, [Entry("E1", 3)], {})
    assert result.infeasible.code == "too_few_judges_for_entry"
    assert result.infeasible.detail["entries"]["E1"]["judges"] == 2


def test_more_reviews_than_the_maximum_loads():
    judges = [Judge("A", max_load=1), Judge("B", max_load=1)]
    result = solve(judges, [Entry("E1", 2), Entry("E2", 1)], {})
    why = result.infeasible
    assert why.code == "total_capacity"
    assert why.detail == {"reviews": 3, "capacity": 2}


def test_minimum_loads_above_the_reviews():
    judges = [Judge("A", min_load=2), Judge("B", min_load=1)]
    why = solve(judges, [Entry("E1", 2)], {}).infeasible
    assert why.code == "min_loads_exceed_demand"
    assert why.detail == {"reviews": 2, "min_loads": 3}


def test_a_judge_who_may_review_fewer_entries_than_the_minimum():
    judges = [Judge("A", min_load=2), Judge("B"), Judge("C")]
    entries = [Entry("E1", 2), Entry("E2", 2)]
    why = solve(judges, entries, {}, conflicts={("A", "E2")}).infeasible
    assert why.code == "too_few_entries_for_judge"
    assert why.judges == ["A"] and why.detail["judges"]["A"] == {"min_load": 2, "entries": 1}


def test_a_set_of_entries_short_of_judges_is_named_with_the_judges_at_their_maximum():
    judges = [Judge("A", max_load=1), Judge("B", max_load=1), Judge("C"), Judge("D")]
    entries = [Entry("E1", 2), Entry("E2", 2), Entry("E3", 1)]
    conflicts = {(j, e) for j in ("C", "D") for e in ("E1", "E2")}
    why = solve(judges, entries, {}, conflicts=conflicts).infeasible
    assert why.code == "entries_short_of_judges"
    assert why.entries == ["E1", "E2"] and why.judges == ["A", "B"]
    assert why.detail["reviews"] == 4 and why.detail["capacity"] == 2


def test_a_set_of_judges_short_of_entries_is_named_with_the_full_entries():
    judges = [Judge("A", min_load=2), Judge("B", min_load=2), Judge("C"), Judge("D"), Judge("E")]
    entries = [Entry("E1", 1), Entry("E2", 1), Entry("E3", 3)]
    conflicts = {("A", "E3"), ("B", "E3")}
    why = solve(judges, entries, {}, conflicts=conflicts).infeasible
    assert why.code == "judges_short_of_entries"
    assert why.judges == ["A", "B"] and why.entries == ["E1", "E2"]
    assert why.detail["min_loads"] == 4 and why.detail["capacity"] == 2


@pytest.mark.parametrize(
    ("locked", "code"),
    [
        ({("A", "E1")}, "locked_pair_forbidden"),  # A's employer is E1's organisation
        ({("B", "E2"), ("C", "E2")}, "locked_same_employer"),
        ({("B", "E3"), ("D", "E3")}, "locked_above_reviewers"),
        ({("D", "E2"), ("D", "E3")}, "locked_above_max_load"),
    ],
)
def test_a_locked_pair_that_breaks_a_rule_is_named(locked, code):
    judges = [
        Judge("A", employer=CCB),
        Judge("B", employer="X"),
        Judge("C", employer="X"),
        Judge("D", max_load=1),
    ]
    entries = [Entry("E1", 1, CCB_CENTER), Entry("E2", 2), Entry("E3", 1)]
    why = solve(judges, entries, {}, locked=locked).infeasible
    assert why.code == code
    assert {j for j, _ in locked} & set(why.judges)
    assert why.reason


def test_a_locked_declared_conflict_is_named():
    why = solve([Judge("A")], [Entry("E1", 1)], {}, conflicts={("A", "E1")}, locked={("A", "E1")})
    assert why.infeasible.code == "locked_pair_forbidden"
    assert why.infeasible.detail == {"judge": "A", "entry": "E1", "why": "conflict"}


# --------------------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    ("kwargs", "code", "words"),
    [
        ({"judges": [Judge("A", 3, 2)]}, "load_min_above_max", ["'A'", "min_load 3", "max_load 2"]),
        ({"judges": [Judge("A"), Judge("A")]}, "duplicate_judge", ["'A'"]),
        ({"judges": [Judge("")]}, "empty_id", ["judge"]),
        ({"judges": [Judge("A", -1)]}, "bad_load", ["'A'", "min_load"]),
        ({"entries": [Entry("E1", 1), Entry("E1", 2)]}, "duplicate_entry", ["'E1'"]),
        ({"entries": [Entry("E1", -1)]}, "bad_reviewers", ["'E1'", "reviewers"]),
        ({"affinity": {("Z", "E1"): 1}}, "unknown_judge", ["affinity", "'Z'"]),
        ({"affinity": {("A", "Z"): 1}}, "unknown_entry", ["affinity", "'Z'"]),
        ({"affinity": {("A", "E1"): math.nan}}, "bad_affinity", ["affinity"]),
        ({"affinity": {("A", "E1"): 1e7}}, "bad_affinity", ["affinity"]),
        ({"affinity": {("A", "E1"): "1"}}, "bad_affinity", ["affinity"]),
        ({"conflicts": {("A", "Z")}}, "unknown_entry", ["conflicts", "'Z'"]),
        ({"locked": {("Z", "E1")}}, "unknown_judge", ["locked", "'Z'"]),
        ({"locked": {("A",)}}, "bad_pair", ["locked"]),
        ({"seed": 1}, "seed_without_cap", ["seed"]),
        ({"max_probability": 0}, "bad_max_probability", ["max_probability"]),
        ({"max_probability": 1.5}, "bad_max_probability", ["max_probability"]),
    ],
)
def test_bad_input_is_refused_by_name(kwargs, code, words):
    args = {"judges": [Judge("A")], "entries": [Entry("E1", 1)], "affinity": {}} | kwargs
    positional = (args.pop("judges"), args.pop("entries"), args.pop("affinity"))
    with pytest.raises(AssignmentInputError) as caught:
        solve(*positional, **args)
    assert isinstance(caught.value, ValueError)
    assert caught.value.code == code
    for word in words:
        assert word in str(caught.value)
