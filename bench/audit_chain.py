"""What the audit log's hash chain costs: recording events chained against a plain
insert of the same rows, in the same run.

    .venv/bin/python bench/audit_chain.py [--events 10000] [--repeat 3]
    bash scripts/with-postgres.sh .venv/bin/python bench/audit_chain.py   # on PostgreSQL

A fresh database (SQLite in a temporary directory with the options of config/env.py;
PostgreSQL when DATABASE_URL is set), migrated. Each round writes --events events
both ways, alternating which goes first:

* **chained**: `core.audit.record` (lock the chain's head row, hash, insert, move the
  head), each event its own transaction, as a request's domain function writes it;
* **plain**: `AuditEvent.objects.create` of the same fields (what `record` did before
  the chain), each its own transaction; its rows go to a season of their own, at
  seqs far above any chain's;

and the same two inside one transaction (the cost without the commits). Then
`verify_chain` over the chained events (the global chain). Best of --repeat rounds; the ratio is chained over
plain. Prints a table and writes var/bench/audit-chain-<timestamp>.json.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from harness import ROOT, machine

sys.path.insert(0, str(ROOT))


def _setup() -> str:
    if not os.environ.get("DATABASE_URL"):
        os.environ["CCAWARD_VAR_DIR"] = tempfile.mkdtemp(prefix="ccaward-audit-chain-")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ccaward.config.settings")
    import django  # noqa: PLC0415 (after the environment is set)

    django.setup()
    from django.core.management import call_command  # noqa: PLC0415
    from django.db import connection  # noqa: PLC0415

    call_command("migrate", verbosity=0)
    return connection.vendor


def _row(n: int) -> dict:
    return {
        "action": "bench.event",
        "summary": f"第 {n} 个事件",
        "data": {"n": n, "score": n / 7, "names": ["甲", "乙"], "flag": n % 2 == 0},
    }


def _rounds(events: int, repeat: int) -> dict[str, list[float]]:
    from django.db import transaction  # noqa: PLC0415

    from ccaward.core import audit  # noqa: PLC0415
    from ccaward.core.models import AuditEvent  # noqa: PLC0415
    from ccaward.seasons.domain import create_season  # noqa: PLC0415

    plain_season = create_season(by=None, name_zh="压测", name_en="Bench", year=2026, slug="bench")
    plain_seq = iter(range(10**8, 10**9))

    def chained() -> None:
        for n in range(events):
            audit.record(actor=None, **_row(n))

    def plain() -> None:
        for n in range(events):
            AuditEvent.objects.create(
                actor_label="system",
                season=plain_season,
                seq=next(plain_seq),
                prev_hash="",
                hash="",
                **_row(n),
            )

    def in_one(write):
        def run() -> None:
            with transaction.atomic():
                write()

        return run

    ways = {
        "chained": chained,
        "plain": plain,
        "chained, one transaction": in_one(chained),
        "plain, one transaction": in_one(plain),
    }
    times: dict[str, list[float]] = {name: [] for name in ways}
    for r in range(repeat):
        order = list(ways) if r % 2 == 0 else [*reversed(list(ways))]
        for name in order:
            started = time.perf_counter()
            ways[name]()
            times[name].append(time.perf_counter() - started)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    vendor = _setup()
    load = os.getloadavg()[0]
    times = _rounds(args.events, args.repeat)

    from ccaward.core.chain import chain_head, verify_chain  # noqa: PLC0415

    started = time.perf_counter()
    problems = verify_chain(None)
    verify_s = time.perf_counter() - started
    best = {name: min(values) for name, values in times.items()}
    result = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "database": vendor,
        "events": args.events,
        "load_before": load,
        "load_after": os.getloadavg()[0],
        "machine": machine(django=__import__("django").get_version()),
        "seconds": times,
        "best": best,
        "ratio": best["chained"] / best["plain"],
        "ratio_one_transaction": best["chained, one transaction"] / best["plain, one transaction"],
        "verify": {"events": chain_head(None)[0], "seconds": verify_s, "problems": len(problems)},
    }
    print(f"{vendor}, {args.events:,} events, best of {args.repeat} (load {load:.1f})\n")
    print("| way | s | µs per event | chained / plain |\n|---|---|---|---|")
    for name, seconds in best.items():
        ratio = ""
        if name.startswith("chained"):
            ratio = f"{seconds / best[name.replace('chained', 'plain')]:.2f}"
        print(f"| {name} | {seconds:.3f} | {seconds / args.events * 1e6:.0f} | {ratio} |")
    print(
        f"\nverify_chain: {result['verify']['events']:,} events in {verify_s:.3f} s, "
        f"{len(problems)} problems"
    )
    out = ROOT / "var" / "bench"
    out.mkdir(parents=True, exist_ok=True)
    path = out / f"audit-chain-{vendor}-{datetime.now(UTC):%Y%m%d-%H%M%S}.json"
    path.write_text(json.dumps(result, indent=2), encoding="utf-8")
    print(f"written to {Path(path).relative_to(ROOT)}")
    if problems:
        raise SystemExit("the chain does not verify")


if __name__ == "__main__":
    main()
