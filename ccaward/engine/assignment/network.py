"""The flow network of an assignment.

    source -> judge -> (employer, entry) -> entry -> sink

A unit of flow is one review (or, in randomized mode, 1/`unit` of one). A judge's arc
to an entry's (employer, entry) node has capacity `pair_cap` (one review; P x unit in
randomized mode) and costs minus the pair's affinity x `COST_SCALE`, rounded; the
(employer, entry) node passes at most one review to the entry, which is the
one-employer rule. A judge whose employer has no other candidate for the entry is
joined to the entry directly (the same constraint, one node fewer). Judges' and
entries' arcs from the source and to the sink are added by each use: the min-cost
flow (loads as node supplies), and the two max flows that explain infeasibility.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .problem import Problem

COST_SCALE = 10**6  # affinities are optimised to 1e-6
SOURCE, SINK = 0, 1


@dataclass
class Network:
    unit: int
    judge_node: dict[str, int]
    entry_node: dict[str, int]
    nodes: int
    tails: list[int] = field(default_factory=list)
    heads: list[int] = field(default_factory=list)
    caps: list[int] = field(default_factory=list)
    costs: list[int] = field(default_factory=list)
    pairs: list[tuple[str, str, int]] = field(default_factory=list)  # judge, entry, arc

    def arc(self, tail: int, head: int, cap: int, cost: int = 0) -> int:
        self.tails.append(tail)
        self.heads.append(head)
        self.caps.append(cap)
        self.costs.append(cost)
        return len(self.tails) - 1


def middle(problem: Problem, *, unit: int = 1, pair_cap: int = 1) -> Network:
    """The judges' arcs to the entries through the (employer, entry) nodes."""
    judge_node = {j.id: 2 + i for i, j in enumerate(problem.judges)}
    first_entry = 2 + len(problem.judges)
    entry_node = {e.id: first_entry + i for i, e in enumerate(problem.entries)}
    net = Network(unit, judge_node, entry_node, first_entry + len(problem.entries))
    for entry in problem.entries:
        groups: dict[str, list[str]] = {}
        for judge in problem.candidates[entry.id]:
            groups.setdefault(problem.employer[judge], []).append(judge)
        for judges in groups.values():
            head = entry_node[entry.id]
            if len(judges) > 1:
                head = net.nodes
                net.nodes += 1
                net.arc(head, entry_node[entry.id], unit)
            for judge in judges:
                cost = -round(problem.score(judge, entry.id) * COST_SCALE)
                index = net.arc(judge_node[judge], head, pair_cap, cost)
                net.pairs.append((judge, entry.id, index))
    return net


def _arrays(net: Network):
    return (
        np.array(net.tails, dtype=np.int32),
        np.array(net.heads, dtype=np.int32),
        np.array(net.caps, dtype=np.int64),
        np.array(net.costs, dtype=np.int64),
    )


@dataclass
class Flow:
    optimal: bool
    status: int
    pair_flow: dict[tuple[str, str], int]  # units on each pair with flow
    load_flow: dict[str, int]  # units from the source to each judge, minimum included


def min_cost(problem: Problem, *, unit: int = 1, pair_cap: int = 1) -> Flow:
    """The cheapest flow meeting every entry's reviewers exactly and every judge's load
    bounds: the lower bound of a judge's load is the judge's own supply (min x unit),
    the source supplies the rest up to max."""
    net = middle(problem, unit=unit, pair_cap=pair_cap)
    load_arcs = {}
    for judge in problem.judges:
        spare = max(0, problem.max_left[judge.id] - problem.min_left[judge.id])
        load_arcs[judge.id] = net.arc(SOURCE, net.judge_node[judge.id], spare * unit)
    supplies = np.zeros(net.nodes, dtype=np.int64)
    supplies[SOURCE] = (sum(problem.need.values()) - sum(problem.min_left.values())) * unit
    for judge in problem.judges:
        supplies[net.judge_node[judge.id]] = problem.min_left[judge.id] * unit
    for entry in problem.entries:
        supplies[net.entry_node[entry.id]] = -problem.need[entry.id] * unit
    # OR-Tools is loaded by the first solve, not when the site starts (about 0.3 s
    # that every process, page and command would pay at start-up)
    from ortools.graph.python import min_cost_flow

    solver = min_cost_flow.SimpleMinCostFlow()
    solver.add_arcs_with_capacity_and_unit_cost(*_arrays(net))
    solver.set_nodes_supplies(np.arange(net.nodes, dtype=np.int32), supplies)
    status = solver.solve()
    if status == solver.INFEASIBLE:
        return Flow(False, status, {}, {})
    if status != solver.OPTIMAL:  # bad input that validation should have refused
        raise RuntimeError(f"min-cost flow failed with status {status}")
    flows = solver.flows(np.arange(len(net.tails), dtype=np.int32))
    pair_flow = {(j, e): int(flows[a]) for j, e, a in net.pairs if flows[a]}
    load_flow = {
        j: int(flows[a]) + problem.min_left[j] * unit for j, a in sorted(load_arcs.items())
    }
    return Flow(True, status, pair_flow, load_flow)


@dataclass
class Cut:
    flow: int  # the maximum flow
    judges: list[str]  # judges on the cut's side (see max_flow_cut)
    entries: list[str]


def max_flow_cut(problem: Problem, *, judge_cap, side: str, unit: int = 1, pair_cap: int = 1):
    """The maximum flow with each judge's arc from the source of capacity
    `judge_cap(judge_id)` units and each entry's arc to the sink of its reviewers still
    needed; and the judges and entries on the `side` ("source" or "sink") of the
    smallest minimum cut on that side."""
    net = middle(problem, unit=unit, pair_cap=pair_cap)
    for judge in problem.judges:
        net.arc(SOURCE, net.judge_node[judge.id], judge_cap(judge.id))
    for entry in problem.entries:
        net.arc(net.entry_node[entry.id], SINK, problem.need[entry.id] * unit)
    from ortools.graph.python import max_flow  # loaded on first use, as above

    solver = max_flow.SimpleMaxFlow()
    tails, heads, caps, _ = _arrays(net)
    solver.add_arcs_with_capacity(tails, heads, caps)
    status = solver.solve(SOURCE, SINK)
    if status != solver.OPTIMAL:
        raise RuntimeError(f"max flow failed with status {status}")
    nodes = set(
        solver.get_source_side_min_cut() if side == "source" else solver.get_sink_side_min_cut()
    )
    return Cut(
        flow=solver.optimal_flow(),
        judges=[j.id for j in problem.judges if net.judge_node[j.id] in nodes],
        entries=[e.id for e in problem.entries if net.entry_node[e.id] in nodes],
    )
