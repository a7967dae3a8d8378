"""Panel ballots: cast while 票选 is open by the season's judges on the category's
shortlist; a new ballot replaces the voter's last one in place (only the last
counts); the roll records who voted, never what; a judge with a conflict with a
shortlisted entry is recused from the category."""

from __future__ import annotations

import hashlib
import hmac

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError

from ccaward.core.errors import StageClosed
from ccaward.core.models import AuditEvent
from ccaward.deliberation.domain import shortlist as shortlists
from ccaward.deliberation.models import Shortlist
from ccaward.judging.models import JudgeProfile
from ccaward.results.domain import ballots as voting
from ccaward.results.domain import policy as policies
from ccaward.results.models import Ballot, VoterRoll
from tests.deliberation.conftest import conflict
from tests.results.conftest import close_voting

pytestmark = pytest.mark.usefixtures("en")


def ids(entries, *picks):
    return [[entries[i].pk for i in group] for group in picks]


@pytest.fixture
def ready(voting_open, shortlist, voters):
    return shortlist


def test_a_ballot_is_stored_without_its_voter_and_the_roll_names_them(ready, vote_category, judge):
    ballot = voting.cast_ballot(
        category=vote_category, voter=judge, ranking=ids(ready, [1], [0, 2]), by=judge
    )
    assert ballot.ranking == ids(ready, [1], [0, 2])
    assert ballot.voter_tag == voting.voter_tag(vote_category, judge)
    key = hashlib.sha256(
        (voting.TAG_PURPOSE + settings.SECRET_KEY).encode()
    ).digest()  # the key derived for this purpose alone
    message = f"{vote_category.pk}:{judge.pk}".encode()
    assert ballot.voter_tag == hmac.new(key, message, hashlib.sha256).hexdigest()
    assert ballot.voter_tag != hashlib.sha256(message).hexdigest()
    roll = VoterRoll.objects.get(category=vote_category)
    assert (roll.voter, roll.times) == (judge, 1)
    # nothing in the ballot's table points at a person
    links = [f.name for f in Ballot._meta.get_fields() if f.is_relation]
    assert links == ["category"]


def test_a_new_ballot_replaces_the_last_in_place_and_only_the_last_counts(
    ready, vote_category, judge
):
    first = voting.cast_ballot(
        category=vote_category, voter=judge, ranking=ids(ready, [0]), by=judge
    )
    second = voting.cast_ballot(
        category=vote_category, voter=judge, ranking=ids(ready, [3], [2]), by=judge
    )
    assert second.pk == first.pk
    assert list(
        Ballot.objects.filter(category=vote_category).values_list("ranking", flat=True)
    ) == [ids(ready, [3], [2])]
    roll = VoterRoll.objects.get(category=vote_category, voter=judge)
    assert roll.times == 2 and roll.last_at >= roll.first_at
    assert VoterRoll.objects.filter(category=vote_category).count() == 1
    mine = voting.my_ballot(category=vote_category, voter=judge)
    assert mine.ranking == ids(ready, [3], [2])


def test_each_voter_has_one_roll_row_and_one_ballot(ready, vote_category, voters):
    for voter in voters:
        voting.cast_ballot(category=vote_category, voter=voter, ranking=ids(ready, [0]), by=voter)
        voting.cast_ballot(category=vote_category, voter=voter, ranking=ids(ready, [1]), by=voter)
    assert Ballot.objects.filter(category=vote_category).count() == 3
    assert VoterRoll.objects.filter(category=vote_category).count() == 3
    assert {r.times for r in VoterRoll.objects.all()} == {2}


def test_the_audit_event_says_who_voted_where_never_what(ready, vote_category, judge):
    voting.cast_ballot(category=vote_category, voter=judge, ranking=ids(ready, [2], [0]), by=judge)
    event = AuditEvent.objects.get(action=voting.CAST)
    assert event.actor == judge
    assert event.object_type == "seasons.category" and event.object_id == str(vote_category.pk)
    assert set(event.data) == {"category", "voter", "replaced", "times"}
    text = f"{event.summary} {event.data}"
    for entry in ready:
        assert entry.center.name not in text and f"{entry.pk}," not in text
    ballot = Ballot.objects.get()
    assert str(ballot.pk) not in text and ballot.voter_tag not in text


@pytest.mark.parametrize(
    ("ranking", "message"),
    [
        ("outsider", "is not on this category's shortlist"),
        ("twice", "is on the ballot twice"),
        ("empty", "Rank at least one entry"),
    ],
)
def test_bad_ballots_are_refused_naming_the_entry(
    ready, season, organizer, vote_category, judge, ranking, message
):
    from tests.factories import make_entry

    other = make_entry(season=season, by=organizer, category=vote_category, name="局外客服中心")
    groups = {
        "outsider": [[ready[0].pk], [other.pk]],
        "twice": [[ready[0].pk], [ready[1].pk, ready[0].pk]],
        "empty": [],
    }[ranking]
    with pytest.raises(ValidationError) as caught:
        voting.cast_ballot(category=vote_category, voter=judge, ranking=groups, by=judge)
    text = " ".join(caught.value.message_dict["ranking"])
    assert message in text
    if ranking == "outsider":
        assert "局外客服中心" in text
    if ranking == "twice":
        assert ready[0].center.name in text
    assert not Ballot.objects.exists() and not VoterRoll.objects.exists()


