"""The randomized assignment: the capped distribution is the linear program's optimum
(against scipy), no pair above P, every draw meets every hard constraint, the draws'
frequencies are the probabilities, and a seed reproduces its draw."""

from __future__ import annotations

import math
import random
from collections import Counter

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ccaward.engine.assignment import AssignmentInputError, Entry, Judge, solve
from ccaward.engine.assignment import randomized as rnd
from ccaward.engine.assignment.network import min_cost
from ccaward.engine.assignment.solve import prepare
from tests.engine.assignment_checks import check_hard_constraints, reference
from tests.engine.test_assignment_property import instances

CAPS = st.sampled_from([0.25, 0.3, 0.5, 2 / 3, 0.75, 1.0])


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instances(), CAPS, st.integers(0, 2**32 - 1))
def test_the_capped_distribution_is_the_linear_programs_optimum(instance, cap, seed):
    judges, entries, affinity, conflicts, locked = instance
    result = solve(
        judges,
        entries,
        affinity,
        conflicts=conflicts,
        locked=locked,
        max_probability=cap,
        seed=seed,
    )
    lp = reference.solve_milp(
        judges, entries, affinity, conflicts=conflicts, locked=locked, max_probability=cap
    )
    assert lp.status in (0, 2), lp.message
    assert result.seed == seed and result.max_probability == cap
    assert (result.infeasible is None) == lp.feasible, (result.infeasible, lp.message)
    if not lp.feasible:
        assert result.infeasible.code != "no_assignment"
        return
    assert result.optimal
    assert math.isclose(result.expected_objective, lp.objective, abs_tol=1e-6)
    assert result.expected_objective <= result.deterministic_objective + 1e-9
    for pair, p in result.probabilities.items():
        assert 0 < p <= (1.0 if pair in locked else cap) + 1e-12
    assert all(result.probabilities[pair] == 1.0 for pair in locked)
    check_hard_constraints(result, judges, entries, conflicts, locked)
    assert {(p.judge, p.entry) for p in result.assignments} <= set(result.probabilities)
    assert math.isclose(result.objective, sum(p.affinity for p in result.assignments))


def _instance():
    """Twelve judges of five employers (two without), eight entries of three reviewers,
    a few conflicts and an organisation shared with two judges."""
    employers = ["A", "A", "B", "B", "C", "C", "D", "D", "E", "E", "", ""]
    judges = [Judge(f"J{i:02}", 1, 3, employers[i]) for i in range(12)]
    entries = [Entry(f"E{k}", 3, "E" if k == 0 else "") for k in range(8)]
    r = random.Random(5)
    affinity = {(j.id, e.id): round(r.random(), 3) for j in judges for e in entries}
    conflicts = {("J00", "E1"), ("J03", "E2"), ("J11", "E5")}
    return judges, entries, affinity, conflicts


def test_the_draws_frequencies_are_the_probabilities():
    judges, entries, affinity, conflicts = _instance()
    cap = 0.4
    result = solve(judges, entries, affinity, conflicts=conflicts, max_probability=cap, seed=1)
    assert result.optimal and result.expected_objective < result.deterministic_objective
    # the draws of `solve` itself ...
    counts = Counter()
    n = 300
    for seed in range(n):
        draw = solve(judges, entries, affinity, conflicts=conflicts, max_probability=cap, seed=seed)
        check_hard_constraints(draw, judges, entries, conflicts)
        counts.update((p.judge, p.entry) for p in draw.assignments)
        assert draw.probabilities == result.probabilities
    _within_sampling_error(counts, n, result.probabilities)
    # ... and many more of the same flow
    prob, _ = prepare(judges, entries, affinity, conflicts, set())
    cap_units = rnd.cap_fraction(cap)
    flow = min_cost(prob, unit=cap_units.denominator, pair_cap=cap_units.numerator)
    counts = Counter()
    n = 4000
    rng = random.Random(2)
    for _ in range(n):
        counts.update(rnd.draw(prob, flow.pair_flow, cap_units.denominator, rng))
    _within_sampling_error(counts, n, result.probabilities)


def _within_sampling_error(counts, n, probabilities):
    assert set(counts) <= set(probabilities)
    fractional = [p for p in probabilities.values() if 0 < p < 1]
    assert len(fractional) > 10  # the test means something
    for pair, p in probabilities.items():
        sigma = math.sqrt(p * (1 - p) / n)
        assert abs(counts[pair] / n - p) <= 5 * sigma + 1e-12, (pair, counts[pair] / n, p)


def test_a_seed_reproduces_its_draw_and_one_is_made_when_none_is_given():
    judges, entries, affinity, conflicts = _instance()
    made = solve(judges, entries, affinity, conflicts=conflicts, max_probability=0.5)
    assert isinstance(made.seed, int)
    again = solve(
        list(reversed(judges)),
        entries,
        affinity,
        conflicts=conflicts,
        max_probability=0.5,
        seed=made.seed,
    )
    assert again == made
    draws = {
        tuple(solve(judges, entries, affinity, max_probability=0.5, seed=s).assignments)
        for s in range(10)
    }
    assert len(draws) > 1


def test_a_cap_of_one_gives_the_deterministic_optimum():
    judges, entries, affinity, conflicts = _instance()
    result = solve(judges, entries, affinity, conflicts=conflicts, max_probability=1, seed=0)
    assert math.isclose(result.expected_objective, result.deterministic_objective, abs_tol=1e-9)


def test_locked_pairs_are_in_every_draw_with_probability_one():
    judges, entries, affinity, conflicts = _instance()
    locked = {("J00", "E0"), ("J05", "E3")}
    for seed in range(5):
        result = solve(
            judges,
            entries,
            affinity,
            conflicts=conflicts,
            locked=locked,
            max_probability=0.3,
            seed=seed,
        )
        check_hard_constraints(result, judges, entries, conflicts, locked)
        assert all(result.probabilities[pair] == 1.0 for pair in locked)


def test_an_entry_that_the_cap_leaves_short_is_named_with_the_cap():
    judges = [Judge("A"), Judge("B"), Judge("C"), Judge("D")]
    entries = [Entry("E1", 2), Entry("E2", 1)]
    conflicts = {("C", "E1"), ("D", "E1")}
    assert solve(judges, entries, {}, conflicts=conflicts).infeasible is None
    result = solve(judges, entries, {}, conflicts=conflicts, max_probability=0.5, seed=7)
    why = result.infeasible
    assert why.code == "too_few_judges_for_entry" and why.entries == ["E1"]
    assert why.detail["entries"]["E1"] == {"reviewers": 2, "judges": 2, "capacity": 1}
    assert "raise the probability cap" in why.reason
    assert result.seed == 7 and result.deterministic_objective == 0


def test_the_deterministic_infeasibility_is_reported_in_randomized_mode():
    result = solve([Judge("A")], [Entry("E1", 2)], {}, max_probability=0.5, seed=1)
    assert result.infeasible.code == "too_few_judges_for_entry"
    assert result.seed == 1 and result.deterministic_objective is None


def test_a_cap_is_never_rounded_up():
    assert rnd.cap_fraction(0.5) == rnd.Fraction(1, 2)
    assert rnd.cap_fraction(1 / 3) == rnd.Fraction(1, 3)
    assert rnd.cap_fraction(2 / 3) == rnd.Fraction(2, 3)
    assert rnd.cap_fraction(0.3333333) <= 0.3333333
    assert rnd.cap_fraction(0.12345) <= 0.12345
    with pytest.raises(AssignmentInputError, match="max_probability"):
        rnd.cap_fraction(0.0001)
