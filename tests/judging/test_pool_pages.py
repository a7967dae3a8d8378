"""The pool's pages: adding, editing with the version, removing, inviting, a
judge's own profile."""

from __future__ import annotations

from django.urls import reverse

from ccaward.judging import domain
from ccaward.judging.models import Conflict, JudgeProfile
from ccaward.people.models import Invitation


def url(name, season, *args):
    return reverse(name, args=[season.slug, *args])


def test_an_organizer_adds_a_judge_and_sees_the_conflict_found(as_user, organizer, season, entry):
    client = as_user(organizer)
    response = client.post(
        url("judging:judge_create", season),
        {
            "name": "王建国",
            "email": "wang@example.cn",
            "employer": "中国建设银行股份有限公司",
            "former_employers": "甲公司、乙公司",
            "industries": ["banking"],
            "channels": ["voice", "app"],
        },
        follow=True,
    )
    page = response.content.decode()
    assert "王建国 已加入评委库" in page
    assert "1 条可能的利益冲突" in page
    judge = JudgeProfile.objects.get()
    assert judge.former_employers == ["甲公司", "乙公司"]
    assert Conflict.objects.filter(judge=judge, entry=entry).exists()


def test_a_bad_form_names_the_field(as_user, organizer, season):
    response = as_user(organizer).post(
        url("judging:judge_create", season),
        {"name": "王", "email": "wang@example.cn", "min_load": "9", "max_load": "3"},
    )
    assert response.status_code == 200
    assert "最少评审数（9）大于最多评审数（3）" in response.content.decode()
    assert not JudgeProfile.objects.exists()


def test_a_concurrent_edit_is_told_and_shown_both_versions(as_user, organizer, season, profile):
    client = as_user(organizer)
    form = {"name": profile.name, "email": profile.email, "title": "教授", "version": "1"}
    assert client.post(url("judging:judge_edit", season, profile.pk), form).status_code == 302
    response = client.post(
        url("judging:judge_edit", season, profile.pk), {**form, "title": "研究员"}
    )
    assert response.status_code == 409
    page = response.content.decode()
    assert "您编辑期间已有他人保存" in page and "教授" in page and "研究员" in page
    profile.refresh_from_db()
    assert profile.title == "教授"
    # saving again (the form now carries the stored version) replaces it
    again = client.post(
        url("judging:judge_edit", season, profile.pk), {**form, "title": "研究员", "version": "2"}
    )
    assert again.status_code == 302
    profile.refresh_from_db()
    assert profile.title == "研究员"


def test_removing_a_judge(as_user, organizer, season, profile):
    response = as_user(organizer).post(url("judging:judge_remove", season, profile.pk), follow=True)
    assert "已移出评委库" in response.content.decode()
    assert not JudgeProfile.objects.exists()


def test_inviting_all_not_yet_invited_and_the_list_shows_it(
    as_user, organizer, judge, season, profile
):
    client = as_user(organizer)
    client.post(url("judging:judge_create", season), {"name": "新评委", "email": "new@example.cn"})
    response = client.post(url("judging:pool_invite", season), {"which": "all"})
    assert response.status_code == 302 and "?job=" in response["Location"]
    assert list(Invitation.objects.values_list("email", flat=True)) == ["new@example.cn"]
    page = client.get(url("judging:pool", season)).content.decode()
    assert "已邀请" in page and "已接受" in page
    invited = client.get(url("judging:pool", season) + "?state=invited").content.decode()
    assert "新评委" in invited and profile.email not in invited


def test_inviting_the_chosen(as_user, organizer, season):
    chosen = domain.add_judge(
        season=season, values={"name": "甲", "email": "a@example.cn"}, by=organizer
    )
    domain.add_judge(season=season, values={"name": "乙", "email": "b@example.cn"}, by=organizer)
    as_user(organizer).post(
        url("judging:pool_invite", season), {"which": "selected", "judge": [chosen.pk]}
    )
    assert list(Invitation.objects.values_list("email", flat=True)) == ["a@example.cn"]


def test_a_judge_corrects_their_employers(as_user, judge, season, profile):
    response = as_user(judge).post(
        url("judging:my_profile", season),
        {
            "employer": "新单位",
            "former_employers": "华东管理学院",
            "industries": ["telecom"],
            "version": "1",
        },
    )
    assert response.status_code == 302
    profile.refresh_from_db()
    assert (profile.employer, profile.industries, profile.user) == ("新单位", ["telecom"], judge)


def test_a_judge_outside_the_pool_is_told(as_user, judge, season):
    page = as_user(judge).get(url("judging:mine", season)).content.decode()
    assert "您尚未被加入本届评委库" in page
    assert as_user(judge).get(url("judging:my_profile", season)).status_code == 403


def test_the_home_page_shows_the_judges_panel(as_user, judge, season, entry, profile):
    page = as_user(judge).get(reverse("seasons:dashboard", args=[season.slug])).content.decode()
    assert reverse("judging:mine", args=[season.slug]) in page


def test_the_menu(as_user, organizer, judge, season, profile):
    organizer_page = as_user(organizer).get(url("judging:pool", season)).content.decode()
    assert url("judging:conflicts", season) in organizer_page
    judge_page = as_user(judge).get(url("judging:mine", season)).content.decode()
    assert url("judging:pool", season) not in judge_page
