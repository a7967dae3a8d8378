"""Counting a category: after the close, by the voting policy for the quota's
seats; the voter tags wiped; the decision's chain (the vote, the total, the
dimensions in the framework's weight order, a casting decision); recounts until
the results are published."""

from __future__ import annotations

import sys
from types import SimpleNamespace

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone, translation

from ccaward.core.errors import InUse
from ccaward.core.models import AuditEvent
from ccaward.results.domain import ballots as voting
from ccaward.results.domain import count as counting
from ccaward.results.domain import policy as policies
from ccaward.results.domain import ties
from ccaward.results.models import Ballot, Count, Publication, TieBreak
from tests.results.conftest import close_voting

pytestmark = pytest.mark.usefixtures("en")

DIMS = 9  # the default framework's dimensions, heaviest (15, 15) first


def cast(category, voters, entries, *ballots):
    """Each voter casts the ballot given in order: groups of entry indexes."""
    for voter, groups in zip(voters, ballots, strict=True):
        ranking = [[entries[i].pk for i in group] for group in groups]
        voting.cast_ballot(category=category, voter=voter, ranking=ranking, by=voter)


@pytest.fixture
def voted(season, organizer, voting_open, shortlist, voters, vote_category):
    """A ahead of all; B and C tied in the vote (one voter each way, one equal)."""
    cast(
        vote_category,
        voters,
        shortlist,
        [[0], [1], [2], [3]],
        [[0], [2], [1], [3]],
        [[0], [1, 2], [3]],
    )
    close_voting(season, organizer)
    return shortlist


def standing(count, entry):
    return next(s for s in count.outcome["standings"] if s["entry"] == entry.pk)


def test_the_total_breaks_a_tie_in_the_vote(voted, vote_category, organizer):
    count = counting.count_category(category=vote_category, by=organizer)
    a, b, c, _d = voted
    assert count.outcome["winners"] == [a.pk, b.pk]
    assert count.outcome["tied"] == []
    assert standing(count, b)["settled_by"] == "total"
    assert standing(count, a)["settled_by"] == "vote"
    assert standing(count, b)["panel"] == standing(count, c)["panel"]
    assert count.method == "schulze" and count.seats == 2 and count.ballots == 3
    assert count.tally["pairwise"][str(b.pk)][str(c.pk)] == 1
    assert count.tally["strongest"][str(a.pk)][str(b.pk)] >= 2
    assert "Schulze" in count.outcome["statement"]["en"]
    assert "舒尔茨法" in count.outcome["statement"]["zh"]


def test_a_dimension_breaks_a_tie_in_the_total_in_the_frameworks_weight_order(
    voted, vote_category, organizer, scores
):
    same = ["86.40", "82.00", "82.00", "79.88"]
    # B and C: equal on the heaviest dimension; C ahead on the second (15%), B on a
    # lighter one (10%) that comes later
    b_dims = [80, 70, 90] + [80] * (DIMS - 3)
    c_dims = [80, 75, 60] + [80] * (DIMS - 3)
    scores(totals=same, dimensions={1: b_dims, 2: c_dims})
    count = counting.count_category(category=vote_category, by=organizer)
    a, b, c, _d = voted
    assert count.outcome["winners"] == [a.pk, c.pk]
    assert standing(count, c)["settled_by"] == "dimension:social_influence"
    assert standing(count, c)["place"] == 2 and standing(count, b)["place"] == 3
    keys = [d["key"] for d in count.outcome["dimensions"]]
    assert keys[:2] == ["service_strategy", "social_influence"]


def test_an_open_tie_waits_for_a_casting_decision_with_its_reason(
    voted, vote_category, organizer, scores
):
    same = ["86.40", "82.00", "82.00", "79.88"]
    scores(totals=same, dimensions={1: [80] * DIMS, 2: [80] * DIMS})
    count = counting.count_category(category=vote_category, by=organizer)
    a, b, c, _d = voted
    assert count.outcome["winners"] == [a.pk]
    assert sorted(count.outcome["tied"]) == sorted([b.pk, c.pk])
    assert counting.open_ties(vote_category.season) == [(vote_category, count.outcome["tied"])]
    with pytest.raises(ValidationError) as caught:
        ties.record_casting(category=vote_category, order=[c.pk, b.pk], reason="  ", by=organizer)
    assert "reason" in caught.value.message_dict
    with pytest.raises(ValidationError) as caught:
        ties.record_casting(
            category=vote_category, order=[c.pk, a.pk], reason="现场复核", by=organizer
        )
    assert b.center.name in caught.value.message_dict["order"][0]
    ties.record_casting(
        category=vote_category, order=[c.pk, b.pk], reason="现场复核更优", by=organizer
    )
    count = counting.count_of(vote_category)
    assert count.outcome["winners"] == [a.pk, c.pk]
    assert count.outcome["tied"] == []
    assert standing(count, c)["settled_by"] == "casting"
    assert count.outcome["casting_reason"] == "现场复核更优"
    assert counting.open_ties(vote_category.season) == []
    assert TieBreak.objects.get().order == [c.pk, b.pk]
    event = AuditEvent.objects.get(action=ties.BROKEN)
    assert event.data["reason"] == "现场复核更优"
    # a recount keeps the casting decision for the same tie
    again = counting.count_category(category=vote_category, by=organizer)
    assert again.outcome["winners"] == [a.pk, c.pk] and again.version == 3


