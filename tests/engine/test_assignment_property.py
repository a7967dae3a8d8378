"""The solver against an independent integer program (scipy's milp) on random small
instances: same feasibility, same optimum, every hard constraint held, and an
infeasible set that is infeasible on its own."""

from __future__ import annotations

import math

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from ccaward.engine.assignment import Entry, Judge, solve
from tests.engine.assignment_checks import check_hard_constraints, reference

ORGANISATIONS = [
    "",
    "",
    "中国建设银行股份有限公司",
    "中国建设银行客户服务中心",  # the same organisation as the line above
    "中国银行",
    "平安银行",
    "平安保险（集团）",
    "ACME Co., Ltd.",
    "acme",  # the same as ACME Co., Ltd.
]


@st.composite
def instances(draw, with_locks=True, tight=False):
    """`tight`: more judges with small loads, fewer conflicts (the Hall-type cases)."""
    n_judges = draw(st.integers(4 if tight else 2, 8))
    n_entries = draw(st.integers(2, 8))
    judges = []
    for i in range(n_judges):
        low = draw(st.sampled_from([0, 0, 1, 2]))
        high = (
            draw(st.integers(max(low, 1), 3))
            if tight
            else draw(st.one_of(st.integers(low, 4), st.integers(low, 4), st.just(10**9)))
        )
        judges.append(Judge(f"J{i}", low, high, draw(st.sampled_from(ORGANISATIONS))))
    entries = [
        Entry(f"E{k}", draw(st.integers(1, 3)), draw(st.sampled_from(ORGANISATIONS)))
        for k in range(n_entries)
    ]
    pairs = [(j.id, e.id) for j in judges for e in entries]
    # affinities on a 1e-3 grid, so the optimum is exact at the solver's 1e-6 precision
    affinity = {
        p: draw(st.integers(-1000, 10000)) / 1000
        for p in draw(st.lists(st.sampled_from(pairs), unique=True))
    }
    conflicts = set(
        draw(st.lists(st.sampled_from(pairs), max_size=len(pairs) // (8 if tight else 4)))
    )
    allowed = [p for p in pairs if p not in conflicts]
    locked = set()
    if with_locks and allowed and draw(st.booleans()):
        locked = set(draw(st.lists(st.sampled_from(allowed), max_size=2)))
    return judges, entries, affinity, conflicts, locked


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instances())
def test_solver_matches_the_integer_program(instance):
    judges, entries, affinity, conflicts, locked = instance
    result = solve(judges, entries, affinity, conflicts=conflicts, locked=locked)
    ref = reference.solve_milp(judges, entries, affinity, conflicts=conflicts, locked=locked)
    assert ref.status in (0, 2), ref.message
    assert (result.infeasible is None) == ref.feasible, (result.infeasible, ref.message)
    if ref.feasible:
        assert result.optimal
        assert math.isclose(result.objective, ref.objective, abs_tol=1e-6)
        check_hard_constraints(result, judges, entries, conflicts, locked)
    else:
        assert result.assignments == [] and not result.optimal
        assert result.infeasible.code != "no_assignment"
        assert result.infeasible.reason


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instances(with_locks=False, tight=True))
def test_the_named_set_is_infeasible_on_its_own(instance):
    """The entries named as short of judges cannot get their reviewers even with every
    judge and no minimum loads; the judges named as short of entries cannot get their
    minimum loads even with every entry taking fewer reviewers than R."""
    judges, entries, affinity, conflicts, _ = instance
    result = solve(judges, entries, affinity, conflicts=conflicts)
    why = result.infeasible
    assume(why is not None)
    if why.code in ("entries_short_of_judges", "too_few_judges_for_entry"):
        named = [e for e in entries if e.id in why.entries]
        assert named
        ref = reference.solve_milp(judges, named, affinity, conflicts=conflicts, minimums=False)
        assert not ref.feasible
    elif why.code in ("judges_short_of_entries", "too_few_entries_for_judge"):
        named = [j for j in judges if j.id in why.judges]
        assert named
        ref = reference.solve_milp(named, entries, affinity, conflicts=conflicts, reviewers="le")
        assert not ref.feasible
    else:
        assert why.code in ("total_capacity", "min_loads_exceed_demand")


@settings(max_examples=100, deadline=None)
@given(instances(), st.randoms(use_true_random=False))
def test_the_input_order_does_not_matter(instance, rnd):
    judges, entries, affinity, conflicts, locked = instance
    first = solve(judges, entries, affinity, conflicts=conflicts, locked=locked)
    rnd.shuffle(judges)
    rnd.shuffle(entries)
    shuffled = dict(sorted(affinity.items(), key=lambda _: rnd.random()))
    again = solve(judges, entries, shuffled, conflicts=conflicts, locked=locked)
    assert again == first
