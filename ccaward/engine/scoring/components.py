"""The design's connected parts: judges and entries linked by the scores between them.

Judges' severities and scales can be compared only within a part: two groups of
judges who share no entry could each be harsh or lenient for all the scores say,
so calibrated scores of entries in different parts rest on the assumption that
the parts' average judges are alike. `calibrate` normalises each part on its own
and the pages say so when there is more than one.

Union-find over the bipartite judge-entry graph, vectorised: every round hooks
each edge's larger root under its smaller one and compresses the paths fully,
until both ends of every edge share a root (a few rounds; no loop over scores).
"""

from __future__ import annotations

import numpy as np

from ccaward.engine.scoring.results import Component
from ccaward.engine.scoring.table import ScoreTable


def roots(u: np.ndarray, v: np.ndarray, n: int) -> np.ndarray:
    """For nodes 0..n-1 and edges (u[k], v[k]): each node's component as the
    smallest node in it."""
    parent = np.arange(n, dtype=np.int64)
    while True:
        pu, pv = parent[u], parent[v]
        if np.array_equal(pu, pv):
            return parent
        np.minimum.at(parent, np.maximum(pu, pv), np.minimum(pu, pv))
        while True:  # compress: every node points at its root
            up = parent[parent]
            if np.array_equal(up, parent):
                break
            parent = up


def components(table: ScoreTable) -> tuple[tuple[Component, ...], np.ndarray]:
    """The connected parts of the table's design and each judge's part.

    Returns (parts, judge_component): the parts largest first (by entries, then
    judges; a tie goes to the part whose first judge label sorts first, so the
    order does not depend on the order of the rows), each with its judges and
    entries in the table's order; judge_component[j] is judge j's index into
    parts, -1 for a judge with no score. An entry nobody scored is in no part.
    """
    n_judges, n_entries = len(table.judges), len(table.entries)
    pairs = np.unique(table.judge * n_entries + table.entry)
    judge, entry = pairs // max(n_entries, 1), pairs % max(n_entries, 1)
    root = roots(judge, n_judges + entry, n_judges + n_entries)
    judge_root, entry_root = root[:n_judges], root[n_judges:]
    scored_judges = np.zeros(n_judges, dtype=bool)
    scored_judges[judge] = True
    scored_entries = np.zeros(n_entries, dtype=bool)
    scored_entries[entry] = True
    found = np.unique(judge_root[scored_judges])
    first_label = {r: min(table.judges[j] for j in np.flatnonzero(judge_root == r)) for r in found}
    sizes = {
        r: (
            int(np.count_nonzero(scored_entries & (entry_root == r))),
            int(np.count_nonzero(scored_judges & (judge_root == r))),
        )
        for r in found
    }
    order = sorted(found, key=lambda r: (-sizes[r][0], -sizes[r][1], first_label[r]))
    judge_component = np.full(n_judges, -1, dtype=np.int64)
    parts = []
    for index, r in enumerate(order):
        in_judges = scored_judges & (judge_root == r)
        judge_component[in_judges] = index
        parts.append(
            Component(
                index=index,
                judges=tuple(table.judges[j] for j in np.flatnonzero(in_judges)),
                entries=tuple(
                    table.entries[e] for e in np.flatnonzero(scored_entries & (entry_root == r))
                ),
            )
        )
    return tuple(parts), judge_component
