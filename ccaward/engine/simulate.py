"""Synthetic interaction records from a queue simulation, in the standard schema.

Pure computation (numpy + DuckDB); no Django import. Deterministic for a seed.

Per center and day:

* arrivals: inhomogeneous Poisson process with rate ``lambda(t) = daily_volume *
  profile(t)`` (a two-peak intraday profile over 07:00-22:00), drawn by thinning
  (Lewis & Shedler 1979): a homogeneous process at ``lambda_max`` whose points are kept
  with probability ``lambda(t) / lambda_max``;
* IVR: lognormal IVR time; a share ``ivr_only_share`` never asks for an agent, and of
  those half hang up in the IVR (``abandon_point = 'ivr'``), the rest are contained;
* queue: FCFS multi-server queue with abandonment (M/G/N(t)+M), simulated call by call
  with a heap of agent free times. Agent ``i`` works the 30-minute intervals where the
  staffing ``N(k) > i``; ``N(k)`` = ceil(offered load * 1.1) + 1 (load = calls per
  second * mean handle time). A caller whose wait would exceed an exponential patience
  (mean ``patience_mean_s``) abandons at ``queued_at + patience`` without taking an agent;
* service: lognormal talk time, hold on a share of calls, lognormal after-call work;
* agent states: each agent is logged in over its 30-minute intervals on duty (until
  the end of a call in progress), busy from answer to the end of talk and hold, in ACW
  for the after-call work, available otherwise (``agent_states/center-NN.parquet``);
* schedules: each agent is scheduled to ``work`` its runs of 30-minute intervals on
  duty, with a 15-minute ``break`` planned in the middle of every run of 3 hours or
  more; the simulated agents work through those breaks, so adherence is below 1
  (``schedules/center-NN.parquet``);
* outcome: ``resolved`` for 80 % of answered contacts, ``follow_up`` for the rest;
* customers: keys drawn from a finite pool per center (so some call again within days),
  10 % unidentified; CSAT (1-5) and NPS (0-10) on a 20 % sample of answered contacts.
"""

from __future__ import annotations

import datetime as dt
import heapq
import math
from pathlib import Path

import duckdb
import numpy as np

INTERVAL_S = 1800
DAY_S = 86400
OPEN_S, CLOSE_S = 7 * 3600, 22 * 3600
START_DATE = dt.date(2024, 1, 1)
AGENT_STATES_DIR = "agent_states"  # DIR/agent_states/center-NN.parquet
AGENT_STATES_KEY = "_agent_states"  # simulate_center_day: the day's agent-state columns
SCHEDULES_DIR = "schedules"  # DIR/schedules/center-NN.parquet
SCHEDULES_KEY = "_schedules"  # simulate_center_day: the day's schedule columns
BREAK_AFTER_S, BREAK_S = 3 * 3600, 900  # a break is planned in runs of 3 h or more


def _profile(t: np.ndarray) -> np.ndarray:
    """Relative intraday arrival rate (unnormalised) at seconds-of-day ``t``."""
    h = t / 3600.0
    shape = 1.0 * np.exp(-((h - 10.5) ** 2) / 4.0) + 0.8 * np.exp(-((h - 15.0) ** 2) / 5.0)
    return np.where((t >= OPEN_S) & (t < CLOSE_S), 0.15 + shape, 0.0)


def _arrivals(rng: np.random.Generator, daily_volume: float) -> np.ndarray:
    grid = np.arange(OPEN_S, CLOSE_S, 60.0)
    scale = daily_volume / (_profile(grid).sum() * 60.0)  # calls per second per unit
    lam_max = float(_profile(grid).max() * scale * 1.05)
    n = rng.poisson(lam_max * (CLOSE_S - OPEN_S))
    t = np.sort(rng.uniform(OPEN_S, CLOSE_S, n))
    keep = rng.uniform(0, lam_max, n) < _profile(t) * scale
    return t[keep]


