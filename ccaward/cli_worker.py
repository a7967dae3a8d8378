"""The background worker beside `ccaward serve`, restarted when it dies.

`Supervisor` runs a command as a child process in a thread of its own and starts
it again whenever it exits, waiting 1 s, 2 s, 4 s … (at most `cap`) between
restarts; a child that ran for `stable` seconds counts as healthy and resets the
wait. Each restart is logged. `stop()` sends SIGTERM (the worker finishes its
current task) and waits for the child.
"""

from __future__ import annotations

import logging
import subprocess
import sys
import threading
import time

log = logging.getLogger("ccaward.worker")

WORKER_COMMAND = [sys.executable, "-m", "ccaward.cli", "manage", "worker"]


class Supervisor:
    def __init__(
        self,
        command: list[str] | None = None,
        *,
        backoff: float = 1.0,
        cap: float = 60.0,
        stable: float = 60.0,
        stop_timeout: float = 30.0,
    ):
        self.command = list(command or WORKER_COMMAND)
        self.backoff, self.cap, self.stable = backoff, cap, stable
        self.stop_timeout = stop_timeout
        self.starts = 0
        self.delays: list[float] = []  # the waits before each restart, for the log and tests
        self.child: subprocess.Popen | None = None
        self._stopping = threading.Event()
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._loop, name="worker-supervisor", daemon=True)

    def start(self) -> Supervisor:
        self._thread.start()
        return self

    def _spawn(self) -> subprocess.Popen | None:
        with self._lock:
            if self._stopping.is_set():
                return None
            self.child = subprocess.Popen(self.command)
            self.starts += 1
            return self.child

    def _loop(self) -> None:
        delay = self.backoff
        while not self._stopping.is_set():
            began = time.monotonic()
            try:
                child = self._spawn()
            except OSError as exc:
                log.error("cannot start the background worker: %s", exc)
                child, code = None, None
            else:
                if child is None:
                    return
                code = child.wait()
            if self._stopping.is_set():
                return
            if time.monotonic() - began >= self.stable:
                delay = self.backoff
            self.delays.append(delay)
            log.warning(
                "the background worker stopped (exit code %s); restarting it in %g s", code, delay
            )
            if self._stopping.wait(delay):
                return
            delay = min(delay * 2, self.cap)

    def stop(self) -> None:
        """SIGTERM the worker (its current task finishes) and wait; kill it after stop_timeout."""
        with self._lock:
            self._stopping.set()
            child = self.child
        if child is not None and child.poll() is None:
            child.terminate()
            try:
                child.wait(timeout=self.stop_timeout)
            except subprocess.TimeoutExpired:
                log.warning("the background worker did not stop in time; killing it")
                child.kill()
                child.wait()
        self._thread.join(timeout=5)
