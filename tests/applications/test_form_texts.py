"""The form's wording: texts that name the award, the year and the organizer come
from the season; organizers change labels and help texts in the page, as a new
version of the form that entries already started do not see."""

import pytest
from django.test import Client
from django.urls import reverse

from ccaward.applications import domain
from ccaward.core.models import AuditEvent
from ccaward.engine import appform
from ccaward.people import domain as people
from ccaward.people.enums import Role
from tests.factories import UserFactory, make_category, make_season

CONSENT = "field.decl_consent.label"


def section_url(season, key="declaration"):
    return reverse("applications:form_section", args=[season.slug, key])


def test_fill_replaces_placeholders_in_each_language_and_leaves_other_braces():
    values = {
        "award": {"zh": "华东奖", "en": "East China Award"},
        "year": {"zh": "2031", "en": "2031"},
        "organizer": {"zh": "协会", "en": "the Association"},
    }
    data = {
        "label": {"zh": "参加“{award}”（{year}）{x}", "en": "Join {award} {year}"},
        "key": "{award}",
    }
    filled = appform.fill_placeholders(data, values)
    assert filled == {
        "label": {"zh": "参加“华东奖”（2031）{x}", "en": "Join East China Award 2031"},
        "key": "{award}",  # only texts are filled
    }
    assert appform.unknown_placeholders("{award} {awrd} {year}") == ["awrd"]


def test_the_declaration_names_the_season_it_belongs_to(organizer, as_user):
    season = make_season(
        by=organizer,
        name_zh="2031年度华东客户服务大奖",
        name_en="East China Service Awards 2031",
        year=2031,
        organizer_zh="华东客户服务协会",
    )
    defn = domain.current_form(season).parsed
    consent = defn.field("decl_consent").label
    assert "“2031年度华东客户服务大奖”" in consent("zh-hans")
    assert "十佳" not in consent("zh-hans")
    assert "East China Service Awards 2031" in consent("en")
    assert defn.title("zh-hans") == "2031年度华东客户服务大奖申报表"
    assert defn.field("note_member_priority").label("zh-hans").startswith("华东客户服务协会会员")

    applicant = UserFactory(email="east@example.cn")
    people.grant_role(season=season, user=applicant, role=Role.APPLICANT, by=organizer)
    org = domain.register_organization(by=applicant, name="华东银行")
    center = domain.add_center(organization=org, by=applicant, name="客服中心", industry="banking")
    entry = domain.create_entry(
        season=season,
        category=make_category(season=season, by=organizer),
        center=center,
        by=applicant,
    )
    page = as_user(applicant).get(
        reverse("applications:section", args=[season.slug, entry.pk, "declaration"])
    )
    html = page.content.decode()
    assert "本单位同意参加“2031年度华东客户服务大奖”表彰活动" in html


def post_texts(client, season, texts, base, op="save", note=""):
    data = {"base": base, "op": op, "note": note}
    for key, value in texts.items():
        data[f"{key}.zh"], data[f"{key}.en"] = value
    return client.post(section_url(season), data)


def test_an_edited_label_is_a_new_version_that_started_entries_do_not_see(
    as_user, organizer, season, applicant, category
):
    old = domain.current_form(season)
    org = domain.register_organization(by=applicant, name="东方银行")
    center = domain.add_center(
        organization=org, by=applicant, name="信用卡中心", industry="banking"
    )
    started = domain.create_entry(season=season, category=category, center=center, by=applicant)
    client = as_user(organizer)
    page = client.get(section_url(season))
    assert page.status_code == 200
    label = (
        "本单位确认参加“{award}”，所填内容属实。",
        "We take part in {award}; all of it is true.",
    )

    preview = post_texts(client, season, {CONSENT: label}, old.version, op="preview")
    assert f"本单位确认参加“{season.name_zh}”，所填内容属实。" in preview.content.decode()
    assert domain.current_form(season).version == old.version  # a preview saves nothing

    response = post_texts(client, season, {CONSENT: label}, old.version, note="改写声明")
    assert response.status_code == 302
    new = domain.current_form(season)
    assert new.version == old.version + 1
    assert new.definition["sections"][-2]["fields"]  # the definition is whole
    assert new.parsed.field("decl_consent").label("zh-hans") == (
        f"本单位确认参加“{season.name_zh}”，所填内容属实。"
    )
    assert "确认参加" not in old.parsed.field("decl_consent").label("zh-hans")
    assert domain.form_of(started).version == old.version
    event = AuditEvent.objects.get(season=season, action="application_form.texts_changed")
    assert event.data["changes"][CONSENT][1]["zh"] == label[0]
    assert event.data["note"] == "改写声明"


def test_a_change_on_an_old_version_is_refused_with_both_texts(as_user, organizer, season):
    base = domain.current_form(season).version
    domain.change_form_texts(
        season=season,
        by=organizer,
        texts={CONSENT: {"zh": "他人的改动 {award}", "en": ""}},
        base_version=base,
    )
    mine = ("我的改动 {award}", "Mine {award}")
    response = post_texts(as_user(organizer), season, {CONSENT: mine}, base)
    assert response.status_code == 409
    html = response.content.decode()
    assert "他人的改动 {award}" in html and "我的改动 {award}" in html
    assert domain.current_form(season).version == base + 1


def test_an_unknown_placeholder_is_refused_at_its_field(as_user, organizer, season):
    base = domain.current_form(season).version
    response = post_texts(as_user(organizer), season, {CONSENT: ("参加 {awrd}", "")}, base)
    assert response.status_code == 200
    row = next(r for r in response.context["rows"] if r["key"] == CONSENT)
    assert "{awrd}" in row["problem"]
    assert domain.current_form(season).version == base


@pytest.mark.parametrize("who", ["judge", "applicant"])
def test_only_organizers_change_the_wording(request, season, who):
    client = Client()
    client.force_login(request.getfixturevalue(who))
    assert client.get(section_url(season)).status_code == 403
    assert client.get(reverse("applications:form", args=[season.slug])).status_code == 403


def test_a_season_without_a_form_yet_is_shown_the_default_and_saves_version_2(
    as_user, organizer, season
):
    client = as_user(organizer)
    assert not season.application_forms.exists()
    page = client.get(section_url(season))
    assert page.status_code == 200 and page.context["base"] == 0
    assert not season.application_forms.exists()  # showing it installs nothing
    response = post_texts(client, season, {CONSENT: ("参加“{award}”。", "")}, 0)
    assert response.status_code == 302
    assert [f.version for f in season.application_forms.order_by("version")] == [1, 2]
