"""Pipeline apps are found, not listed: their URLs, API routers, menu links and
audit labels come from the apps themselves (core/plugins.py, core/nav.py)."""

from __future__ import annotations

from importlib import import_module

from django.urls import resolve, reverse

from ccaward.core.api import api
from ccaward.core.models import ACTION_LABELS
from ccaward.core.plugins import stage_apps


def test_the_pipeline_apps_in_order():
    assert [a.label for a in stage_apps()] == [
        "people",
        "seasons",
        "applications",
        "kpis",
        "recommendations",
        "judging",
        "visits",
        "mystery",
        "reviews",
        "deliberation",
        "poll",
        "results",
    ]


def test_each_apps_urls_are_mounted_under_its_prefix(season):
    assert reverse("people:login").startswith("/accounts/")
    for name in ("seasons:dashboard", "applications:list", "kpis:entries", "recommendations:list"):
        url = reverse(name, args=[season.slug])
        assert url.startswith(f"/seasons/{season.slug}/")
        assert resolve(url).view_name == name


def test_each_apps_api_router_is_mounted():
    paths = set(api.get_openapi_schema()["paths"])
    assert "/api/seasons" in paths
    assert "/api/seasons/{slug}/entries" in paths
    assert "/api/seasons/{slug}/recommendations" in paths


def test_audit_labels_come_from_the_apps():
    found = {}
    for app in stage_apps():
        if app.has("audit_labels"):
            found.update(import_module(f"{app.name}.audit_labels").AUDIT_LABELS)
    assert {"entry.submitted", "recommendation.created", "kpi.uploaded"} <= set(found)
    assert {k: ACTION_LABELS[k] for k in found} == found
    assert str(ACTION_LABELS["kpi.uploaded"]) == "上传了话务记录"


def _menu(client, season):
    html = client.get(reverse("seasons:dashboard", args=[season.slug])).content.decode()
    nav = html[
        html.index('class="seasonnav"') : html.index("</nav>", html.index('class="seasonnav"'))
    ]
    return [part.split(">", 1)[1].split("<", 1)[0] for part in nav.split("<a ")[1:]], nav


def test_the_menu_shows_what_the_person_may_open(as_user, organizer, applicant, season):
    links, nav = _menu(as_user(organizer), season)
    assert links == [
        "概览",
        "阶段",
        "奖项类别",
        "评价体系",
        "申报",
        "电话暗访",
        "KPI 数据",
        "专家推荐",
        "标杆测评",
        "评委",
        "评审分配",
        "评审进度",
        "评分汇总",
        "集中评议",
        "票选",
        "网络投票",
        "结果公布",
        "人员",
        "审计日志",
    ]
    assert nav.count('aria-current="page"') == 1
    assert f'href="/seasons/{season.slug}/" aria-current="page"' in nav
    links, _ = _menu(as_user(applicant), season)
    # no 人员: the people page is the organizers' (issue 11, a dead end for applicants)
    assert links == ["概览", "奖项类别", "评价体系", "申报", "KPI 数据"]


def test_the_current_page_is_marked_for_every_page_of_an_app(as_user, applicant, season):
    client = as_user(applicant)
    html = client.get(reverse("applications:start", args=[season.slug])).content.decode()
    nav = html[html.index('class="seasonnav"') :]
    assert nav.count('aria-current="page"') == 1
    assert f'href="/seasons/{season.slug}/applications/" aria-current="page"' in nav
