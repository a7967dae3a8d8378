"""Benchmark of the judges' assignment (issue 12, "Performance").

1,000 entries, 200 judges, R = 5, 5% of pairs declared conflicts, judges of 60
employers (so the one-employer rule binds) some of which are also entrants (so the
same-organisation rule forbids pairs too), loads within 20% of the mean (20-30), affinities from
expertise matches (industry, channels, framework dimensions) with noise, on a 1e-3
grid. Each solver runs in its own subprocess, which builds the same instance from
the seed:

* ``flow``        ``ccaward.engine.assignment.solve``: the min-cost flow (OR-Tools);
* ``milp``        ``bench/assignment_milp.py``: the plain integer program (scipy's
                  ``milp``, HiGHS, relative gap 0), the reference; it must reach the
                  same objective;
* ``randomized``  ``solve`` with ``--max-probability`` (default 0.5): the capped
                  linear program as a flow and one draw (``--skip-randomized`` to skip).

Wall time with ``time.perf_counter`` and CPU time with ``time.process_time`` inside the
worker around the call (the instance built beforehand; CPU time says more than wall
time on a shared machine); peak memory is the worker's maximum resident set size (``ru_maxrss``
from ``os.wait4``), with its resident size before the call, so the solver's own share
shows. Exit status 1 when the objectives differ by more than 1e-6 or a solver does not
prove its optimum.

Usage::

    .venv/bin/python bench/assignment.py
    .venv/bin/python bench/assignment.py --entries 200 --judges 40   # a quick run
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import random
import sys
import time
from pathlib import Path

from harness import machine as harness_machine
from harness import rss_mb, run_worker

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
VAR = ROOT / "var" / "bench"
TARGET_S = 10.0
INDUSTRIES = ["银行", "保险", "通信", "电力", "电商", "航空", "政务", "汽车"]
CHANNELS = ["voice", "online", "email", "video"]
DIMENSIONS = 6


def instance(entries=1000, judges=200, reviewers=5, employers=60, conflicts=0.05, seed=0):
    """The benchmark's instance: (judges, entries, affinity, conflicts)."""
    from ccaward.engine.assignment import Entry, Judge

    rnd = random.Random(seed)
    employer_names = [f"{INDUSTRIES[k % 8]}机构{k:02}股份有限公司" for k in range(employers)]
    judge_list, profiles = [], {}
    mean = entries * reviewers / judges  # loads within 20% of the mean (20-30 for 25)
    low, high = math.floor(0.8 * mean), math.ceil(1.2 * mean)
    for i in range(judges):
        employer = employer_names[i % employers]  # 60 employers: the rule binds
        judge_list.append(Judge(f"J{i:03}", low, high, employer))
        profiles[judge_list[-1].id] = (
            set(rnd.sample(INDUSTRIES, 2)),
            set(rnd.sample(CHANNELS, rnd.randint(1, 3))),
            [rnd.random() for _ in range(DIMENSIONS)],
        )
    entry_list, needs = [], {}
    for k in range(entries):
        # one entry in five belongs to an employer of judges (as a branch or center)
        if rnd.random() < 0.2:
            organization = employer_names[rnd.randrange(employers)].replace(
                "股份有限公司", "客服中心"
            )
        else:
            organization = f"企业{k:04}有限公司"
        entry_list.append(Entry(f"E{k:04}", reviewers, organization))
        needs[entry_list[-1].id] = (
            rnd.choice(INDUSTRIES),
            set(rnd.sample(CHANNELS, rnd.randint(1, 4))),
            [rnd.random() for _ in range(DIMENSIONS)],
        )
    affinity = {}
    for judge in judge_list:
        industries, channels, strengths = profiles[judge.id]
        for entry in entry_list:
            industry, wanted, weights = needs[entry.id]
            score = 3.0 * (industry in industries) + 1.0 * len(channels & wanted)
            score += sum(s * w for s, w in zip(strengths, weights, strict=True)) / DIMENSIONS
            affinity[(judge.id, entry.id)] = round(score + rnd.gauss(0, 0.3), 3)
    pairs = [(j.id, e.id) for j in judge_list for e in entry_list]
    conflicted = set(rnd.sample(pairs, round(conflicts * len(pairs))))
    return judge_list, entry_list, affinity, conflicted


# ---------------------------------------------------------------------------- worker


