"""Two pages of the same section save the same answer: the second is shown both
values and chooses; in Chinese on a desktop and in English on a phone."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import login

APPLICANT_EMAIL = "applicant@demo.ccaward.cn"
SHOTS = os.environ.get("CCAWARD_SHOTS")  # a folder to keep the screenshots in


def shot(page, name, tmp_path):
    page.screenshot(path=str(Path(SHOTS or tmp_path) / f"{name}.png"), full_page=False)


def draft_of_applicant(season, center_name="东方联合银行冲突测试中心"):
    """A new draft for the demo applicant's enterprise."""
    from ccaward.applications import domain
    from ccaward.people.models import User

    applicant = User.objects.get(email=APPLICANT_EMAIL)
    return domain.start_application(
        season=season,
        category=season.categories.order_by("position").first(),
        by=applicant,
        organization=applicant.organizations.first(),
        center_name=center_name,
        industry="banking",
    )


def conflict_round(browser, live_server, demo_password, url, *, locale, viewport, tmp_path):
    context = browser.new_context(locale=locale, viewport=viewport)
    if locale == "en":
        from ccaward.people.models import User

        User.objects.filter(email=APPLICANT_EMAIL).update(language="en")
    first = context.new_page()
    login(first, live_server, APPLICANT_EMAIL, demo_password)
    first.goto(url)
    second = context.new_page()
    second.goto(url)
    mission_1 = first.locator('[name="culture_mission"]')
    mission_2 = second.locator('[name="culture_mission"]')
    saved = "已保存" if locale != "en" else "Saved"

    mission_1.fill(f"第一页的使命 {locale}")
    expect(first.locator("#save-status")).to_contain_text(saved, timeout=10_000)
    mission_2.fill(f"第二页的使命 {locale}")
    panel = second.locator("#save-conflicts")
    expect(panel).to_be_visible(timeout=10_000)
    expect(panel.locator(".conflict-mine")).to_have_text(f"第二页的使命 {locale}")
    expect(panel.locator(".conflict-theirs")).to_have_text(f"第一页的使命 {locale}")
    return context, first, second, panel


@pytest.mark.browser
def test_a_conflicting_save_shows_both_values_and_the_choice_is_saved(
    browser, live_server, demo, demo_password, tmp_path
):
    from ccaward.applications.models import Entry

    entry = draft_of_applicant(demo.season)
    url = f"{live_server.url}/seasons/{demo.season.slug}/applications/{entry.pk}/s/culture/"

    # Chinese, desktop: keep mine
    context, first, second, panel = conflict_round(
        browser,
        live_server,
        demo_password,
        url,
        locale="zh-CN",
        viewport={"width": 1366, "height": 900},
        tmp_path=tmp_path,
    )
    expect(panel).to_contain_text("本页打开后，这些回答已在别处被修改")
    shot(second, "conflict-zh-desktop", tmp_path)
    second.set_viewport_size({"width": 390, "height": 844})
    panel.scroll_into_view_if_needed()
    shot(second, "conflict-zh-phone", tmp_path)
    panel.locator("button.keep-mine").click()
    expect(panel).to_be_hidden()
    expect(second.locator("#save-status")).to_contain_text("已保存", timeout=10_000)
    assert Entry.objects.get(pk=entry.pk).answers["culture_mission"] == "第二页的使命 zh-CN"

    # the first page is stale now: its next change of the answer is a conflict; take theirs
    first.locator('[name="culture_mission"]').fill("第一页又改了")
    panel_1 = first.locator("#save-conflicts")
    expect(panel_1).to_be_visible(timeout=10_000)
    panel_1.locator("button.take-theirs").click()
    expect(first.locator('[name="culture_mission"]')).to_have_value("第二页的使命 zh-CN")
    expect(panel_1).to_be_hidden()
    assert Entry.objects.get(pk=entry.pk).answers["culture_mission"] == "第二页的使命 zh-CN"
    # the other answers of the section are saved as before
    first.locator('[name="culture_vision"]').fill("愿景")
    expect(first.locator("#save-status")).to_contain_text("已保存", timeout=10_000)
    assert Entry.objects.get(pk=entry.pk).answers["culture_vision"] == "愿景"
    context.close()

    # English, a 390 px phone: take theirs
    context, first, second, panel = conflict_round(
        browser,
        live_server,
        demo_password,
        url,
        locale="en",
        viewport={"width": 390, "height": 844},
        tmp_path=tmp_path,
    )
    expect(panel).to_contain_text("Someone else changed these answers")
    panel.scroll_into_view_if_needed()
    shot(second, "conflict-en-phone", tmp_path)
    second.set_viewport_size({"width": 1366, "height": 900})
    shot(second, "conflict-en-desktop", tmp_path)
    panel.locator("button.take-theirs").click()
    expect(second.locator('[name="culture_mission"]')).to_have_value("第一页的使命 en")
    assert Entry.objects.get(pk=entry.pk).answers["culture_mission"] == "第一页的使命 en"
    context.close()