def test_no_casting_decision_without_an_open_tie(voted, vote_category, organizer):
    counting.count_category(category=vote_category, by=organizer)
    with pytest.raises(ValidationError) as caught:
        ties.record_casting(category=vote_category, order=[], reason="无", by=organizer)
    assert "no open tie" in caught.value.messages[0]


def test_counting_wipes_every_voter_tag(voted, vote_category, organizer, judge):
    assert Ballot.objects.filter(voter_tag__isnull=False).count() == 3
    before = {b.pk: b.ranking for b in Ballot.objects.all()}
    counting.count_category(category=vote_category, by=organizer)
    after = {b.pk: b.ranking for b in Ballot.objects.filter(category=vote_category)}
    assert not Ballot.objects.filter(voter_tag__isnull=False).exists()
    # the same ballots, under new ids
    assert sorted(map(str, after.values())) == sorted(map(str, before.values()))
    assert not set(after) & set(before)
    counting.count_category(category=vote_category, by=organizer)
    assert set(Ballot.objects.values_list("pk", flat=True)) == set(after)
    assert voting.my_ballot(category=vote_category, voter=judge) is None


def test_no_ballot_once_counted_even_if_the_vote_reopens(
    voted, season, vote_category, organizer, judge
):
    from tests.deliberation.conftest import set_stage

    counting.count_category(category=vote_category, by=organizer)
    set_stage(season, organizer, "voting", "open")
    with pytest.raises(voting.VoteCounted):
        voting.cast_ballot(category=vote_category, voter=judge, ranking=[[voted[3].pk]], by=judge)
    assert Ballot.objects.count() == 3


def test_no_count_while_the_vote_is_open(voting_open, shortlist, voters, vote_category, organizer):
    cast(vote_category, voters[:1], shortlist, [[0]])
    with pytest.raises(counting.VoteOpen) as caught:
        counting.count_category(category=vote_category, by=organizer)
    assert "still open" in caught.value.message
    assert Ballot.objects.filter(voter_tag__isnull=False).count() == 1


def test_only_organizers_count(voted, vote_category, judge):
    with pytest.raises(PermissionDenied):
        counting.count_category(category=vote_category, by=judge)


def test_a_quota_larger_than_the_shortlist_is_refused(voted, vote_category, organizer):
    vote_category.quota = 5
    vote_category.save(update_fields=["quota"])
    with pytest.raises(ValidationError) as caught:
        counting.count_category(category=vote_category, by=organizer)
    assert (
        "The quota of Best Contact Center (5) is larger than its shortlist (4 entries): lower the "
        "quota or lengthen the shortlist." in caught.value.messages
    )
    assert not Count.objects.exists()
    assert Ballot.objects.filter(voter_tag__isnull=False).count() == 3
    with translation.override("zh-hans"), pytest.raises(ValidationError) as caught:
        counting.count_category(category=vote_category, by=organizer)
    assert caught.value.messages == [
        "“最佳客户联络中心”的获奖名额（5）多于其入围名单（4 个单位）：请减少名额或扩大入围名单。"
    ]


def test_no_count_without_a_ballot(season, organizer, shortlist, vote_category):
    with pytest.raises(ValidationError) as caught:
        counting.count_category(category=vote_category, by=organizer)
    assert "No ballot has been cast" in caught.value.messages[0]


def test_a_recount_replaces_the_count_until_published(voted, season, vote_category, organizer):
    first = counting.count_category(category=vote_category, by=organizer)
    second = counting.count_category(category=vote_category, by=organizer)
    assert second.pk == first.pk and second.version == 2
    assert AuditEvent.objects.filter(action=counting.COUNTED).count() == 2
    assert (
        AuditEvent.objects.filter(action=counting.COUNTED).order_by("pk").last().data["recount"]
        is True
    )
    publication = Publication.objects.create(season=season, number=1, digest="0" * 64)
    assert counting.frozen(season)
    with pytest.raises(InUse) as caught:
        counting.count_category(category=vote_category, by=organizer)
    assert caught.value.code == "read_only"
    assert "published" in caught.value.message
    publication.withdrawn_at = timezone.now()
    publication.save()
    assert not counting.frozen(season)
    assert counting.count_category(category=vote_category, by=organizer).version == 3


def test_borda_scores_and_approval_counts(
    season, organizer, voting_open, shortlist, voters, vote_category
):
    policies.change_policy(season=season, by=organizer, values={"method": "borda"})
    cast(vote_category, voters, shortlist, [[0], [1]], [[1], [0]], [[0], [2]])
    close_voting(season, organizer)
    count = counting.count_category(category=vote_category, by=organizer)
    a, b, _c, _d = shortlist
    assert count.method == "borda"
    assert count.outcome["winners"] == [a.pk, b.pk]
    assert set(count.tally["scores"]) == {str(e.pk) for e in shortlist}
    assert "pairwise" not in count.tally


