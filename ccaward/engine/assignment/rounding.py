"""Dependent rounding of a fractional flow to an integral one with the same expected
value on every arc (the sampling of Jecmen et al. 2020, on the assignment's flow
network, so that the employer layer is rounded with the rest).

Flows are integers in units of 1/`unit` of a review. In a circulation every node has
either no arc of fractional flow or at least two (its flows balance to a whole
number), so the fractional arcs contain a cycle (directions ignored). Pushing d
units around it (+d on arcs traversed forwards, -d on the others) keeps every node
balanced; with a the largest push forwards and b the largest backwards before an arc
reaches a whole review, push +a with probability b/(a+b) and -b otherwise: the
expected change is 0 and at least one arc becomes whole. Each arc ends at the whole
review just below or just above its flow, so every bound that is a whole number of
reviews (loads, reviewers, one per employer, one per pair) still holds, and
P(pair assigned) = its fractional flow exactly.

The cycles are found by one walk that keeps its path between cycles (a cycle found
is cut off the path), so the work is about the number of arcs times the cycle
length. `rng.randrange` makes every choice, so a seed reproduces the draw.
"""

from __future__ import annotations

import random


class Circulation:
    """Arcs (tail, head, flow in units) of which only the fractional ones matter."""

    def __init__(self, unit: int):
        self.unit = unit
        self.tails: list = []
        self.heads: list = []
        self.flows: list[int] = []
        self.incident: dict = {}  # node -> {arc: None} (fractional arcs, in order)

    def add(self, tail, head, flow: int) -> int:
        index = len(self.flows)
        self.tails.append(tail)
        self.heads.append(head)
        self.flows.append(flow)
        if flow % self.unit:
            self.incident.setdefault(tail, {})[index] = None
            self.incident.setdefault(head, {})[index] = None
        return index

    def _settle(self, arc: int) -> None:
        """Forget an arc that has become whole."""
        for node in (self.tails[arc], self.heads[arc]):
            arcs = self.incident[node]
            del arcs[arc]
            if not arcs:
                del self.incident[node]

    def _push(self, cycle: list[tuple[int, int]], rng: random.Random) -> None:
        """`cycle`: (arc, +1 forwards / -1 backwards). Round it by one random push."""
        unit = self.unit
        up = down = None
        for arc, sign in cycle:
            flow = self.flows[arc]
            rise, fall = unit - flow % unit, flow % unit
            if sign < 0:
                rise, fall = fall, rise
            up = rise if up is None else min(up, rise)
            down = fall if down is None else min(down, fall)
        step = up if rng.randrange(up + down) < down else -down
        for arc, sign in cycle:
            self.flows[arc] += sign * step
            if self.flows[arc] % unit == 0:
                self._settle(arc)

    def round(self, rng: random.Random) -> list[int]:
        """Round every arc to a whole number of reviews (in units) and return the flows."""
        path: list = []  # nodes walked
        steps: list[int] = []  # the arc between path[i] and path[i + 1]
        where: dict = {}  # node -> its place in path
        while self.incident:
            if not path or path[-1] not in self.incident:
                node = next(iter(self.incident))
                path, steps, where = [node], [], {node: 0}
            node = path[-1]
            last = steps[-1] if steps else None
            arc = next((a for a in self.incident[node] if a != last), None)
            if arc is None:  # cannot happen in a circulation
                raise RuntimeError(f"node {node!r} has a single fractional arc")
            other = self.heads[arc] if self.tails[arc] == node else self.tails[arc]
            if other not in where:
                where[other] = len(path)
                path.append(other)
                steps.append(arc)
                continue
            start = where[other]
            walked = path[start:]
            arcs = [*steps[start:], arc]
            cycle = [
                (a, 1 if self.tails[a] == n else -1) for a, n in zip(arcs, walked, strict=True)
            ]
            self._push(cycle, rng)
            for gone in path[start + 1 :]:
                del where[gone]
            del path[start + 1 :]
            del steps[start:]
        return self.flows
