"""What the benchmarks that measure each step in a worker subprocess share: the
resident size, running a worker and reading its figures with its peak resident
size, and the machine's description (`python bench/X.py` puts this folder on the
path, so `from harness import ...`)."""

from __future__ import annotations

import json
import os
import platform
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def rss_mb() -> float:
    """This process's resident size now (MB)."""
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmRSS"):
                return int(line.split()[1]) / 1024
    return 0.0


def run_worker(script: str, name: str, options: dict) -> dict:
    """`script --worker NAME --options JSON` in a subprocess: the figures it prints
    (JSON) with its peak resident size and the load average before it started."""
    cmd = [sys.executable, script, "--worker", name, "--options", json.dumps(options)]
    load = os.getloadavg()[0]
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, text=True)
    out = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.stdout.close()
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{name} worker failed")
    figures = json.loads(out)
    figures["peak_rss_mb"] = usage.ru_maxrss / 1024
    figures["load_before"] = load
    return figures


def machine(**versions: str) -> dict:
    """The machine and Python, with the versions of the libraries measured."""
    cpu = "unknown"
    with open("/proc/cpuinfo") as fh:
        for line in fh:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    return {
        "nproc": os.cpu_count(),
        "cpu": cpu,
        "python": platform.python_version(),
        **versions,
        "kernel": platform.release(),
    }
