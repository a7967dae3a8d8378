"""The standard schemas (interaction records, agent states, schedules) and what a load
reports: its issues, its report and the error that refuses an input."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

POLICIES = ("reject", "skip")
ABANDON_POINTS = ("ivr", "queue", "ringing")
MAX_ROWS_REPORTED = 10
# findings that refuse nothing: answered contacts without a queue time (kept, but never
# offered nor answered), and records outside the period (left out)
NOTICES = ("answered_without_queue", "outside_period")


@dataclass(frozen=True)
class Column:
    """One standard column: name, SQL type, required?, description."""

    name: str
    type: str
    required: bool
    description: str


SCHEMA: tuple[Column, ...] = (
    Column("contact_id", "VARCHAR", True, "unique contact identifier"),
    Column("center", "VARCHAR", True, "contact center (entry) the contact belongs to"),
    Column("channel", "VARCHAR", True, "voice, webchat, app, wechat, email, video ..."),
    Column("direction", "VARCHAR", False, "inbound or outbound"),
    Column("queue", "VARCHAR", False, "queue or skill"),
    Column("customer_key", "VARCHAR", False, "identified customer; NULL = unidentified"),
    Column("arrived_at", "TIMESTAMP", True, "contact arrived (entered the IVR / system)"),
    Column("queued_at", "TIMESTAMP", False, "asked for an agent; NULL = never left the IVR"),
    Column("answered_at", "TIMESTAMP", False, "answered by an agent; NULL = not answered"),
    Column("ended_at", "TIMESTAMP", False, "contact ended (hang-up, abandon or wrap-up start)"),
    Column("abandon_point", "VARCHAR", False, "'ivr', 'queue', 'ringing' or NULL"),
    Column("talk_s", "DOUBLE", False, "talk seconds"),
    Column("hold_s", "DOUBLE", False, "hold seconds"),
    Column("acw_s", "DOUBLE", False, "after-contact-work seconds"),
    Column("agent_key", "VARCHAR", False, "agent who answered"),
    Column("transferred", "BOOLEAN", False, "transferred to another agent / queue"),
    Column("outcome", "VARCHAR", False, "outcome or disposition code"),
    Column("csat", "INTEGER", False, "customer satisfaction 1-5 when surveyed"),
    Column("nps", "INTEGER", False, "likelihood to recommend 0-10 when surveyed"),
)
COLUMNS: dict[str, Column] = {c.name: c for c in SCHEMA}
AGENT_STATES = ("logged_in", "available", "busy", "acw", "break", "other")
AGENT_STATE_SCHEMA: tuple[Column, ...] = (
    Column("agent_key", "VARCHAR", True, "agent"),
    Column("center", "VARCHAR", True, "contact center the agent works for"),
    Column("state", "VARCHAR", True, "logged_in, available, busy, acw, break or other"),
    Column("started_at", "TIMESTAMP", True, "the state began"),
    Column("ended_at", "TIMESTAMP", True, "the state ended"),
)
SCHEDULE_ACTIVITIES = ("work", "break", "meeting", "training", "other")
SCHEDULE_SCHEMA: tuple[Column, ...] = (
    Column("agent_key", "VARCHAR", True, "agent"),
    Column("center", "VARCHAR", True, "contact center the agent works for"),
    Column("activity", "VARCHAR", True, "work, break, meeting, training or other"),
    Column("started_at", "TIMESTAMP", True, "the scheduled activity begins"),
    Column("ended_at", "TIMESTAMP", True, "the scheduled activity ends"),
)
TIMESTAMP_COLUMNS = tuple(c.name for c in SCHEMA if c.type == "TIMESTAMP")
DURATION_COLUMNS = ("talk_s", "hold_s", "acw_s")

Progress = Callable[[int, int, str], object]
"""A progress callback: called with (done, total, message)."""


@dataclass(frozen=True)
class Issue:
    """A validation finding: the rule, how many rows, the first row numbers, the file;
    ``params``: what it found, as values a page can put into a sentence of its own
    language (``message`` is the engine's English, for the command line)."""

    rule: str
    count: int
    rows: tuple[int, ...] = ()
    file: str | None = None
    message: str = ""
    params: dict = field(default_factory=dict, compare=False)

    def as_dict(self) -> dict:
        out = {
            "rule": self.rule,
            "count": self.count,
            "rows": list(self.rows),
            "file": self.file,
            "message": self.message,
        }
        if self.params:
            out["params"] = dict(self.params)
        return out


@dataclass(frozen=True)
class LoadReport:
    """What ``load`` did: rows read (after filters), loaded, skipped, and the issues.

    ``notices``: findings that refuse nothing under either policy (``NOTICES``): rows
    kept but not counted as the file may intend, or left out for being outside the
    period. ``rows_outside``: rows left out for their arrival outside the period (not
    in ``rows_read``).
    """

    files: tuple[str, ...]
    rows_read: int
    rows_loaded: int
    rows_skipped: int
    policy: str
    issues: tuple[Issue, ...] = field(default_factory=tuple)
    notices: tuple[Issue, ...] = field(default_factory=tuple)
    rows_outside: int = 0

    @property
    def ok(self) -> bool:
        return not self.issues

    def as_dict(self) -> dict:
        return {
            "files": list(self.files),
            "rows_read": self.rows_read,
            "rows_loaded": self.rows_loaded,
            "rows_skipped": self.rows_skipped,
            "policy": self.policy,
            "issues": [i.as_dict() for i in self.issues],
            "notices": [i.as_dict() for i in self.notices],
            "rows_outside": self.rows_outside,
        }


class LoadError(ValueError):
    """Raised when input is rejected; ``report`` says why. Nothing has been loaded."""

    def __init__(self, report: LoadReport):
        self.report = report
        parts = [
            i.rule
            + (f": {i.count} row(s)" if i.count else "")  # a file-level issue counts none
            + (f" (rows {', '.join(map(str, i.rows))})" if i.rows else "")
            + (f" in {i.file}" if i.file else "")
            + (f": {i.message}" if i.message else "")
            for i in report.issues
        ]
        super().__init__("input rejected: " + "; ".join(parts))


class FileRefused(Exception):
    """A file-level problem found while reading one input: its rule, message and the
    values of the message (``params``: columns, sheets, the line where decoding stopped)."""

    def __init__(self, rule: str, message: str, **params):
        super().__init__(message)
        self.rule = rule
        self.params = params


def file_issue(rule: str, path, message: str, files, policy: str, **params) -> LoadError:
    """The error refusing a whole load for a problem of one file."""
    issue = Issue(rule, 0, (), str(path), message, params)
    return LoadError(LoadReport(tuple(files), 0, 0, 0, policy, (issue,)))
