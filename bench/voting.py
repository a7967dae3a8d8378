"""Benchmark of the Schulze count (issue 14): 50 candidates, 100,000 ranked ballots.

Ballots: each voter ranks the candidates by a common quality (normal) plus their own
noise (Gumbel, scale 1.5), keeps the first k (k uniform on 1..n: truncated ballots)
and joins neighbours into equal ranks with probability 0.1. The compressed form draws
`--distinct` such ballots and gives them counts (multinomial) adding up to the same
number of voters, as a BALLOTS.csv with `count=N` would.

Timed, best of ``--repeat`` (the machine is shared), in one process:

* ``pairwise``       ``schulze.pairwise`` on every ballot (numpy, identical ballots once);
* ``tally``          ``tally(..., method="schulze")``: the checks, pairwise, the
                     strongest paths (Floyd-Warshall, plain integers) and the ranking;
* ``tally_counted``  the same on the compressed ballots;
* ``reference``      the pairwise count by the definition in plain Python, one voter
                     and one pair at a time (run once), against ``pairwise`` on the same
                     ballots (every ballot, or the first ``--reference-ballots``): the
                     ratio of their times; exit status 1 if the counts differ.

Usage::

    .venv/bin/python bench/voting.py
    .venv/bin/python bench/voting.py --ballots 20000 --repeat 1   # quick
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time

import numpy as np
from harness import machine

from ccaward.engine.voting import Ballot, tally
from ccaward.engine.voting.schulze import pairwise


def make_ballot(rng, quality: np.ndarray, names: list[str]) -> Ballot:
    n = len(names)
    order = np.argsort(-(quality + rng.gumbel(scale=1.5, size=n)))
    kept = order[: rng.integers(1, n + 1)]
    groups: list[set[str]] = []
    for i in kept:
        if groups and rng.random() < 0.1:
            groups[-1].add(names[i])
        else:
            groups.append({names[i]})
    return Ballot(ranks=tuple(frozenset(g) for g in groups))


def instance(candidates: int, ballots: int, distinct: int, seed: int):
    rng = np.random.default_rng(seed)
    names = [f"c{i:02d}" for i in range(candidates)]
    quality = rng.normal(size=candidates)
    every = [make_ballot(rng, quality, names) for _ in range(ballots)]
    kinds = [make_ballot(rng, quality, names) for _ in range(distinct)]
    counts = rng.multinomial(ballots, np.full(distinct, 1 / distinct))
    counted = [Ballot(ranks=b.ranks, count=int(c)) for b, c in zip(kinds, counts, strict=True) if c]
    return names, every, counted


def reference(ballots, names) -> list[list[int]]:
    """d[i][j] by the definition: one voter, one pair at a time."""
    n = len(names)
    d = [[0] * n for _ in range(n)]
    for ballot in ballots:
        place = {c: i for i, group in enumerate(ballot.ranks) for c in group}
        ranks = [place.get(c, n) for c in names]
        for i in range(n):
            for j in range(n):
                if ranks[i] < ranks[j]:
                    d[i][j] += ballot.count
    return d


def best(repeat: int, call) -> tuple[float, object]:
    times, value = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        value = call()
        times.append(time.perf_counter() - start)
    return min(times), value


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--candidates", type=int, default=50)
    parser.add_argument("--ballots", type=int, default=100_000)
    parser.add_argument("--distinct", type=int, default=500)
    parser.add_argument("--reference-ballots", type=int, default=None)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    start = time.perf_counter()
    names, every, counted = instance(args.candidates, args.ballots, args.distinct, args.seed)
    made = time.perf_counter() - start
    report = {"date": dt.datetime.now(dt.UTC).isoformat(timespec="minutes"), **vars(args)}
    report["machine"] = machine(numpy=np.__version__)
    report["make_s"] = round(made, 2)
    report["distinct_ballots"] = len({b.ranks for b in every})
    count = {"method": "schulze", "seats": 5, "candidates": names}
    t, _ = best(args.repeat, lambda: pairwise(every, names))
    report["pairwise_s"] = round(t, 3)
    t, full = best(args.repeat, lambda: tally(every, **count))
    report["tally_s"] = round(t, 3)
    t, compressed = best(args.repeat, lambda: tally(counted, **count))
    report["tally_counted_s"] = round(t, 3)
    report["winners"], report["counted_winners"] = full.winners, compressed.winners
    subset = every[: args.reference_ballots or len(every)]
    t_engine, d_engine = best(args.repeat, lambda: pairwise(subset, names))
    t_ref, d_ref = best(1, lambda: reference(subset, names))
    report["subset_pairwise_s"] = round(t_engine, 3)
    report["reference_s"] = round(t_ref, 3)
    report["reference_over_engine"] = round(t_ref / t_engine, 1)
    report["identical"] = d_engine == d_ref
    print(json.dumps(report, indent=2))
    return 0 if report["identical"] else 1


if __name__ == "__main__":
    sys.exit(main())
