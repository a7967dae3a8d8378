"""A special award is decided by the organizers: nobody applies for it, from the page,
the API or the Excel import, and the domain refuses it whoever calls."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import translation

from ccaward.applications import domain
from ccaward.applications.models import Entry
from ccaward.people import domain as people
from tests.applications.test_start import _import, _page
from tests.factories import make_category

REFUSED = "decided by the organizers; it takes no applications"


@pytest.fixture
def special(season, organizer):
    return make_category(
        season=season, by=organizer, name_zh="年度特别奖", name_en="Special Award", kind="special"
    )


def test_the_domain_refuses_an_application_for_a_special_award(season, special, applicant):
    with pytest.raises(ValidationError) as info:
        domain.start_application(
            season=season,
            category=special,
            by=applicant,
            enterprise_name="东方银行",
            center_name="东方银行客服中心",
            industry="banking",
        )
    assert set(info.value.message_dict) == {"category"}
    assert not Entry.objects.exists()


def test_the_start_page_does_not_offer_it_and_says_why(season, category, special, applicant):
    client = Client()
    client.force_login(applicant, backend="django.contrib.auth.backends.ModelBackend")
    html = client.get(reverse("applications:start", args=[season.slug])).content.decode()
    assert f'value="{special.pk}"' not in html and f'value="{category.pk}"' in html
    assert "年度特别奖由主办方评定，不接受申报。" in html
    ok, text = _page(
        client, season, special, {"enterprise": "东方银行", "center_name": "东方银行客服中心"}
    )
    assert not ok and not Entry.objects.exists()


def test_the_api_refuses_it(season, special, applicant):
    _obj, token = people.issue_token(user=applicant, name="test")
    client = Client(headers={"Authorization": f"Bearer {token}", "Accept-Language": "en"})
    with translation.override(settings.LANGUAGE_CODE):  # the request switches to English
        response = client.post(
            f"/api/seasons/{season.slug}/entries",
            {
                "category": special.pk,
                "enterprise_name": "东方银行",
                "center_name": "客服中心",
                "industry": "telecom",
            },
            content_type="application/json",
        )
    assert response.status_code == 422
    assert REFUSED in response.json()["error"]["fields"]["category"][0]


def test_the_import_refuses_its_rows(season, special, organizer):
    ok, text = _import(
        season, special, organizer, {"enterprise": "东方银行", "center_name": "东方银行客服中心"}
    )
    assert not ok and REFUSED in text
    assert not Entry.objects.exists()