def in_view(page, locator) -> bool:
    """Whether the top of `locator` is within the window (the person sees it)."""
    box = locator.bounding_box()
    height = page.viewport_size["height"]
    return box is not None and 0 <= box["y"] < height


@pytest.mark.browser
def test_on_a_phone_the_panel_comes_into_view_when_it_appears(
    browser, live_server, demo, demo_password, tmp_path
):
    entry = draft_of_applicant(demo.season)
    url = f"{live_server.url}/seasons/{demo.season.slug}/applications/{entry.pk}/s/culture/"
    context, _first, second, panel = conflict_round(
        browser,
        live_server,
        demo_password,
        url,
        locale="zh-CN",
        viewport={"width": 390, "height": 844},
        tmp_path=tmp_path,
    )
    assert in_view(second, panel)  # the page brought it where the person looks
    shot(second, "conflict-js-zh-phone-appeared", tmp_path)
    context.close()


def no_script_round(browser, live_server, demo_password, season, *, locale, viewport, tmp_path):
    """A page without JavaScript saves an answer that was saved elsewhere meanwhile."""
    from ccaward.applications import domain
    from ccaward.applications.models import Entry
    from ccaward.people.models import User

    applicant = User.objects.get(email=APPLICANT_EMAIL)
    User.objects.filter(pk=applicant.pk).update(language="en" if locale == "en" else "zh-hans")
    entry = draft_of_applicant(season, f"无脚本测试中心 {locale} {viewport['width']}")
    url = f"{live_server.url}/seasons/{season.slug}/applications/{entry.pk}/s/culture/"
    context = browser.new_context(locale=locale, viewport=viewport, java_script_enabled=False)
    page = context.new_page()
    login(page, live_server, APPLICANT_EMAIL, demo_password)
    page.goto(url)
    domain.save_answers(
        entry=Entry.objects.get(pk=entry.pk),
        by=applicant,
        answers={"culture_mission": "别处的使命"},
    )
    page.locator('[name="culture_mission"]').fill("本页的使命")
    page.locator('[name="culture_vision"]').fill("本页的愿景")
    with page.expect_navigation():
        page.locator('button[name="save"]:not(.default-submit)').click()
    panel = page.locator("#save-conflicts")
    expect(panel).to_be_visible()
    expect(panel.locator(".conflict-mine")).to_have_text("本页的使命")
    expect(panel.locator(".conflict-theirs")).to_have_text("别处的使命")
    assert in_view(page, panel)
    return context, page, panel, entry


