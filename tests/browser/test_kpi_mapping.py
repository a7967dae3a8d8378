"""An applicant maps an export with its own columns in the KPI page's mapping step,
previews it, saves the mapping and reuses it on the next upload, in a real browser."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from tests.browser.conftest import login
from tests.kpis.test_mapping_step import OWN

APPLICANT_EMAIL = "applicant@demo.ccaward.cn"
TIME = "%d/%m/%Y %H:%M:%S"


@pytest.mark.browser
def test_applicant_maps_own_columns_previews_saves_and_reuses(
    page, live_server, demo, demo_password, tmp_path
):
    from ccaward.kpis.models import ColumnMapping, InteractionUpload

    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    entry = demo.entries[0]
    url = f"{live_server.url}/seasons/{demo.season.slug}/entries/{entry.pk}/kpi/"
    login(page, live_server, APPLICANT_EMAIL, demo_password)
    page.goto(url)
    own = tmp_path / "own_acd.csv"
    own.write_text(OWN, encoding="utf-8")
    page.set_input_files("input[name=file]", str(own))
    page.select_option("select[name=mapping]", "own:new")
    with page.expect_navigation():
        page.locator("button.primary", has_text="上传").click()
    assert "/mapping/" in page.url
    # the file's columns and first rows, as they are
    sample = page.locator("#sample table")
    expect(sample).to_contain_text("CallRef")
    expect(sample).to_contain_text("02/03/2026 09:00:00")

    form = page.locator("form.mapping-form")
    form.locator("select[name=src_contact_id]").select_option("CallRef")
    form.locator("input[name=const_center]").fill("东方")
    form.locator("input[name=const_channel]").fill("voice")
    for field, column in (
        ("arrived_at", "Start"),
        ("queued_at", "Waiting"),
        ("answered_at", "Answer"),
        ("ended_at", "End"),
    ):
        form.locator(f"select[name=src_{field}]").select_option(column)
        form.locator(f"input[name=fmt_{field}]").fill(TIME)
    form.locator("select[name=src_talk_s]").select_option("Talk")
    form.locator("select[name=src_outcome]").select_option("Result")
    form.locator("fieldset:has(textarea[name=values_outcome]) summary").click()
    form.locator("textarea[name=values_outcome]").fill("OK = resolved\nABN = abandoned")
    with page.expect_navigation():
        form.locator("button[name=action][value=preview]").click()
    parsed = page.locator("#preview table.parsed")
    expect(parsed).to_contain_text("2026-03-02 09:00:00")  # the dates, read with the format
    expect(parsed).to_contain_text("abandoned")  # the value map applied
    expect(page.locator("#preview")).to_contain_text("未发现问题")
    assert not ColumnMapping.objects.exists()

    page.locator("input[name=name]").fill("我们的 ACD")
    with page.expect_navigation():
        page.locator("button[name=action][value=save]").click()
    assert page.url.endswith(f"/entries/{entry.pk}/kpi/")
    expect(page.locator(".messages")).to_contain_text("我们的 ACD")
    mapping = ColumnMapping.objects.get(center=entry.center)
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    assert InteractionUpload.objects.get(original_name="own_acd.csv").status == "done"

    # the next upload: the saved mapping is offered and computes straight away
    page.goto(url)
    again = tmp_path / "own_acd_april.csv"
    again.write_text(OWN, encoding="utf-8")
    page.set_input_files("input[name=file]", str(again))
    page.select_option("select[name=mapping]", f"own:{mapping.pk}")
    with page.expect_navigation():
        page.locator("button.primary", has_text="上传").click()
    assert "/mapping/" not in page.url  # no mapping step: the saved mapping reads it
    expect(page.locator(".messages")).to_contain_text("own_acd_april.csv")
    upload = InteractionUpload.objects.get(original_name="own_acd_april.csv")
    assert (upload.status, upload.column_mapping_id) == ("queued", mapping.pk)
    assert errors == []
