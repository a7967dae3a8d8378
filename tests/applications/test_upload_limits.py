"""Attachments and imported workbooks that would inflate are refused before they
are read, with a message naming the file and the question, and the web process's
memory stays small while they are checked (measured with tracemalloc)."""

from __future__ import annotations

import io
import tracemalloc

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from ccaward.applications import excel
from ccaward.applications.excel import reading
from ccaward.applications.models import EntryFile
from ccaward.engine import packages
from tests import zipbombs
from tests.factories import make_entry

MiB = 1024 * 1024


@pytest.fixture(autouse=True)
def _language_restored():
    """The test client leaves the last request's language active: restore it, so
    later tests see the default language."""
    language = translation.get_language()
    yield
    if language:
        translation.activate(language)
    else:
        translation.deactivate()


def peak_of(call):
    """(result, peak bytes allocated by Python while ``call`` ran)."""
    tracemalloc.start()
    try:
        result = call()
        return result, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.fixture
def draft(season, organizer, applicant, category):
    entry = make_entry(season=season, by=organizer, category=category, status="draft")
    entry.center.organization.members.add(applicant)
    return entry


def test_a_docx_whose_content_types_inflate_to_300_mb_is_refused(draft, applicant, client_en):
    bomb = zipbombs.content_types_bomb(zipbombs.DOCX_TYPES, mib=300)  # 306 KB
    assert len(bomb) < 400 * 1024
    client = client_en(applicant)
    target = reverse("applications:upload", args=[draft.season.slug, draft.pk, "org_chart"])
    upload = SimpleUploadedFile("chart.docx", bomb, "application/zip")
    response, peak = peak_of(lambda: client.post(target, {"file": upload}))
    page = client.get(response.url).content.decode() if response.status_code == 302 else ""
    page = page or response.content.decode()
    assert "Organisation chart of the contact center: “chart.docx” is refused" in page
    assert "its part [Content_Types].xml is compressed 1009:1 (at most 100:1)" in page
    assert not EntryFile.objects.exists()
    assert peak < 32 * MiB, f"the request allocated {peak / MiB:.0f} MB"


def test_a_real_docx_is_still_taken(draft, applicant, client_en):
    package = zipbombs.build(
        {"[Content_Types].xml": zipbombs.DOCX_TYPES + b"</Types>", "word/document.xml": b"<w/>"}
    )
    client = client_en(applicant)
    target = reverse("applications:upload", args=[draft.season.slug, draft.pk, "org_chart"])
    client.post(target, {"file": SimpleUploadedFile("chart.docx", package, "application/zip")})
    assert EntryFile.objects.get().kind == "docx"


def import_page(client, season, data: bytes):
    return client.post(
        reverse("applications:import", args=[season.slug]),
        {"file": SimpleUploadedFile("applications.xlsx", data, content_type=excel.CONTENT_TYPE)},
    )


def test_an_imported_workbook_that_would_inflate_is_refused_before_it_is_read(
    client_en, organizer, season, category, monkeypatch
):
    book = openpyxl.Workbook()
    book.active.append(["x"])
    buffer = io.BytesIO()
    book.save(buffer)
    bomb = zipbombs.repack(buffer.getvalue(), {"xl/sharedStrings.xml": (b"<sst>", 300)})
    response, peak = peak_of(lambda: import_page(client_en(organizer), season, bomb))
    page = response.content.decode()
    assert response.status_code == 200
    assert "“applications.xlsx” is refused: its part xl/sharedStrings.xml is compressed" in page
    assert peak < 32 * MiB, f"the request allocated {peak / MiB:.0f} MB"
    strings = "".join(f"<si><t>{i:08x}</t></si>" for i in range(100_000)).encode()  # 2 MB
    large = zipbombs.repack(buffer.getvalue(), {"xl/sharedStrings.xml": strings})
    cap = packages.Limits(caps={"xl/sharedStrings.xml": packages.MiB})
    monkeypatch.setattr(reading, "LIMITS", cap)
    page = import_page(client_en(organizer), season, large).content.decode()
    assert "its part xl/sharedStrings.xml expands beyond 1 MB" in page
