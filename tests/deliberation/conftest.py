"""What the totals' tests share: a season with a category (quota 2), entries
scored by judges of known severity (rows made directly: reviews' own operations
make them in production), the deliberation stage opened or closed, a judge kept
from an entry by a conflict of interest."""

from __future__ import annotations

import pytest
from django.utils import timezone

from ccaward.deliberation.domain.inputs import judged_criteria
from ccaward.judging.enums import ConflictSource, ConflictStatus
from ccaward.judging.models import Conflict, JudgeProfile
from ccaward.reviews.enums import ReviewStatus
from ccaward.reviews.models import Review
from ccaward.seasons import domain as seasons
from ccaward.seasons.enums import StageKind
from tests.factories import make_entry

# each entry's quality (0..10) and each judge's offset: the first harsh, the second lenient
QUALITY = (8.5, 7.0, 5.5, 4.0)
OFFSETS = (-1.5, 1.0, 0.0)


def criteria_of(season) -> list[str]:
    return judged_criteria(season.current_framework().to_engine())


def review(season, judge, entry, scores: dict, *, scale="0-10", status=ReviewStatus.SUBMITTED):
    return Review.objects.create(
        season=season,
        entry=entry,
        judge=judge,
        framework=season.current_framework(),
        scale=scale,
        status=status,
        scores={k: str(v) for k, v in scores.items()},
        submitted_at=timezone.now() if status == ReviewStatus.SUBMITTED else None,
    )


def half(x: float) -> str:
    return str(max(0.0, min(10.0, round(x * 2) / 2)))


def set_stage(season, organizer, kind, action):
    stage = season.stages.get(kind=kind)
    seasons.override_stage(stage=stage, by=organizer, action=action, reason="测试")


@pytest.fixture
def deliberation_open(season, organizer):
    set_stage(season, organizer, StageKind.DELIBERATION, "open")
    return season


@pytest.fixture
def deliberation_closed(season, organizer):
    set_stage(season, organizer, StageKind.DELIBERATION, "closed")
    return season


@pytest.fixture
def panel(season, judge):
    """Three judge profiles, the first the `judge` persona's."""
    made = [
        JudgeProfile.objects.create(season=season, user=judge, name="钱评委", email=judge.email)
    ]
    for i, name in enumerate(("孙评委", "李评委")):
        made.append(JudgeProfile.objects.create(season=season, name=name, email=f"j{i}@example.cn"))
    return made


@pytest.fixture
def scored(season, organizer, category, panel):
    """Four entries of `category` (quota set to 2), each scored by the three judges
    on every judged criterion: quality + the judge's offset (+ a little per criterion).
    Returns (entries best first, criteria)."""
    category.quota = 2
    category.save(update_fields=["quota"])
    crits = criteria_of(season)
    entries = [
        make_entry(season=season, by=organizer, category=category, name=f"第{i + 1}客服中心")
        for i in range(len(QUALITY))
    ]
    for entry, quality in zip(entries, QUALITY, strict=True):
        for judge, offset in zip(panel, OFFSETS, strict=True):
            values = {c: half(quality + offset + (i % 3 - 1) * 0.5) for i, c in enumerate(crits)}
            review(season, judge, entry, values)
    return entries, crits


def conflict(profile, entry):
    return Conflict.objects.create(
        season=entry.season,
        judge=profile,
        entry=entry,
        source=ConflictSource.DECLARED,
        status=ConflictStatus.DECLARED,
        reason="前雇主",
    )
