"""Results built from the instance: an assignment with its objective and loads, or
the explanation of why there is none."""

from __future__ import annotations

import math
from collections.abc import Iterable

from .model import Infeasibility, Pair, Result
from .problem import Problem


def infeasible(prob: Problem, why: Infeasibility, **randomized) -> Result:
    """No assignment; `randomized`: the fields of the randomized mode that are known."""
    return Result(
        assignments=[],
        objective=0.0,
        optimal=False,
        loads={j.id: 0 for j in prob.judges},
        infeasible=why,
        **randomized,
    )


def assignment(prob: Problem, pairs: Iterable[tuple[str, str]]) -> tuple:
    """The pairs (locked ones included) as `Pair`s sorted by entry then judge, their
    objective (the sum of the affinities as given) and each judge's load."""
    chosen = sorted(set(pairs) | set(prob.locked), key=lambda p: (p[1], p[0]))
    result = [Pair(judge, entry, prob.score(judge, entry)) for judge, entry in chosen]
    loads = {j.id: 0 for j in prob.judges}
    for pair in result:
        loads[pair.judge] += 1
    return result, math.fsum(p.affinity for p in result), loads
