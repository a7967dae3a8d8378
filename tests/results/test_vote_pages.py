"""Voting's pages: a judge's ballot (ranked and approval), secret and replaceable
until the close; the stage gate; the organizers' overview and category page (who
has voted, never what; after the count the tally, the decision and the casting
form); the menu, the judge's home panel and the dashboard counts."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from ccaward.results.domain import ballots as voting
from ccaward.results.domain import count as counting
from ccaward.results.domain import policy as policies
from ccaward.results.models import Ballot, VoterRoll
from tests.results.conftest import close_voting


def ballot_url(season, category):
    return reverse("results:vote_category", args=[season.slug, category.pk])


def manage_url(season, category):
    return reverse("results:vote_manage", args=[season.slug, category.pk])


@pytest.fixture
def ready(voting_open, shortlist, voters):
    return shortlist


def test_a_judge_ranks_replaces_and_sees_their_ballot_back(
    client_en, season, ready, vote_category, judge
):
    client = client_en(judge)
    url = ballot_url(season, vote_category)
    page = client.get(url).content.decode()
    assert "Your ballot is secret" in page and "only your last ballot counts" in page
    for entry in ready:
        assert entry.center.name in page
    fields = {f"e{ready[0].pk}": "2", f"e{ready[1].pk}": "1", f"e{ready[2].pk}": "2"}
    assert client.post(url, fields).status_code == 302
    assert Ballot.objects.get().ranking == [[ready[1].pk], sorted([ready[0].pk, ready[2].pk])]
    shown = client.get(url).content.decode()
    assert re.search(rf'name="e{ready[1].pk}"[^>]*value="1"', shown)
    assert re.search(rf'name="e{ready[3].pk}"[^>]*value=""', shown)
    assert "Replace my ballot" in shown
    client.post(url, {f"e{ready[3].pk}": "1"})
    assert Ballot.objects.get().ranking == [[ready[3].pk]]
    assert VoterRoll.objects.get().times == 2


def test_an_empty_ballot_is_refused_on_the_page(client_en, season, ready, vote_category, judge):
    response = client_en(judge).post(ballot_url(season, vote_category), {})
    assert response.status_code == 200
    assert "Rank at least one entry." in response.content.decode()
    assert not Ballot.objects.exists()


def test_an_approval_ballot_has_boxes_up_to_k(
    client_en, season, organizer, ready, vote_category, judge
):
    policies.change_policy(season=season, by=organizer, values={"method": "approval"})
    client = client_en(judge)
    url = ballot_url(season, vote_category)
    assert "Approve up to 2 entries" in client.get(url).content.decode()
    too_many = {f"e{e.pk}": "on" for e in ready[:3]}
    response = client.post(url, too_many)
    assert "3 entries approved: a ballot approves at most 2." in response.content.decode()
    client.post(url, {f"e{ready[0].pk}": "on"})
    assert Ballot.objects.get().ranking == [[ready[0].pk]]


def test_the_ballot_page_is_closed_outside_the_vote(
    client_en, season, organizer, shortlist, voters, vote_category, judge
):
    url = ballot_url(season, vote_category)
    assert client_en(judge).get(url).status_code == 409
    assert client_en(judge).post(url, {f"e{shortlist[0].pk}": "1"}).status_code == 409
    assert not Ballot.objects.exists()


def test_an_organizer_who_does_not_judge_is_sent_to_the_organizers_page(
    client_en, season, ready, vote_category, organizer, outsider
):
    response = client_en(organizer).get(ballot_url(season, vote_category))
    assert response.status_code == 302
    assert response["Location"] == manage_url(season, vote_category)
    assert client_en(outsider).get(ballot_url(season, vote_category)).status_code == 404


def test_organizers_see_who_voted_never_what(
    client_en, season, organizer, ready, vote_category, voters
):
    voting.cast_ballot(
        category=vote_category, voter=voters[0], ranking=[[ready[2].pk]], by=voters[0]
    )
    voting.cast_ballot(
        category=vote_category,
        voter=voters[1],
        ranking=[[ready[1].pk], [ready[3].pk]],
        by=voters[1],
    )
    client = client_en(organizer)
    pages = [
        client.get(manage_url(season, vote_category)).content.decode(),
        client.get(reverse("results:vote", args=[season.slug])).content.decode(),
        client.get(reverse("seasons:audit", args=[season.slug])).content.decode(),
    ]
    assert "2 of the panel's 3 have voted." in pages[0]
    assert voters[0].display_name in pages[0] and voters[1].display_name in pages[0]
    assert "2 of 3" in pages[1]
    for page in pages[:2]:
        for entry in ready:
            assert entry.center.name not in page
    audit = pages[2]
    assert "voted in Best Contact Center" in audit
    for entry in ready:  # the shortlist's event names the entries; no ballot event does
        for line in re.findall(r"[^<>]*voted in[^<>]*", audit):
            assert entry.center.name not in line


def test_after_the_count_the_tally_and_the_decision_in_words(
    client_en, season, organizer, ready, vote_category, voters
):
    for voter, first in zip(voters, (0, 0, 1), strict=True):
        voting.cast_ballot(
            category=vote_category, voter=voter, ranking=[[ready[first].pk]], by=voter
        )
    client = client_en(organizer)
    page = client.get(manage_url(season, vote_category)).content.decode()
    assert "The vote is open until" in page and "Count the vote" not in page
    close_voting(season, organizer)
    count_url = reverse("results:vote_count", args=[season.slug, vote_category.pk])
    assert client.post(count_url).status_code == 302
    page = client.get(manage_url(season, vote_category)).content.decode()
    assert "Pairwise preferences d[row, column]" in page and "Strongest paths p" in page
    assert "by the vote" in page and "Winner" in page
    assert "Count again" in page
    assert "Counted by Schulze" in page


def test_a_refused_count_says_why(client_en, season, organizer, ready, vote_category, voters):
    close_voting(season, organizer)
    count_url = reverse("results:vote_count", args=[season.slug, vote_category.pk])
    response = client_en(organizer).post(count_url, follow=True)
    assert "No ballot has been cast in Best Contact Center." in response.content.decode()


def test_the_casting_form_on_an_open_tie(
    client_en, season, organizer, ready, vote_category, voters, scores
):
    a, b, c, _d = ready
    for voter, groups in zip(
        voters, ([[a], [b], [c]], [[a], [c], [b]], [[a], [b, c]]), strict=True
    ):
        ranking = [[e.pk for e in group] for group in groups]
        voting.cast_ballot(category=vote_category, voter=voter, ranking=ranking, by=voter)
    close_voting(season, organizer)
    scores(totals=["86.40", "82.00", "82.00", "79.88"], dimensions={1: [80] * 9, 2: [80] * 9})
    counting.count_category(category=vote_category, by=organizer)
    client = client_en(organizer)
    page = client.get(manage_url(season, vote_category)).content.decode()
    assert "Casting decision" in page and "Tied for the last seat" in page
    url = reverse("results:vote_casting", args=[season.slug, vote_category.pk])
    same = client.post(url, {f"p{b.pk}": "1", f"p{c.pk}": "1", "reason": "x"})
    assert "Give each tied entry its own place." in same.content.decode()
    no_reason = client.post(url, {f"p{b.pk}": "2", f"p{c.pk}": "1", "reason": ""})
    assert "This field is required" in no_reason.content.decode()
    done = client.post(url, {f"p{b.pk}": "2", f"p{c.pk}": "1", "reason": "现场复核更优"})
    assert done.status_code == 302
    assert counting.count_of(vote_category).outcome["winners"] == [a.pk, c.pk]
    page = client.get(manage_url(season, vote_category)).content.decode()
    assert "by the organizers&#x27; casting decision" in page or "casting decision" in page
    assert "现场复核更优" in page


def test_the_menu_home_panel_and_dashboard(
    client_en, season, organizer, ready, vote_category, judge, voters
):
    home = client_en(judge).get(reverse("seasons:dashboard", args=[season.slug])).content.decode()
    assert reverse("results:vote", args=[season.slug]) in home
    assert ballot_url(season, vote_category) in home and "Not voted yet" in home
    voting.cast_ballot(category=vote_category, voter=judge, ranking=[[ready[0].pk]], by=judge)
    dashboard = client_en(organizer).get(reverse("seasons:dashboard", args=[season.slug]))
    text = dashboard.content.decode()
    assert "1 ballots cast" in text or "1 ballot cast" in text
    assert "3 ballots expected" in text