def _staffing(arrivals_s: np.ndarray, aht: float, factor: float = 1.1) -> np.ndarray:
    """Agents per 30-minute interval: ceil(factor x offered load) + 1 where calls arrive."""
    counts = np.bincount((arrivals_s // INTERVAL_S).astype(int), minlength=DAY_S // INTERVAL_S)
    load = counts[: DAY_S // INTERVAL_S] / INTERVAL_S * aht
    return np.where(counts > 0, np.ceil(load * factor) + 1, 0).astype(int)


def _next_on_duty(agent: int, t: float, staff: np.ndarray) -> float:
    k = int(t // INTERVAL_S)
    while k < len(staff) and staff[k] <= agent:
        k += 1
    return t if k == int(t // INTERVAL_S) else (k * INTERVAL_S if k < len(staff) else math.inf)


def _queue(queued: np.ndarray, handle: np.ndarray, patience: np.ndarray, staff: np.ndarray):
    """FCFS with abandonment; returns answer offsets (NaN = abandoned) and the agent
    (0-based index, -1 = abandoned) of each call."""
    heap = [(_next_on_duty(i, 0.0, staff), i) for i in range(int(staff.max(initial=0)))]
    heapq.heapify(heap)
    answered = np.full(len(queued), np.nan)
    agent_of = np.full(len(queued), -1)
    for j in np.argsort(queued, kind="stable"):
        q = queued[j]
        while heap:
            free, agent = heap[0]
            if math.isinf(free):
                break
            start = max(q, free)
            on = _next_on_duty(agent, start, staff)
            if on == start:
                break
            heapq.heapreplace(heap, (on, agent))
        if not heap or math.isinf(heap[0][0]):
            continue
        free, agent = heap[0]
        start = max(q, free)
        if start - q > patience[j]:
            continue
        answered[j] = start
        agent_of[j] = agent
        heapq.heapreplace(heap, (start + handle[j], agent))
    return answered, agent_of


def _agent_states(
    staff: np.ndarray,
    agent_of: np.ndarray,
    start: np.ndarray,
    talk_end: np.ndarray,
    end: np.ndarray,
) -> list[tuple[int, str, float, float]]:
    """Agent-state intervals consistent with the queue: (agent, state, start s, end s).

    Agent ``i`` is logged in over each run of 30-minute intervals with ``staff > i``,
    extended to the end of a call still in progress (and merged with the next run when
    that call runs into it); within a session it is busy from answer to the end of talk
    and hold, in ACW until the end of the handling time, available otherwise.
    """
    out: list[tuple[int, str, float, float]] = []
    for agent in range(int(staff.max(initial=0))):
        runs = [list(run) for run in _runs(staff, agent)]
        if not runs:
            continue
        mine = np.flatnonzero(agent_of == agent)
        order = np.argsort(start[mine], kind="stable")
        s, b, e = start[mine][order], talk_end[mine][order], end[mine][order]
        sessions: list[list[float]] = []
        for run in runs:
            inside = (s >= run[0]) & (s < run[1])
            if inside.any():
                run[1] = max(run[1], float(e[inside].max()))
            if sessions and run[0] <= sessions[-1][1]:
                sessions[-1][1] = max(sessions[-1][1], run[1])
            else:
                sessions.append(run)
        for lo, hi in sessions:
            a, z = np.searchsorted(s, lo, "left"), np.searchsorted(s, hi, "left")
            out.append((agent, "logged_in", lo, hi))
            gap_from = np.r_[lo, e[a:z]]
            gap_to = np.r_[s[a:z], hi]
            intervals = [
                *(
                    (agent, "available", f, t)
                    for f, t in zip(gap_from, gap_to, strict=True)
                    if t > f
                ),
                *((agent, "busy", f, t) for f, t in zip(s[a:z], b[a:z], strict=True) if t > f),
                *((agent, "acw", f, t) for f, t in zip(b[a:z], e[a:z], strict=True) if t > f),
            ]
            out.extend(sorted(intervals, key=lambda r: r[2]))
    return out


def _runs(staff: np.ndarray, agent: int) -> list[tuple[float, float]]:
    """The runs of consecutive 30-minute intervals in which ``agent`` is on duty (s)."""
    on = np.flatnonzero(staff > agent)
    if not len(on):
        return []
    breaks = np.flatnonzero(np.diff(on) > 1)
    return [
        (float(on[a] * INTERVAL_S), float((on[b] + 1) * INTERVAL_S))
        for a, b in zip(np.r_[0, breaks + 1], np.r_[breaks, len(on) - 1], strict=True)
    ]


def _schedules(staff: np.ndarray) -> list[tuple[int, str, float, float]]:
    """The agents' schedules: (agent, activity, start s, end s).

    ``work`` over each run on duty; a run of ``BREAK_AFTER_S`` or more has a
    ``BREAK_S`` break planned at the interval boundary nearest its middle.
    """
    out: list[tuple[int, str, float, float]] = []
    for agent in range(int(staff.max(initial=0))):
        for lo, hi in _runs(staff, agent):
            if hi - lo < BREAK_AFTER_S:
                out.append((agent, "work", lo, hi))
                continue
            mid = lo + round((hi - lo) / 2 / INTERVAL_S) * INTERVAL_S
            out += [
                (agent, "work", lo, mid),
                (agent, "break", mid, mid + BREAK_S),
                (agent, "work", mid + BREAK_S, hi),
            ]
    return out


def _columns(center: str, rows, ts, kind: str) -> dict[str, np.ndarray]:
    """(agent, value, start s, end s) rows as the columns of agent states or schedules."""
    return {
        "agent_key": np.array([f"{center}-a{a + 1}" for a, *_ in rows], dtype=object),
        "center": np.full(len(rows), center, dtype=object),
        kind: np.array([v for _, v, *_ in rows], dtype=object),
        "started_at": ts(np.array([f for *_, f, _ in rows], dtype=float), True),
        "ended_at": ts(np.array([t for *_, t in rows], dtype=float), True),
    }


def simulate_center_day(
    rng: np.random.Generator,
    *,
    center: str,
    day: dt.date,
    daily_volume: float,
    customer_pool: int,
    ivr_only_share: float = 0.15,
    patience_mean_s: float = 150.0,
    staffing_factor: float = 1.1,
) -> dict[str, np.ndarray]:
    """One center-day of contacts as numpy columns (times in seconds of day)."""
    arrived = _arrivals(rng, daily_volume)
    n = len(arrived)
    ivr_s = rng.lognormal(math.log(30.0), 0.5, n)
    ivr_only = rng.uniform(size=n) < ivr_only_share
    talk = rng.lognormal(math.log(200.0), 0.6, n)
    hold = np.where(rng.uniform(size=n) < 0.2, rng.exponential(40.0, n), 0.0)
    acw = rng.lognormal(math.log(25.0), 0.5, n)
    handle = talk + hold + acw
    patience = rng.exponential(patience_mean_s, n)
    queued = arrived + ivr_s
    in_queue = ~ivr_only
    staff = _staffing(queued[in_queue], float(handle.mean()), staffing_factor)
    answered = np.full(n, np.nan)
    agent_of = np.full(n, -1)
    answered[in_queue], agent_of[in_queue] = _queue(
        queued[in_queue], handle[in_queue], patience[in_queue], staff
    )
    ans = ~np.isnan(answered)
    ab = in_queue & ~ans
    ended = np.where(ans, answered + talk + hold, np.where(ab, queued + patience, queued))
    ivr_hang = ivr_only & (rng.uniform(size=n) < 0.5)
    surveyed = ans & (rng.uniform(size=n) < 0.2)
    csat = rng.choice(np.arange(1, 6), n, p=[0.04, 0.06, 0.15, 0.35, 0.40])
    nps = rng.choice(np.arange(0, 11), n, p=[0.02] * 5 + [0.04, 0.06, 0.12, 0.16, 0.22, 0.30])
    customer = rng.integers(1, customer_pool + 1, n)
    identified = rng.uniform(size=n) >= 0.10
    midnight = np.datetime64(day.isoformat(), "us")

    def ts(seconds, valid):
        out = midnight + (np.nan_to_num(seconds) * 1e6).astype("timedelta64[us]")
        return np.where(valid, out, np.datetime64("NaT"))

    ids = np.array([f"{center}-{day:%Y%m%d}-{i:06d}" for i in range(n)], dtype=object)
    states = _agent_states(staff, agent_of, answered, answered + talk + hold, answered + handle)
    resolved = rng.uniform(size=n) < 0.8
    agent_states = _columns(center, states, ts, "state")
    schedules = _columns(center, _schedules(staff), ts, "activity")
    return {
        "contact_id": ids,
        "center": np.full(n, center, dtype=object),
        "channel": np.full(n, "voice", dtype=object),
        "direction": np.full(n, "inbound", dtype=object),
        "queue": np.where(rng.uniform(size=n) < 0.7, "general", "sales").astype(object),
        "customer_key": np.where(
            identified, np.char.add(f"{center}-c", customer.astype(str)).astype(object), None
        ),
        "arrived_at": ts(arrived, np.ones(n, bool)),
        "queued_at": ts(queued, in_queue),
        "answered_at": ts(answered, ans),
        "ended_at": ts(ended, np.ones(n, bool)),
        "abandon_point": np.where(ab, "queue", np.where(ivr_hang, "ivr", None)).astype(object),
        "talk_s": np.where(ans, np.round(talk), np.nan),
        "hold_s": np.where(ans, np.round(hold), np.nan),
        "acw_s": np.where(ans, np.round(acw), np.nan),
        "agent_key": np.where(
            ans, np.char.add(f"{center}-a", (agent_of + 1).astype(str)).astype(object), None
        ),
        "transferred": np.where(ans, rng.uniform(size=n) < 0.08, False),
        "outcome": np.where(
            ans,
            np.where(resolved, "resolved", "follow_up"),
            np.where(ab | ivr_hang, "abandoned", "self_service"),
        ).astype(object),
        "csat": np.where(surveyed, csat, -1),
        "nps": np.where(surveyed, nps, -1),
        AGENT_STATES_KEY: agent_states,
        SCHEDULES_KEY: schedules,
    }


def agent_states_path(path) -> Path:
    """The agent-state file that goes with a simulated interaction file."""
    path = Path(path)
    return path.parent / AGENT_STATES_DIR / path.name


def schedules_path(path) -> Path:
    """The schedule file that goes with a simulated interaction file."""
    path = Path(path)
    return path.parent / SCHEDULES_DIR / path.name


def simulate(
    *,
    centers: int,
    days: int,
    seed: int = 0,
    out_dir,
    daily_volume: float = 2500.0,
    start: dt.date = START_DATE,
    agent_states: bool = True,
    staffing: tuple[float, float] | None = None,
) -> list[Path]:
    """Write one Parquet file per center (``center-NN.parquet``) in ``out_dir``.

    Returns the paths of these interaction files. With ``agent_states`` the agents'
    state intervals (``interactions.AGENT_STATE_SCHEMA``) go to
    ``out_dir/agent_states/center-NN.parquet`` (``agent_states_path``) and their
    schedules (``interactions.SCHEDULE_SCHEMA``) to ``out_dir/schedules/center-NN.parquet``
    (``schedules_path``), subdirectories so that ``out_dir/*.parquet`` holds interaction
    records only.

    ``staffing``: a (low, high) range from which each center draws how generously it
    staffs (agents = ceil(factor x offered load) + 1 per interval); None staffs every
    center with 1.1, as before, so that a seed gives the same records.
    """
    for name, value in (("centers", centers), ("days", days)):
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise ValueError(f"{name} must be an integer >= 1, got {value!r}")
    if not isinstance(seed, int) or isinstance(seed, bool):
        raise ValueError(f"seed must be an integer, got {seed!r}")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect()
    paths = []
    for c in range(centers):
        center = f"center-{c + 1:02d}"
        rng = np.random.default_rng([seed, c])
        volume = daily_volume * float(rng.uniform(0.6, 1.4))
        factor = 1.1 if staffing is None else float(rng.uniform(*staffing))
        pool = max(int(volume * days * 3), 10)
        parts = []
        for d in range(days):
            day = start + dt.timedelta(days=d)
            weekday_factor = 0.6 if day.weekday() >= 5 else 1.0
            parts.append(
                simulate_center_day(
                    rng,
                    center=center,
                    day=day,
                    daily_volume=volume * weekday_factor,
                    customer_pool=pool,
                    staffing_factor=factor,
                )
            )
        state_parts = [p.pop(AGENT_STATES_KEY) for p in parts]
        schedule_parts = [p.pop(SCHEDULES_KEY) for p in parts]
        data = {k: np.concatenate([p[k] for p in parts]) for k in parts[0]}  # noqa: F841
        path = out / f"{center}.parquet"
        con.execute(
            "COPY (SELECT * REPLACE (nullif(csat, -1)::INTEGER AS csat, "
            "nullif(nps, -1)::INTEGER AS nps) FROM data ORDER BY arrived_at) "
            f"TO '{path.as_posix()}' (FORMAT parquet)"
        )
        paths.append(path)
        if agent_states:
            for day_parts, target, order in (
                (state_parts, agent_states_path(path), "agent_key, started_at, state"),
                (schedule_parts, schedules_path(path), "agent_key, started_at"),
            ):
                rows = {k: np.concatenate([p[k] for p in day_parts]) for k in day_parts[0]}
                target.parent.mkdir(exist_ok=True)
                con.register("rows_", rows)
                con.execute(
                    f"COPY (SELECT * FROM rows_ ORDER BY {order}) "
                    f"TO '{target.as_posix()}' (FORMAT parquet)"
                )
                con.unregister("rows_")
    con.close()
    return paths
