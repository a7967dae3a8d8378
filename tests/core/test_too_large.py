"""A request body over Django's DATA_UPLOAD_MAX_MEMORY_SIZE (2.5 MB) is 413 naming
the limit — in the API's error shape, as JSON to autosave, as a page with a way
back — instead of Django's plain 400; and the API's schema documents every 4xx an
endpoint can give (413, 429 and the 401 of an expired token included)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from ccaward.applications.models import Entry
from tests.factories import make_entry

pytestmark = pytest.mark.django_db

OVER = "x" * (3 * 1024 * 1024)  # over the 2.5 MB Django reads into memory


@pytest.fixture(autouse=True)
def _language_restored():
    language = translation.get_language()
    yield
    if language:
        translation.activate(language)
    else:
        translation.deactivate()


@pytest.fixture
def draft(season, organizer, applicant, category):
    entry = make_entry(season=season, by=organizer, category=category, status="draft")
    entry.center.organization.members.add(applicant)
    return entry


def test_the_api_answers_413_in_its_error_shape(api, organizer, season, draft):
    caller = api(organizer, "en")
    for method, url in (
        ("post", f"/api/seasons/{season.slug}/categories"),
        ("patch", f"/api/seasons/{season.slug}/entries/{draft.pk}/answers"),
    ):
        response = getattr(caller, method)(
            url, {"name_zh": OVER, "answers": {}}, content_type="application/json"
        )
        assert response.status_code == 413, (url, response.content[:200])
        error = response.json()["error"]
        assert error["code"] == "too_large"
        assert error["message"] == (
            "The request body is larger than 2.5 MB, the most the server accepts."
        )


def test_autosave_answers_413_json_so_the_page_says_it(client_en, applicant, draft):
    response = client_en(applicant).post(
        reverse("applications:autosave", args=[draft.season.slug, draft.pk]),
        {"_section": "culture", "culture_mission": OVER},
        headers={"accept": "application/json"},
    )
    assert response.status_code == 413
    assert response.json() == {
        "code": "too_large",
        "error": "Not saved: more than 2560 KB was sent at once.",
    }
    assert "culture_mission" not in (Entry.objects.get(pk=draft.pk).answers or {})


def test_a_page_post_over_the_limit_gets_a_page_naming_it(applicant, draft, settings):
    """As a browser posts it: the CSRF check reads the body before any view."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(applicant)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    url = reverse("applications:section", args=[draft.season.slug, draft.pk, "culture"])
    client.get(url)
    token = client.cookies["csrftoken"].value
    response = client.post(
        url, {"csrfmiddlewaretoken": token, "_section": "culture", "culture_mission": OVER}
    )
    assert response.status_code == 413
    page = response.content.decode()
    assert "<h1>Too much sent at once</h1>" in page
    assert "more than 2.5 MB at once" in page
    assert f'<a href="{url}">Back to the previous page</a>' in page


def test_other_bad_requests_stay_400(client):
    response = client.get("/", headers={"host": "bad host name"})
    assert response.status_code == 400


def test_the_schema_documents_every_refusal(client, db):
    spec = client.get("/api/openapi.json").json()
    for path, methods in spec["paths"].items():
        for method, operation in methods.items():
            documented = set(operation["responses"])
            assert {"401", "403", "404", "422", "429"} <= documented, (method, path)
            if method != "get":
                assert {"400", "409", "413"} <= documented, (method, path)
    code = spec["components"]["schemas"]["ErrorBody"]["properties"]["code"]["description"]
    for name in ("token_expired", "throttled", "too_large", "control_character", "conflict"):
        assert name in code
