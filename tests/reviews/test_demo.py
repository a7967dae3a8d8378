"""The demo's reviews: a realistic spread (a harsh judge, a lenient one, one who
compresses everything to the middle), a few drafts, one revised score; seeded."""

from __future__ import annotations

import statistics
from decimal import Decimal

from django.utils import timezone

from ccaward.core.demo import DemoContext
from ccaward.judging.models import Assignment, JudgeProfile
from ccaward.reviews.demo import reviews
from ccaward.reviews.enums import ChangeKind, ReviewStatus
from ccaward.reviews.models import Review, ScoreChange
from tests.factories import make_entry


def _demo(season, organizer, category):
    entries = [make_entry(season=season, by=organizer, category=category) for _ in range(8)]
    judges = [
        JudgeProfile.objects.create(season=season, name=f"评委{i}", email=f"j{i}@demo.cn")
        for i in range(5)
    ]
    for e in entries:
        for j in judges:
            Assignment.objects.create(season=season, judge=j, entry=e)
    ctx = DemoContext(now=timezone.now(), season=season, users={"organizer": organizer})
    reviews(ctx)
    return judges


def _scores(judge):
    return [
        Decimal(v)
        for r in Review.objects.filter(judge=judge, status=ReviewStatus.SUBMITTED)
        for v in r.scores.values()
    ]


def test_the_demo_reviews_have_a_realistic_spread(season, organizer, category):
    harsh, lenient, middle, *_ = _demo(season, organizer, category)
    assert statistics.mean(_scores(harsh)) < statistics.mean(_scores(lenient)) - 1
    assert statistics.pstdev(_scores(middle)) < statistics.pstdev(_scores(lenient))
    assert Review.objects.filter(status=ReviewStatus.DRAFT).exists()
    (revised,) = ScoreChange.objects.filter(kind=ChangeKind.REVISED)
    assert revised.reason and revised.old != revised.new


def test_the_demo_reviews_are_the_same_every_time(season, organizer, category):
    _demo(season, organizer, category)
    first = sorted(tuple(sorted(r.scores.items())) for r in Review.objects.all())
    Review.objects.all().delete()
    Assignment.objects.all().delete()
    JudgeProfile.objects.all().delete()
    _demo(season, organizer, category)
    assert sorted(tuple(sorted(r.scores.items())) for r in Review.objects.all()) == first


def test_a_judge_with_an_account_scores_in_the_platform_not_on_paper(
    season, organizer, category, judge
):
    _demo(season, organizer, category)
    entry = make_entry(season=season, by=organizer, category=category)
    own = JudgeProfile.objects.create(season=season, name="钱专家", email=judge.email)
    Assignment.objects.create(season=season, judge=own, entry=entry)
    Review.objects.all().delete()
    ScoreChange.objects.all().delete()
    reviews(DemoContext(now=timezone.now(), season=season, users={"organizer": organizer}))
    assert Review.objects.exists()
    assert not Review.objects.filter(judge=own).exists()
