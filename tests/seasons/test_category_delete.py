"""A category in use (entries, recommendations) is not deleted: the domain
refuses and names what uses it, the API answers 409 `in_use`, the page hides
the delete button and says why."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from ccaward.core.errors import InUse
from ccaward.core.models import AuditEvent
from ccaward.seasons import domain
from ccaward.seasons.models import Category
from tests.factories import make_category, make_entry
from tests.recommendations.test_recommendations import recommend


@pytest.fixture(autouse=True)
def _default_language():
    """English pages here leave the default language active for the tests after."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


def test_a_category_with_entries_and_a_recommendation_is_refused(season, organizer):
    category = make_category(season=season, by=organizer)
    make_entry(season=season, by=organizer, category=category)
    make_entry(season=season, by=organizer, category=category, status="draft")
    recommend(season, organizer, category)
    with translation.override("en"), pytest.raises(InUse) as caught:
        domain.delete_category(category=category, by=organizer)
    assert caught.value.uses == ["2 entries", "1 recommendation"]
    assert "2 entries, 1 recommendation" in caught.value.message
    assert Category.objects.filter(pk=category.pk).exists()
    assert not AuditEvent.objects.filter(action="category.deleted").exists()


def test_a_category_nothing_uses_is_deleted(season, organizer):
    category = make_category(season=season, by=organizer)
    assert domain.category_uses(category) == []
    domain.delete_category(category=category, by=organizer)
    assert not Category.objects.filter(pk=category.pk).exists()
    assert AuditEvent.objects.filter(action="category.deleted").exists()


def test_the_api_answers_409_in_use(api, season, organizer):
    category = make_category(season=season, by=organizer)
    make_entry(season=season, by=organizer, category=category)
    client = api(organizer, language="en")
    response = client.delete(f"/api/seasons/{season.slug}/categories/{category.pk}")
    assert response.status_code == 409
    error = response.json()["error"]
    assert error["code"] == "in_use"
    assert error["fields"] == {"uses": ["1 entry"]}
    assert "1 entry" in error["message"]
    assert Category.objects.filter(pk=category.pk).exists()


def test_the_page_hides_the_delete_button_and_says_why(client_en, season, organizer):
    category = make_category(season=season, by=organizer)
    free = make_category(season=season, by=organizer, name_zh="年度特别奖", name_en="Special")
    make_entry(season=season, by=organizer, category=category)
    client = client_en(organizer)
    delete_url = reverse("seasons:category_delete", args=[season.slug, category.pk])
    page = client.get(reverse("seasons:category_edit", args=[season.slug, category.pk]))
    html = page.content.decode()
    assert delete_url not in html
    assert "cannot be deleted while 1 entry use it" in html
    other = client.get(reverse("seasons:category_edit", args=[season.slug, free.pk]))
    assert reverse("seasons:category_delete", args=[season.slug, free.pk]) in (
        other.content.decode()
    )
    # a posted delete anyway: back to the category with the reason, no 500
    response = client.post(delete_url, follow=True)
    assert response.status_code == 200
    assert "1 entry use it" in response.content.decode()
    assert Category.objects.filter(pk=category.pk).exists()
