"""Each role's home page of the season says what it has to do and by when, and
shows none of the organizers' material; the framework reads as a document for
those who do not edit it."""

from __future__ import annotations

from django.urls import reverse

from tests.factories import make_entry


def home(client, season):
    response = client.get(reverse("seasons:dashboard", args=[season.slug]))
    assert response.status_code == 200
    return response, response.content.decode()


def menu(html):
    start = html.index('class="seasonnav"')
    return html[start : html.index("</nav>", start)]


ORGANIZER_MATERIAL = ("管理奖项类别", "tl-counts", "最近变更", "人员与角色", "编辑评选活动")


def test_the_applicant_sees_their_entries_what_is_missing_and_the_deadlines(
    season, organizer, applicant, as_user
):
    draft = make_entry(season=season, by=organizer, status="draft", name="东方申报中心")
    draft.center.organization.members.add(applicant)
    other = make_entry(season=season, by=organizer, name="别家中心")
    response, html = home(as_user(applicant), season)
    assert [t.name for t in response.templates][0] == "seasons/home.html"
    assert "东方申报中心" in html and other.center.name not in html
    assert "尚待完成" in html
    assert f"/applications/{draft.pk}/s/" in html  # a link to a section still missing
    assert f"/applications/{draft.pk}/review/" in html
    assert "企业报名开放至" in html  # the registration deadline
    assert "您的 KPI 数据" in html and "尚未上传记录" in html
    assert "参评单位成员" in html
    for text in ORGANIZER_MATERIAL:
        assert text not in html, text


def test_the_judge_sees_recommendations_entries_to_read_and_judging(
    season, organizer, judge, as_user
):
    make_entry(season=season, by=organizer)
    response, html = home(as_user(judge), season)
    assert "您的推荐" in html
    assert "1 份已提交的申报可供您阅读" in html
    assert "入户评审" in html  # the judging stage and when it opens
    for text in ORGANIZER_MATERIAL:
        assert text not in html, text


def test_the_shopper_sees_when_mystery_calls_open_and_no_empty_tabs(season, shopper, as_user):
    response, html = home(as_user(shopper), season)
    stage = season.stages.get(kind="mystery_calls")
    assert "您的暗访任务" in html
    assert stage.opens_at.strftime("%Y-%m-%d") in html
    nav = menu(html)
    assert "/applications/" not in nav and "/entries/" not in nav and "/people/" not in nav
    for text in ORGANIZER_MATERIAL:
        assert text not in html, text


def test_the_home_page_reads_in_english(season, shopper, client_en):
    response, html = home(client_en(shopper), season)
    assert "Your mystery calls" in html and "You take part as:" in html


def test_the_organizer_keeps_the_dashboard(season, organizer, as_user):
    response, html = home(as_user(organizer), season)
    assert [t.name for t in response.templates][0] == "seasons/dashboard.html"
    assert "seasons/_recent_changes.html" in [t.name for t in response.templates]


def test_non_editors_read_the_framework_as_a_document(season, organizer, applicant, as_user):
    url = reverse("seasons:framework", args=[season.slug])
    page = as_user(applicant).get(url).content.decode()
    html = page[page.index("<main") :]
    dims = list(season.current_framework().dimensions.all())
    assert "<input" not in html and "disabled" not in html
    for dim in dims:
        assert dim.name_zh in html
    assert "评分依据" in html and "权重" in html
    assert "评审开始前可随时修改评价体系" not in html
    editor = as_user(organizer).get(url).content.decode()
    assert editor[editor.index("<main") :].count("<input") > 50
