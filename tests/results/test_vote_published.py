"""From ballots to published results: ballots cast on the pages' domain, counted,
published and verified; the public page states how each category was decided."""

from __future__ import annotations

import pytest

from ccaward.core.errors import InUse
from ccaward.results.domain import ballots as voting
from ccaward.results.domain import count as counting
from ccaward.results.domain.publish import publish, unpublish
from ccaward.results.domain.verify import verify
from tests.results.conftest import close_voting

pytestmark = pytest.mark.usefixtures("en")


@pytest.fixture
def counted(season, organizer, voting_open, shortlist, voters, vote_category):
    for voter, first in zip(voters, (0, 0, 1), strict=True):
        ranking = [[shortlist[first].pk], [shortlist[2].pk]]
        voting.cast_ballot(category=vote_category, voter=voter, ranking=ranking, by=voter)
    close_voting(season, organizer)
    return counting.count_category(category=vote_category, by=organizer)


def test_a_counted_vote_publishes_and_verifies(client, season, organizer, counted, shortlist):
    publication = publish(season=season, by=organizer)
    assert verify(season).problems == []
    part = next(p for p in publication.snapshot["categories"] if p["name_zh"] == "最佳客户联络中心")
    assert part["decision"]["statement"]["zh"].startswith("以舒尔茨法")
    assert len(part["ballots"]) == 2  # two identical ballots merged with their count
    page = client.get(f"/awards/{season.slug}/").content.decode()
    assert shortlist[0].center.name in page and "以舒尔茨法" in page
    with pytest.raises(InUse):
        counting.count_category(category=counted.category, by=organizer)
    unpublish(season=season, by=organizer, reason="更正名额")
    assert counting.count_category(category=counted.category, by=organizer).version == 2
