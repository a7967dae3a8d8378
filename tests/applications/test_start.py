"""Starting an application behaves the same from the page, the API and the Excel
import (all three call domain.start_application): a new enterprise and center,
an existing center, a withdrawn application restarted, one under way refused."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from ccaward.applications import domain, excel
from ccaward.applications.models import ContactCenter, Entry, Organization
from ccaward.core.models import AuditEvent

CHANNELS = ["page", "api", "import"]
DUPLICATE = "This contact center has entered this category already"


@pytest.fixture
def center(applicant):
    org = domain.register_organization(by=applicant, name="东方银行股份有限公司")
    return domain.add_center(
        organization=org, by=applicant, name="东方银行信用卡客服中心", industry="banking"
    )


def _page(client, season, category, values) -> tuple[bool, str]:
    data = {"category": category.pk}
    if "center" in values:
        data["center"] = values["center"].pk
    else:
        data.update(
            org_name=values["enterprise"], center_name=values["center_name"], industry="telecom"
        )
    response = client.post(reverse("applications:start", args=[season.slug]), data)
    return response.status_code == 302, response.content.decode()


def _api(client, season, category, values) -> tuple[bool, str]:
    data = {"category": category.pk}
    if "center" in values:
        data["center"] = values["center"].pk
    else:
        data.update(
            enterprise_name=values["enterprise"],
            center_name=values["center_name"],
            industry="telecom",
        )
    response = client.post(
        f"/api/seasons/{season.slug}/entries", data, content_type="application/json"
    )
    if response.status_code == 201:
        return True, ""
    body = response.json()["error"]
    assert (response.status_code, body["code"]) == (409, "duplicate")
    return False, body["message"]


def _import(season, category, organizer, values) -> tuple[bool, str]:
    with translation.override("en"):
        book = excel.template_workbook(season, "en")
        ws = book.worksheets[0]
        keys = {ws.cell(row=2, column=c).value: c for c in range(1, ws.max_column + 1)}
        center = values.get("center")
        row = {
            "_category": category.name_en,
            "enterprise_name": center.organization.name if center else values["enterprise"],
            "center_name": center.name if center else values["center_name"],
            "center_industry": "Telecommunications",
            "center_seats": 220,
        }
        for key, value in row.items():
            ws.cell(row=4, column=keys[key], value=value)
        buffer = io.BytesIO()
        book.save(buffer)
        report = excel.import_workbook(season, buffer, organizer)
        return report.ok, " ".join(str(p) for p in report.problems)


@pytest.fixture
def start(client_en, api):
    """start(channel, season, category, applicant, organizer, **values) -> (started,
    the refusal's text): the applicant on the page or the API, the organizer's import."""

    def run(channel, season, category, applicant, organizer, **values) -> tuple[bool, str]:
        if channel == "page":
            return _page(client_en(applicant), season, category, values)
        if channel == "api":
            return _api(api(applicant, "en"), season, category, values)
        return _import(season, category, organizer, values)

    return run


@pytest.mark.parametrize("channel", CHANNELS)
def test_a_new_enterprise_and_center(start, channel, season, category, applicant, organizer):
    ok, text = start(
        channel,
        season,
        category,
        applicant,
        organizer,
        enterprise="海川证券股份有限公司",
        center_name="海川证券智能客服中心",
    )
    assert ok, text
    entry = Entry.objects.get()
    assert (entry.status, entry.category, entry.season) == ("draft", category, season)
    assert entry.center.name == "海川证券智能客服中心"
    assert entry.center.industry == "telecom"
    assert entry.center.organization.name == "海川证券股份有限公司"
    assert entry.answers["center_name"] == "海川证券智能客服中心"
    assert AuditEvent.objects.filter(action="entry.created", object_id=str(entry.pk)).exists()


@pytest.mark.parametrize("channel", CHANNELS)
def test_an_existing_center(start, channel, season, category, applicant, organizer, center):
    ok, text = start(channel, season, category, applicant, organizer, center=center)
    assert ok, text
    entry = Entry.objects.get()
    assert (entry.center, entry.status) == (center, "draft")
    assert entry.answers["enterprise_name"] == "东方银行股份有限公司"
    assert (Organization.objects.count(), ContactCenter.objects.count()) == (1, 1)


@pytest.mark.parametrize("channel", CHANNELS)
def test_a_withdrawn_application_is_restarted(
    start, channel, season, category, applicant, organizer, center
):
    entry = domain.create_entry(
        season=season,
        category=category,
        center=center,
        by=applicant,
        answers={"filler_name": "李敏"},
    )
    domain.withdraw(entry=entry, by=applicant)
    ok, text = start(channel, season, category, applicant, organizer, center=center)
    assert ok, text
    assert Entry.objects.count() == 1
    entry.refresh_from_db()
    assert entry.status == "draft"
    if channel == "import":
        assert entry.answers["center_seats"] == "220"  # an import row's answers are the row's
    else:
        assert entry.answers["filler_name"] == "李敏"  # the answers are kept
    assert AuditEvent.objects.filter(action="entry.restarted", object_id=str(entry.pk)).exists()


@pytest.mark.parametrize("channel", CHANNELS)
@pytest.mark.parametrize("status", ["draft", "submitted"])
def test_an_application_under_way_is_refused(
    start, channel, status, season, category, applicant, organizer, center
):
    entry = domain.create_entry(
        season=season, category=category, center=center, by=applicant, submit=status == "submitted"
    )
    ok, text = start(channel, season, category, applicant, organizer, center=center)
    assert not ok
    assert DUPLICATE in text
    assert Entry.objects.count() == 1
    entry.refresh_from_db()
    assert entry.status == status
    assert not AuditEvent.objects.filter(action="entry.restarted").exists()


def test_the_import_restarts_with_the_rows_answers(season, category, applicant, organizer, center):
    entry = domain.create_entry(season=season, category=category, center=center, by=applicant)
    domain.withdraw(entry=entry, by=applicant)
    ok, text = _import(season, category, organizer, {"center": center})
    assert ok, text
    entry.refresh_from_db()
    assert (entry.status, entry.answers["center_seats"]) == ("draft", "220")
    event = AuditEvent.objects.get(action="entries.imported")
    assert event.data["restarted"] == [entry.pk] and event.data["updated"] == [entry.pk]


def test_what_a_new_center_needs_is_named_by_argument(season, category, applicant):
    with pytest.raises(ValidationError) as info:
        domain.start_application(season=season, category=category, by=applicant, credit_code="123")
    assert set(info.value.message_dict) == {
        "enterprise_name",
        "credit_code",
        "center_name",
        "industry",
    }
    assert Organization.objects.count() == 0
