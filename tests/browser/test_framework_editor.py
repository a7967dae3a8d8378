"""The framework editor in a real browser: an organizer builds a small framework
from scratch, reorders, removes, saves, and the page, the database and the API
agree."""

from __future__ import annotations

from decimal import Decimal

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import ORGANIZER_EMAIL, login


def dimension(page, n):
    return page.locator("fieldset.dimension").nth(n)


def names_of(dim):
    """The Chinese names of a dimension's criteria, in the page's order."""
    return dim.locator("li.crit input[id$=-name_zh]").evaluate_all("els => els.map(e => e.value)")


def press(page, button):
    """Click a button of the editor and wait until htmx has swapped and settled the
    editor (the response alone is not enough: a field filled before the swap is
    replaced by the new editor)."""
    page.evaluate(
        """() => { document.body.dataset.settled = "no";
        document.body.addEventListener('htmx:afterSettle', (e) => {
            if (e.detail.target && e.detail.target.id === 'framework-editor')
                document.body.dataset.settled = "yes"; });
        }"""
    )
    with page.expect_response(lambda r: r.request.method == "POST" and "/framework/" in r.url):
        button.click()
    expect(page.locator("body")).to_have_attribute("data-settled", "yes")


@pytest.mark.browser
def test_organizer_builds_a_framework_in_the_page(page, live_server, demo, demo_password):
    from ccaward.people import domain as people
    from ccaward.seasons.models import Season

    login(page, live_server, ORGANIZER_EMAIL, demo_password)
    slug = demo.season.slug
    page.goto(f"{live_server.url}/seasons/{slug}/framework/")
    page.on("dialog", lambda dialog: dialog.accept())
    total = page.locator("#weight-total")
    expect(total).to_have_class("weight-total total-ok")

    press(page, page.get_by_role("button", name="从空白评价体系开始"))
    expect(page.locator("fieldset.dimension")).to_have_count(0)
    press(page, page.locator("#add-dimension"))
    expect(dimension(page, 0).get_by_label("名称（中文）")).to_be_focused()
    press(page, page.locator("#add-dimension"))
    first, second = dimension(page, 0), dimension(page, 1)
    first.get_by_label("名称（中文）").fill("服务体验")
    first.locator("input.weight-input").fill("60")
    second.get_by_label("名称（中文）").fill("运营效率")
    second.locator("input.weight-input").fill("40")
    expect(total).to_contain_text("100 / 100")
    expect(total).not_to_have_class("weight-total total-ok")  # no criteria yet

    press(page, first.get_by_role("button", name="添加二级指标"))
    press(page, first.get_by_role("button", name="添加二级指标"))
    press(page, second.get_by_role("button", name="添加二级指标"))
    crits = page.locator("li.crit")
    expect(crits).to_have_count(3)
    crits.nth(0).get_by_label("二级指标（中文）").fill("客户满意")
    crits.nth(1).get_by_label("二级指标（中文）").fill("服务印象")
    crits.nth(1).get_by_label("专家评分").fill("50")
    crits.nth(1).get_by_label("电话暗访").fill("50")
    kpi = crits.nth(2)
    kpi.get_by_label("二级指标（中文）").fill("接通率")
    kpi.get_by_label("专家评分").fill("60")
    kpi.get_by_label("KPI", exact=True).fill("40")
    # a KPI share needs its indicator: said at the field, and the box is not green
    expect(page.locator("[id^=err-crit-][id$=-indicator]").last).to_contain_text("运营指标")
    expect(total).not_to_have_class("weight-total total-ok")
    kpi.get_by_label("KPI 运营指标").select_option("answer_rate")
    expect(total).to_have_class("weight-total total-ok")

    # reorder: the second dimension first, the first dimension's criteria swapped
    press(page, dimension(page, 1).get_by_role("button", name="上移 运营效率"))
    expect(dimension(page, 0).get_by_label("名称（中文）")).to_have_value("运营效率")
    press(page, dimension(page, 1).get_by_role("button", name="下移 客户满意"))
    assert names_of(dimension(page, 1)) == ["服务印象", "客户满意"]
    # remove one: a criterion added by mistake
    press(page, dimension(page, 1).get_by_role("button", name="添加二级指标"))
    dimension(page, 1).locator("li.crit").last.get_by_label("二级指标（中文）").fill("多余")
    press(page, dimension(page, 1).get_by_role("button", name="删除 多余"))
    expect(dimension(page, 1).locator("li.crit")).to_have_count(2)
    expect(total).to_have_class("weight-total total-ok")

    with page.expect_navigation():
        page.locator(".form-actions button.primary").click()
    expect(page.locator(".messages .msg.success")).to_be_visible()

    # what the page shows after the save is what was built, and what is stored
    shown = [
        (
            dimension(page, i).get_by_label("名称（中文）").input_value(),
            dimension(page, i).locator("input.weight-input").input_value(),
            names_of(dimension(page, i)),
        )
        for i in range(page.locator("fieldset.dimension").count())
    ]
    assert shown == [("运营效率", "40", ["接通率"]), ("服务体验", "60", ["服务印象", "客户满意"])]
    expect(page.locator("li.crit").first.get_by_label("KPI 运营指标")).to_have_value("answer_rate")
    fw = Season.objects.get(slug=slug).current_framework().to_engine()
    assert [(d.name_zh, d.weight) for d in fw.dimensions] == [
        ("运营效率", Decimal(40)),
        ("服务体验", Decimal(60)),
    ]
    stored_kpi = fw.dimensions[0].criteria[0]
    assert (stored_kpi.evidence, stored_kpi.indicator) == (
        {"judge": Decimal(60), "kpi": Decimal(40)},
        "answer_rate",
    )

    # the API sees the same framework
    _token, plain = people.issue_token(user=demo.users["organizer"], name="browser test")
    response = page.request.get(
        f"{live_server.url}/api/seasons/{slug}/framework",
        headers={"Authorization": f"Bearer {plain}"},
    )
    body = response.json()
    assert [
        (d["name_zh"], d["weight"], [c["name_zh"] for c in d["criteria"]])
        for d in body["dimensions"]
    ] == [("运营效率", "40.00", ["接通率"]), ("服务体验", "60.00", ["服务印象", "客户满意"])]
    assert body["dimensions"][0]["criteria"][0]["indicator"] == "answer_rate"
