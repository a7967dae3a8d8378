import pytest
from django.urls import reverse

from ccaward.core.models import AuditEvent
from ccaward.seasons.models import Category, Season


def url(name, season, *args):
    return reverse(f"seasons:{name}", args=[season.slug, *args])


@pytest.mark.parametrize(
    "name", ["dashboard", "stages", "categories", "framework", "people", "audit", "edit"]
)
def test_outsider_cannot_learn_a_season_exists(as_user, outsider, season, name):
    assert as_user(outsider).get(url(name, season)).status_code == 404


@pytest.mark.parametrize("name", ["stages", "audit", "edit"])
def test_judge_sees_the_season_but_cannot_manage_it(as_user, judge, season, name):
    client = as_user(judge)
    assert client.get(url("dashboard", season)).status_code == 200
    assert client.get(url(name, season)).status_code == 403


def test_anonymous_is_sent_to_login(client, season):
    response = client.get(url("dashboard", season))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("people:login"))


def test_dashboard_shows_the_timeline_and_what_is_open(as_user, organizer, season):
    response = as_user(organizer).get(url("dashboard", season))
    html = response.content.decode()
    assert html.count('class="tl-row') == 9
    assert "企业报名" in html and "结果公布" in html
    assert [r["stage"].kind for r in response.context["open_now"]] == [
        "registration",
        "recommendation",
    ]
    assert "script-src 'self'" in response["Content-Security-Policy"]


def test_create_season_keeps_what_was_typed_on_error(as_user, organizer, season):
    client = as_user(organizer)
    data = {"name_zh": "新的评选", "name_en": "New", "year": "2027", "slug": season.slug}
    response = client.post(reverse("seasons:create"), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="新的评选"' in html
    assert response.context["form"].errors["slug"] == ["已存在使用该简称的评选活动。"]
    data["slug"] = "new-2027"
    response = client.post(reverse("seasons:create"), data)
    assert response.status_code == 302
    assert Season.objects.get(slug="new-2027").stages.count() == 9


def test_judge_cannot_create_a_season(as_user, judge):
    assert as_user(judge).get(reverse("seasons:create")).status_code == 403


def test_category_with_quota_zero_is_refused_with_the_form_kept(as_user, organizer, season):
    client = as_user(organizer)
    data = {"name_zh": "卓越全渠道客服", "name_en": "Omnichannel", "quota": "0", "kind": "regular"}
    response = client.post(url("category_create", season), data)
    assert response.status_code == 200
    assert 'value="卓越全渠道客服"' in response.content.decode()
    assert "quota" in response.context["form"].errors
    assert not Category.objects.exists()
    data["quota"] = "5"
    assert client.post(url("category_create", season), data).status_code == 302
    category = Category.objects.get()
    assert (category.quota, category.season) == (5, season)


def test_category_of_another_season_is_not_found(as_user, organizer, season):
    from tests.factories import make_category, make_season

    other = make_season(by=organizer)
    foreign = make_category(season=other, by=organizer)
    response = as_user(organizer).get(url("category_edit", season, foreign.pk))
    assert response.status_code == 404


def framework_post(season, **weights):
    version = season.current_framework()
    data = {}
    for d in version.dimensions.all():
        data[f"dim-{d.pk}-weight"] = weights.get(d.code, str(d.weight))
        data[f"dim-{d.pk}-name_zh"] = d.name_zh
        data[f"dim-{d.pk}-name_en"] = d.name_en
    return data


def test_framework_editor_refuses_a_sum_other_than_100(as_user, organizer, season):
    client = as_user(organizer)
    response = client.post(url("framework", season), framework_post(season, service_strategy="10"))
    assert response.status_code == 200
    html = response.content.decode()
    assert response.context["problems"] == ["一级指标权重合计为 95，而不是 100（-5）。"]
    assert "<li>一级指标权重合计为 95，而不是 100（-5）。</li>" in html
    assert 'value="10"' in html  # what was typed stays in the form
    first = season.current_framework().dimensions.first()
    assert str(first.weight) == "15.00"


def test_framework_editor_saves_a_valid_change(as_user, organizer, season):
    client = as_user(organizer)
    data = framework_post(season, service_strategy="20", social_influence="10")
    response = client.post(url("framework", season), data)
    assert response.status_code == 302
    weights = [str(d.weight) for d in season.current_framework().dimensions.all()][:2]
    assert weights == ["20.00", "10.00"]
    assert AuditEvent.objects.filter(season=season, action="framework.changed").exists()


def test_live_total_says_how_far_from_100(as_user, organizer, season):
    client = as_user(organizer)
    response = client.post(
        url("framework_total", season), framework_post(season, service_strategy="12.5")
    )
    assert response.context["summary"] == {"total": "97.5", "diff": "2.5", "state": "under"}
    response = client.post(
        url("framework_total", season), framework_post(season, service_strategy="abc")
    )
    assert response.context["problems"]
    response = client.post(url("framework_total", season), framework_post(season))
    assert response.context["summary"]["state"] == "ok"
    assert response.context["problems"] == []


def test_judge_sees_the_framework_read_only(as_user, judge, season):
    client = as_user(judge)
    response = client.get(url("framework", season))
    assert response.status_code == 200
    assert response.context["can_edit"] is False
    assert client.post(url("framework", season), framework_post(season)).status_code == 403


def test_stage_dates_out_of_order_show_an_error_in_the_row(as_user, organizer, season):
    client = as_user(organizer)
    stages = {s.kind: s for s in season.stages.all()}
    data = {}
    for kind, s in stages.items():
        data[f"{kind}_opens"] = s.opens_at.strftime("%Y-%m-%dT%H:%M")
        data[f"{kind}_closes"] = s.closes_at.strftime("%Y-%m-%dT%H:%M")
    data["voting_closes"] = data["voting_opens"].replace(data["voting_opens"][:4], "2001")
    response = client.post(url("stages", season), data)
    assert response.status_code == 200
    assert response.context["form"].errors["voting_closes"]


def test_stage_override_via_page_is_audited(as_user, organizer, season):
    client = as_user(organizer)
    response = client.post(
        url("stage_override", season, "registration"),
        {"action": "closed", "reason": "报名提前截止"},
    )
    assert response.status_code == 302
    assert season.stages.get(kind="registration").override == "closed"
    assert AuditEvent.objects.get(action="stage.override.closed").summary.endswith("报名提前截止")


def test_language_switch_shows_english(as_user, organizer, season):
    client = as_user(organizer)
    assert "阶段时间线" in client.get(url("dashboard", season)).content.decode()
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    html = client.get(url("dashboard", season)).content.decode()
    assert "Stage timeline" in html
    assert '<html lang="en">' in html
