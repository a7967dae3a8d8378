"""Planning mystery contacts: each entry's contacts spread evenly over time slots and
its channels, then shoppers assigned with balanced loads.

Spreading (deterministic given the seed): an entry's contacts take its slots in
rounds, each round every slot once in a seeded order, so the counts per slot differ
by at most 1; its channels likewise in rounds of their own (a separate order), so
slot and channel do not move together. Nights are a slot only for an entry that
claims 7x24 service.

Assigning: a min-cost flow (OR-Tools)

    source -> shopper -> entry -> sink

the shopper's k-th contact costing 2k - 1, so the cost is the sum of the squared
loads. A flow minimising a separable convex cost of the loads is the lexicographically
most balanced one (Fujishige, "Lexicographically optimal base of a polymatroid with
respect to a weight vector", Math. Oper. Res. 5, 1980; for integer loads Frank and
Murota, "Discrete decreasing minimization", 2020): the largest load is as small as it can be, then
the next, and so on; loads are within 1 of each other whenever the pairs allowed let
them be. A shopper is never given an entry of their employer (names.organization_key)
nor a pair in `conflicts`; `max_per_pair` caps how many of one entry's contacts one
shopper makes (a center called over and over by one voice learns it). Then each
entry's contacts are dealt to its shoppers in slot order, so a shopper's contacts
with an entry spread over its slots too. An instance that cannot be covered is
explained by counts per entry, or by the entries whose allowed shoppers together
have too few places (a max-flow cut).

Re-planning keeps the contacts already made (or begun): `fixed` gives their count per
(shopper, entry), which counts toward the shopper's load (the cost goes on from
there), max_load and max_per_pair; an entry's `kept` (slot, channel) pairs are
taken out of its rounds, so the new contacts fill the slots and channels the kept
ones left.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from ccaward.engine.names import organization_key as _organization_key

SLOTS = ("weekday_peak", "weekday_offpeak", "weekend_peak", "weekend_offpeak", "night")
DAY_SLOTS = SLOTS[:4]
CHANNELS = ("voice", "webchat", "app", "wechat", "email")
UNLIMITED = 10**6
organization_key = lru_cache(maxsize=4096)(_organization_key)  # names repeat over pairs


class PlanInputError(ValueError):
    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


@dataclass(frozen=True)
class PlanEntry:
    id: str
    contacts: int
    channels: tuple[str, ...] = ("voice",)
    claims_24x7: bool = False
    organization: str = ""
    kept: tuple[tuple[str, str], ...] = ()  # (slot, channel) of contacts kept from before


@dataclass(frozen=True)
class Shopper:
    id: str
    employer: str = ""
    max_load: int = UNLIMITED


@dataclass(frozen=True)
class PlannedContact:
    entry: str
    number: int  # 1.. within the entry
    slot: str
    channel: str
    shopper: str = ""


@dataclass
class Plan:
    contacts: list[PlannedContact]
    loads: dict[str, int] = field(default_factory=dict)
    infeasible: list[str] = field(default_factory=list)  # why, when it cannot be covered

    @property
    def feasible(self) -> bool:
        return not self.infeasible


def entry_slots(entry: PlanEntry) -> tuple[str, ...]:
    return SLOTS if entry.claims_24x7 else DAY_SLOTS


def _rounds(options: tuple[str, ...], n: int, rng: random.Random, taken=()) -> list[str]:
    """n options in rounds (each a seeded order of every option), the `taken` ones
    (a multiset, already used by kept contacts) left out where they fall."""
    left = Counter(taken)
    out: list[str] = []
    while len(out) < n:
        order = list(options)
        rng.shuffle(order)
        for option in order:
            if left[option] > 0:
                left[option] -= 1
            else:
                out.append(option)
    return out[:n]


def spread(entries: list[PlanEntry], seed: int = 0) -> list[PlannedContact]:
    """Each entry's contacts over its slots and channels (module docstring)."""
    contacts = []
    for entry in sorted(entries, key=lambda e: e.id):
        rng = random.Random(f"{seed}\x00{entry.id}")
        slots = _rounds(entry_slots(entry), entry.contacts, rng, [k[0] for k in entry.kept])
        channels = _rounds(tuple(entry.channels), entry.contacts, rng, [k[1] for k in entry.kept])
        contacts += [
            PlannedContact(entry.id, i + 1, slot, channel)
            for i, (slot, channel) in enumerate(zip(slots, channels, strict=True))
        ]
    return contacts


def check(entries: list[PlanEntry], shoppers: list[Shopper], conflicts) -> list[str]:
    problems = []
    seen: set[str] = set()
    for e in entries:
        if e.id in seen:
            problems.append(f"entry {e.id}: listed twice")
        seen.add(e.id)
        if e.contacts < 0:
            problems.append(f"entry {e.id}: {e.contacts} contacts is below 0")
        bad = [c for c in e.channels if c not in CHANNELS]
        if bad or not e.channels:
            problems.append(
                f"entry {e.id}: channels {bad or '(none)'} not of {', '.join(CHANNELS)}"
            )
    ids = [s.id for s in shoppers]
    problems += [f"shopper {s}: listed twice" for s in sorted({i for i in ids if ids.count(i) > 1})]
    problems += [
        f"shopper {s.id}: max_load {s.max_load} is below 0" for s in shoppers if s.max_load < 0
    ]
    for shopper, entry in conflicts:
        if shopper not in ids or entry not in seen:
            problems.append(f"conflict ({shopper}, {entry}): no such shopper or entry")
    return problems