@pytest.mark.browser
def test_without_javascript_a_conflict_offers_the_same_choice(
    browser, live_server, demo, demo_password, tmp_path
):
    from ccaward.applications.models import Entry

    # Chinese: desktop and phone, keep mine
    for name, viewport in (("desktop", {"width": 1366, "height": 900}), ("phone", PHONE)):
        context, page, panel, entry = no_script_round(
            browser,
            live_server,
            demo_password,
            demo.season,
            locale="zh-CN",
            viewport=viewport,
            tmp_path=tmp_path,
        )
        expect(panel).to_contain_text("本页打开后，这些回答已在别处被修改")
        expect(panel.locator("button.keep-mine")).to_have_text("保留我的")
        shot(page, f"conflict-nojs-zh-{name}", tmp_path)
        with page.expect_navigation():
            panel.locator("button.keep-mine").click()
        answers = Entry.objects.get(pk=entry.pk).answers
        assert (answers["culture_mission"], answers["culture_vision"]) == (
            "本页的使命",
            "本页的愿景",
        )
        context.close()
    # English: desktop and phone, take theirs
    for name, viewport in (("desktop", {"width": 1366, "height": 900}), ("phone", PHONE)):
        context, page, panel, entry = no_script_round(
            browser,
            live_server,
            demo_password,
            demo.season,
            locale="en",
            viewport=viewport,
            tmp_path=tmp_path,
        )
        expect(panel).to_contain_text("Someone else changed these answers")
        shot(page, f"conflict-nojs-en-{name}", tmp_path)
        with page.expect_navigation():
            panel.locator("button.take-theirs").click()
        answers = Entry.objects.get(pk=entry.pk).answers
        assert (answers["culture_mission"], answers["culture_vision"]) == (
            "别处的使命",
            "本页的愿景",
        )
        context.close()


PHONE = {"width": 390, "height": 844}


@pytest.mark.browser
def test_a_refused_save_is_said_and_not_sent_again_on_a_timer(
    browser, live_server, demo, demo_password
):
    """A NUL pasted into an answer (a 500 on PostgreSQL once, retried every 5 s) and a
    save over the size limit are refused with a message; the page sends them again
    only after the next edit."""
    from ccaward.applications.models import Entry

    entry = draft_of_applicant(demo.season, "控制字符测试中心")
    url = f"{live_server.url}/seasons/{demo.season.slug}/applications/{entry.pk}/s/culture/"
    context = browser.new_context(locale="zh-CN", viewport={"width": 1366, "height": 900})
    page = context.new_page()
    login(page, live_server, APPLICANT_EMAIL, demo_password)
    page.goto(url)
    sent = []
    page.on("request", lambda r: sent.append(r.url) if r.url.endswith("/autosave/") else None)
    status = page.locator("#save-status")
    for value, said in (
        ("客户\x00至上", "（U+0000）"),  # the applicant reads Chinese
        ("x" * (3 * 1024 * 1024), "2560 KB"),
    ):
        sent.clear()
        page.locator('[name="culture_mission"]').evaluate(
            "(el, v) => { el.value = v; el.dispatchEvent(new Event('input', {bubbles: true})); }",
            value,
        )
        expect(status).to_contain_text(said, timeout=15_000)
        assert status.get_attribute("data-state") == "error"
        page.wait_for_timeout(7_000)  # longer than the retry of a failed connection
        assert len(sent) == 1, sent
    assert "culture_mission" not in (Entry.objects.get(pk=entry.pk).answers or {})
    context.close()


@pytest.mark.browser
def test_a_server_error_while_saving_is_not_shown_as_offline(
    browser, live_server, demo, demo_password
):
    entry = draft_of_applicant(demo.season, center_name="东方联合银行服务器错误测试中心")
    url = f"{live_server.url}/seasons/{demo.season.slug}/applications/{entry.pk}/s/culture/"
    context = browser.new_context(locale="zh-CN", viewport={"width": 390, "height": 844})
    try:
        page = context.new_page()
        login(page, live_server, APPLICANT_EMAIL, demo_password)
        page.goto(url)
        # the server answers the autosave with an error page, as a crash would
        page.route(
            "**/autosave/",
            lambda route: route.fulfill(status=500, content_type="text/html", body="<h1>500</h1>"),
        )
        page.locator('[name="culture_mission"]').fill("服务器出错时填写的使命")
        status = page.locator("#save-status")
        expect(status).to_contain_text("服务器未能保存", timeout=10_000)
        # the connection itself gone: the offline message
        page.unroute("**/autosave/")
        page.route("**/autosave/", lambda route: route.abort())
        page.locator('[name="culture_mission"]').fill("断网时填写的使命")
        expect(status).to_contain_text("网络已断开", timeout=10_000)
    finally:
        context.close()
