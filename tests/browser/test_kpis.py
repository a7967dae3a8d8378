"""An applicant uploads interaction records and reads the KPI page, in a real browser."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from tests.browser.conftest import login
from tests.kpis.test_kpis import HEADER, ROWS

APPLICANT_EMAIL = "applicant@demo.ccaward.cn"


@pytest.mark.browser
def test_applicant_uploads_records_and_sees_the_figures(
    page, live_server, demo, demo_password, tmp_path
):
    from ccaward.kpis.models import InteractionUpload

    errors = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    entry = demo.entries[0]  # the demo applicant's own entry
    url = f"{live_server.url}/seasons/{demo.season.slug}/entries/{entry.pk}/kpi/"
    login(page, live_server, APPLICANT_EMAIL, demo_password)
    page.goto(url)
    expect(page.locator(".chart canvas").first).to_be_visible()  # the demo's figures, drawn
    assert errors == []

    records = tmp_path / "records.csv"
    records.write_text(HEADER + ROWS, encoding="utf-8")
    page.set_input_files("input[name=file]", str(records))
    page.select_option("select[name=mapping]", "standard")
    with page.expect_navigation():
        page.locator("button.primary", has_text="上传").click()
    expect(page.locator(".messages")).to_contain_text("records.csv")
    expect(page.locator(".job").first).to_be_visible()  # the progress bar of the queued job

    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    assert (
        InteractionUpload.objects.filter(entry=entry, original_name="records.csv").get().status
        == "done"
    )
    page.goto(url)
    # the new upload's figures now stand in the table: 3 offered, 2 answered
    row = page.locator("table.kpi-table tr", has_text="呼入量").first
    expect(row).to_contain_text("3")
    expect(page.locator("table.kpi-table")).to_contain_text("66.7 %")
    expect(page.locator(".chart canvas").first).to_be_visible()
    assert errors == []


@pytest.mark.browser
def test_the_kpi_page_draws_its_charts_with_the_small_echarts_build(
    page, live_server, demo, demo_password
):
    """The page loads the custom ECharts build (line, bar, boxplot, scatter), not the
    full one, and each chart is drawn on a canvas with the series its option names."""
    errors, scripts = [], []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on(
        "response",
        lambda r: (
            scripts.append((r.url.rsplit("/", 1)[-1], len(r.body())))
            if r.request.resource_type == "script"
            else None
        ),
    )
    login(page, live_server, "organizer@demo.ccaward.cn", demo_password)
    page.goto(f"{live_server.url}/seasons/{demo.season.slug}/entries/{demo.entries[0].pk}/kpi/")
    charts = page.locator("[data-chart][data-drawn]")
    expect(charts).to_have_count(3)
    drawn = page.evaluate(
        """() => [...document.querySelectorAll('[data-chart]')].map(el => ({
            canvas: el.querySelectorAll('canvas').length,
            series: echarts.getInstanceByDom(el).getOption().series.map(s => s.type),
            points: echarts.getInstanceByDom(el).getOption().series.map(s => s.data.length),
        }))"""
    )
    assert [c["series"] for c in drawn] == [
        ["line", "line"],
        ["bar", "line"],
        ["boxplot", "scatter"],
    ]
    assert all(c["canvas"] == 1 and all(c["points"]) for c in drawn), drawn
    names = dict(scripts)
    assert "echarts.kpi.min.js" in names and "echarts.min.js" not in names, names
    assert names["echarts.kpi.min.js"] < 700_000  # the full build is 1 MB
    assert errors == []
