"""Where the reviews stand: a judge's own list (their assigned entries, conflicted
ones left out, each review's state) and the organizers' progress per judge and
per entry (due, not started, in draft, submitted, overdue after the deadline)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils import timezone

from ccaward.judging import access as judging
from ccaward.judging.enums import BLOCKING_STATUSES
from ccaward.judging.models import Assignment, Conflict
from ccaward.reviews.blind import policy_of
from ccaward.reviews.enums import NOT_STARTED, ReviewStatus
from ccaward.reviews.models import Review


@dataclass
class Line:
    """One assigned entry of a judge and the review's state."""

    entry: object
    judge: object
    review: Review | None

    @property
    def state(self) -> str:
        return self.review.status if self.review else NOT_STARTED


@dataclass
class Tally:
    """Counts of one judge's or one entry's reviews."""

    subject: object
    due: int = 0
    not_started: int = 0
    draft: int = 0
    submitted: int = 0
    overdue: int = 0
    lines: list = field(default_factory=list)

    def add(self, line: Line, late: bool) -> None:
        self.due += 1
        self.lines.append(line)
        if line.state == ReviewStatus.SUBMITTED:
            self.submitted += 1
            return
        if line.state == ReviewStatus.DRAFT:
            self.draft += 1
        else:
            self.not_started += 1
        if late:
            self.overdue += 1

    @property
    def open(self) -> int:
        return self.due - self.submitted


def my_lines(user, season) -> list[Line]:
    """`user`'s assigned entries in `season` (conflicted ones left out), each with
    their review (None before it is begun)."""
    profile = judging.profile_of(user, season)
    if profile is None:
        return []
    ids = judging.assigned_entry_ids(user, season)
    reviews = {r.entry_id: r for r in Review.objects.filter(judge=profile, entry_id__in=ids)}
    entries = (
        Assignment.objects.filter(judge=profile, entry_id__in=ids)
        .select_related("entry__center__organization", "entry__category")
        .order_by("entry_id")
    )
    return [Line(a.entry, profile, reviews.get(a.entry_id)) for a in entries]


def my_conflicts(user, season) -> list[Conflict]:
    """The conflicts of interest that keep `user` from entries of `season`."""
    profile = judging.profile_of(user, season)
    if profile is None:
        return []
    return list(
        Conflict.objects.filter(judge=profile, status__in=BLOCKING_STATUSES)
        .select_related("entry__center", "entry__category")
        .order_by("entry_id", "source")
    )


def all_lines(season) -> list[Line]:
    """Every assigned pair of `season` without a conflict, with its review."""
    blocked = set(
        Conflict.objects.filter(season=season, status__in=BLOCKING_STATUSES).values_list(
            "judge_id", "entry_id"
        )
    )
    reviews = {(r.judge_id, r.entry_id): r for r in Review.objects.filter(season=season)}
    pairs = Assignment.objects.filter(season=season).select_related(
        "judge", "entry__center__organization", "entry__category"
    )
    return [
        Line(a.entry, a.judge, reviews.get((a.judge_id, a.entry_id)))
        for a in pairs
        if (a.judge_id, a.entry_id) not in blocked
    ]


def is_late(season, now=None) -> bool:
    deadline = policy_of(season).review_deadline
    return deadline is not None and (now or timezone.now()) > deadline


def progress(season, now=None) -> dict:
    """{"judges": [Tally by judge], "entries": [Tally by entry], "total": Tally,
    "deadline": the policy's review deadline, "late": past it}."""
    late = is_late(season, now)
    judges: dict[int, Tally] = {}
    entries: dict[int, Tally] = {}
    total = Tally(season)
    for line in all_lines(season):
        judges.setdefault(line.judge.pk, Tally(line.judge)).add(line, late)
        entries.setdefault(line.entry.pk, Tally(line.entry)).add(line, late)
        total.add(line, late)
    return {
        "judges": sorted(judges.values(), key=lambda t: (t.subject.name, t.subject.pk)),
        "entries": sorted(entries.values(), key=lambda t: t.subject.pk),
        "total": total,
        "deadline": policy_of(season).review_deadline,
        "late": late,
    }


def due_judges(season) -> list[Tally]:
    """The judges with at least one assigned review not submitted."""
    return [t for t in progress(season)["judges"] if t.open]


def is_blocked(judge, entry) -> bool:
    """Whether a conflict of interest keeps `judge` (a profile) from `entry`."""
    return Conflict.objects.filter(judge=judge, entry=entry, status__in=BLOCKING_STATUSES).exists()
