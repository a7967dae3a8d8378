"""Recommendations need 专家推荐 open: refused while it is closed through the
page, the API and the CLI (nothing is stored); an organizer's correction passes
and the audit log says so; judges still see their recommendations."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from ccaward import cli
from ccaward.core.errors import StageClosed
from ccaward.core.models import AuditEvent
from ccaward.recommendations import domain
from ccaward.recommendations.models import Recommendation
from ccaward.seasons import domain as seasons
from ccaward.seasons import gates
from ccaward.seasons.enums import StageKind

CORRECTION = "organizer correction while closed: recommendation"


def url(name, season):
    return reverse(f"recommendations:{name}", args=[season.slug])


def api_url(season):
    return f"/api/seasons/{season.slug}/recommendations"


def set_stage(season, organizer, action):
    stage = season.stages.get(kind=StageKind.RECOMMENDATION)
    seasons.override_stage(stage=stage, by=organizer, action=action, reason="推荐已截止")


def closed_message(season, language="zh-hans"):
    with translation.override(language):
        return gates.closed(season, StageKind.RECOMMENDATION).message


def values(category):
    return {
        "category": category.pk,
        "center_name": "海川证券智能客服中心",
        "organization_name": "海川证券股份有限公司",
        "contact_name": "林晓",
        "contact_email": "linxiao@haichuan.example.cn",
        "contact_phone": "021-6888 1000",
        "reason": "智能语音导航上线一年,自助解决率明显提升。",
    }


def cli_args(season, email, category):
    return [
        "recommend",
        season.slug,
        "--as",
        email,
        "--category",
        str(category.pk),
        "--center",
        "南岭燃气客户服务热线",
        "--organization",
        "南岭燃气集团有限公司",
        "--contact",
        "黄海涛",
        "--contact-email",
        "Huang@Nanling.example.cn",
        "--reason",
        "抢修派单与热线联动,服务口碑好。",
    ]


# ---- the page ---------------------------------------------------------------


def test_the_page_refuses_a_judges_recommendation_while_the_stage_is_closed(
    as_user, organizer, judge, season, category
):
    set_stage(season, organizer, "closed")
    client = as_user(judge)
    for response in (
        client.get(url("create", season)),
        client.post(url("create", season), values(category)),
    ):
        assert response.status_code == 409
        assert [t.name for t in response.templates][0] == "core/stage_closed.html"
        assert response.context["closed"].kinds == (StageKind.RECOMMENDATION,)
        html = response.content.decode()
        assert f"<h1>{StageKind.RECOMMENDATION.label}未开放</h1>" in html
        assert 'href="mailto:organizer@example.cn"' in html
    assert not Recommendation.objects.exists()


def test_the_page_takes_a_judges_recommendation_again_once_the_stage_reopens(
    as_user, organizer, judge, season, category
):
    set_stage(season, organizer, "closed")
    set_stage(season, organizer, "open")
    response = as_user(judge).post(url("create", season), values(category))
    assert response.status_code == 302
    rec = Recommendation.objects.get()
    event = AuditEvent.objects.get(action="recommendation.created", object_id=str(rec.pk))
    assert "correction" not in event.data


def test_a_judge_still_sees_their_recommendations_while_the_stage_is_closed(
    as_user, organizer, judge, season, category
):
    mine = domain.recommend(season=season, by=judge, **values(category) | {"category": category})
    set_stage(season, organizer, "closed")
    response = as_user(judge).get(url("list", season))
    assert response.status_code == 200
    assert list(response.context["recommendations"]) == [mine]
    assert response.context["can_recommend"] is False
    html = response.content.decode()
    assert url("create", season) not in html  # no way to a new one
    notice = html.split('id="stage-closed"', 1)[1].split("</div>", 1)[0]
    assert f"{StageKind.RECOMMENDATION.label}未开放：现在不能提交新的推荐。" in notice
    # closed early: the dates alone would say it is open, so the row says why not
    assert "由主办方提前关闭" in notice
    assert 'href="mailto:organizer@example.cn"' in notice
    assert f'href="{url("list", season)}" aria-current="page"' in html  # still in the menu
    assert "海川证券智能客服中心" in html


def test_the_list_offers_a_new_recommendation_while_the_stage_is_open(as_user, judge, season):
    response = as_user(judge).get(url("list", season))
    assert response.context["closed"] is None
    html = response.content.decode()
    assert f'href="{url("create", season)}"' in html
    assert 'id="stage-closed"' not in html


def test_an_organizers_correction_passes_and_the_audit_log_says_so(
    as_user, organizer, season, category
):
    set_stage(season, organizer, "closed")
    client = as_user(organizer)
    page = client.get(url("list", season)).content.decode()
    assert (
        f'<p class="msg warning" id="stage-closed">{StageKind.RECOMMENDATION.label}未开放。'
        "作为主办方，您仍可登记推荐；审计日志会将其记为更正。</p>"
    ) in page
    assert f'href="{url("create", season)}"' in page
    response = client.post(url("create", season), values(category))
    assert response.status_code == 302
    rec = Recommendation.objects.get()
    assert rec.recommended_by == organizer
    event = AuditEvent.objects.get(action="recommendation.created", object_id=str(rec.pk))
    assert event.data["correction"] == CORRECTION


def test_the_domain_refuses_a_judge_and_lets_an_organizer_correct(
    organizer, judge, season, category
):
    set_stage(season, organizer, "closed")
    rec_values = values(category) | {"category": category}
    with pytest.raises(StageClosed) as info:
        domain.recommend(season=season, by=judge, **rec_values)
    assert info.value.kinds == (StageKind.RECOMMENDATION,)
    assert not Recommendation.objects.exists()
    rec = domain.recommend(season=season, by=organizer, **rec_values)
    event = AuditEvent.objects.get(action="recommendation.created", object_id=str(rec.pk))
    assert event.data["correction"] == CORRECTION


# ---- the API ------------------------------------------------------------------


def test_the_api_answers_409_stage_closed_and_still_lists(api, organizer, judge, season, category):
    set_stage(season, organizer, "closed")
    client = api(judge)
    response = client.post(api_url(season), values(category), content_type="application/json")
    assert response.status_code == 409
    assert response.json() == {
        "error": {
            "code": "stage_closed",
            "message": closed_message(season),
            "fields": {"stage": ["recommendation"]},
        }
    }
    assert not Recommendation.objects.exists()
    listed = client.get(api_url(season))
    assert (listed.status_code, listed.json()) == (200, [])


def test_the_api_takes_an_organizers_correction(api, organizer, season, category):
    set_stage(season, organizer, "closed")
    response = api(organizer).post(
        api_url(season), values(category), content_type="application/json"
    )
    assert response.status_code == 201
    event = AuditEvent.objects.get(action="recommendation.created")
    assert (event.object_id, event.data["correction"]) == (str(response.json()["id"]), CORRECTION)


def test_the_api_still_refuses_an_applicant_with_403(api, applicant, season, category):
    response = api(applicant).post(
        api_url(season), values(category), content_type="application/json"
    )
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "forbidden"


# ---- the CLI ------------------------------------------------------------------


def test_the_cli_records_a_judges_recommendation_while_the_stage_is_open(
    capsys, judge, season, category
):
    assert cli.main(cli_args(season, judge.email, category)) == 0
    rec = Recommendation.objects.get()
    assert (rec.recommended_by, rec.category, rec.contact_email) == (
        judge,
        category,
        "huang@nanling.example.cn",
    )
    out = capsys.readouterr().out
    assert out == (
        f"{season.slug}: recommendation {rec.pk} recorded: 南岭燃气客户服务热线 → 最佳客户中心\n"
    )


def test_the_cli_refuses_while_the_stage_is_closed_with_the_message(
    capsys, organizer, judge, season, category
):
    set_stage(season, organizer, "closed")
    assert cli.main(cli_args(season, judge.email, category)) == 2
    err = capsys.readouterr().err
    assert err == f"ccaward recommend: error: {closed_message(season, 'en')}\n"
    assert err.startswith("ccaward recommend: error: Expert recommendation is not open")
    assert not Recommendation.objects.exists()


def test_the_cli_lets_an_organizer_correct_and_the_audit_log_says_so(organizer, season, category):
    set_stage(season, organizer, "closed")
    assert cli.main(cli_args(season, organizer.email, category)) == 0
    event = AuditEvent.objects.get(action="recommendation.created")
    assert event.data["correction"] == CORRECTION


def test_the_cli_refuses_people_without_the_role_and_bad_values(
    capsys, applicant, judge, season, category
):
    assert cli.main(cli_args(season, applicant.email, category)) == 2
    assert capsys.readouterr().err == (
        f"ccaward recommend: error: {applicant.email} may not recommend in {season.slug}\n"
    )
    assert cli.main(cli_args(season, "nobody@example.cn", category)) == 2
    assert (
        capsys.readouterr().err == "ccaward recommend: error: no active user 'nobody@example.cn'\n"
    )
    args = cli_args(season, judge.email, category)
    args[args.index("--category") + 1] = "999999"
    assert cli.main(args) == 2
    assert capsys.readouterr().err == (
        "ccaward recommend: error: category: There is no such category in this season.\n"
    )
    assert not Recommendation.objects.exists()
