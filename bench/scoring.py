"""Benchmark of totals and calibration (issue 13, "Performance").

1,000 entries in 5 categories (quota 20 each), 60 judges, 30 criteria (6
dimensions of 5, judges' evidence only), 5 judges per entry (loads 83-84), scores
on 0-10 with one decimal: true quality per entry and criterion, each judge with a
severity (offset, SD 0.7), a scale (spread, 0.6-1.5) and noise (SD 0.4-1.0),
clipped to the scale. Each step runs in its own subprocess, which builds the same
instance from the seed and then times:

* ``combine``      ``combine(table, "calibrated")`` (``--method`` for another);
* ``alphas``       ``alpha.alphas(table)``: Krippendorff's alpha overall and per criterion;
* ``reliability``  ``reliability.reliability(table, combined)`` (alphas, outliers,
                   disagreements; the combined scores computed beforehand);
* ``bootstrap``    ``bootstrap.rank_confidence`` with ``--resamples`` (1,000) on the
                   combined scores and the framework's linear totals (computed beforehand);
* ``together``     all of it in order, as ``evaluate`` runs it: combine, reliability,
                   ``linear.linearise``, the bootstrap (the budget, 5 s, is for this);
* ``krippendorff`` the ``krippendorff`` package's alpha per criterion (its overall
                   alpha would need a 30,000 x 101 x 101 coincidence array, 2.4 GB),
                   against ``alpha.grouped_alpha`` on the same units in the same
                   worker (both best of ``--repeat``): the ratio of their times,
                   and the largest difference.

Wall time with ``time.perf_counter`` and CPU time with ``time.process_time`` around
the call, best of ``--repeat`` runs (3; the machine is shared); then one more run
under ``tracemalloc`` for the peak of memory the step allocates (numpy's arrays
included). The worker's peak resident size is its ``ru_maxrss`` (from ``os.wait4``),
with its resident size before the first call beside it (the instance). Exit status
1 when the alphas differ from the package by more than 1e-9.

Usage::

    .venv/bin/python bench/scoring.py
    .venv/bin/python bench/scoring.py --entries 200 --resamples 200   # a quick run
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
import tracemalloc
from decimal import Decimal
from pathlib import Path

import numpy as np
from harness import machine as harness_machine
from harness import rss_mb, run_worker

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
VAR = ROOT / "var" / "bench"
BUDGET_S = 5.0
STEPS = ("combine", "alphas", "reliability", "bootstrap", "together", "krippendorff")


def instance(entries=1000, judges=60, criteria=30, per_entry=5, categories=5, seed=0):
    """(table, framework, groups, quotas) of the benchmark's season."""
    from ccaward.engine.framework import Criterion, Dimension, Framework
    from ccaward.engine.scoring import ScoreTable

    rng = np.random.default_rng(seed)
    quality = rng.normal(5.5, 1.0, (entries, 1)) + rng.normal(0, 0.6, (entries, criteria))
    severity = rng.normal(0, 0.7, judges)
    scale = rng.uniform(0.6, 1.5, judges)
    noise = rng.uniform(0.4, 1.0, judges)
    # balanced panels: the judges in a random order, dealt round the entries
    deal = np.concatenate(
        [rng.permutation(judges) for _ in range(entries * per_entry // judges + 2)]
    )
    panel = np.empty((entries, per_entry), dtype=np.int64)
    k = 0
    for e in range(entries):  # instance building, not timed
        chosen: list[int] = []
        while len(chosen) < per_entry:
            if deal[k] not in chosen:
                chosen.append(int(deal[k]))
            k += 1
        panel[e] = chosen
    entry = np.repeat(np.arange(entries), per_entry * criteria)
    judge = np.repeat(panel.ravel(), criteria)
    criterion = np.tile(np.arange(criteria), entries * per_entry)
    q = quality[entry, criterion]
    raw = (
        5.5
        + severity[judge]
        + scale[judge] * (q - 5.5)
        + rng.normal(0, 1, len(entry)) * noise[judge]
    )
    score = np.round(np.clip(raw, 0, 10), 1)
    codes = tuple(f"D{c // 5 + 1}.{c % 5 + 1}" for c in range(criteria))
    table = ScoreTable(
        judges=tuple(f"J{j:02}" for j in range(judges)),
        entries=tuple(f"E{e:04}" for e in range(entries)),
        criteria=codes,
        judge=judge,
        entry=entry,
        criterion=criterion,
        score=score,
    )
    n_dims = (criteria + 4) // 5
    weights = [Decimal(100) // n_dims] * n_dims
    weights[0] += Decimal(100) - sum(weights)
    framework = Framework(
        dimensions=tuple(
            Dimension(
                code=f"D{d + 1}",
                name_zh=f"维度{d + 1}",
                name_en=f"Dimension {d + 1}",
                weight=weights[d],
                criteria=tuple(
                    Criterion(code=code, name_zh=code)
                    for code in codes
                    if code.startswith(f"D{d + 1}.")
                ),
            )
            for d in range(n_dims)
        )
    )
    groups = [f"C{e % categories}" for e in range(entries)]
    quotas = {f"C{c}": entries // categories // 10 for c in range(categories)}
    return table, framework, groups, quotas


# ---------------------------------------------------------------------------- worker


def _measure(call, repeat: int) -> dict:
    """Best wall and CPU time of `repeat` calls, then one call under tracemalloc."""
    walls, cpus = [], []
    for _ in range(repeat):
        c0, t0 = time.process_time(), time.perf_counter()
        call()
        walls.append(time.perf_counter() - t0)
        cpus.append(time.process_time() - c0)
    tracemalloc.start()
    call()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {
        "seconds": min(walls),
        "cpu_seconds": min(cpus),
        "all_seconds": walls,
        "traced_peak_mb": peak / 2**20,
    }


def _krippendorff(table, repeat: int) -> dict:
    import krippendorff

    from ccaward.engine.scoring.alpha import grouped_alpha

    J, E, C = len(table.judges), len(table.entries), len(table.criteria)
    cube = np.full((C, J, E), np.nan)
    cube[table.criterion, table.judge, table.entry] = table.score
    ours = _measure(lambda: grouped_alpha(table.cell, table.score, table.criterion, C), repeat)
    reference = _measure(
        lambda: [
            krippendorff.alpha(reliability_data=cube[c], level_of_measurement="interval")
            for c in range(C)
        ],
        repeat,
    )
    mine = grouped_alpha(table.cell, table.score, table.criterion, C)
    theirs = [
        krippendorff.alpha(reliability_data=cube[c], level_of_measurement="interval")
        for c in range(C)
    ]
    return {
        "seconds": ours["seconds"],
        "cpu_seconds": ours["cpu_seconds"],
        "traced_peak_mb": ours["traced_peak_mb"],
        "package_seconds": reference["seconds"],
        "package_cpu_seconds": reference["cpu_seconds"],
        "package_traced_peak_mb": reference["traced_peak_mb"],
        "max_difference": float(np.max(np.abs(np.array(mine, dtype=float) - np.array(theirs)))),
    }


def worker(step: str, options: dict) -> dict:
    from ccaward.engine.scoring.alpha import alphas
    from ccaward.engine.scoring.bootstrap import rank_confidence
    from ccaward.engine.scoring.combine import combine
    from ccaward.engine.scoring.linear import linearise
    from ccaward.engine.scoring.reliability import reliability

    table, framework, groups, quotas = instance(**options["instance"])
    method, n, repeat = options["method"], options["resamples"], options["repeat"]
    before = rss_mb()
    if step == "krippendorff":
        return _krippendorff(table, repeat) | {"rss_before_mb": before}

    def linear_of(combined):
        return linearise(framework, table, judge_present=np.isfinite(combined.values))

    def bootstrap(combined, linear):
        return rank_confidence(
            table, combined, linear, groups=groups, quotas=quotas, n=n, seed=options["seed"]
        )

    def together():
        combined = combine(table, method)
        reliability(table, combined)
        bootstrap(combined, linear_of(combined))

    combined = combine(table, method) if step in ("reliability", "bootstrap") else None
    linear = linear_of(combined) if step == "bootstrap" else None
    calls = {
        "combine": lambda: combine(table, method),
        "alphas": lambda: alphas(table),
        "reliability": lambda: reliability(table, combined),
        "bootstrap": lambda: bootstrap(combined, linear),
        "together": together,
    }
    out = _measure(calls[step], repeat) | {"rss_before_mb": before}
    if step == "together":
        combined = combine(table, method)
        result = reliability(table, combined)
        intervals, p, uncertain = bootstrap(combined, linear_of(combined))
        out |= {
            "iterations": combined.iterations,
            "alpha_overall": result.alpha_overall,
            "outliers": len(result.outliers),
            "disagreements": len(result.disagreements),
            "uncertain": int(uncertain.sum()),
            "median_interval_width": float(np.median(intervals[:, 1] - intervals[:, 0])),
        }
    return out


def run(step: str, options: dict) -> dict:
    """One worker subprocess; its figures with its peak resident size."""
    return run_worker(__file__, step, options)


# ---------------------------------------------------------------------------- report


def machine() -> dict:
    import krippendorff

    return harness_machine(
        numpy=np.__version__, krippendorff=getattr(krippendorff, "__version__", "0.9")
    )


def report(results: dict, options: dict) -> None:
    print(f"\n{options}\n")
    print("| step | wall s (best) | CPU s | traced peak MB | peak RSS MB (before) | load before |")
    print("|---|---|---|---|---|---|")
    for name, r in results.items():
        print(
            f"| {name} | {r['seconds']:.3f} | {r['cpu_seconds']:.3f} | {r['traced_peak_mb']:.0f} "
            f"| {r['peak_rss_mb']:.0f} ({r['rss_before_mb']:.0f}) | {r['load_before']:.2f} |"
        )
    if "together" in results:
        t = results["together"]
        print(
            f"\ntogether within {BUDGET_S:.0f} s: {t['seconds'] <= BUDGET_S} ({t['seconds'] / BUDGET_S:.2f} of the budget)"
        )
        print(
            f"alpha {t['alpha_overall']:.3f}, {t['outliers']} outliers, {t['disagreements']} disagreements, "
            f"{t['uncertain']} uncertain at the quota line, median interval width {t['median_interval_width']}, "
            f"{t['iterations']} iterations"
        )
    if "krippendorff" in results:
        k = results["krippendorff"]
        print(
            f"krippendorff package per criterion: {k['package_seconds']:.2f} s, "
            f"{k['package_seconds'] / k['seconds']:.0f}x ours ({k['seconds']:.4f} s); CPU "
            f"{k['package_cpu_seconds']:.2f} s, {k['package_cpu_seconds'] / k['cpu_seconds']:.0f}x; "
            f"traced peak {k['package_traced_peak_mb']:.0f} MB against {k['traced_peak_mb']:.0f} MB; "
            f"largest difference {k['max_difference']:.1e}"
        )


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--entries", type=int, default=1000)
    parser.add_argument("--judges", type=int, default=60)
    parser.add_argument("--criteria", type=int, default=30)
    parser.add_argument("--per-entry", type=int, default=5)
    parser.add_argument("--resamples", type=int, default=1000)
    parser.add_argument("--method", default="calibrated")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--steps", default=",".join(STEPS))
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
            "criteria": args.criteria,
            "per_entry": args.per_entry,
            "seed": args.seed,
        },
        "method": args.method,
        "resamples": args.resamples,
        "repeat": args.repeat,
        "seed": args.seed,
    }
    started = dt.datetime.now(dt.UTC)
    results = {}
    for step in args.steps.split(","):
        results[step] = run(step, options)
        print(f"{step}: {json.dumps(results[step])}", file=sys.stderr)
    report(results, options)
    failures = []
    if "krippendorff" in results and not results["krippendorff"]["max_difference"] <= 1e-9:
        failures.append("alpha differs from the krippendorff package")
    VAR.mkdir(parents=True, exist_ok=True)
    path = VAR / f"scoring-{started:%Y%m%dT%H%M%S}.json"
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