def allowed(entry: PlanEntry, shopper: Shopper, conflicts) -> str:
    """Why the shopper may not contact the entry ("employer", "conflict") or ""."""
    if (shopper.id, entry.id) in conflicts:
        return "conflict"
    org = organization_key(entry.organization)
    return "employer" if org and org == organization_key(shopper.employer) else ""


class _Kept:
    """The contacts kept from before: the load each shopper has already and the
    count of each (shopper, entry) pair."""

    def __init__(self, fixed: Mapping[tuple[str, str], int], shoppers, entries):
        ids, eids = {s.id for s in shoppers}, {e.id for e in entries}
        self.pairs = {k: n for k, n in fixed.items() if n and k[0] in ids}
        self.base = dict.fromkeys(ids, 0)
        for (shopper, _), n in self.pairs.items():
            self.base[shopper] += n
        self.pairs = {k: n for k, n in self.pairs.items() if k[1] in eids}

    def room(self, shopper: Shopper) -> int:
        """The contacts the shopper may still take."""
        return max(0, shopper.max_load - self.base[shopper.id])

    def pair_cap(self, shopper: Shopper, entry: PlanEntry, cap) -> int:
        return max(0, cap(entry) - self.pairs.get((shopper.id, entry.id), 0))


def _explain(entries, shoppers, conflicts, cap, kept: _Kept) -> list[str]:
    """Entries that cannot be covered whatever the others get, by counts."""
    reasons = []
    for e in entries:
        why = [allowed(e, s, conflicts) for s in shoppers]
        able = [s for s, w in zip(shoppers, why, strict=True) if not w and kept.room(s) > 0]
        capped = sum(1 for s in able if kept.pair_cap(s, e, cap) == 0)  # made their share
        free = [s for s in able if kept.pair_cap(s, e, cap) > 0]
        places = sum(min(kept.pair_cap(s, e, cap), kept.room(s)) for s in free)
        if places < e.contacts:
            at_cap = f", {capped} at the cap per pair" if capped else ""
            reasons.append(
                f"entry {e.id}: {e.contacts} contacts, but only {len(free)} of "
                f"{len(shoppers)} shoppers may contact it ({why.count('employer')} of its "
                f"organisation, {why.count('conflict')} conflicted, "
                f"{sum(1 for s in shoppers if kept.room(s) == 0)} without places{at_cap}), "
                f"{places} contacts at most"
            )
    return reasons


def _flow(entries, shoppers, conflicts, cap, kept: _Kept):
    """The min-cost flow's (shopper, entry) counts, or None when infeasible."""
    from ortools.graph.python import min_cost_flow  # loaded on first use (start-up cost)

    total = sum(e.contacts for e in entries)
    node = {s.id: 2 + i for i, s in enumerate(shoppers)}
    first = 2 + len(shoppers)
    enode = {e.id: first + i for i, e in enumerate(entries)}
    arcs: list[tuple[int, int, int, int]] = []  # tail, head, capacity, unit cost
    pairs = []
    reach = dict.fromkeys(node, 0)  # the contacts a shopper may take at most
    for e in entries:
        for s in shoppers:
            room = kept.pair_cap(s, e, cap)
            if not allowed(e, s, conflicts) and room:
                pairs.append((s.id, e.id, len(arcs)))
                arcs.append((node[s.id], enode[e.id], room, 0))
                reach[s.id] += room
    for s in shoppers:  # the k-th contact costs 2k - 1: the sum of the squared loads
        base = kept.base[s.id]
        top = base + min(kept.room(s), total, reach[s.id])
        arcs += [(0, node[s.id], 1, 2 * k - 1) for k in range(base + 1, top + 1)]
    solver = min_cost_flow.SimpleMinCostFlow()
    if arcs:
        columns = np.array(arcs, dtype=np.int64).T
        solver.add_arcs_with_capacity_and_unit_cost(
            columns[0].astype(np.int32), columns[1].astype(np.int32), columns[2], columns[3]
        )
    supplies = np.zeros(first + len(entries), dtype=np.int64)
    supplies[0] = total
    for e in entries:
        supplies[enode[e.id]] = -e.contacts
    solver.set_nodes_supplies(np.arange(len(supplies), dtype=np.int32), supplies)
    if total == 0:
        return {}
    if solver.solve() != solver.OPTIMAL:
        return None
    return {(s, e): int(solver.flow(a)) for s, e, a in pairs if solver.flow(a)}


