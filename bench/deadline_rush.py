"""The deadline rush: many applicants autosaving at once while organizers reload the table.

    .venv/bin/python bench/deadline_rush.py [--clients 20] [--organizers 5] [--seconds 60]

Starts `ccaward serve --no-worker` (the embedded default: SQLite, waitress) on a
free loopback port with a fresh database in a temporary directory, loads the
demo season and adds --drafts draft entries (sample answers, part-way through)
shared among --clients applicant accounts. Then two phases of --seconds each:

1. the applicants alone: each client picks one of its drafts, a section and a
   text question of it, and autosaves a new value the way static/js/autosave.js
   does (the section, the answers' version the page is based on, the changed key
   and its base value), waits --think seconds on average (0.5x-1.5x, the page's
   800 ms debounce plus typing) and saves again;
2. the same, while --organizers organizers reload the applications table back
   to back (no pause).

Prints p50/p95/p99/max of each kind of request, requests per second and errors
(anything but 200, or no answer), and afterwards checks in the database file that
every acknowledged save is there: each entry's answers hold the last value each
client was told was saved. Writes the figures to var/bench/rush-<timestamp>.json.
Exit status 1 when a save was lost or a request failed.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"
SLUG = "ccbca-2026"
PASSWORD = "rush-bench-2026"


def setup_data(out: str, clients: int, drafts: int, organizers: int) -> None:
    """Run inside `ccaward manage shell`: the applicants, their drafts, the organizers.

    Writes JSON to `out`: each applicant's e-mail and drafts, the organizers' e-mails,
    and per section the text questions a client may change."""
    import random as _random  # noqa: PLC0415

    from ccaward.applications import domain  # noqa: PLC0415
    from ccaward.applications.demo.sample import sample_answers  # noqa: PLC0415
    from ccaward.applications.enums import Industry  # noqa: PLC0415
    from ccaward.engine import appform  # noqa: PLC0415
    from ccaward.people import domain as people  # noqa: PLC0415
    from ccaward.people.models import User  # noqa: PLC0415
    from ccaward.seasons.models import Season  # noqa: PLC0415

    rng = _random.Random(10)
    season = Season.objects.get(slug=SLUG)
    defn = domain.current_form(season).parsed
    categories = [c for c in season.categories.all() if c.name_zh != "年度特别奖"] or list(
        season.categories.all()
    )
    industries = list(Industry.values)
    users = []
    for i in range(clients):
        user = User.objects.create_user(f"rush{i:02d}@bench.ccaward.cn", PASSWORD, name=f"R{i}")
        people.grant_role(season=season, user=user, role="applicant", by=None)
        org = domain.register_organization(by=user, name=f"压测企业{i:02d}有限公司")
        users.append({"email": user.email, "org": org, "entries": []})
    for n in range(drafts):
        owner = users[n % clients]
        center = domain.add_center(
            organization=owner["org"],
            by=None,
            name=f"压测客户中心{n:03d}",
            industry=industries[n % len(industries)],
            seats=50 + 17 * n,
            year_started=2005 + n % 15,
        )
        answers = sample_answers(defn, center=center, rng=rng, complete=False)
        entry = domain.create_entry(
            season=season,
            category=categories[n % len(categories)],
            center=center,
            by=None,
            answers=answers,
        )
        owner["entries"].append(entry.pk)
    orgs = []
    for i in range(organizers):
        user = User.objects.create_user(f"rush-org{i}@bench.ccaward.cn", PASSWORD, name=f"O{i}")
        people.grant_role(season=season, user=user, role="organizer", by=None)
        orgs.append(user.email)
    sections = {}
    for section in defn.sections:
        keys = [
            f.key
            for f in section.fields
            if f.type in ("text", "textarea")
            and not f.visible_if
            and not f.format
            and f.answerable
            and appform.answer_limit(defn, f.key) >= 60
        ]
        if keys:
            sections[section.key] = keys
    data = {
        "applicants": [{"email": u["email"], "entries": u["entries"]} for u in users],
        "organizers": orgs,
        "sections": sections,
    }
    Path(out).write_text(json.dumps(data), encoding="utf-8")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def sign_in(base: str, email: str, password: str) -> requests.Session:
    s = requests.Session()
    s.get(f"{base}/accounts/login/", timeout=30)
    r = s.post(
        f"{base}/accounts/login/",
        data={
            "username": email,
            "password": password,
            "csrfmiddlewaretoken": s.cookies["csrftoken"],
        },
        headers={"Referer": f"{base}/accounts/login/"},
        timeout=30,
        allow_redirects=False,
    )
    if r.status_code != 302:
        raise RuntimeError(f"sign-in of {email} answered {r.status_code}")
    return s


class Recorder:
    def __init__(self):
        self.lock = threading.Lock()
        self.times: dict[str, list[float]] = {}
        self.errors: dict[str, list[str]] = {}

    def add(self, kind: str, seconds: float, error: str | None = None) -> None:
        with self.lock:
            self.times.setdefault(kind, []).append(seconds)
            if error:
                self.errors.setdefault(kind, []).append(error)


class Applicant(threading.Thread):
    """Autosaves text answers of its own drafts, one at a time, with a pause between."""

    def __init__(self, base, client, sections, rec, stop, think):
        super().__init__(daemon=True)
        self.base, self.s, self.entries = base, client["session"], client["entries"]
        self.sections, self.rec, self.stop, self.think = sections, rec, stop, think
        self.rng = client["rng"]
        self.version = client["version"]  # entry -> the answers' version its page is at
        self.values = client["values"]  # (entry, key) -> the value last acknowledged as saved
        self.client = client

    def page_state(self, entry: int, section: str) -> None:
        """What the section's page gives its script: the version and the base values."""
        r = self.s.get(f"{self.base}/seasons/{SLUG}/applications/{entry}/s/{section}/", timeout=60)
        r.raise_for_status()
        self.version[entry] = int(re.search(r'name="_version" value="(\d+)"', r.text).group(1))
        base = re.search(r'name="_base" value="([^"]*)"', r.text).group(1)
        import html  # noqa: PLC0415

        for key, value in json.loads(html.unescape(base)).items():
            self.values.setdefault((entry, key), value)

    def run(self):
        while not self.stop.is_set():
            entry = self.rng.choice(self.entries)
            section = self.rng.choice(list(self.sections))
            key = self.rng.choice(self.sections[section])
            if entry not in self.version:
                self.page_state(entry, section)
            self.client["n"] += 1
            value = f"压测 {self.client['n']} {self.rng.random():.6f}"
            base = self.values.get((entry, key))
            data = {
                "_section": section,
                "_version": str(self.version[entry]),
                "_keys": json.dumps([key]),
                "_base": json.dumps({key: base} if base is not None else {}),
                key: value,
            }
            started = time.perf_counter()
            error = None
            try:
                r = self.s.post(
                    f"{self.base}/seasons/{SLUG}/applications/{entry}/autosave/",
                    data=data,
                    headers={
                        "X-CSRFToken": self.s.cookies["csrftoken"],
                        "Referer": self.base + "/",
                    },
                    timeout=120,
                )
                if r.status_code == 200:
                    self.version[entry] = r.json()["version"]
                    self.values[(entry, key)] = value
                else:
                    error = f"{r.status_code} {r.text[:200]}"
            except requests.RequestException as exc:
                error = repr(exc)
            self.rec.add("autosave", time.perf_counter() - started, error)
            self.stop.wait(self.think * self.rng.uniform(0.5, 1.5))


