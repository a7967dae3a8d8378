"""The vote end to end in a real browser: a judge ranks the shortlist on the ballot
page and replaces the ballot; the organizers count the category and publish the
results from their pages; a visitor with no account opens the public results page
on a phone, finds the winners and the digest, downloads the anonymised ballots and
counts them again with the engine to the same winners."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from ccaward.engine.voting import tally
from ccaward.engine.voting.csvio import read_ballots
from ccaward.results.domain import ballots as voting
from ccaward.results.domain.snapshot import entry_code
from ccaward.results.models import Ballot, Count, Publication, VoterRoll
from tests.browser.conftest import sign_in
from tests.results.conftest import close_voting

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


def _judge_votes(browser, live_server, season, category, judge, entries):
    context = browser.new_context(locale="zh-CN", viewport=PHONE)
    page = context.new_page()
    sign_in(page, live_server, judge.email)
    url = f"{live_server.url}/seasons/{season.slug}/voting/{category.pk}/"
    page.goto(url)
    # first a ballot with the last entry first, then the ballot that counts
    page.locator(f"input[name=e{entries[3].pk}]").fill("1")
    page.locator(".ballot-form button[type=submit]").click()
    expect(page.locator(f"input[name=e{entries[3].pk}]")).to_have_value("1")
    page.locator(f"input[name=e{entries[3].pk}]").fill("")
    for rank, entry in enumerate(entries[:3], start=1):
        page.locator(f"input[name=e{entry.pk}]").fill(str(rank))
    page.locator(".ballot-form button[type=submit]").click()
    expect(page.locator(f"input[name=e{entries[0].pk}]")).to_have_value("1")
    expect(page.locator(f"input[name=e{entries[3].pk}]")).to_have_value("")
    context.close()


@pytest.mark.browser
def test_vote_count_publish_and_the_public_page(
    browser, live_server, season, organizer, voting_open, shortlist, voters, vote_category
):
    entries = shortlist
    _judge_votes(browser, live_server, season, vote_category, voters[0], entries)
    assert VoterRoll.objects.get(category=vote_category, voter=voters[0]).times == 2
    assert Ballot.objects.get().ranking == [[e.pk] for e in entries[:3]]
    for voter in voters[1:]:
        ranking = [[entries[1].pk], [entries[0].pk]]
        voting.cast_ballot(category=vote_category, voter=voter, ranking=ranking, by=voter)
    close_voting(season, organizer)

    context = browser.new_context(locale="zh-CN", viewport=DESKTOP)
    page = context.new_page()
    sign_in(page, live_server, organizer.email)
    page.goto(f"{live_server.url}/seasons/{season.slug}/voting/{vote_category.pk}/manage/")
    page.locator(f"form[action$='/voting/{vote_category.pk}/count/'] button").click()
    expect(page.locator("body")).to_contain_text(entries[1].center.name)
    count = Count.objects.get(category=vote_category)
    winners = [int(pk) for pk in count.outcome["winners"]]
    assert winners == [entries[1].pk, entries[0].pk]  # B beats A 2:1, both beat C and D
    page.goto(f"{live_server.url}/seasons/{season.slug}/results/")
    page.locator("form[action$='/results/publish/'] button").click()
    expect(page.locator("body")).to_contain_text(Publication.objects.get().digest[:16])
    context.close()

    anonymous = browser.new_context(locale="zh-CN", viewport=PHONE)
    public = anonymous.new_page()
    public.goto(f"{live_server.url}/awards/{season.slug}/")
    assert "/accounts/login" not in public.url
    body = public.locator("body")
    for entry in entries[:2]:
        expect(body).to_contain_text(entry.center.name)
    publication = Publication.objects.get()
    expect(body).to_contain_text(publication.digest)
    width = public.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"the public page is {width} px wide on a phone"
    link = public.locator("a[href*='/ballots/']").first
    response = public.request.get(live_server.url + link.get_attribute("href"))
    assert response.ok
    ballots = read_ballots(response.text())
    assert sum(b.count for b in ballots) == 3
    counted = tally(ballots, method="schulze", seats=vote_category.quota)
    assert counted.ranking[:2] == [[entry_code(entries[1])], [entry_code(entries[0])]]
    assert counted.winners == [entry_code(entries[1]), entry_code(entries[0])] and not counted.tied
    anonymous.close()
