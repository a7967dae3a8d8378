"""The public poll's pages, without a login: the categories, signing in with a code
(kept in the session), one vote per category, CSRF kept, the stage gate, the poll
not held."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from ccaward.poll.models import PollAccount, PollVote
from ccaward.seasons.enums import StageKind
from tests.deliberation.conftest import set_stage


@pytest.fixture
def public():
    client = Client()
    client.cookies["ccaward_language"] = "en"
    return client


def sign_in(client, season, address="voter@example.com"):
    response = client.post(reverse("poll:signin", args=[season.slug]), {"address": address})
    assert response.status_code == 302, response.content.decode()[:2000]
    code = re.search(r"\b(\d{6})\b", mail.outbox[-1].body).group(1)
    return client.post(
        reverse("poll:verify", args=[season.slug]), {"address": address, "code": code}
    )


def test_anyone_sees_the_categories_and_entries(public, poll_on, category, entries):
    html = public.get(reverse("poll:home", args=[poll_on.slug])).content.decode()
    assert category.name_en in html and "3 shortlisted entries" in html
    page = public.get(reverse("poll:category", args=[poll_on.slug, category.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    assert all(name in html for name in ("甲客服中心", "乙客服中心", "丙客服中心"))
    assert "丁客服中心" not in html


def test_sign_in_then_vote_once(public, poll_on, category, entries):
    url = reverse("poll:category", args=[poll_on.slug, category.pk])
    # choosing before signing in leads to the sign-in, then back to the category
    assert public.post(url, {"entry": entries[0].pk})["Location"] == reverse(
        "poll:signin", args=[poll_on.slug]
    )
    assert sign_in(public, poll_on)["Location"] == url
    assert PollAccount.objects.get().verified_at is not None
    done = public.post(url, {"entry": entries[1].pk})
    assert done.status_code == 302
    vote = PollVote.objects.get()
    assert vote.entry == entries[1] and vote.network == "127.0.0.0/24"
    assert len(vote.user_agent) == 64
    page = public.get(url).content.decode()
    assert "You voted for 乙客服中心" in page
    again = public.post(url, {"entry": entries[0].pk})
    assert again.status_code == 409
    assert "You have already voted in this category" in again.content.decode()
    assert PollVote.objects.count() == 1


def test_a_wrong_code_is_said_on_the_form(public, poll_on):
    public.post(reverse("poll:signin", args=[poll_on.slug]), {"address": "voter@example.com"})
    response = public.post(
        reverse("poll:verify", args=[poll_on.slug]),
        {"address": "voter@example.com", "code": "abc"},
    )
    assert response.status_code == 422
    assert "This code is not right; 4 tries left." in response.content.decode()
    assert "poll_accounts" not in public.session or not public.session["poll_accounts"]


def test_the_emailed_link_fills_the_form_and_writes_nothing(public, poll_on):
    public.post(reverse("poll:signin", args=[poll_on.slug]), {"address": "voter@example.com"})
    link = re.search(r"http\S+", mail.outbox[-1].body).group(0)
    code = re.search(r"code=(\d{6})", link).group(1)
    html = public.get(link.split("8000", 1)[-1] if "8000" in link else link).content.decode()
    assert f'value="{code}"' in html
    assert PollAccount.objects.get().verified_at is None


def test_csrf_is_kept(poll_on, category, entries):
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        reverse("poll:signin", args=[poll_on.slug]), {"address": "voter@example.com"}
    )
    assert response.status_code == 403
    assert mail.outbox == []


def test_the_voting_stage_gates_the_pages(public, poll_on, organizer, category, entries):
    sign_in(public, poll_on)
    set_stage(poll_on, organizer, StageKind.VOTING, "closed")
    url = reverse("poll:category", args=[poll_on.slug, category.pk])
    assert "Voting is not open now" in public.get(url).content.decode()
    response = public.post(url, {"entry": entries[0].pk})
    assert response.status_code == 409
    assert "Voting is not open" in response.content.decode()
    assert organizer.email not in response.content.decode()
    refused = public.post(
        reverse("poll:signin", args=[poll_on.slug]), {"address": "other@example.com"}
    )
    assert refused.status_code == 409
    assert PollVote.objects.count() == 0


def test_no_poll_no_pages(public, season, voting_open, category, entries):
    assert public.get(reverse("poll:home", args=[season.slug])).status_code == 404
    assert public.get(reverse("poll:signin", args=[season.slug])).status_code == 404
    assert public.get(reverse("poll:home", args=["no-such-season"])).status_code == 404


def test_sign_out(public, poll_on, category, entries):
    sign_in(public, poll_on)
    public.post(reverse("poll:signout", args=[poll_on.slug]))
    url = reverse("poll:category", args=[poll_on.slug, category.pk])
    assert public.post(url, {"entry": entries[0].pk}).status_code == 302
    assert PollVote.objects.count() == 0


def test_the_page_in_chinese(poll_on, category, entries):
    html = Client().get(reverse("poll:home", args=[poll_on.slug])).content.decode()
    assert "网络投票" in html


def test_after_the_close_the_page_lists_without_a_form_and_links_the_results(
    public, poll_on, organizer, category, entries
):
    from ccaward.results.models import Publication

    set_stage(poll_on, organizer, StageKind.VOTING, "closed")
    url = reverse("poll:category", args=[poll_on.slug, category.pk])
    html = public.get(url).content.decode()
    assert "Voting has closed." in html and 'type="radio"' not in html
    assert "甲客服中心" in html and "See the winners" not in html
    Publication.objects.create(season=poll_on, number=1, snapshot={}, digest="0" * 64)
    html = public.get(reverse("poll:home", args=[poll_on.slug])).content.decode()
    assert "The results are published." in html
    assert reverse("results:public", args=[poll_on.slug]) in html
