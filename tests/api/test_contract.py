"""The API keeps its OpenAPI contract: schemathesis generates requests for every
operation from /api/openapi.json and sends them to the Django WSGI app as an
organizer of a season with data (a Bearer token). No answer may be a server
error, and every answer must be documented: its status named in the schema and
its body matching the schema."""

from __future__ import annotations

import pytest
import schemathesis
from django.core.exceptions import ValidationError
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import Client
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from ccaward.config.wsgi import application
from ccaward.people import domain as people
from ccaward.seasons import domain as seasons
from tests.factories import make_category, make_entry
from tests.recommendations.test_recommendations import recommend

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
# examples per operation: enough to reach every documented refusal, bounded in time
EXAMPLES = 8


@pytest.fixture
def whole_requests():
    """Requests sent straight to the WSGI app end with Django's request_finished,
    which would close the test's connection (and its transaction) on PostgreSQL;
    the test client keeps it open the same way."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def seeded(season, organizer, applicant):
    """The season with two categories, entries (submitted and draft) and a
    recommendation; returns the path values that name real objects."""
    category = make_category(season=season, by=organizer)
    make_category(season=season, by=organizer, name_zh="年度特别奖", name_en="Special", quota=1)
    submitted = make_entry(season=season, by=organizer, category=category)
    draft = make_entry(season=season, by=organizer, category=category, status="draft")
    recommend(season, organizer, category)
    return {"slug": season.slug, "pk": [category.pk, submitted.pk, draft.pk]}


def test_every_operation_keeps_the_contract(seeded, organizer, whole_requests):
    _token, plain = people.issue_token(user=organizer, name="schemathesis")
    headers = {"Authorization": f"Bearer {plain}"}
    schema = schemathesis.openapi.from_wsgi("/api/openapi.json", application)
    # NUL and other control characters are generated too: refused with 422
    schema.config.generation.update(allow_x00=True)
    failures = []
    for result in schema.get_all_operations():
        operation = result.ok()
        cases = st.one_of(
            operation.as_strategy(generation_mode=GenerationMode.POSITIVE),
            operation.as_strategy(generation_mode=GenerationMode.NEGATIVE),
        )

        @given(case=cases, real=st.booleans(), pick=st.integers(0, 2))
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            database=None,
            phases=[Phase.explicit, Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        def run(case, real, pick):
            if real:  # half the cases name the season and objects that exist
                params = case.path_parameters or {}
                for name in params:
                    if name == "slug":
                        params[name] = seeded["slug"]
                    elif name in ("pk", "entry_id", "category_id"):
                        params[name] = seeded["pk"][pick]
            case.call_and_validate(headers=headers, checks=CHECKS)

        try:
            run()
        except (Exception, BaseExceptionGroup) as exc:  # one report for all operations
            failures.append(f"{operation.label}: {exc}"[:3000])
    assert not failures, "\n\n".join(failures)


def test_malformed_json_answers_the_error_shape(api, organizer, season):
    url = f"/api/seasons/{season.slug}/categories"
    for body in ("{not json", '{"name_zh": "\\ud800", "quota": 1}'):
        response = api(organizer).post(url, body, content_type="application/json")
        assert response.status_code == 400
        error = response.json()["error"]
        assert error["code"] == "malformed"
        assert "not valid JSON" in error["message"]
        assert "detail" not in response.json()


def test_a_session_without_its_csrf_token_answers_the_error_shape(organizer, season):
    client = Client(enforce_csrf_checks=True)
    client.force_login(organizer)
    response = client.post(
        f"/api/seasons/{season.slug}/categories",
        {"name_zh": "最佳客户中心", "quota": 1},
        content_type="application/json",
    )
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "forbidden"
    assert "CSRF" in response.json()["error"]["message"]


def test_the_schema_states_the_limits_and_the_refusals(client, season):
    spec = client.get("/api/openapi.json").json()
    parts = spec["components"]["schemas"]
    assert parts["CategoryIn"]["properties"]["quota"]["minimum"] == 1
    assert parts["SeasonIn"]["properties"]["year"]["minimum"] == 2000
    reason = parts["OverrideIn"]["properties"]["reason"]
    assert reason["minLength"] == 1 and "reason" in parts["OverrideIn"]["required"]
    for path, methods in spec["paths"].items():
        for method, operation in methods.items():
            documented = set(operation["responses"])
            assert {"401", "403", "404", "422"} <= documented, (method, path)


def test_a_year_past_the_calendar_is_refused(api, organizer):
    payload = {"slug": "far-future", "name_zh": "远期", "year": 15288}
    response = api(organizer).post("/api/seasons", payload, content_type="application/json")
    assert response.status_code == 422
    assert list(response.json()["error"]["fields"]) == ["year"]
    with pytest.raises(ValidationError):
        seasons.create_season(
            by=organizer, slug="far-future", name_zh="远期", name_en="", year=15288
        )
