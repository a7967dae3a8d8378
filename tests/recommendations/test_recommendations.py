import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from ccaward.applications import domain as applications
from ccaward.core.models import AuditEvent, Job
from ccaward.people import domain as people
from ccaward.people.enums import Role
from ccaward.people.models import Invitation, SeasonRole
from ccaward.recommendations import domain
from ccaward.recommendations.models import Recommendation
from ccaward.seasons.dashboard import counts_for
from tests.factories import UserFactory, make_category, make_entry, make_season


def url(name, season, *args):
    return reverse(f"recommendations:{name}", args=[season.slug, *args])


def recommend(season, by, category, **values):
    values.setdefault("center_name", "南岭燃气客户服务热线")
    values.setdefault("organization_name", "南岭燃气集团有限公司")
    values.setdefault("contact_name", "黄海涛")
    values.setdefault("contact_email", "huang@nanling.example.cn")
    values.setdefault("reason", "抢修派单与热线联动,服务口碑好。")
    return domain.recommend(season=season, by=by, category=category, **values)


def form_data(category, **values):
    data = {
        "category": str(category.pk),
        "center_name": "海川证券智能客服中心",
        "organization_name": "海川证券股份有限公司",
        "contact_name": "林晓",
        "contact_email": "linxiao@haichuan.example.cn",
        "contact_phone": "021-6888 1000",
        "reason": "智能语音导航上线一年,自助解决率明显提升。",
    }
    data.update(values)
    return data


# ---- who may do what --------------------------------------------------------


@pytest.mark.parametrize("name", ["list", "create"])
def test_outsider_cannot_learn_the_season_exists(as_user, outsider, season, name):
    assert as_user(outsider).get(url(name, season)).status_code == 404


def test_outsider_cannot_invite(as_user, outsider, organizer, season, category):
    rec = recommend(season, organizer, category)
    assert as_user(outsider).post(url("invite", season, rec.pk)).status_code == 404
    assert not Invitation.objects.exists()


@pytest.mark.parametrize("name", ["list", "create"])
def test_applicant_may_not_recommend(as_user, applicant, season, name):
    assert as_user(applicant).get(url(name, season)).status_code == 403


def test_applicant_has_no_menu_link_and_judge_has_one(as_user, applicant, judge, season):
    html = as_user(applicant).get(reverse("seasons:dashboard", args=[season.slug])).content
    assert url("list", season).encode() not in html
    client = as_user(judge)
    html = client.get(reverse("seasons:dashboard", args=[season.slug])).content.decode()
    assert url("list", season) in html
    html = client.get(url("list", season)).content.decode()
    assert f'href="{url("list", season)}" aria-current="page"' in html


def test_anonymous_is_sent_to_login(client, season):
    response = client.get(url("list", season))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("people:login"))


def test_judge_sees_only_own_recommendations_and_organizer_all(
    as_user, organizer, judge, season, category
):
    other_judge = UserFactory(email="judge2@example.cn")
    people.grant_role(season=season, user=other_judge, role=Role.JUDGE, by=organizer)
    mine = recommend(season, judge, category, center_name="评委推荐的中心")
    theirs = recommend(season, other_judge, category, center_name="另一位评委推荐的中心")

    response = as_user(judge).get(url("list", season))
    assert response.status_code == 200
    assert list(response.context["recommendations"]) == [mine]
    html = response.content.decode()
    assert "评委推荐的中心" in html and "另一位评委推荐的中心" not in html
    assert url("invite", season, mine.pk) not in html  # judges do not invite

    response = as_user(organizer).get(url("list", season))
    assert list(response.context["recommendations"]) == [theirs, mine]  # newest first
    html = response.content.decode()
    assert url("invite", season, mine.pk) in html
    assert other_judge.display_name in html


def test_judge_cannot_invite(as_user, judge, season, category):
    rec = recommend(season, judge, category)
    assert as_user(judge).post(url("invite", season, rec.pk)).status_code == 403
    rec.refresh_from_db()
    assert rec.invited_at is None and rec.invitation is None


def test_superuser_may_recommend_without_a_role(superuser, season):
    assert superuser.has_perm("recommendations.recommend", season)
    assert superuser.has_perm("recommendations.view_all", season)


# ---- recommending -----------------------------------------------------------


def test_judge_recommends_a_center(as_user, judge, season, category):
    client = as_user(judge)
    response = client.post(url("create", season), form_data(category))
    assert response.status_code == 302
    assert response["Location"] == url("list", season)
    rec = Recommendation.objects.get()
    assert (rec.season, rec.category, rec.recommended_by) == (season, category, judge)
    assert (rec.center_name, rec.contact_email) == (
        "海川证券智能客服中心",
        "linxiao@haichuan.example.cn",
    )
    assert rec.status == "new"
    assert AuditEvent.objects.filter(
        season=season, action="recommendation.created", object_id=str(rec.pk)
    ).exists()
    assert "海川证券智能客服中心" in client.get(url("list", season)).content.decode()