def worker(solver: str, options: dict) -> dict:
    judges, entries, affinity, conflicts = instance(**options["instance"])
    before = rss_mb()
    c0 = time.process_time()
    t0 = time.perf_counter()
    if solver == "milp":
        sys.path.insert(0, str(HERE))
        from assignment_milp import solve_milp

        ref = solve_milp(judges, entries, affinity, conflicts=conflicts)
        seconds = time.perf_counter() - t0
        return {
            "seconds": seconds,
            "cpu_seconds": time.process_time() - c0,
            "objective": ref.objective,
            "optimal": ref.status == 0,
            "message": ref.message,
            "rss_before_mb": before,
        }
    from ccaward.engine.assignment import solve

    cap = options["max_probability"] if solver == "randomized" else None
    result = solve(
        judges, entries, affinity, conflicts=conflicts, max_probability=cap, seed=0 if cap else None
    )
    seconds = time.perf_counter() - t0
    out = {
        "seconds": seconds,
        "cpu_seconds": time.process_time() - c0,
        "objective": result.objective,
        "optimal": result.optimal,
        "infeasible": result.infeasible and result.infeasible.reason,
        "assigned": len(result.assignments),
        "rss_before_mb": before,
    }
    if cap:
        out |= {
            "expected_objective": result.expected_objective,
            "deterministic_objective": result.deterministic_objective,
            "max_pair_probability": max(result.probabilities.values()),
            "fractional_pairs": sum(0 < p < 1 for p in result.probabilities.values()),
        }
    return out


def run(solver: str, options: dict) -> dict:
    """One worker subprocess; its figures with its peak resident size."""
    return run_worker(__file__, solver, options)


# ---------------------------------------------------------------------------- report


def machine() -> dict:
    import ortools
    import scipy

    return harness_machine(ortools=ortools.__version__, scipy=scipy.__version__)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--entries", type=int, default=1000)
    parser.add_argument("--judges", type=int, default=200)
    parser.add_argument("--reviewers", type=int, default=5)
    parser.add_argument("--employers", type=int, default=60)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--max-probability", type=float, default=0.5)
    parser.add_argument("--skip-randomized", action="store_true")
    parser.add_argument("--skip-milp", action="store_true")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--options", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        print(json.dumps(worker(args.worker, json.loads(args.options))))
        return 0
    options = {
        "instance": {
            "entries": args.entries,
            "judges": args.judges,
            "reviewers": args.reviewers,
            "employers": args.employers,
            "seed": args.seed,
        },
        "max_probability": args.max_probability,
    }
    solvers = ["flow"] + ([] if args.skip_milp else ["milp"])
    solvers += [] if args.skip_randomized else ["randomized"]
    started = dt.datetime.now(dt.UTC)
    results = {}
    for solver in solvers:
        results[solver] = run(solver, options)
        print(f"{solver}: {json.dumps(results[solver])}", file=sys.stderr)
    flow = results["flow"]
    failures = [name for name, r in results.items() if not r["optimal"]]
    if "milp" in results and (
        flow["objective"] is None
        or results["milp"]["objective"] is None
        or abs(results["milp"]["objective"] - flow["objective"]) > 1e-6
    ):
        failures.append("objectives differ")
    print(f"\n{options['instance']}, load before: {flow['load_before']:.2f}\n")
    print("| solver | seconds | CPU seconds | peak RSS MB | RSS before MB | objective | optimal |")
    print("|---|---|---|---|---|---|---|")
    for name, r in results.items():
        print(
            f"| {name} | {r['seconds']:.2f} | {r['cpu_seconds']:.2f} | {r['peak_rss_mb']:.0f} "
            f"| {r['rss_before_mb']:.0f} | {r['objective'] or 0:.3f} | {r['optimal']} |"
        )
    if "milp" in results:
        milp = results["milp"]
        print(
            f"\nmilp / flow: {milp['seconds'] / flow['seconds']:.1f}x wall time, "
            f"{milp['cpu_seconds'] / flow['cpu_seconds']:.1f}x CPU time"
        )
    print(f"flow within {TARGET_S:.0f} s: {flow['seconds'] <= TARGET_S}")
    VAR.mkdir(parents=True, exist_ok=True)
    path = VAR / f"assignment-{started:%Y%m%dT%H%M%S}.json"
    path.write_text(
        json.dumps(
            {"started": started.isoformat(), "machine": machine(), "options": options}
            | {"results": results, "failures": failures},
            indent=2,
        )
    )
    print(f"written: {path.relative_to(ROOT)}")
    if failures:
        print(f"FAILED: {failures}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
