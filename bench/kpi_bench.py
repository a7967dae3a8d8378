"""Benchmark of the KPI engine: the full indicator set by center and day.

Three implementations of the same outputs, each run in its own subprocess:

* ``engine``       ``interactions.load`` (Parquet -> DuckDB table, validated) and
                   ``kpi.compute(by=("center", "day"))``; load and compute timed apart;
* ``handwritten``  the minimal hand-written DuckDB SQL (``bench/handwritten.sql``) straight
                   from the Parquet files, no loading, no validation;
* ``pandas``       the straightforward pandas reference (``bench/pandas_reference.py``).

Wall time with ``time.perf_counter`` inside the worker (best of ``--repeat`` runs for the
two DuckDB variants, except that a run over ``CHEAP_S`` seconds is not repeated; one run
for pandas); peak memory = the worker process's maximum resident set size from
``os.wait4`` (its own ``ru_maxrss``, so workers share nothing), cross-checked with the
worker's own ``VmHWM``.
The figures of all implementations that ran must be identical (same rows, integers
equal, floats within 1e-9 relative) or the run fails with exit status 1.

Usage (see bench/README.md)::

    .venv/bin/python bench/kpi_bench.py                      # 10 M rows, all three
    .venv/bin/python bench/kpi_bench.py --skip-pandas
    .venv/bin/python bench/kpi_bench.py --rows 100000000 --engine-only

Data are simulated with ``ccaward.engine.simulate`` (``--days`` days per center, as many
centers as the target needs up to 10 M rows) and cached under ``var/bench/data``; larger
sizes replicate that base in DuckDB (copy k: dates shifted by k x days, contact ids
prefixed) into one Parquet file per copy. The result is written as JSON to ``var/bench``
and printed as a markdown table.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import math
import os
import platform
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
VAR = ROOT / "var" / "bench"
DATA = VAR / "data"
HANDWRITTEN_SQL = HERE / "handwritten.sql"
BASE_MAX_ROWS = 10_000_000
ROWS_PER_CENTER_DAY = 2_220  # measured mean of simulate() (default volume, 91 days)
COUNT_KEYS = ("offered", "answered", "abandoned", "short_abandoned", "ivr_abandoned")
REL_TOL = 1e-9
CHEAP_S = 60  # a DuckDB variant is run --repeat times only while a run is this fast
MIN_FREE_DISK = 10 * 2**30  # a run that spills the disk below this is killed
TARGETS = {
    "engine_vs_handwritten": 1.5,  # at most
    "pandas_vs_engine": 8.0,  # at least
    "engine_peak_rss_mb_10m": 1.5 * 1024,  # at most (1.5 GB)
    "engine_peak_rss_mb_100m": 4 * 1024,  # at most (4 GB)
}


# ---------------------------------------------------------------------------- data


def _duckdb():
    import duckdb

    return duckdb


def _files(directory: Path) -> list[Path]:
    return sorted(directory.glob("*.parquet"))


def _count(paths) -> int:
    con = _duckdb().connect()
    try:
        return con.execute(
            "SELECT count(*) FROM read_parquet(?)", [[str(p) for p in paths]]
        ).fetchone()[0]
    finally:
        con.close()


def base_data(rows: int, days: int, seed: int) -> tuple[Path, dict]:
    """Simulated records (one Parquet file per center), cached; the directory and info."""
    from ccaward.engine import simulate

    centers = max(1, round(min(rows, BASE_MAX_ROWS) / (ROWS_PER_CENTER_DAY * days)))
    directory = DATA / f"sim-c{centers}-d{days}-s{seed}"
    marker = directory / "done.json"
    if marker.exists():
        return directory, json.loads(marker.read_text())
    print(f"simulating {centers} centers x {days} days (seed {seed}) into {directory} ...")
    t0 = time.perf_counter()
    simulate.simulate(centers=centers, days=days, seed=seed, out_dir=directory)
    info = {
        "kind": "simulated",
        "centers": centers,
        "days": days,
        "seed": seed,
        "rows": _count(_files(directory)),
        "files": len(_files(directory)),
        "seconds": round(time.perf_counter() - t0, 1),
    }
    marker.write_text(json.dumps(info, indent=2))
    print(f"  {info['rows']:,} rows in {info['seconds']} s")
    return directory, info


def replicated_data(rows: int, days: int, seed: int) -> tuple[Path, dict]:
    """The base replicated k times in DuckDB: copy k is the base shifted by k x days.

    Copy k: arrived/queued/answered/ended_at + k * days days, contact_id prefixed with
    ``k<k>-`` (unique), same centers and customer keys (the same customers keep calling:
    50 centers over k x 91 days rather than k x 50 centers). One Parquet file per copy,
    ordered by center and arrival like the simulated files.
    """
    base_dir, base = base_data(BASE_MAX_ROWS, days, seed)
    copies = math.ceil(rows / base["rows"])
    directory = DATA / f"rep{copies}-{base_dir.name}"
    marker = directory / "done.json"
    if marker.exists():
        return directory, json.loads(marker.read_text())
    directory.mkdir(parents=True, exist_ok=True)
    print(f"replicating {base['rows']:,} rows x {copies} into {directory} ...")
    t0 = time.perf_counter()
    con = _duckdb().connect()
    con.execute("SET memory_limit = '4GB'")
    con.execute(f"SET temp_directory = '{VAR / 'duckdb-tmp-gen'}'")
    src = [str(p) for p in _files(base_dir)]
    for k in range(copies):
        out = directory / f"part-{k:03d}.parquet"
        shift = f"INTERVAL {k * days} DAY"
        con.execute(
            f"""COPY (
                SELECT * REPLACE (
                    'k{k}-' || contact_id AS contact_id,
                    arrived_at + {shift} AS arrived_at,
                    queued_at + {shift} AS queued_at,
                    answered_at + {shift} AS answered_at,
                    ended_at + {shift} AS ended_at)
                FROM read_parquet(?) ORDER BY center, arrived_at
            ) TO '{out}' (FORMAT parquet)""",
            [src],
        )
        print(f"  copy {k + 1}/{copies} written ({time.perf_counter() - t0:.0f} s)")
    con.close()
    info = {
        "kind": "replicated",
        "base": base,
        "base_dir": str(base_dir.relative_to(ROOT)),
        "copies": copies,
        "days": days * copies,
        "centers": base["centers"],
        "rows": _count(_files(directory)),
        "files": copies,
        "seconds": round(time.perf_counter() - t0, 1),
    }
    marker.write_text(json.dumps(info, indent=2))
    return directory, info


def dataset(rows: int, days: int, seed: int) -> tuple[Path, dict]:
    if rows <= BASE_MAX_ROWS:
        return base_data(rows, days, seed)
    return replicated_data(rows, days, seed)


# ---------------------------------------------------------------------------- workers


def _proc_status() -> dict:
    out = {}
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith(("VmRSS", "VmHWM")):
                key, value = line.split(":")
                out[key] = int(value.split()[0]) // 1024  # MiB
    return out


class TracingConnection:
    """A DuckDB connection that times every ``execute`` (and notes RSS / peak RSS after).

    Passed to ``interactions.load`` and ``kpi.compute`` unchanged otherwise, so the
    benchmark can say which statement of the load takes the time and the memory.
    """

    def __init__(self, con):
        self._con = con
        self.trace = []
        self.keep_temp_directory = True

    def execute(self, sql, params=None):
        if self.keep_temp_directory and str(sql).strip().startswith("SET temp_directory"):
            # Work-around, see docs/performance.md: DuckDB refuses to set temp_directory
            # again (even to the same path) once something has spilled there, and
            # kpi.compute calls configure() again after a load that spilled. Skip the
            # repeated SET when it names the directory already in use.
            current = self._con.execute("SELECT current_setting('temp_directory')").fetchone()
            if params and current[0] == params[0]:
                self.trace.append({"sql": "(skipped) SET temp_directory = <same>"})
                return self._con
        t0 = time.perf_counter()
        result = self._con.execute(sql) if params is None else self._con.execute(sql, params)
        status = _proc_status()
        self.trace.append(
            {
                "sql": " ".join(str(sql).split())[:90],
                "seconds": round(time.perf_counter() - t0, 3),
                "rss_mb": status.get("VmRSS"),
                "peak_rss_mb": status.get("VmHWM"),
            }
        )
        return result

    def __getattr__(self, name):
        return getattr(self._con, name)


def _settings(con, memory_limit: str, temp_directory: str) -> None:
    con.execute("SET memory_limit = ?", [memory_limit])
    con.execute("SET temp_directory = ?", [temp_directory])
    con.execute("SET preserve_insertion_order = false")


def worker_engine(paths, args) -> dict:
    import duckdb

    from ccaward.engine import interactions, kpi

    con = TracingConnection(duckdb.connect())
    t0 = time.perf_counter()
    kpi.configure(con, memory_limit=args.memory_limit, temp_directory=args.temp_directory)
    report = interactions.load(con, paths, replace=True, in_place=not args.copy)
    t1 = time.perf_counter()
    load_trace = list(con.trace)
    rows = kpi.compute(
        con,
        by=("center", "day"),
        memory_limit=args.memory_limit,
        temp_directory=args.temp_directory,
    )
    t2 = time.perf_counter()
    threads = con.execute("SELECT current_setting('threads')").fetchone()[0]
    con.close()
    return {
        "load_s": t1 - t0,
        "compute_s": t2 - t1,
        "total_s": t2 - t0,
        "rows_loaded": report.rows_loaded,
        "rows_skipped": report.rows_skipped,
        "threads": threads,
        "load_trace": load_trace,
        "rows": rows,
    }


def handwritten_rows(con, paths) -> list[dict]:
    """Run ``bench/handwritten.sql`` over the Parquet files; rows as ``kpi.compute`` gives."""
    files = ", ".join("'" + str(p).replace("'", "''") + "'" for p in paths)
    con.execute(f"CREATE OR REPLACE VIEW records AS SELECT * FROM read_parquet([{files}])")
    cur = con.execute(HANDWRITTEN_SQL.read_text())
    names = [d[0] for d in cur.description]
    rows = []
    for record in cur.fetchall():
        row = dict(zip(names, record, strict=True))
        if isinstance(row["day"], dt.date):
            row["day"] = row["day"].isoformat()
        rows.append(row)
    return rows


def worker_handwritten(paths, args) -> dict:
    import duckdb

    con = duckdb.connect()
    t0 = time.perf_counter()
    _settings(con, args.memory_limit, args.temp_directory)
    rows = handwritten_rows(con, paths)
    t1 = time.perf_counter()
    con.close()
    return {"compute_s": t1 - t0, "total_s": t1 - t0, "rows": rows}


def worker_pandas(paths, args) -> dict:
    sys.path.insert(0, str(HERE))
    import pandas_reference

    t0 = time.perf_counter()
    df = pandas_reference.read(paths)
    t1 = time.perf_counter()
    rows = pandas_reference.to_records(pandas_reference.indicators(df))
    t2 = time.perf_counter()
    return {"load_s": t1 - t0, "compute_s": t2 - t1, "total_s": t2 - t0, "rows": rows}


WORKERS = {"engine": worker_engine, "handwritten": worker_handwritten, "pandas": worker_pandas}


def run_worker(args) -> int:
    paths = _files(Path(args.data))
    result = WORKERS[args.worker](paths, args)
    result["self_peak_rss_mb"] = _proc_status().get("VmHWM")
    Path(args.result).write_text(json.dumps(result, default=str))
    return 0


def _dir_bytes(path: Path) -> int:
    total = 0
    for root, _dirs, files in os.walk(path):
        for name in files:
            with contextlib.suppress(OSError):  # a spill file removed meanwhile
                total += os.stat(os.path.join(root, name)).st_size
    return total


def spawn(name: str, data_dir: Path, args, run_index: int) -> dict:
    """Run one worker in a fresh subprocess; its result plus peak RSS and peak spill."""
    temp_dir = VAR / f"duckdb-tmp-{name}"
    temp_dir.mkdir(parents=True, exist_ok=True)
    result_file = VAR / f".worker-{name}-{run_index}.json"
    cmd = [
        sys.executable,
        str(Path(__file__).resolve()),
        "--worker",
        name,
        "--data",
        str(data_dir),
        "--result",
        str(result_file),
        "--memory-limit",
        args.memory_limit,
        "--temp-directory",
        str(temp_dir),
        *(["--copy"] if args.copy else []),
    ]
    load_before = os.getloadavg()[0]  # other work on the machine shows here
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT)
    spill = 0
    aborted = None
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        spill = max(spill, _dir_bytes(temp_dir))
        free = shutil.disk_usage(VAR).free
        if aborted is None and free < MIN_FREE_DISK:
            aborted = f"free disk {free / 2**30:.1f} GB < {MIN_FREE_DISK / 2**30:.0f} GB"
            proc.kill()  # our own worker, by its pid
        time.sleep(0.5)
    wall = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        shutil.rmtree(temp_dir, ignore_errors=True)
        raise SystemExit(
            f"worker {name} failed with exit status {proc.returncode} after {wall:.0f} s"
            f" (peak RSS {usage.ru_maxrss / 1024:,.0f} MB, peak spill {spill / 2**20:,.0f} MB"
            + (f"; aborted: {aborted})" if aborted else ")")
        )
    result = json.loads(result_file.read_text())
    result_file.unlink()
    result["peak_rss_mb"] = usage.ru_maxrss / 1024  # Linux: KiB
    if abs(result["peak_rss_mb"] - result["self_peak_rss_mb"]) > 0.05 * result["peak_rss_mb"]:
        print(
            f"  warning: ru_maxrss {result['peak_rss_mb']:,.0f} MB but the worker's own "
            f"VmHWM {result['self_peak_rss_mb']:,} MB",
            flush=True,
        )
    result["peak_spill_mb"] = spill / 2**20
    result["process_wall_s"] = wall
    result["loadavg_1min_before"] = load_before
    return result


# ---------------------------------------------------------------------------- checks


def _canonical(rows: list[dict]) -> dict:
    return {(r["center"], str(r["day"])): r for r in rows}


def compare(reference: list[dict], other: list[dict], name: str) -> list[str]:
    """Differences between two result sets (empty when identical)."""
    ref, oth = _canonical(reference), _canonical(other)
    problems = []
    if set(ref) != set(oth):
        missing, extra = sorted(set(ref) - set(oth)), sorted(set(oth) - set(ref))
        problems.append(f"{name}: groups differ: missing {missing[:5]}, extra {extra[:5]}")
    for key in sorted(set(ref) & set(oth)):
        a, b = ref[key], oth[key]
        if list(a) != list(b):
            problems.append(f"{name}: columns differ at {key}: {list(a)} vs {list(b)}")
            continue
        for col, va in a.items():
            vb = b[col]
            if col in ("center", "day"):
                continue
            if va is None or vb is None:
                ok = va is None and vb is None
            elif col in COUNT_KEYS:
                ok = isinstance(vb, int) and int(va) == vb
            else:
                ok = math.isclose(float(va), float(vb), rel_tol=REL_TOL, abs_tol=1e-12)
            if not ok:
                problems.append(f"{name}: {key} {col}: engine {va!r} vs {vb!r}")
        if len(problems) > 20:
            break
    return problems


# ---------------------------------------------------------------------------- report


def machine() -> dict:
    import duckdb
    import numpy
    import pandas

    cpu = "unknown"
    with open("/proc/cpuinfo") as fh:
        for line in fh:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    with open("/proc/meminfo") as fh:
        mem_kb = int(fh.readline().split()[1])
    return {
        "nproc": os.cpu_count(),
        "memory_gb": round(mem_kb / 2**20, 1),
        "cpu": cpu,
        "python": platform.python_version(),
        "duckdb": duckdb.__version__,
        "pandas": pandas.__version__,
        "numpy": numpy.__version__,
        "kernel": platform.release(),
    }


def engine_version() -> dict:
    """The commit and the state of the engine files that were measured."""
    import hashlib

    def git(*cmd):
        return subprocess.run(
            ["git", *cmd], cwd=ROOT, capture_output=True, text=True, check=False
        ).stdout.strip()

    packages = ("ccaward/engine/interactions", "ccaward/engine/kpi", "ccaward/engine/sql")
    files = sorted(
        p.relative_to(ROOT).as_posix() for d in packages for p in (ROOT / d).glob("*.py")
    )
    return {
        "commit": git("rev-parse", "--short", "HEAD"),
        "uncommitted_engine_changes": git("status", "--short", "--", "ccaward/engine"),
        "sha256": {f: hashlib.sha256((ROOT / f).read_bytes()).hexdigest()[:16] for f in files},
    }


def _best(runs: list[dict]) -> dict:
    best = min(runs, key=lambda r: r["total_s"])
    out = {k: v for k, v in best.items() if k != "rows"}
    out["runs_total_s"] = [round(r["total_s"], 3) for r in runs]
    out["runs_loadavg_before"] = [round(r["loadavg_1min_before"], 2) for r in runs]
    out["peak_rss_mb"] = max(r["peak_rss_mb"] for r in runs)
    out["peak_spill_mb"] = max(r["peak_spill_mb"] for r in runs)
    return out


def markdown(result: dict) -> str:
    rows = result["data"]["rows"]
    lines = [
        f"rows: {rows:,} ({result['data']['centers']} centers x {result['data']['days']} days,"
        f" {result['groups']:,} center-day groups); DuckDB memory_limit "
        f"{result['memory_limit']}",
        "",
        "| implementation | runs | load s | compute s | total s | rows/s | peak RSS MB "
        "| peak spill MB |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for name, r in result["implementations"].items():
        load = f"{r['load_s']:.2f}" if "load_s" in r else "-"
        lines.append(
            f"| {name} | {len(r['runs_total_s'])} | {load} | {r['compute_s']:.2f} "
            f"| {r['total_s']:.2f} | {rows / r['total_s']:,.0f} | {r['peak_rss_mb']:,.0f} "
            f"| {r['peak_spill_mb']:,.0f} |"
        )
    if result["targets"]:
        lines += ["", "| target | measured | required | met |", "|---|---|---|---|"]
        for t in result["targets"]:
            lines.append(
                f"| {t['name']} | {t['measured']} | {t['required']} "
                f"| {'met' if t['met'] else 'NOT met'} |"
            )
    lines += ["", f"identical figures: {result['identical']}"]
    return "\n".join(lines)


def targets(result: dict) -> list[dict]:
    imps = result["implementations"]
    out = []
    eng = imps.get("engine")
    if eng and "handwritten" in imps:
        hw = imps["handwritten"]["total_s"]
        out.append(
            {
                "name": "engine (load + compute) / hand-written SQL",
                "measured": f"{eng['total_s'] / hw:.2f}",
                "required": "<= 1.5",
                "met": eng["total_s"] / hw <= TARGETS["engine_vs_handwritten"],
            }
        )
        out.append(
            {
                "name": "engine compute only / hand-written SQL (for information)",
                "measured": f"{eng['compute_s'] / hw:.2f}",
                "required": "-",
                "met": eng["compute_s"] / hw <= TARGETS["engine_vs_handwritten"],
            }
        )
    if eng and "pandas" in imps:
        ratio = imps["pandas"]["total_s"] / eng["total_s"]
        out.append(
            {
                "name": "pandas (read + compute) / engine (load + compute)",
                "measured": f"{ratio:.2f}",
                "required": ">= 8",
                "met": ratio >= TARGETS["pandas_vs_engine"],
            }
        )
    if eng:
        big = result["data"]["rows"] > 2 * BASE_MAX_ROWS
        limit = TARGETS["engine_peak_rss_mb_100m" if big else "engine_peak_rss_mb_10m"]
        out.append(
            {
                "name": "engine peak RSS MB",
                "measured": f"{eng['peak_rss_mb']:,.0f}",
                "required": f"<= {limit:,.0f}",
                "met": eng["peak_rss_mb"] <= limit,
            }
        )
    return out


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--rows", type=int, default=10_000_000, help="records (10000000)")
    p.add_argument("--skip-pandas", action="store_true", help="no pandas reference run")
    p.add_argument("--engine-only", action="store_true", help="the engine alone")
    p.add_argument(
        "--copy",
        action="store_true",
        help="the engine copies the validated rows into a table (the default reads the "
        "Parquet files in place)",
    )
    p.add_argument("--repeat", type=int, default=3, help="runs of each DuckDB variant (3)")
    p.add_argument("--memory-limit", default="1GB", help="DuckDB memory_limit (1GB)")
    p.add_argument("--days", type=int, default=91, help="simulated days per center (91)")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--generate-only", action="store_true", help="write the data and stop")
    p.add_argument("--worker", choices=sorted(WORKERS), help=argparse.SUPPRESS)
    p.add_argument("--data", help=argparse.SUPPRESS)
    p.add_argument("--result", help=argparse.SUPPRESS)
    p.add_argument("--temp-directory", help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.worker:
        return run_worker(args)

    VAR.mkdir(parents=True, exist_ok=True)
    if args.generate_only:
        dataset(args.rows, args.days, args.seed)
        return 0
    # Generate in a subprocess: a worker forked from a parent that grew large would
    # inherit the parent's resident size in its ru_maxrss (Linux copies the RSS at fork
    # into the child's high-water mark), so the parent stays small.
    subprocess.run(
        [
            sys.executable,
            str(Path(__file__).resolve()),
            "--generate-only",
            "--rows",
            str(args.rows),
            "--days",
            str(args.days),
            "--seed",
            str(args.seed),
        ],
        cwd=ROOT,
        check=True,
    )
    data_dir, info = dataset(args.rows, args.days, args.seed)
    names = ["engine"] if args.engine_only else ["engine", "handwritten"]
    if not args.engine_only and not args.skip_pandas:
        names.append("pandas")
    runs: dict[str, list[dict]] = {}
    for name in names:
        repeat = 1 if name == "pandas" else args.repeat
        runs[name] = []
        for i in range(repeat):
            print(f"{name} run {i + 1}/{repeat} ...", flush=True)
            r = spawn(name, data_dir, args, i)
            print(
                f"  {r['total_s']:.2f} s, peak RSS {r['peak_rss_mb']:,.0f} MB, "
                f"peak spill {r['peak_spill_mb']:,.0f} MB",
                flush=True,
            )
            runs[name].append(r)
            if r["total_s"] > CHEAP_S and i + 1 < repeat:
                print(f"  not repeated: one run took more than {CHEAP_S} s", flush=True)
                break

    reference = runs["engine"][0]["rows"]
    problems = []
    for name, rs in runs.items():
        for i, r in enumerate(rs):
            if name != "engine" or i > 0:
                problems += compare(reference, r["rows"], f"{name} run {i + 1}")
    result = {
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "command": " ".join([Path(sys.executable).name, *sys.argv]),
        "machine": machine(),
        "engine_version": engine_version(),
        "memory_limit": args.memory_limit,
        "data": {**info, "dir": str(data_dir.relative_to(ROOT))},
        "groups": len(reference),
        "identical": not problems if len(runs) > 1 or args.repeat > 1 else "n/a (one run)",
        "problems": problems,
        "implementations": {name: _best(rs) for name, rs in runs.items()},
    }
    result["targets"] = targets(result)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    out = VAR / f"result-{info['rows']}-{'-'.join(names)}-{stamp}.json"
    out.write_text(json.dumps(result, indent=2, default=str))
    print()
    print(markdown(result))
    print(f"\nresult: {out.relative_to(ROOT)}")
    if problems:
        print("\nFIGURES DIFFER:\n  " + "\n  ".join(problems), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