def test_more_approvals_than_allowed_are_refused(ready, season, organizer, vote_category, judge):
    policies.change_policy(season=season, by=organizer, values={"method": "approval"})
    with pytest.raises(ValidationError) as caught:
        voting.cast_ballot(
            category=vote_category, voter=judge, ranking=ids(ready, [0, 1, 2]), by=judge
        )
    assert "3 entries approved: a ballot approves at most 2" in caught.value.messages[0]
    voting.cast_ballot(category=vote_category, voter=judge, ranking=ids(ready, [0, 1]), by=judge)
    policies_allowed = Ballot.objects.get().ranking
    assert policies_allowed == [sorted([ready[0].pk, ready[1].pk])]


def test_no_ballot_before_or_after_the_vote(season, organizer, shortlist, vote_category, judge):
    with pytest.raises(StageClosed):
        voting.cast_ballot(
            category=vote_category, voter=judge, ranking=ids(shortlist, [0]), by=judge
        )
    close_voting(season, organizer)
    with pytest.raises(StageClosed):
        voting.cast_ballot(
            category=vote_category, voter=judge, ranking=ids(shortlist, [0]), by=judge
        )


def test_only_the_seasons_judges_vote_and_only_for_themselves(
    ready, vote_category, organizer, judge, voters
):
    with pytest.raises(PermissionDenied):
        voting.cast_ballot(
            category=vote_category, voter=organizer, ranking=ids(ready, [0]), by=organizer
        )
    with pytest.raises(PermissionDenied):
        voting.cast_ballot(
            category=vote_category, voter=voters[1], ranking=ids(ready, [0]), by=judge
        )
    assert not Ballot.objects.exists()


def test_a_category_without_a_shortlist_takes_no_ballot(
    voting_open, season, organizer, vote_category, vote_entries, judge
):
    with pytest.raises(ValidationError) as caught:
        voting.cast_ballot(
            category=vote_category, voter=judge, ranking=[[vote_entries[0].pk]], by=judge
        )
    assert "has no shortlist yet" in caught.value.messages[0]


def test_a_special_category_takes_no_ballot(voting_open, special_category, shortlist, judge):
    with pytest.raises(ValidationError) as caught:
        voting.cast_ballot(
            category=special_category, voter=judge, ranking=[[shortlist[0].pk]], by=judge
        )
    assert "special award" in caught.value.messages[0]


def test_a_judge_with_a_conflict_with_a_shortlisted_entry_is_recused(
    ready, season, vote_category, judge, voters
):
    profile = JudgeProfile.objects.create(
        season=season, user=judge, name="钱评委", email=judge.email
    )
    conflict(profile, ready[3])
    with pytest.raises(PermissionDenied) as caught:
        voting.cast_ballot(category=vote_category, voter=judge, ranking=ids(ready, [0]), by=judge)
    assert ready[3].center.name in str(caught.value)
    panel = voting.panel_of(vote_category)
    assert [m.votes for m in panel if m.user == judge] == [False]
    assert voting.roll_progress(vote_category)["size"] == 2


def test_the_tag_is_keyed_by_the_secret_and_the_category(ready, vote_category, judge, settings):
    tag = voting.voter_tag(vote_category, judge)
    settings.SECRET_KEY = "another secret key for the same deployment, 50 characters long!"
    assert voting.voter_tag(vote_category, judge) != tag


def test_ranks_become_groups_and_back():
    assert voting.ranking_from_ranks({5: 2, 6: 1, 7: None, 8: 2}) == [[6], [5, 8]]
    assert voting.ranks_from_ranking([[6], [5, 8], [9]]) == {6: 1, 5: 2, 8: 2, 9: 4}


def test_the_shortlist_is_kept_once_a_ballot_names_it(
    ready, scores, organizer, vote_category, judge
):
    voting.cast_ballot(category=vote_category, voter=judge, ranking=[[ready[0].pk]], by=judge)
    with pytest.raises(ValidationError) as exc:
        shortlists.set_shortlist(
            category=vote_category,
            listed=[e.pk for e in ready[:3]],
            by=organizer,
            season_evaluation=scores.value(),
        )
    assert "1 ballots have been cast on this shortlist" in exc.value.message_dict["listed"][0]
    assert Shortlist.objects.get(category=vote_category).rows.filter(listed=True).count() == 4