def test_the_poll_is_counted_when_its_app_is_there(voted, vote_category, organizer, monkeypatch):
    a, b, c, d = voted
    fake = SimpleNamespace(
        policy_of=lambda season: SimpleNamespace(enabled=True, weight=50, max_weight=50),
        valid_counts=lambda category: {c.pk: 30, d.pk: 10, 999999: 5},
    )
    monkeypatch.setattr(counting.apps, "is_installed", lambda name: True)
    monkeypatch.setitem(sys.modules, "ccaward.poll.domain", fake)
    count = counting.count_category(category=vote_category, by=organizer)
    assert count.poll["weight"] == 50
    assert count.poll["counts"][str(c.pk)] == 30
    assert standing(count, c)["poll"] == "3/4"
    # the poll's half lifts C (a quarter of the panel, three quarters of the poll) above A
    assert count.outcome["winners"] == [c.pk, a.pk]
    assert "50%" in count.outcome["statement"]["en"]


def test_without_the_poll_the_panel_decides(voted, vote_category, organizer):
    count = counting.count_category(category=vote_category, by=organizer)
    assert count.poll == {}
    assert all(s["poll"] is None for s in count.outcome["standings"])
    assert "No public poll" in count.outcome["statement"]["en"]


def test_the_installed_poll_weighs_in(voted, vote_category, organizer):
    from django.utils import timezone as tz

    from ccaward.poll.domain import policy as poll_policy
    from ccaward.poll.domain import votes as poll_votes

    a, _b, c, _d = voted
    season = vote_category.season
    poll_policy.change_policy(
        season=season, by=organizer, values={"enabled": True, "max_weight": 50, "weight": 50}
    )
    rows = [
        {"email": f"fan{i}@example.cn", "entry": (c if i < 3 else a).pk, "at": tz.now()}
        for i in range(4)
    ]
    poll_votes.record_votes(category=vote_category, by=organizer, rows=rows)
    count = counting.count_category(category=vote_category, by=organizer)
    assert count.poll == {
        "enabled": True,
        "weight": 50,
        "counts": {str(e.pk): {a.pk: 1, c.pk: 3}.get(e.pk, 0) for e in voted},
    }
    assert standing(count, c)["poll"] == "3/4"
    # half the panel's share and half the poll's: A and C both 5/8, the total puts A first
    assert standing(count, a)["combined"] == standing(count, c)["combined"] == "5/8"
    assert count.outcome["winners"] == [a.pk, c.pk]
    assert standing(count, a)["settled_by"] == "total"


def test_a_ballot_no_voter_on_the_roll_accounts_for_stops_the_count(
    voted, vote_category, organizer, shortlist
):
    Ballot.objects.create(category=vote_category, ranking=[[shortlist[3].pk]])
    with translation.override("en"), pytest.raises(ValidationError) as exc:
        counting.count_category(category=vote_category, by=organizer)
    assert "has 4 ballots but 3 voters on its roll" in exc.value.messages[0]
    assert not Count.objects.filter(category=vote_category).exists()


def test_a_poll_changed_since_the_count_is_noticed(voted, vote_category, organizer, shortlist):
    from ccaward.poll.domain import policy as poll_policies
    from ccaward.poll.models import PollAccount, PollVote

    count = counting.count_category(category=vote_category, by=organizer)
    assert not counting.poll_changed(count)
    poll_policies.change_policy(
        season=vote_category.season, by=organizer, values={"enabled": True, "weight": 10}
    )
    account = PollAccount.objects.create(
        season=vote_category.season, email="a@example.com", verified_at=timezone.now()
    )
    PollVote.objects.create(
        account=account, category=vote_category, entry=shortlist[2], network="192.0.2.0/24"
    )
    assert counting.poll_changed(count)
    assert not counting.poll_changed(counting.count_category(category=vote_category, by=organizer))


def test_publishing_waits_for_a_recount_when_the_poll_moved(
    voted, vote_category, organizer, shortlist
):
    from ccaward.poll.domain import policy as poll_policies
    from ccaward.poll.models import PollAccount, PollVote
    from ccaward.results.domain.publish import readiness

    counting.count_category(category=vote_category, by=organizer)
    poll_policies.change_policy(
        season=vote_category.season, by=organizer, values={"enabled": True, "weight": 10}
    )
    account = PollAccount.objects.create(
        season=vote_category.season, email="a@example.com", verified_at=timezone.now()
    )
    PollVote.objects.create(
        account=account, category=vote_category, entry=shortlist[2], network="192.0.2.0/24"
    )
    with translation.override("en"):
        problems = readiness(vote_category.season).problems()
    assert any("changed since its count" in p for p in problems), problems
    counting.count_category(category=vote_category, by=organizer)
    assert readiness(vote_category.season).stale == []