def _cut_reason(entries, shoppers, conflicts, cap, kept: _Kept) -> list[str]:
    """The entries that cannot all be covered together, with the shoppers they may use."""
    from ortools.graph.python import max_flow

    solver = max_flow.SimpleMaxFlow()
    node = {s.id: 2 + i for i, s in enumerate(shoppers)}
    enode = {e.id: 2 + len(shoppers) + i for i, e in enumerate(entries)}
    for s in shoppers:
        solver.add_arc_with_capacity(0, node[s.id], kept.room(s))
    for e in entries:
        solver.add_arc_with_capacity(enode[e.id], 1, e.contacts)
        for s in shoppers:
            if not allowed(e, s, conflicts):
                solver.add_arc_with_capacity(node[s.id], enode[e.id], kept.pair_cap(s, e, cap))
    solver.solve(0, 1)
    # the entries on the sink side of the smallest such minimum cut are the smallest
    # set whose allowed shoppers (with the pairs' caps) have too few places for them
    sink_side = set(solver.get_sink_side_min_cut())
    short = [e for e in entries if enode[e.id] in sink_side]
    usable = sorted({s.id for e in short for s in shoppers if not allowed(e, s, conflicts)})
    places = sum(kept.room(s) for s in shoppers if s.id in usable)
    return [
        f"entries {', '.join(e.id for e in short)}: {sum(e.contacts for e in short)} contacts "
        f"together, but the {len(usable)} shoppers who may contact them have "
        f"{places} places in all (covered at most {solver.optimal_flow()} of "
        f"{sum(e.contacts for e in entries)} contacts)"
    ]


def plan(
    entries: list[PlanEntry],
    shoppers: list[Shopper],
    *,
    conflicts=frozenset(),
    max_per_pair: int | None = None,
    seed: int = 0,
    fixed: Mapping[tuple[str, str], int] | None = None,
    even_pairs: bool = False,
) -> Plan:
    """The contacts spread and assigned (module docstring); `Plan.infeasible` says
    why when they cannot all be assigned (the contacts are then given unassigned).
    `fixed`: the kept contacts per (shopper, entry), counted in the loads.
    `even_pairs` (with no max_per_pair): an entry's contacts go to several voices,
    at most ceil(its contacts / the shoppers who may take it) each; when that cannot
    be covered, the plan is made without it (a preference, never why a plan fails).
    PlanInputError for input that is wrong whatever the solver does."""
    conflicts = set(conflicts)
    problems = check(entries, shoppers, conflicts)
    if max_per_pair is not None and max_per_pair < 1:
        problems.append(f"max_per_pair: {max_per_pair} is below 1")
    problems += [
        f"fixed ({s}, {e}): {n} contacts is below 0" for (s, e), n in (fixed or {}).items() if n < 0
    ]
    if problems:
        raise PlanInputError(problems)
    entries = sorted(entries, key=lambda e: e.id)
    shoppers = sorted(shoppers, key=lambda s: s.id)
    kept = _Kept(fixed or {}, shoppers, entries)
    contacts = spread(entries, seed)

    def cap(entry: PlanEntry) -> int:
        whole = entry.contacts + sum(n for (_, e), n in kept.pairs.items() if e == entry.id)
        return whole if max_per_pair is None else min(max_per_pair, whole)

    why = _explain(entries, shoppers, conflicts, cap, kept)
    counts = None
    if not why and even_pairs and max_per_pair is None:
        counts = _flow(entries, shoppers, conflicts, _even_cap(shoppers, conflicts, cap), kept)
    if counts is None and not why:
        counts = _flow(entries, shoppers, conflicts, cap, kept)
    if counts is None:
        return Plan(
            contacts, infeasible=why or _cut_reason(entries, shoppers, conflicts, cap, kept)
        )
    return Plan(_deal(contacts, counts, seed), loads=_loads(shoppers, counts, kept))


def _even_cap(shoppers, conflicts, cap):
    """cap(entry) -> ceil(the entry's contacts / the shoppers allowed to take it)."""

    def even(entry: PlanEntry) -> int:
        n = sum(1 for s in shoppers if s.max_load > 0 and not allowed(entry, s, conflicts))
        whole = cap(entry)
        return -(-whole // n) if n else whole

    return even


def _loads(shoppers, counts, kept: _Kept) -> dict[str, int]:
    loads = {s.id: kept.base[s.id] for s in shoppers}
    for (shopper, _), n in counts.items():
        loads[shopper] += n
    return loads


def _deal(contacts: list[PlannedContact], counts, seed: int) -> list[PlannedContact]:
    """Each entry's contacts, in slot order, dealt round-robin to its shoppers."""
    out = []
    by_entry: dict[str, list[PlannedContact]] = {}
    for c in contacts:
        by_entry.setdefault(c.entry, []).append(c)
    for entry, items in by_entry.items():
        left = {s: n for (s, e), n in sorted(counts.items()) if e == entry}
        order = sorted(items, key=lambda c: (SLOTS.index(c.slot), c.number))
        turn = sorted(left)
        random.Random(f"{seed}\x00deal\x00{entry}").shuffle(turn)
        i = 0
        for c in order:
            while not left[turn[i % len(turn)]]:
                i += 1
            shopper = turn[i % len(turn)]
            left[shopper] -= 1
            i += 1
            out.append(PlannedContact(c.entry, c.number, c.slot, c.channel, shopper))
    return sorted(out, key=lambda c: (c.entry, c.number))
