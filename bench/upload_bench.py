"""Upload a large interaction-record file to a running ccaward and measure the server.

    .venv/bin/python bench/upload_bench.py [--size-mb 1024]

Starts `ccaward serve --no-worker` on a free loopback port with a fresh SQLite
database in a temporary directory, loads the demo, signs in as the demo organizer
and streams a CSV of --size-mb megabytes (written once to var/bench/) as a
multipart upload to an entry's KPI page. Reports how long the request took, the
web server's peak resident memory (VmHWM) before and after, and that the upload
was queued for the background worker rather than computed in the request.
"""

from __future__ import annotations

import argparse
import http.client
import http.cookiejar
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"
HEADER = "contact_id,center,channel,customer_key,arrived_at,queued_at,answered_at,ended_at,talk_s\n"


def make_csv(path: Path, size_mb: int) -> Path:
    if path.exists() and path.stat().st_size >= size_mb * 1024 * 1024:
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    row = "{n},bench,voice,k{k},2026-10-01 09:00:00,2026-10-01 09:00:20,2026-10-01 09:00:30,2026-10-01 09:03:30,180\n"
    target = size_mb * 1024 * 1024
    with path.open("w", encoding="utf-8") as fh:
        fh.write(HEADER)
        n = 0
        written = len(HEADER)
        while written < target:
            chunk = "".join(row.format(n=n + i, k=(n + i) % 50000) for i in range(10000))
            fh.write(chunk)
            written += len(chunk)
            n += 10000
    return path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def vm_hwm_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size-mb", type=int, default=1024)
    args = parser.parse_args()
    csv_path = make_csv(ROOT / "var" / "bench" / f"upload-{args.size_mb}mb.csv", args.size_mb)
    size = csv_path.stat().st_size
    tmp = tempfile.mkdtemp(prefix="ccaward-upload-bench-")
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["CCAWARD_VAR_DIR"] = tmp
    subprocess.run([str(BIN / "ccaward"), "demo"], env=env, check=True, capture_output=True)
    port = free_port()
    server = subprocess.Popen(
        [str(BIN / "ccaward"), "serve", "--no-worker", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        jar = http.cookiejar.CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        for _ in range(200):
            try:
                opener.open(f"{base}/accounts/login/", timeout=2).read()
                break
            except OSError:
                time.sleep(0.3)
        csrf = {c.name: c.value for c in jar}["csrftoken"]
        from ccaward.core.demo import DEMO_PASSWORD  # noqa: PLC0415

        opener.open(
            f"{base}/accounts/login/",
            urllib.parse.urlencode(
                {
                    "username": "organizer@demo.ccaward.cn",
                    "password": DEMO_PASSWORD,
                    "csrfmiddlewaretoken": csrf,
                }
            ).encode(),
        )
        page = opener.open(f"{base}/seasons/ccbca-2026/entries/").read().decode()
        entry_url = re.search(r'href="(/seasons/ccbca-2026/entries/\d+/kpi/)"', page).group(1)
        cookies = "; ".join(f"{c.name}={c.value}" for c in jar)
        csrf = {c.name: c.value for c in jar}["csrftoken"]
        server_pid = server.pid
        before = vm_hwm_kb(server_pid)

        boundary = "----ccawardbench"
        head = (
            f'--{boundary}\r\nContent-Disposition: form-data; name="csrfmiddlewaretoken"\r\n\r\n{csrf}\r\n'
            f'--{boundary}\r\nContent-Disposition: form-data; name="mapping"\r\n\r\nstandard\r\n'
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.csv"\r\n'
            "Content-Type: text/csv\r\n\r\n"
        ).encode()
        tail = f"\r\n--{boundary}--\r\n".encode()

        def body():
            yield head
            with csv_path.open("rb") as fh:
                while chunk := fh.read(1 << 20):
                    yield chunk
            yield tail

        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=3600)
        started = time.perf_counter()
        conn.request(
            "POST",
            entry_url,
            body=body(),
            headers={
                "Content-Type": f"multipart/form-data; boundary={boundary}",
                "Content-Length": str(len(head) + size + len(tail)),
                "Cookie": cookies,
                "Referer": base + entry_url,
                "X-CSRFToken": csrf,
            },
            encode_chunked=False,
        )
        response = conn.getresponse()
        elapsed = time.perf_counter() - started
        response.read()
        after = vm_hwm_kb(server_pid)
        queued = (
            subprocess.run(
                [
                    str(BIN / "ccaward"),
                    "manage",
                    "shell",
                    "-c",
                    "from ccaward.kpis.models import InteractionUpload as U; "
                    "u = U.objects.latest('uploaded_at'); print(u.status, u.size, u.job.status)",
                ],
                env=env,
                capture_output=True,
                text=True,
                check=True,
            )
            .stdout.strip()
            .splitlines()[-1]
            .split()
        )
        result = {
            "file_mb": round(size / 2**20, 1),
            "status": response.status,
            "request_s": round(elapsed, 2),
            "throughput_mb_s": round(size / 2**20 / elapsed, 1),
            "server_peak_rss_before_mb": round(before / 1024, 1),
            "server_peak_rss_after_mb": round(after / 1024, 1),
            "upload_status": queued[0],
            "stored_bytes": int(queued[1]),
            "job_status": queued[2],
        }
        print(json.dumps(result, indent=2))
        ok = (
            response.status == 302
            and result["upload_status"] == "queued"
            and result["stored_bytes"] == size
            and after - before < 200 * 1024
        )
        print("OK: streamed to disk, queued, not computed in the request" if ok else "FAILED")
        return 0 if ok else 1
    finally:
        server.terminate()
        server.wait(timeout=30)
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
