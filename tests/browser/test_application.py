"""An applicant fills the whole application form in a real browser, reloads
mid-way and finds the draft, submits; the organizer exports the Excel file."""

from __future__ import annotations

import datetime as dt
import random

import openpyxl
import pytest
from playwright.sync_api import expect

from tests.applications.test_flow import png_bytes
from tests.browser.conftest import login

APPLICANT_EMAIL = "applicant@demo.ccaward.cn"
ORGANIZER_EMAIL = "organizer@demo.ccaward.cn"


def fill_section(page, section, answers):
    for f in section.fields:
        if f.type in ("info", "file"):
            continue
        for key in f.answer_keys():
            if key not in answers:
                continue
            value = answers[key]
            if f.type in ("choice", "multi", "yesno") and key == f.key:
                for v in value if isinstance(value, list) else [value]:
                    page.locator(f'input[name="{key}"][value="{v}"]').check()
            elif f.type == "consent":
                page.locator(f'input[name="{key}"]').check()
            else:
                page.locator(f'[name="{key}"]').fill(str(value))


@pytest.mark.browser
def test_applicant_fills_the_whole_form_and_the_organizer_exports_it(
    page, live_server, demo, demo_password, tmp_path
):
    from ccaward.applications import domain
    from ccaward.applications.demo import sample_answers
    from ccaward.applications.models import Entry
    from ccaward.engine import appform

    errors = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    season = demo.season
    base = f"{live_server.url}/seasons/{season.slug}/applications"
    login(page, live_server, APPLICANT_EMAIL, demo_password)

    # start: a new contact center of the applicant's enterprise
    page.goto(f"{base}/new/")
    category = season.categories.order_by("position").first()
    page.select_option("select[name=category]", str(category.pk))
    page.fill("input[name=center_name]", "东方联合银行南京分中心")
    page.select_option("select[name=industry]", "banking")
    page.select_option(
        "select[name=organization]", index=1
    )  # the enterprise the applicant belongs to
    with page.expect_navigation():
        page.locator("form.card button[type=submit]").click()
    entry = Entry.objects.get(center__name="东方联合银行南京分中心")
    defn = entry.form.parsed
    answers = sample_answers(defn, center=entry.center, rng=random.Random(11))
    assert len(answers) > 150

    sections = list(defn.sections)
    for i, section in enumerate(sections):
        page.goto(f"{base}/{entry.pk}/s/{section.key}/")
        expect(page.locator("h1")).to_have_text(section.title("zh-hans"))
        fill_section(page, section, answers)
        if section.key == "staff":
            # autosave alone: wait for it, then close and reopen the page
            expect(page.locator("#save-status")).to_contain_text("已保存", timeout=10_000)
            page.reload()
            seats = page.locator('[name="center_seats"]')
            expect(seats).to_have_value(answers["center_seats"])
            expect(page.locator('[name="agents.full_time.headcount"]')).to_have_value(
                answers["agents.full_time.headcount"]
            )
            continue
        for f in section.fields:
            if f.type == "file" and f.required:
                page.set_input_files(
                    f"#f-{f.key}-input",
                    files=[{"name": "公章.png", "mimeType": "image/png", "buffer": png_bytes()}],
                )
                # wait for the typed answers to be saved before the upload reloads the page
                expect(page.locator("#save-status")).to_contain_text("已保存", timeout=10_000)
                with page.expect_navigation():
                    page.locator(f'button[form="up-{f.key}"]').click()
                expect(page.locator(f"#file-{f.key}")).to_contain_text("公章.png")
        button = "next" if i + 1 < len(sections) else "review"
        with page.expect_navigation():
            page.locator(f'button[name="{button}"]').click()

    # the summary: nothing left to fix; submit
    page.goto(f"{base}/{entry.pk}/review/")
    expect(page.locator(".ok-card")).to_be_visible()
    with page.expect_navigation():
        page.locator("#submit-application").click()
    entry.refresh_from_db()
    assert entry.status == "submitted"
    expect(page.locator(".badge.status-submitted").first).to_be_visible()
    stored = entry.answers
    for key, value in answers.items():
        assert stored.get(key) == value, key
    assert errors == []

    # the organizer exports every answer to Excel
    page.context.clear_cookies()
    login(page, live_server, ORGANIZER_EMAIL, demo_password)
    page.goto(f"{base}/")
    with page.expect_download() as download:
        page.locator("#export-xlsx").click()
    path = tmp_path / "export.xlsx"
    download.value.save_as(path)
    sheet = openpyxl.load_workbook(path).worksheets[0]
    keys = [c.value for c in sheet[2]]
    rows = [
        dict(zip(keys, (c.value for c in row), strict=False)) for row in sheet.iter_rows(min_row=3)
    ]
    (row,) = [r for r in rows if r["_entry"] == entry.pk]
    result = domain.validation(entry)
    checked = 0
    for col in appform.export_columns(defn):
        if col.kind == "file":
            continue
        expected = appform.cell_value(col, result, stored, "zh-hans")
        got = row[col.key]
        if isinstance(expected, dt.date):  # Excel keeps dates as date-times
            got = got.date()
        assert got == expected, col.key
        checked += 1
    assert checked > 190
    assert row["center_name"] == "东方联合银行南京分中心"
    assert row["challenges"].count("; ") == 2


@pytest.mark.browser
def test_answers_typed_offline_are_kept_and_saved_when_the_network_returns(
    page, live_server, demo, demo_password
):
    from ccaward.applications.models import Entry

    draft = None
    login(page, live_server, APPLICANT_EMAIL, demo_password)
    base = f"{live_server.url}/seasons/{demo.season.slug}/applications"
    if draft is None:  # a draft of the demo applicant's enterprise
        page.goto(f"{base}/new/")
        page.select_option("select[name=organization]", index=1)
        page.fill("input[name=center_name]", "东方联合银行无锡分中心")
        page.select_option("select[name=industry]", "banking")
        with page.expect_navigation():
            page.locator("form.card button[type=submit]").click()
        draft = Entry.objects.get(center__name="东方联合银行无锡分中心")
    page.goto(f"{base}/{draft.pk}/s/culture/")
    status = page.locator("#save-status")
    page.context.set_offline(True)
    page.fill('[name="culture_mission"]', "让每一次联络都有温度")
    expect(status).to_have_attribute("data-state", "error", timeout=10_000)
    expect(status).to_contain_text("网络已断开")
    draft.refresh_from_db()
    assert draft.answers.get("culture_mission") != "让每一次联络都有温度"
    # the server stays out of reach while the page is closed (its last-gasp save fails too) …
    page.route("**/autosave/", lambda route: route.abort())
    page.context.set_offline(False)
    page.goto("about:blank")
    draft.refresh_from_db()
    assert draft.answers.get("culture_mission") != "让每一次联络都有温度"
    # … and when the page is opened again, the browser's copy comes back and is saved
    page.unroute("**/autosave/")
    page.goto(f"{base}/{draft.pk}/s/culture/")
    expect(page.locator('[name="culture_mission"]')).to_have_value("让每一次联络都有温度")
    expect(status).to_have_attribute("data-state", "saved", timeout=10_000)
    expect(status).to_contain_text("已保存于")
    draft.refresh_from_db()
    assert draft.answers["culture_mission"] == "让每一次联络都有温度"
