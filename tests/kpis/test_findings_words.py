"""A refused upload says why in the reader's language: the engine gives each finding
its rule and parameters, the page puts them into a sentence (lists with the language's
separator), never the engine's English nor a Python list."""

from __future__ import annotations

import re

import pytest
from django.core.management import call_command
from django.utils import translation

from ccaward.core.models import Job
from ccaward.kpis import findings
from ccaward.kpis.models import InteractionUpload
from tests.factories import make_entry
from tests.kpis.test_kpis import HEADER, ROWS, csv_file, kpi_url, open_data_collection


@pytest.fixture
def entry(season, organizer):
    open_data_collection(season, organizer)
    return make_entry(season=season, by=organizer)


REPR = re.compile(r"\[|\]|'|input rejected|the mapping names")


def _refused_page(client, entry, text: str) -> str:
    client.post(kpi_url(entry), {"file": csv_file(text), "mapping": "standard"})
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    upload = InteractionUpload.objects.get()
    assert upload.status == "failed"
    html = client.get(kpi_url(entry)).content.decode()
    return html[html.index("<main") : html.index("</main>")]


@pytest.mark.django_db(transaction=True)
def test_a_missing_column_is_said_in_chinese_with_its_columns(as_user, organizer, entry):
    without_id = "\n".join(
        ",".join(cells[1:]) for cells in (line.split(",") for line in (HEADER + ROWS).splitlines())
    )
    page = _refused_page(as_user(organizer), entry, without_id + "\n")
    upload = InteractionUpload.objects.get()
    (issue,) = upload.report["issues"]
    assert issue["rule"] == "missing_column" and issue["params"]["columns"] == ["contact_id"]
    text = re.sub(r"<[^>]+>", "", page)
    assert "映射中指定的列在文件中不存在：contact_id。文件中的列：center、channel" in text
    assert not REPR.search(text), REPR.search(text)


@pytest.mark.django_db(transaction=True)
def test_a_row_rule_says_which_column_and_row(as_user, organizer, entry):
    bad = ROWS.replace("2026-10-01 09:00:30", "2026-10-01 08:00:30")
    page = _refused_page(as_user(organizer), entry, HEADER + bad)
    text = re.sub(r"<[^>]+>", "", page)
    assert "应答或排队早于到达" in text or "早于" in text
    assert "first row" not in text and not REPR.search(text)
    job = Job.objects.get()
    with translation.override("zh-hans"):
        assert job.message_text == "文件被拒收：原因列在该上传记录下方。"
    with translation.override("en"):
        assert (
            job.message_text == "The files were refused: the reasons are listed under the upload."
        )


def test_findings_read_in_english_with_commas():
    issue = {
        "rule": "missing_sheet",
        "params": {"sheet": "通话", "found": ["Sheet1", "Sheet2"]},
    }
    with translation.override("en"):
        assert (
            findings.sentence(issue)
            == "The workbook has no sheet 通话; its sheets: Sheet1, Sheet2."
        )
    with translation.override("zh-hans"):
        assert findings.sentence(issue) == "工作簿中没有工作表 通话；现有工作表：Sheet1、Sheet2。"
    # a finding stored before it had parameters still reads as a sentence
    with translation.override("en"):
        assert findings.sentence({"rule": "missing_column", "message": "x"}) == (
            "The mapping names a column or an expression the file does not have."
        )
