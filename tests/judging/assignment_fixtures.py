"""Judges, entries and conflicts for the assignment's tests (rows made directly: the
pool's own functions are tested with the pool)."""

from __future__ import annotations

from ccaward.applications.models import Entry
from ccaward.judging.enums import ConflictSource, ConflictStatus
from ccaward.judging.models import Conflict, JudgeProfile, JudgingPolicy
from tests.factories import make_entry

_n = iter(range(1, 100_000))


def make_judge(season, name=None, *, employer="", industries=(), channels=(), dimensions=(), **kw):
    n = next(_n)
    return JudgeProfile.objects.create(
        season=season,
        name=name or f"评委{n}",
        email=f"judge{n}@example.cn",
        employer=employer,
        industries=list(industries),
        channels=list(channels),
        dimensions=list(dimensions),
        **kw,
    )


def set_policy(season, **values) -> JudgingPolicy:
    policy, _ = JudgingPolicy.objects.get_or_create(season=season)
    for name, value in values.items():
        setattr(policy, name, value)
    policy.save()
    return policy


def entry_with(season, by, *, channels=(), **kw) -> Entry:
    entry = make_entry(season=season, by=by, **kw)
    if channels:
        Entry.objects.filter(pk=entry.pk).update(answers={"service_channels": list(channels)})
        entry.refresh_from_db()
    return entry


def conflict(judge, entry, status=ConflictStatus.DECLARED, source=ConflictSource.DECLARED):
    return Conflict.objects.create(
        season=judge.season, judge=judge, entry=entry, source=source, status=status, reason="亲属"
    )
