"""Importing the judge pool from Excel or CSV: all or nothing, problems by row,
column and label, re-import by e-mail, the template and the export."""

from __future__ import annotations

import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from ccaward.core.models import AuditEvent
from ccaward.judging import excel
from ccaward.judging.models import Conflict, JudgeProfile

KEYS = [k for k, _z, _e in excel.COLUMNS]


def workbook(rows, *, header=True, keys=True) -> SimpleUploadedFile:
    book = openpyxl.Workbook()
    ws = book.active
    if header:
        ws.append([f"{zh} {en}" for _k, zh, en in excel.COLUMNS])
    if keys:
        ws.append(KEYS)
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    book.save(out)
    return SimpleUploadedFile("judges.xlsx", out.getvalue())


def row(name="王建国", email="wang@ccb.com", employer="中国建设银行股份有限公司", **more):
    values = {"name": name, "email": email, "employer": employer, **more}
    return [values.get(k, "") for k in KEYS]


def test_a_workbook_is_imported_and_conflicts_detected(season, organizer, entry):
    file = workbook(
        [
            row(industries="银行、保险", channels="voice, app", former_employers="甲公司\n乙公司"),
            row(name="李晓燕", email="li@example.cn", employer="某大学", min_load=2, max_load=8),
        ]
    )
    result = excel.import_file(season=season, file=file, by=organizer)
    assert result.ok, [str(p) for p in result.problems]
    assert len(result.added) == 2
    wang = JudgeProfile.objects.get(email="wang@ccb.com")
    assert wang.industries == ["banking", "insurance"]
    assert wang.channels == ["voice", "app"]
    assert wang.former_employers == ["甲公司", "乙公司"]
    assert Conflict.objects.get(judge=wang, entry=entry).source == "employer"
    assert AuditEvent.objects.get(action="judging.judges.imported").data["added"] == 2


def test_problems_name_row_column_and_label_and_nothing_is_written(season, organizer):
    file = workbook(
        [
            row(),
            row(name="李", email="li@example.cn", industries="银行、航天"),
            row(name="赵", email="zhao@example.cn", min_load=9, max_load=3),
            row(name="钱", email="wang@ccb.com"),
        ]
    )
    with translation.override("zh-hans"):
        result = excel.import_file(season=season, file=file, by=organizer)
        texts = [str(p) for p in result.problems]
    assert not result.ok
    assert texts[0].startswith("第 4 行，第 G 列（擅长行业）：") and "航天" in texts[0]
    assert texts[1].startswith("第 5 行，第 J 列（最少评审数）：")
    assert texts[2].startswith("第 6 行，第 B 列（电子邮箱）：") and "第 3 行" in texts[2]
    assert not JudgeProfile.objects.exists()


def test_a_missing_column_is_named(season, organizer):
    book = openpyxl.Workbook()
    book.active.append(["姓名", "现任单位"])
    book.active.append(["王建国", "某公司"])
    out = io.BytesIO()
    book.save(out)
    with translation.override("en"):
        result = excel.import_file(
            season=season, file=SimpleUploadedFile("j.xlsx", out.getvalue()), by=organizer
        )
        texts = [str(p) for p in result.problems]
    assert texts == ["Row 1: The column “电子邮箱 / E-mail” is missing."]


def test_labels_alone_are_enough_and_csv_is_read(season, organizer):
    text = "姓名,电子邮箱,Current employer,擅长渠道\n王建国,wang@ccb.com,某公司,电话/语音；APP\n"
    result = excel.import_file(
        season=season, file=SimpleUploadedFile("j.csv", text.encode("utf-8-sig")), by=organizer
    )
    assert result.ok, [str(p) for p in result.problems]
    judge = JudgeProfile.objects.get()
    assert (judge.employer, judge.channels) == ("某公司", ["voice", "app"])


def test_reimport_updates_by_email_and_counts_unchanged(season, organizer):
    excel.import_file(
        season=season, file=workbook([row(), row(name="李", email="li@x.cn")]), by=organizer
    )
    result = excel.import_file(
        season=season,
        file=workbook([row(title="总经理"), row(name="李", email="LI@x.cn")]),
        by=organizer,
    )
    assert result.ok
    assert (len(result.added), len(result.updated), result.unchanged) == (0, 1, 1)
    assert JudgeProfile.objects.get(email="wang@ccb.com").title == "总经理"
    assert JudgeProfile.objects.get(email="wang@ccb.com").version == 2


def test_the_template_and_the_export_round_trip(season, organizer):
    template = excel.template_bytes(season)
    result = excel.import_file(
        season=season, file=SimpleUploadedFile("t.xlsx", template), by=organizer
    )
    assert result.ok and result.examples == 1 and not result.added
    excel.import_file(
        season=season,
        file=workbook([row(industries="banking", channels="微信/社交媒体")]),
        by=organizer,
    )
    exported = excel.export_bytes(season)
    sheet = openpyxl.load_workbook(io.BytesIO(exported)).active
    assert sheet.cell(1, 4).value == "现任单位\nCurrent employer"
    again = excel.import_file(
        season=season, file=SimpleUploadedFile("e.xlsx", exported), by=organizer
    )
    assert again.ok and again.unchanged == 1 and not again.updated


def test_not_a_workbook(season, organizer):
    result = excel.import_file(
        season=season, file=SimpleUploadedFile("j.xlsx", b"plain text"), by=organizer
    )
    assert not result.ok and "Excel" in str(result.problems[0])


@pytest.mark.parametrize("language, expected", [("zh-hans", "第 3 行"), ("en", "Row 3")])
def test_the_import_page_lists_the_problems(
    client_en, as_user, organizer, season, language, expected
):
    client = client_en(organizer) if language == "en" else as_user(organizer)
    response = client.post(
        reverse("judging:pool_import", args=[season.slug]),
        {"file": workbook([row(email="broken")])},
    )
    assert response.status_code == 200
    assert expected in response.content.decode()
    assert not JudgeProfile.objects.exists()
