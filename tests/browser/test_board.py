"""The deliberation board in a real browser on the demo: each entry's radar is drawn
by the vendored ECharts under the strict CSP (no inline script, no violation), and a
panel comment is added and deleted through htmx without leaving the page."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

ORGANIZER_EMAIL = "organizer@demo.ccaward.cn"
JUDGE_EMAIL = "judge@demo.ccaward.cn"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


def watch(page) -> list[str]:
    """Console errors and CSP violations the page reports from now on."""
    found: list[str] = []
    page.on("console", lambda m: found.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: found.append(str(e)))
    return found


def open_deliberation(season, organizer):
    from ccaward.seasons import domain as seasons
    from ccaward.seasons.enums import StageKind

    seasons.override_stage(
        stage=season.stages.get(kind=StageKind.DELIBERATION),
        by=organizer,
        action="open",
        reason="集中评议",
    )


@pytest.mark.browser
@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_the_radar_is_drawn_under_the_csp(live_server, demo, signed_in_page, viewport):
    page = signed_in_page(ORGANIZER_EMAIL, viewport)
    errors = watch(page)
    page.goto(f"{live_server.url}/seasons/{demo.season.slug}/deliberation/board/")
    rows = page.locator(".delib-ranking tbody tr:not(.quota-line)")
    expect(rows.first).to_be_visible()
    expect(page.locator(".delib-ranking tr.quota-line")).to_have_count(1)
    # a closed section has no size: nothing is drawn until it is opened
    assert page.locator("[data-radar][data-drawn]").count() == 0
    page.locator(".delib-ranking tbody th a").first.click()  # opens its section
    radar = page.locator("details.delib-entry[open] [data-radar][data-drawn]")
    expect(radar).to_have_count(1)
    expect(radar.locator("canvas").first).to_be_visible()
    drawn = radar.evaluate(
        """el => { const o = echarts.getInstanceByDom(el).getOption();
                   return {type: o.series[0].type, axes: o.radar[0].indicator.length,
                           lines: o.series[0].data.length}; }"""
    )
    assert drawn == {"type": "radar", "axes": 9, "lines": 2}
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= viewport["width"], f"the page is {width} px wide"
    assert not [e for e in errors if "Content Security Policy" in e or "echarts" in e], errors
    assert page.locator("script:not([src])").count() == 0


@pytest.mark.browser
def test_a_judge_comments_through_htmx_and_deletes_it(live_server, demo, signed_in_page):
    open_deliberation(demo.season, demo.users["organizer"])
    page = signed_in_page(JUDGE_EMAIL, DESKTOP)
    errors = watch(page)
    page.goto(f"{live_server.url}/seasons/{demo.season.slug}/deliberation/board/")
    page.evaluate("window.__stayed = true")  # gone if the page were loaded again
    section = page.locator("details.delib-entry:has(textarea)").first
    section.locator("summary").click()
    comments = section.locator(".delib-comments")
    comments.locator("textarea[name=text]").fill("建议补充全渠道满意度的分渠道数据。")
    with page.expect_response(lambda r: r.request.method == "POST" and "/comments/" in r.url):
        comments.get_by_role("button", name="发表意见").click()
    mine = section.locator(".delib-comment", has_text="建议补充全渠道满意度的分渠道数据。")
    expect(mine).to_be_visible()
    expect(section.locator("textarea[name=text]")).to_have_value("")
    assert page.evaluate("window.__stayed === true")
    with page.expect_response(lambda r: r.request.method == "POST" and "/delete/" in r.url):
        mine.get_by_role("button", name="删除").click()
    expect(mine).to_have_count(0)
    assert page.evaluate("window.__stayed === true")
    assert not errors, errors