class Organizer(threading.Thread):
    """Reloads the applications table back to back."""

    def __init__(self, base, session, rec, stop):
        super().__init__(daemon=True)
        self.base, self.s, self.rec, self.stop = base, session, rec, stop

    def run(self):
        while not self.stop.is_set():
            started = time.perf_counter()
            error = None
            try:
                r = self.s.get(f"{self.base}/seasons/{SLUG}/applications/", timeout=120)
                if r.status_code != 200:
                    error = f"{r.status_code}"
            except requests.RequestException as exc:
                error = repr(exc)
            self.rec.add("table", time.perf_counter() - started, error)


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered) + 0.5) - 1))]


def summary(rec: Recorder, seconds: float) -> dict:
    out = {}
    for kind, times in rec.times.items():
        ms = [t * 1000 for t in times]
        out[kind] = {
            "requests": len(ms),
            "per_s": round(len(ms) / seconds, 1),
            "p50_ms": round(statistics.median(ms)),
            "p95_ms": round(pct(ms, 95)),
            "p99_ms": round(pct(ms, 99)),
            "max_ms": round(max(ms)),
            "errors": len(rec.errors.get(kind, [])),
            "first_errors": rec.errors.get(kind, [])[:3],
        }
    return out


def phase(base, applicants, organizers, data, args) -> dict:
    rec = Recorder()
    stop = threading.Event()
    threads = [Applicant(base, c, data["sections"], rec, stop, args.think) for c in applicants]
    threads += [Organizer(base, s, rec, stop) for s in organizers]
    for t in threads:
        t.start()
    time.sleep(args.seconds)
    stop.set()
    for t in threads:
        t.join(timeout=180)
    return summary(rec, args.seconds)


