"""`ccaward demo` takes the season through the vote to published results: every
regular category with entries shortlisted and counted by Schulze from the judges'
ballots, the public poll's burst caught by the signals and voided with its reason,
the special award named with its justification, one live publication that
`ccaward verify` finds clean."""

from __future__ import annotations

import io
from contextlib import redirect_stdout

from ccaward.cli import main
from ccaward.poll.models import PollVote
from ccaward.results.demo import SPECIAL_REASON, VOID_REASON
from ccaward.results.models import Ballot, Count, Publication, SpecialAward, VoterRoll
from ccaward.seasons.enums import CategoryKind, StageKind


def test_the_demo_votes_and_publishes(demo_season):
    ctx = demo_season
    season = ctx.season
    regular = list(season.categories.filter(kind=CategoryKind.REGULAR))
    counts = {c.category_id: c for c in Count.objects.filter(category__season=season)}
    assert set(counts) == {c.pk for c in regular}
    for category in regular:
        count = counts[category.pk]
        assert count.method == "schulze"
        assert count.ballots == VoterRoll.objects.filter(category=category).count() > 0
        assert len(count.outcome["winners"]) == category.quota
        assert not count.outcome["tied"]
    # counting wiped every voter tag
    assert not Ballot.objects.filter(category__season=season, voter_tag__isnull=False).exists()
    voided = PollVote.objects.filter(category__season=season, voided_at__isnull=False)
    assert voided.count() == 30
    assert set(voided.values_list("void_reason", flat=True)) == {VOID_REASON}
    assert set(voided.values_list("network", flat=True)) == {"203.0.113.0/24"}
    assert PollVote.objects.filter(category__season=season, voided_at__isnull=True).count() == 90
    award = SpecialAward.objects.get(season=season)
    assert award.justification == SPECIAL_REASON and award.entry_id
    publication = Publication.objects.get(season=season)
    assert publication.live and publication.number == 1
    assert not season.stage(StageKind.VOTING).is_open
    assert season.stage(StageKind.RESULTS).is_open
    out = io.StringIO()
    with redirect_stdout(out):
        assert main(["verify", season.slug]) == 0
    assert "clean" in out.getvalue()
    assert any(line.startswith("results: published") for line in ctx.lines)
