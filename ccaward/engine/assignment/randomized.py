"""The randomized assignment (Jecmen, Zhang, Liu, Shah, Conitzer, Fang 2020,
"Mitigating manipulation in peer review via randomized reviewer assignments").

1. The fractional problem: each pair's probability x_ij at most P (locked pairs 1),
   each entry's expected reviewers exactly R, each judge's expected load within its
   bounds, at most one expected judge per employer and entry, sum a_ij x_ij
   maximised. It is the assignment's flow network with a review split into `unit`
   units and each pair's arc capped at P x unit, solved as a min-cost flow: the
   network matrix is totally unimodular, so the integral optimum in units is the
   optimum of the linear program, proven (x_ij = flow / unit).
2. A draw: dependent rounding of that flow (rounding.py), whose marginals are the
   x_ij exactly and each of whose draws meets every hard constraint.

P is used as the fraction with denominator at most `MAX_DENOMINATOR` nearest to it
(0.5, 0.3, 2/3 are exact), or the thousandths below it when that fraction's float
would be above P, so no probability exceeds P.
"""

from __future__ import annotations

import math
import random
from fractions import Fraction

from . import diagnose
from .model import AssignmentInputError, Result
from .network import min_cost
from .problem import Problem
from .results import assignment, infeasible
from .rounding import Circulation

MAX_DENOMINATOR = 1000


def cap_fraction(max_probability: float) -> Fraction:
    """The cap as units of a review: the fraction with denominator at most
    `MAX_DENOMINATOR` nearest to P, or the thousandths below P when that one's float
    would be above P."""
    exact = Fraction(max_probability)
    cap = exact.limit_denominator(MAX_DENOMINATOR)
    if float(cap) > max_probability:
        cap = Fraction(math.floor(exact * MAX_DENOMINATOR), MAX_DENOMINATOR)
    if cap <= 0:
        raise AssignmentInputError(
            f"max_probability {max_probability!r} is below 1/{MAX_DENOMINATOR}",
            code="bad_max_probability",
            detail={"field": "max_probability", "value": max_probability},
        )
    return cap


def draw(prob: Problem, pair_flow: dict, unit: int, rng: random.Random) -> list[tuple]:
    """One integral assignment (the pairs beyond the locked ones) whose probabilities
    are pair_flow / unit."""
    circulation = Circulation(unit)
    pair_arcs = {}
    layer_flow: dict[tuple[str, str], int] = {}
    judge_flow: dict[str, int] = {}
    for (judge, entry), flow in sorted(pair_flow.items()):
        layer = ("employer", prob.employer[judge], entry)
        pair_arcs[(judge, entry)] = circulation.add(("judge", judge), layer, flow)
        layer_flow[layer] = layer_flow.get(layer, 0) + flow
        judge_flow[judge] = judge_flow.get(judge, 0) + flow
    for layer, flow in layer_flow.items():
        circulation.add(layer, ("entry", layer[2]), flow)
    for judge, flow in judge_flow.items():
        circulation.add("source", ("judge", judge), flow)
    flows = circulation.round(rng)
    return [pair for pair, arc in pair_arcs.items() if flows[arc] == unit]


def randomized(prob: Problem, deterministic: Result, max_probability: float, seed: int):
    """The optimal capped distribution and one draw from it by `seed`; `deterministic`
    is the optimum without the cap (its objective is reported beside the expected one)."""
    fields = {"seed": seed, "max_probability": max_probability}
    if deterministic.infeasible:
        return infeasible(prob, deterministic.infeasible, **fields)
    fields["deterministic_objective"] = deterministic.objective
    cap = cap_fraction(max_probability)
    unit, pair_cap = cap.denominator, cap.numerator
    why = diagnose.before_solving(prob, unit, pair_cap, max_probability)
    if why:
        return infeasible(prob, why, **fields)
    flow = min_cost(prob, unit=unit, pair_cap=pair_cap)
    if not flow.optimal:
        return infeasible(
            prob, diagnose.after_solving(prob, unit, pair_cap, max_probability), **fields
        )
    probabilities = {pair: units / unit for pair, units in sorted(flow.pair_flow.items())}
    probabilities.update(dict.fromkeys(prob.locked, 1.0))
    expected = math.fsum(prob.score(j, e) * x for (j, e), x in probabilities.items())
    pairs, objective, loads = assignment(
        prob, draw(prob, flow.pair_flow, unit, random.Random(seed))
    )
    return Result(
        assignments=pairs,
        objective=objective,
        optimal=True,
        loads=loads,
        expected_objective=expected,
        probabilities=dict(sorted(probabilities.items())),
        **fields,
    )
