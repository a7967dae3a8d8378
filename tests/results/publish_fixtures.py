"""What publishing's tests share: a season whose results are ready to publish.

One regular category (最佳客户中心, quota 2) with four entries scored by three
judges, a shortlist of the top three, seven panel ballots (Schulze) counted
by the vote's domain once the 票选 stage has closed; a special category with a special award. Reviews
and ballots are made as rows directly (their own operations make them in
production)."""

from __future__ import annotations

import pytest

from ccaward.deliberation.domain.policy import change_policy
from ccaward.deliberation.domain.shortlist import set_shortlist
from ccaward.judging.models import JudgeProfile
from ccaward.results.domain.count import count_category
from ccaward.results.domain.special import name_special_award
from ccaward.results.models import Ballot, VoterRoll
from ccaward.seasons.enums import CategoryKind, StageKind
from tests.deliberation.conftest import criteria_of, half, review, set_stage
from tests.factories import UserFactory, make_category, make_entry

QUALITY = (8.5, 7.0, 5.5, 4.0)
OFFSETS = (-1.0, 1.0, 0.0)
# (how many, ranking by the entries' index): the first two win
BALLOTS = (
    (3, [[0], [1], [2]]),
    (2, [[1], [0], [2]]),
    (1, [[2], [0, 1]]),
    (1, [[0], [2], [1]]),
)


def roll(category, n: int) -> None:
    """`n` voters on the category's roll, one for each ballot made directly (counting
    refuses ballots that no voter on the roll accounts for)."""
    have = VoterRoll.objects.filter(category=category).count()
    for i in range(have, have + n):
        voter = UserFactory(email=f"roll{category.pk}-{i}@example.cn")
        VoterRoll.objects.create(category=category, voter=voter)


def make_ballots(category, entries, ballots=BALLOTS) -> list[Ballot]:
    roll(category, sum(n for n, _ in ballots))
    made = []
    for n, ranking in ballots:
        for _ in range(n):
            made.append(
                Ballot.objects.create(
                    category=category,
                    ranking=[[entries[i].pk for i in group] for group in ranking],
                )
            )
    return made


@pytest.fixture
def ready(season, organizer, category, judge):
    """A season ready to publish: (season, category, entries best first, ballots)."""
    change_policy(season=season, by=organizer, values={"bootstrap": 0})
    category.quota = 2
    category.save(update_fields=["quota"])
    panel = [
        JudgeProfile.objects.create(season=season, user=judge, name="钱评委", email=judge.email),
        JudgeProfile.objects.create(season=season, name="孙评委", email="j1@example.cn"),
        JudgeProfile.objects.create(season=season, name="李评委", email="j2@example.cn"),
    ]
    crits = criteria_of(season)
    entries = [
        make_entry(season=season, by=organizer, category=category, name=f"第{i + 1}客服中心")
        for i in range(len(QUALITY))
    ]
    for entry, quality in zip(entries, QUALITY, strict=True):
        for profile, offset in zip(panel, OFFSETS, strict=True):
            values = {c: half(quality + offset + (i % 3 - 1) * 0.5) for i, c in enumerate(crits)}
            review(season, profile, entry, values)
    listed = [e.pk for e in entries[:3]]
    set_shortlist(
        category=category, listed=listed, reasons={entries[3].pk: "得分明显落后"}, by=organizer
    )
    make_ballots(category, entries)
    special = make_category(
        season=season,
        by=organizer,
        name_zh="年度特别奖",
        name_en="Special Award",
        quota=1,
        kind=CategoryKind.SPECIAL,
    )
    name_special_award(
        category=special, by=organizer, entry=entries[3], justification="疫情期间坚持服务"
    )
    set_stage(season, organizer, StageKind.VOTING, "closed")
    count_category(category=category, by=organizer)
    return season, category, entries, list(Ballot.objects.filter(category=category))


def publish_season(season, organizer, *, voters: int = 5):
    """Take a season with totals (the demo's) to published results: each regular
    category with competing entries gets the ranking's default shortlist (unless it
    has one), `voters` ballots in the ranking's order (one reversed) and its count;
    the 票选 stage is closed. Returns the publication."""
    from ccaward.deliberation.domain import evaluation as totals
    from ccaward.deliberation.domain.ranking import category_ranking, shortlist_line
    from ccaward.deliberation.domain.shortlist import default_ids, shortlist_of
    from ccaward.results.domain.publish import publish

    evaluated = totals.compute(season)
    for category in season.categories.filter(kind=CategoryKind.REGULAR):
        ranking = category_ranking(evaluated, category)
        saved = shortlist_of(category)
        listed = (
            [r.entry_id for r in saved.rows.all() if r.listed]
            if saved
            else default_ids(ranking, shortlist_line(evaluated, category))
        )
        if not listed:
            continue
        if saved is None:
            set_shortlist(
                category=category, listed=listed, by=organizer, season_evaluation=evaluated
            )
        category.quota = min(category.quota, len(listed))
        category.save(update_fields=["quota"])
        order = [[pk] for pk in listed]
        roll(category, voters)
        for i in range(voters):
            Ballot.objects.create(category=category, ranking=order[::-1] if i == 0 else order)
    set_stage(season, organizer, StageKind.VOTING, "closed")
    for category in season.categories.filter(kind=CategoryKind.REGULAR):
        if Ballot.objects.filter(category=category).exists():
            count_category(category=category, by=organizer)
    return publish(season=season, by=organizer)
