"""The setup pages: organizers see and use them (in Chinese and English); a
shopper, an applicant and an outsider are refused."""

from __future__ import annotations

import pytest
import yaml
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ccaward.engine.mystery.scorecard import DEFAULT_FILE
from ccaward.mystery.models import Contact, Scenario, ScorecardVersion, ShopperExclusion
from tests.mystery.conftest import WINDOW

PAGES = ["scenarios", "scenario_new", "scorecard", "shoppers", "shopper_new", "plan"]


def url(name, season, *args):
    return reverse(f"mystery:{name}", args=[season.slug, *args])


@pytest.mark.parametrize("name", PAGES)
def test_organizer_sees_each_page_in_both_languages(
    season, organizer, as_user, client_en, name, plan
):
    page = as_user(organizer).get(url(name, season))
    assert page.status_code == 200
    assert "场景脚本" in page.content.decode()  # the tab bar, in Chinese
    assert client_en(organizer).get(url(name, season)).status_code == 200


def test_organizer_sees_the_detail_pages(
    season, organizer, as_user, plan, library_scenario, entries
):
    client = as_user(organizer)
    assert client.get(url("scenario", season, library_scenario.key)).status_code == 200
    assert client.get(url("plan_entry", season, entries[0].pk)).status_code == 200
    assert client.get(url("contact", season, plan[0].pk)).status_code == 200
    assert client.get(url("shopper_edit", season, plan[0].shopper_id)).status_code == 200
    body = client.get(url("plan", season)).content.decode()
    assert "甲客服中心" in body and plan[0].shopper.name in body


@pytest.mark.parametrize("who", ["shopper", "applicant", "judge"])
def test_participants_are_refused(season, who, request, as_user, organizer):
    client = as_user(request.getfixturevalue(who))
    for name in PAGES:
        assert client.get(url(name, season)).status_code == 403


def test_outsider_does_not_learn_of_the_season(season, outsider, as_user):
    client = as_user(outsider)
    assert all(client.get(url(name, season)).status_code == 404 for name in PAGES)


def test_scenario_edit_and_stale_edit_shows_both(season, organizer, as_user, library_scenario):
    client = as_user(organizer)
    form = {
        "title": "第二版",
        "story": "s",
        "questions": "q",
        "answer_points": "a\nb",
        "version": 1,
    }
    assert client.post(url("scenario", season, library_scenario.key), form).status_code == 302
    stale = client.post(url("scenario", season, library_scenario.key), {**form, "title": "我的"})
    assert stale.status_code == 200
    body = stale.content.decode()
    assert "第二版" in body and "我的" in body
    assert Scenario.objects.filter(key=library_scenario.key).count() == 2


def test_scenario_refused_by_field(season, organizer, client_en):
    page = client_en(organizer).post(url("scenario_new", season), {"title": "t"})
    body = page.content.decode()
    assert "The caller&#x27;s story: this is required." in body
    assert "Answer points: this is required." in body
    assert not Scenario.objects.exists()


def test_scorecard_upload_refused_with_the_sum_then_accepted(
    season, organizer, client_en, scorecard
):
    data = yaml.safe_load(DEFAULT_FILE.read_text(encoding="utf-8"))
    data["groups"]["closing"]["points"] = 30
    bad = SimpleUploadedFile("card.yaml", yaml.safe_dump(data).encode())
    page = client_en(organizer).post(url("scorecard_upload", season), {"file": bad, "version": 1})
    assert page.status_code == 422
    assert "add up to" in page.content.decode()
    good = SimpleUploadedFile("card.yaml", DEFAULT_FILE.read_bytes())
    client = client_en(organizer)
    assert (
        client.post(url("scorecard_upload", season), {"file": good, "version": 1}).status_code
        == 302
    )
    assert ScorecardVersion.objects.filter(season=season).count() == 2
    download = client.get(url("scorecard_download", season))
    assert download["Content-Disposition"].endswith('-v2.yaml"')
    assert yaml.safe_load(download.content)["groups"]["closing"]


def test_scorecard_page_shows_anchors_and_thresholds(season, organizer, as_user, client_en):
    zh = as_user(organizer).get(url("scorecard", season)).content.decode()
    assert "规范问候并报工号" in zh and "接通人工用时" in zh
    en = client_en(organizer).get(url("scorecard", season)).content.decode()
    assert "The standard greeting with the agent&#x27;s number" in en
    assert not ScorecardVersion.objects.exists()  # reading writes nothing


def test_run_infeasible_shows_the_explanation(season, organizer, as_user, entries, plan_settings):
    page = as_user(organizer).post(url("plan_run", season))
    assert page.status_code == 409
    assert "甲客服中心" in page.content.decode()
    assert not Contact.objects.exists()


def test_plan_settings_and_run(season, organizer, as_user, entries, shopper_profiles):
    client = as_user(organizer)
    form = {
        "contacts_per_entry": 2,
        "channels": ["voice"],
        "starts_on": WINDOW[0],
        "ends_on": WINDOW[1],
        "holidays": WINDOW[0].isoformat(),
        "workdays": "",
        "seed": 3,
        "max_per_pair": "",
        "version": 0,
    }
    assert client.post(url("plan_settings", season), form).status_code == 302
    assert client.post(url("plan_run", season)).status_code == 302
    assert Contact.objects.filter(season=season).count() == 6
    stale = client.post(url("plan_settings", season), {**form, "contacts_per_entry": 3})
    assert stale.status_code == 409


def test_reassign_to_a_blocked_shopper_refused_with_the_reason(
    season, organizer, as_user, plan, shopper_profiles
):
    contact = plan[0]
    other = next(s for s in shopper_profiles if s.pk != contact.shopper_id)
    ShopperExclusion.objects.create(
        season=season, shopper=other, entry=contact.entry, reason="亲属在职"
    )
    page = as_user(organizer).post(
        url("contact", season, contact.pk),
        {"action": "reassign", "reassign-shopper": other.pk, "reassign-version": 1},
    )
    assert page.status_code == 422 and "亲属在职" in page.content.decode()
    contact.refresh_from_db()
    assert contact.shopper_id != other.pk


def test_shoppers_page_says_why_a_pair_is_blocked(
    season, organizer, as_user, entries, shopper_profiles
):
    client = as_user(organizer)
    page = client.post(
        url("exclusion_add", season),
        {"shopper": shopper_profiles[1].pk, "entry": entries[2].pk, "reason": "曾在该中心工作"},
    )
    assert page.status_code == 302
    body = client.get(url("shoppers", season)).content.decode()
    assert "丙客服中心" in body and "曾在该中心工作" in body


def test_plan_page_says_which_contacts_lack_a_scenario(season, organizer, client_en, plan):
    Contact.objects.filter(pk=plan[0].pk).update(scenario=None, planned_on=None)
    body = client_en(organizer).get(url("plan", season)).content.decode()
    assert "1 contact has no scenario" in body and "1 contact has no day" in body
