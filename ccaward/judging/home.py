"""Judging on a judge's home page (see seasons/homepage.py): their profile and
their conflicts of interest, with the way to declare one."""

from __future__ import annotations

from ccaward.judging import access
from ccaward.judging.domain.detection import competing_entries
from ccaward.judging.enums import BLOCKING_STATUSES, ConflictSource
from ccaward.people.enums import Role
from ccaward.seasons.homepage import home_panel


@home_panel(order=15, roles=(Role.JUDGE,), template="judging/_home.html")
def my_judging(user, season, now):
    judge = access.profile_of(user, season)
    if judge is None:
        return None
    conflicts = judge.conflicts.all()
    return {
        "judge": judge,
        "entries": competing_entries(season).count(),
        "declared": conflicts.filter(source=ConflictSource.DECLARED).count(),
        "blocking": conflicts.filter(status__in=BLOCKING_STATUSES)
        .values("entry")
        .distinct()
        .count(),
        "expertise_missing": not (judge.industries or judge.channels or judge.dimensions),
    }