def test_missing_reason_is_refused_and_what_was_typed_stays(as_user, judge, season, category):
    response = as_user(judge).post(url("create", season), form_data(category, reason="  "))
    assert response.status_code == 200
    assert "reason" in response.context["form"].errors
    html = response.content.decode()
    assert 'value="海川证券智能客服中心"' in html
    assert 'value="linxiao@haichuan.example.cn"' in html
    assert not Recommendation.objects.exists()


def test_bad_email_names_the_field(as_user, judge, season, category):
    response = as_user(judge).post(
        url("create", season), form_data(category, contact_email="not-an-address")
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert list(form.errors) == ["contact_email"]
    html = response.content.decode()
    summary = html[html.index('class="error-summary"') :]
    assert f'href="#id_contact_email">{form.fields["contact_email"].label}</a>' in summary
    assert 'value="not-an-address"' in html
    assert "智能语音导航上线一年" in html  # the reason typed is kept
    assert not Recommendation.objects.exists()


def test_reason_longer_than_2000_characters_is_refused(as_user, judge, season, category):
    response = as_user(judge).post(url("create", season), form_data(category, reason="好" * 2001))
    assert "reason" in response.context["form"].errors
    with pytest.raises(ValidationError) as exc:
        recommend(season, judge, category, reason="好" * 2001)
    assert "reason" in exc.value.message_dict
    assert not Recommendation.objects.exists()


def test_category_of_another_season_is_refused(as_user, organizer, judge, season, category):
    other = make_season(by=organizer)
    foreign = make_category(season=other, by=organizer, name_zh="别的评选的类别")
    response = as_user(judge).post(url("create", season), form_data(foreign))
    assert response.status_code == 200
    assert "category" in response.context["form"].errors
    assert 'value="海川证券智能客服中心"' in response.content.decode()
    assert "别的评选的类别" not in response.content.decode()  # not offered either
    with pytest.raises(ValidationError) as exc:
        recommend(season, judge, foreign)
    assert "category" in exc.value.message_dict
    assert not Recommendation.objects.exists()


def test_the_same_center_twice_in_a_category_is_refused(as_user, judge, season, category):
    recommend(season, judge, category, center_name="南岭燃气客户服务热线")
    response = as_user(judge).post(
        url("create", season), form_data(category, center_name=" 南岭燃气 客户服务热线 ")
    )
    assert response.status_code == 200
    assert "center_name" in response.context["form"].errors
    assert Recommendation.objects.count() == 1


# ---- inviting ---------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_organizer_invites_a_recommended_center_once(as_user, organizer, judge, season):
    category = make_category(season=season, by=organizer)
    rec = recommend(season, judge, category, contact_email="Huang@Nanling.example.cn")
    client = as_user(organizer)
    response = client.post(url("invite", season, rec.pk))
    assert response.status_code == 302
    job = Job.objects.get()
    assert response["Location"] == f"{url('list', season)}?job={job.pk}"

    invitation = Invitation.objects.get()
    assert (invitation.season, invitation.email, invitation.role) == (
        season,
        "huang@nanling.example.cn",
        Role.APPLICANT,
    )
    assert invitation.invited_by == organizer
    rec.refresh_from_db()
    assert rec.invitation == invitation
    assert rec.invited_at is not None
    assert rec.status == "invited"
    assert AuditEvent.objects.filter(action="recommendation.invited").count() == 1

    assert mail.outbox == []  # nothing is sent inside the request
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    job.refresh_from_db()
    assert (job.status, job.result) == ("done", {"sent": 1})
    [message] = mail.outbox
    assert message.to == ["huang@nanling.example.cn"]
    assert "/accounts/invitations/" in message.body

    page = client.get(response["Location"]).content.decode()
    assert timezone.localtime(rec.invited_at).strftime("%Y-%m-%d") in page
    assert url("invite", season, rec.pk) not in page  # no second button

    again = client.post(url("invite", season, rec.pk), follow=True)
    assert Invitation.objects.count() == 1
    text = again.content.decode()
    invited_on = timezone.localtime(rec.invited_at).strftime("%Y-%m-%d")
    refusal = f"南岭燃气客户服务热线 已于 {invited_on} 邀请过，不能重复邀请。"
    assert [str(m) for m in again.context["messages"]] == [refusal]
    assert refusal in text
    assert [m.level_tag for m in again.context["messages"]] == ["error"]


def test_a_second_invitation_is_refused_by_the_domain(organizer, judge, season, category):
    rec = recommend(season, judge, category)
    domain.invite(recommendation=rec, by=organizer)
    with pytest.raises(ValidationError, match="南岭燃气客户服务热线"):
        domain.invite(recommendation=rec, by=organizer)
    assert Invitation.objects.count() == 1


def test_a_recommendation_of_another_season_is_not_found(as_user, organizer, season):
    other = make_season(by=organizer)
    foreign = recommend(other, organizer, make_category(season=other, by=organizer))
    response = as_user(organizer).post(url("invite", season, foreign.pk))
    assert response.status_code == 404
    assert not Invitation.objects.exists()


def test_invite_needs_post(as_user, organizer, season, category):
    rec = recommend(season, organizer, category)
    assert as_user(organizer).get(url("invite", season, rec.pk)).status_code == 405


# ---- linking entries --------------------------------------------------------


def test_link_entry_by_an_accepted_invitation(organizer, judge, season, category):
    entry = make_entry(season=season, by=organizer, category=category, name="华东电力客服中心")
    member = UserFactory(email="contact@huadong.example.cn")
    entry.center.organization.members.add(member)
    rec = recommend(
        season, judge, category, center_name="华东电力 95598", contact_email=member.email
    )
    other_category = make_category(season=season, by=organizer, name_zh="卓越全渠道客服")
    elsewhere = recommend(
        season, judge, other_category, center_name="华东电力 95598", contact_email=member.email
    )
    invitation, _job = domain.invite(recommendation=rec, by=organizer)
    assert domain.link_entry(entry) == 0  # invited, not yet accepted
    people.accept_invitation(invitation=invitation, user=member)

    assert domain.link_entry(entry) == 1
    rec.refresh_from_db()
    elsewhere.refresh_from_db()
    assert rec.entry == entry and rec.status == "applied"
    assert elsewhere.entry is None  # another category
    assert domain.link_entry(entry) == 0  # linked once
    assert AuditEvent.objects.filter(action="recommendation.linked").count() == 1


def test_an_invitation_accepted_by_someone_outside_the_enterprise_does_not_link(
    organizer, judge, season, category
):
    entry = make_entry(season=season, by=organizer, category=category, name="某客服中心")
    stranger = UserFactory(email="stranger@example.cn")
    rec = recommend(season, judge, category, contact_email=stranger.email)
    invitation, _job = domain.invite(recommendation=rec, by=organizer)
    people.accept_invitation(invitation=invitation, user=stranger)
    assert domain.link_entry(entry) == 0
    rec.refresh_from_db()
    assert rec.entry is None


def test_link_entry_by_a_normalised_center_name(organizer, judge, season, category):
    entry = make_entry(
        season=season, by=organizer, category=category, name="华东电力(95598)客户服务中心"
    )
    same = recommend(season, judge, category, center_name=" 华东电力（95598） 客户 服务中心 ")
    latin = recommend(season, organizer, category, center_name="华东电力(95598)客户服务中心")
    different = recommend(season, organizer, category, center_name="华东电力客户服务中心")
    assert domain.normalize_name("Ａｂｃ （95598）") == domain.normalize_name("abc(95598)")

    assert domain.link_entry(entry) == 2
    for rec in (same, latin, different):
        rec.refresh_from_db()
    assert (same.entry, latin.entry, different.entry) == (entry, entry, None)
    assert domain.count_for([entry]) == {entry.pk: 2}


def test_count_for_gives_every_entry_a_number(organizer, judge, season, category):
    first = make_entry(season=season, by=organizer, category=category, name="甲中心")
    second = make_entry(season=season, by=organizer, category=category, name="乙中心")
    recommend(season, judge, category, center_name="甲中心")
    domain.link_entry(first)
    assert domain.count_for([first, second]) == {first.pk: 1, second.pk: 0}
    assert domain.count_for([]) == {}


def test_the_list_links_an_applied_recommendation_to_its_entry(
    as_user, organizer, judge, season, category
):
    entry = make_entry(season=season, by=organizer, category=category, name="甲中心")
    recommend(season, judge, category, center_name="甲中心")
    domain.link_entry(entry)
    html = as_user(judge).get(url("list", season)).content.decode()
    assert reverse("kpis:entry", args=[season.slug, entry.pk]) in html


def test_deleting_an_entry_keeps_the_recommendation(organizer, judge, season, category):
    entry = make_entry(season=season, by=organizer, category=category, name="甲中心")
    rec = recommend(season, judge, category, center_name="甲中心")
    domain.link_entry(entry)
    entry.delete()
    rec.refresh_from_db()
    assert rec.entry is None


# ---- dashboard and demo -----------------------------------------------------


def test_dashboard_counts_recommendations_and_invitations(organizer, judge, season, category):
    rec = recommend(season, judge, category)
    recommend(season, judge, category, center_name="另一家中心")
    domain.invite(recommendation=rec, by=organizer)
    counts = counts_for(season)["recommendation"]
    assert counts == ["1 名评审专家", "2 条专家推荐", "1 家已邀请申报"]


def test_demo_step_recommends_invites_and_links(db):
    from ccaward.core.demo import STEPS, DemoContext

    ctx = DemoContext(now=timezone.now())
    for order, step in STEPS:
        if order <= 35:
            step(ctx)
    recs = Recommendation.objects.filter(season=ctx.season)
    judge = ctx.users["judge"]
    assert recs.count() == 6
    assert set(recs.values_list("recommended_by", flat=True)) == {judge.pk}
    assert recs.values("category").distinct().count() >= 3
    assert recs.exclude(invitation=None).count() == 2
    linked = recs.exclude(entry=None)
    assert linked.count() == 2
    for rec in linked:
        assert domain.normalize_name(rec.entry.center.name) == domain.normalize_name(
            rec.center_name
        )
        assert rec.entry.category == rec.category


# ---- API ----------------------------------------------------------------------


def api_url(season):
    return f"/api/seasons/{season.slug}/recommendations"


def api_payload(category, **values):
    payload = form_data(category)
    payload["category"] = category.pk
    payload.update(values)
    return payload


def test_api_lists_with_the_same_rules(
    api, organizer, judge, applicant, outsider, season, category
):
    mine = recommend(season, judge, category, center_name="评委推荐的中心")
    recommend(season, organizer, category, center_name="主办方推荐的中心")
    body = api(organizer).get(api_url(season)).json()
    assert [r["center_name"] for r in body] == ["主办方推荐的中心", "评委推荐的中心"]
    body = api(judge).get(api_url(season)).json()
    assert [(r["id"], r["status"], r["recommended_by"]) for r in body] == [
        (mine.pk, "new", judge.email)
    ]
    response = api(applicant).get(api_url(season))
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "forbidden"
    response = api(outsider).get(api_url(season))
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_api_creates_a_recommendation(api, judge, season, category):
    response = api(judge).post(
        api_url(season), api_payload(category), content_type="application/json"
    )
    assert response.status_code == 201
    body = response.json()
    rec = Recommendation.objects.get()
    assert (body["id"], body["category"], body["status"]) == (rec.pk, category.pk, "new")
    assert rec.recommended_by == judge


def test_api_errors_name_the_field(api, organizer, judge, applicant, season, category):
    c = api(judge)
    bad = c.post(
        api_url(season),
        api_payload(category, contact_email="nope", reason=""),
        content_type="application/json",
    )
    assert bad.status_code == 422
    assert bad.json()["error"]["code"] == "invalid"
    assert set(bad.json()["error"]["fields"]) == {"contact_email", "reason"}

    foreign = make_category(season=make_season(by=organizer), by=organizer)
    bad = c.post(api_url(season), api_payload(foreign), content_type="application/json")
    assert bad.status_code == 422
    assert list(bad.json()["error"]["fields"]) == ["category"]

    payload = api_payload(category)
    del payload["reason"]
    schema = c.post(api_url(season), payload, content_type="application/json")
    assert schema.status_code == 422
    assert "reason" in schema.json()["error"]["fields"]

    forbidden = api(applicant).post(
        api_url(season), api_payload(category), content_type="application/json"
    )
    assert forbidden.status_code == 403
    assert not Recommendation.objects.exists()


def test_api_is_in_the_schema(client, db):
    schema = client.get("/api/openapi.json").json()
    assert "/api/seasons/{slug}/recommendations" in schema["paths"]


def test_the_invited_contact_applies_and_the_entry_is_linked(organizer, judge, season, category):
    rec = recommend(season, judge, category, center_name="南岭燃气热线")
    invitation, _job = domain.invite(recommendation=rec, by=organizer)
    user = UserFactory(email=rec.contact_email)
    people.accept_invitation(invitation=invitation, user=user)
    assert SeasonRole.objects.filter(season=season, user=user, role=Role.APPLICANT).exists()
    org = applications.register_organization(by=user, name="南岭燃气集团有限公司")
    center = applications.add_center(
        organization=org, by=user, name="南岭燃气 95158 服务中心", industry="utilities"
    )
    entry = applications.create_entry(season=season, category=category, center=center, by=user)
    domain.link_entry(entry)  # creating the entry may have linked it already
    rec.refresh_from_db()
    assert rec.entry == entry