def lost_saves(db: Path, clients: list[dict]) -> tuple[int, int]:
    """(acknowledged answers checked, answers whose stored value differs)."""
    con = sqlite3.connect(db)
    stored = {
        pk: json.loads(answers or "{}")
        for pk, answers in con.execute("SELECT id, answers FROM applications_entry")
    }
    con.close()
    checked = lost = 0
    for client in clients:
        for (entry, key), value in client["values"].items():
            checked += 1
            lost += stored.get(entry, {}).get(key) != value
    return checked, lost


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--organizers", type=int, default=5)
    parser.add_argument("--drafts", type=int, default=200)
    parser.add_argument("--seconds", type=float, default=60.0, help="length of each phase")
    parser.add_argument("--think", type=float, default=1.0, help="mean pause between saves, s")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="ccaward-rush-bench-"))
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["CCAWARD_VAR_DIR"] = str(tmp)
    t0 = time.perf_counter()
    subprocess.run([str(BIN / "ccaward"), "demo"], env=env, check=True, capture_output=True)
    out = tmp / "rush.json"
    code = (
        f"import sys; sys.path.insert(0, {str(ROOT / 'bench')!r}); import deadline_rush; "
        f"deadline_rush.setup_data({str(out)!r}, {args.clients}, {args.drafts}, {args.organizers})"
    )
    subprocess.run(
        [str(BIN / "ccaward"), "manage", "shell", "-c", code], env=env, check=True, cwd=ROOT
    )
    data = json.loads(out.read_text(encoding="utf-8"))
    print(f"set up in {time.perf_counter() - t0:.0f} s", flush=True)
    port = free_port()
    server = subprocess.Popen(
        [str(BIN / "ccaward"), "serve", "--no-worker", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=open(tmp / "server.log", "w"),  # noqa: SIM115
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                requests.get(f"{base}/accounts/login/", timeout=2)
                break
            except requests.RequestException:
                time.sleep(0.3)
        applicants = [
            {
                "session": sign_in(base, a["email"], PASSWORD),
                "entries": a["entries"],
                "rng": random.Random(i),
                "version": {},
                "values": {},
                "n": 0,
            }
            for i, a in enumerate(data["applicants"])
        ]
        organizers = [sign_in(base, e, PASSWORD) for e in data["organizers"]]
        load_before = os.getloadavg()
        alone = phase(base, applicants, [], data, args)
        print("autosave alone:", json.dumps(alone, ensure_ascii=False), flush=True)
        with_table = phase(base, applicants, organizers, data, args)
        print("with the table:", json.dumps(with_table, ensure_ascii=False), flush=True)
        load_after = os.getloadavg()
    finally:
        server.terminate()
        server.wait(timeout=30)
    checked, lost = lost_saves(tmp / "ccaward.sqlite3", applicants)
    result = {
        "when_utc": time.strftime("%Y-%m-%d %H:%M", time.gmtime()),
        "commit": subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
        ).stdout.strip(),
        "args": vars(args),
        "entries": sum(len(a["entries"]) for a in data["applicants"]),
        "loadavg_before": [round(x, 2) for x in load_before],
        "loadavg_after": [round(x, 2) for x in load_after],
        "alone": alone,
        "with_table": with_table,
        "acknowledged_answers_checked": checked,
        "lost": lost,
    }
    (ROOT / "var" / "bench").mkdir(parents=True, exist_ok=True)
    path = ROOT / "var" / "bench" / f"rush-{time.strftime('%Y%m%d-%H%M%S')}.json"
    path.write_text(json.dumps(result, indent=2, ensure_ascii=False), encoding="utf-8")
    print_table(result)
    print(f"acknowledged answers checked: {checked}, lost: {lost}; result: {path}")
    shutil.rmtree(tmp, ignore_errors=True)
    errors = sum(v["errors"] for phase_ in (alone, with_table) for v in phase_.values())
    return 0 if lost == 0 and errors == 0 else 1


def print_table(result: dict) -> None:
    print("| phase | requests | n | per s | p50 ms | p95 ms | p99 ms | max ms | errors |")
    print("|---|---|---|---|---|---|---|---|---|")
    for name in ("alone", "with_table"):
        for kind, v in result[name].items():
            print(
                f"| {name} | {kind} | {v['requests']} | {v['per_s']} | {v['p50_ms']} | "
                f"{v['p95_ms']} | {v['p99_ms']} | {v['max_ms']} | {v['errors']} |"
            )


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
