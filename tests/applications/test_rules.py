"""An entry's permissions compose the applicant's membership with the entry's
state and the registration stage; the import is gated by registration, and an
organizer's import while it is closed is a correction noted in the audit log."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from django.utils import translation

from ccaward.applications import domain, excel
from ccaward.applications.models import Entry
from ccaward.core.errors import StageClosed
from ccaward.core.models import AuditEvent
from ccaward.seasons import domain as seasons
from ccaward.seasons.enums import StageKind

PERMS = ("own_entry", "change_entry", "submit_entry", "withdraw_entry")


@pytest.fixture
def draft(season, category, applicant):
    org = domain.register_organization(by=applicant, name="东方银行股份有限公司")
    center = domain.add_center(
        organization=org, by=applicant, name="信用卡中心", industry="banking"
    )
    return domain.create_entry(season=season, category=category, center=center, by=applicant)


def close_registration(season, organizer):
    stage = season.stages.get(kind=StageKind.REGISTRATION)
    seasons.override_stage(stage=stage, by=organizer, action="closed", reason="名额已满")


def held(user, entry) -> set[str]:
    entry = Entry.objects.select_related("center__organization", "season").get(pk=entry.pk)
    return {p for p in PERMS if user.has_perm(f"applications.{p}", entry)}


def test_a_members_draft_while_registration_is_open(draft, applicant, organizer, judge):
    assert held(applicant, draft) == set(PERMS)
    assert held(organizer, draft) == set()
    assert held(judge, draft) == set()


def test_a_closed_registration_stops_submission_not_drafting(draft, applicant, organizer):
    close_registration(draft.season, organizer)
    assert held(applicant, draft) == {"own_entry", "change_entry", "withdraw_entry"}


@pytest.mark.parametrize(
    ("status", "perms"),
    [
        ("submitted", {"own_entry", "withdraw_entry"}),
        ("accepted", {"own_entry", "withdraw_entry"}),
        ("withdrawn", {"own_entry"}),
    ],
)
def test_what_the_entrys_state_allows(draft, applicant, status, perms):
    Entry.objects.filter(pk=draft.pk).update(status=status)
    assert held(applicant, draft) == perms


def test_the_pages_ask_the_permissions(as_user, draft, applicant, organizer):
    client = as_user(applicant)
    review = reverse("applications:review", args=[draft.season.slug, draft.pk])
    page = reverse("applications:entry", args=[draft.season.slug, draft.pk])
    withdraw = reverse("applications:withdraw", args=[draft.season.slug, draft.pk])
    assert 'id="submit-application">' in client.get(review).content.decode()
    assert withdraw in client.get(page).content.decode()
    close_registration(draft.season, organizer)
    assert 'id="submit-application" disabled>' in client.get(review).content.decode()
    domain.withdraw(entry=draft, by=applicant)
    assert withdraw not in client.get(page).content.decode()


def _workbook(season, category) -> io.BytesIO:
    with translation.override("en"):
        book = excel.template_workbook(season, "en")
    ws = book.worksheets[0]
    keys = {ws.cell(row=2, column=c).value: c for c in range(1, ws.max_column + 1)}
    row = {
        "_category": category.name_en,
        "enterprise_name": "导入企业有限公司",
        "center_name": "导入客服中心",
        "center_industry": "Banking",
    }
    for key, value in row.items():
        ws.cell(row=4, column=keys[key], value=value)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer


def test_an_import_while_registration_is_open_has_no_note(season, category, organizer):
    report = excel.import_workbook(season, _workbook(season, category), organizer)
    assert report.ok, report.problems
    assert "note" not in AuditEvent.objects.get(action="entries.imported").data


def test_an_organizers_import_while_registration_is_closed_is_a_correction(
    season, category, organizer, applicant
):
    close_registration(season, organizer)
    with pytest.raises(StageClosed):
        excel.import_workbook(season, _workbook(season, category), applicant)
    assert not Entry.objects.exists()
    report = excel.import_workbook(season, _workbook(season, category), organizer)
    assert report.ok, report.problems
    event = AuditEvent.objects.get(action="entries.imported")
    assert event.data["note"] == "organizer correction while closed: registration"
    assert Entry.objects.get().center.name == "导入客服中心"
