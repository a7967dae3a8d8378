"""Every writer of a draft's answers records the version it wrote them at (the
Excel import, an attached or removed file, the demo), so a save based on an older
version — with `version` and no `base` — meets their change as a conflict instead
of overwriting it; the API gives the version to send."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from ccaward.applications import domain
from ccaward.applications.models import Entry
from ccaward.core import drafts
from tests.applications.test_excel import as_bytes, columns, opened, upload, url
from tests.applications.test_flow import png_bytes
from tests.factories import make_entry

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(season, organizer, applicant, category):
    entry = make_entry(season=season, by=organizer, category=category, status="draft")
    entry.center.organization.members.add(applicant)
    return entry


def _import_wechat(client, season, entry, value):
    book = opened(client.get(url("export", season)))
    ws = book.worksheets[0]
    row = next(r for r in range(3, ws.max_row + 1) if ws.cell(row=r, column=1).value == entry.pk)
    ws.cell(row=row, column=columns(ws)["enterprise_wechat"], value=value)
    response = upload(client, season, as_bytes(book))
    assert response.status_code == 302  # imported, back to the list


def test_an_imported_change_is_a_conflict_for_a_save_based_on_an_older_version(
    api, client_en, organizer, applicant, season, draft
):
    path = f"/api/seasons/{season.slug}/entries/{draft.pk}/answers"
    caller = api(applicant, "en")
    read = caller.get(f"/api/seasons/{season.slug}/entries/{draft.pk}").json()
    version = read["answers_version"]
    _import_wechat(client_en(organizer), season, draft, "海川导入")
    draft.refresh_from_db()
    assert draft.answers["enterprise_wechat"] == "海川导入"
    assert draft.answers_version == version + 1
    assert draft.answer_versions["enterprise_wechat"] == version + 1
    stale = caller.patch(
        path,
        {"answers": {"enterprise_wechat": "旧页面"}, "version": version},
        content_type="application/json",
    )
    assert stale.status_code == 409
    (conflict,) = stale.json()["error"]["problems"]
    assert (conflict["field"], conflict["stored"], conflict["sent"]) == (
        "enterprise_wechat",
        "海川导入",
        "旧页面",
    )
    assert Entry.objects.get(pk=draft.pk).answers["enterprise_wechat"] == "海川导入"
    # a field the import did not change is saved on the same old version
    other = caller.patch(
        path,
        {"answers": {"culture_mission": "客户至上"}, "version": version},
        content_type="application/json",
    )
    assert other.status_code == 200
    assert other.json()["answers_version"] == version + 2


def test_attaching_and_removing_a_file_record_their_versions(draft, applicant):
    start = Entry.objects.get(pk=draft.pk).answers_version
    upload_ = SimpleUploadedFile("公章.png", png_bytes(), "image/png")
    stored = domain.attach_file(entry=draft, field_key="seal_scan", upload=upload_, by=applicant)
    draft.refresh_from_db()
    assert draft.answers_version == start + 1
    assert draft.answer_versions["seal_scan"] == start + 1
    domain.remove_file(entry=draft, stored=stored, by=applicant)
    draft.refresh_from_db()
    assert draft.answers_version == start + 2
    assert draft.answer_versions["seal_scan"] == start + 2


def test_replace_bumps_the_version_only_for_what_changed(draft):
    entry = Entry.objects.get(pk=draft.pk)
    version = entry.answers_version
    answers = dict(entry.answers or {})
    assert drafts.replace(entry, dict(answers)) == [
        "answers",
        "answers_version",
        "answer_versions",
    ]
    assert entry.answers_version == version  # nothing changed
    removed = next(iter(answers))
    drafts.replace(entry, {**{k: v for k, v in answers.items() if k != removed}, "x": "1"})
    assert entry.answers_version == version + 1
    assert entry.answer_versions[removed] == entry.answer_versions["x"] == version + 1


def test_the_schema_says_what_version_and_base_mean(client, db):
    parts = client.get("/api/openapi.json").json()["components"]["schemas"]
    answers = parts["AnswersIn"]["properties"]
    assert "answers_version" in answers["version"]["description"]
    assert "compared by value" in answers["base"]["description"]
    assert "answers_version" in parts["EntryDetailOut"]["properties"]
