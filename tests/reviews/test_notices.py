"""What reviews add around the pages: the judge's home panel, the dashboard's
counts, the reminder e-mail in the judge's language."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from ccaward.reviews import domain
from ccaward.reviews.models import Review
from ccaward.reviews.notify import send_reminder
from tests.reviews.conftest import full_scores, set_policy


@pytest.fixture
def ready(judging_open, assigned):
    return assigned


def test_the_judges_home_shows_their_reviews_and_the_deadline(ready, as_user, judge, season):
    set_policy(season, review_deadline=timezone.now() + dt.timedelta(days=3))
    html = as_user(judge).get(reverse("seasons:dashboard", args=[season.slug])).content.decode()
    assert 'id="home-reviews"' in html
    assert reverse("reviews:mine", args=[season.slug]) in html


def test_the_dashboard_counts_reviews(ready, as_user, judge, organizer, season, entry):
    domain.save_review(entry=entry, by=judge, changes=full_scores(season, "6"))
    domain.submit(review=Review.objects.get(), by=judge)
    html = as_user(organizer).get(reverse("seasons:dashboard", args=[season.slug])).content.decode()
    assert "已提交 1 份评审" in html


def test_the_reminder_says_how_many_are_due_and_by_when(ready, judge, profile, season):
    judge.language = "en"
    judge.save(update_fields=["language"])
    set_policy(season, review_deadline=timezone.now() + dt.timedelta(days=3))
    assert send_reminder(profile, season)
    (message,) = mail.outbox
    assert message.to == [judge.email]
    assert "You have 1 review to submit" in message.body
    assert reverse("reviews:mine", args=[season.slug]) in message.body


def test_no_reminder_once_everything_is_submitted(ready, judge, profile, season, entry):
    domain.save_review(entry=entry, by=judge, changes=full_scores(season, "6"))
    domain.submit(review=Review.objects.get(), by=judge)
    assert not send_reminder(profile, season)
    assert not mail.outbox
