"""The review pages: the form with the evidence beside it, autosave, submission
and revision, blind mode, the refusals, the judge's list, the organizers'
progress, reading and reminders."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from ccaward.core.models import Job
from ccaward.reviews import domain
from ccaward.reviews.models import SCORE, Review, ScoreChange
from tests.reviews.conftest import close_judging, conflict, criteria, full_scores, set_policy


@pytest.fixture
def ready(judging_open, assigned):
    return assigned


def url(name, season, *args):
    return reverse(f"reviews:{name}", args=[season.slug, *args])


def test_the_form_shows_the_criteria_by_dimension_and_the_evidence(
    ready, as_user, judge, season, entry
):
    html = as_user(judge).get(url("review", season, entry.pk)).content.decode()
    version = season.current_framework()
    dim = version.dimensions.first()
    assert dim.name_zh in html and "15%" in html
    for code in criteria(season):
        assert f'name="{SCORE}{code}"' in html
    assert 'id="evidence-application"' in html and 'id="evidence-kpis"' in html
    assert "星河银行客服中心" in html  # not blind: the entry is named
    assert 'data-autosave="' in html


def test_autosave_saves_the_changed_fields_and_answers_a_conflict_with_both(
    ready, as_user, judge, season, entry
):
    client = as_user(judge)
    a = criteria(season)[0]
    post = {
        "_section": "review",
        "_version": "0",
        "_keys": json.dumps([SCORE + a]),
        "_base": "{}",
        SCORE + a: "7.5",
    }
    r = client.post(url("autosave", season, entry.pk), post)
    assert r.status_code == 200 and r.json()["version"] == 1
    stale = {**post, SCORE + a: "3"}
    r = client.post(url("autosave", season, entry.pk), stale)
    assert r.status_code == 409
    body = r.json()
    assert body["code"] == "conflict"
    assert body["conflicts"][0]["stored"] == "7.5" and body["conflicts"][0]["sent"] == "3"
    bad = {**post, "_version": "1", "_base": json.dumps({SCORE + a: "7.5"}), SCORE + a: "11"}
    r = client.post(url("autosave", season, entry.pk), bad)
    assert r.status_code == 422 and SCORE + a in r.json()["fields"]
    assert Review.objects.get().scores == {a: "7.5"}


def test_submitting_an_incomplete_review_names_the_missing_criteria(
    ready, as_user, judge, season, entry
):
    client = as_user(judge)
    codes = criteria(season)
    r = client.post(
        url("submit", season, entry.pk), {"_version": "0", "_base": "{}", SCORE + codes[0]: "8"}
    )
    assert r.status_code == 422
    html = r.content.decode()
    crit = season.current_framework().dimensions.first().criteria.get(code=codes[1])
    assert crit.name_zh in html
    assert Review.objects.get().status == "draft"


def test_submit_then_revise_shows_both_values_in_the_history(ready, as_user, judge, season, entry):
    client = as_user(judge)
    a = criteria(season)[0]
    post = {"_version": "0", "_base": "{}", **full_scores(season, "6")}
    r = client.post(url("submit", season, entry.pk), post)
    assert r.status_code == 302
    review = Review.objects.get()
    assert review.submitted
    html = client.get(url("review", season, entry.pk)).content.decode()
    assert 'id="revise-form"' in html and "data-autosave" not in html
    base = json.dumps(review.values)
    r = client.post(
        url("revise", season, entry.pk),
        {
            "_version": str(review.version),
            "_base": base,
            **full_scores(season, "6"),
            SCORE + a: "9",
            "reason": "",
        },
    )
    assert r.status_code == 422
    r = client.post(
        url("revise", season, entry.pk),
        {
            "_version": str(review.version),
            "_base": base,
            **full_scores(season, "6"),
            SCORE + a: "9",
            "reason": "补充材料",
        },
    )
    assert r.status_code == 302
    html = client.get(url("review", season, entry.pk)).content.decode()
    history = html[html.index('id="score-history"') :]
    assert "补充材料" in history and ">6<" in history and ">9<" in history
    assert ScoreChange.objects.filter(kind="revised").count() == 1


def test_blind_mode_hides_the_names_from_the_judge(ready, as_user, judge, season, entry):
    set_policy(season, blind=True)
    entry.answers = {
        **(entry.answers or {}),
        "center_name": "星河银行客服中心",
        "filler_name": "张三",
        "filler_email": "zhangsan@xinghe.cn",
        "culture_mission": "星河银行客服中心以客户为中心。",
    }
    entry.save()
    client = as_user(judge)
    code = f"E-{entry.pk:04d}"
    for page in (url("review", season, entry.pk), url("mine", season)):
        html = client.get(page).content.decode()
        assert code in html
        for secret in (
            "星河银行客服中心",
            entry.center.organization.name,
            "张三",
            "zhangsan@xinghe.cn",
        ):
            assert secret not in html, (page, secret)
    html = client.get(url("review", season, entry.pk)).content.decode()
    assert "以客户为中心" in html  # the rest of the answer stays


def test_a_conflicted_judge_never_sees_the_entry(ready, as_user, judge, season, entry, profile):
    conflict(profile, entry)
    client = as_user(judge)
    r = client.get(url("review", season, entry.pk))
    assert r.status_code == 403
    assert "星河银行客服中心" not in r.content.decode()
    assert (
        client.post(
            url("autosave", season, entry.pk), {SCORE + criteria(season)[0]: "5"}
        ).status_code
        == 403
    )
    html = client.get(url("mine", season)).content.decode()
    table = html[html.index('id="my-reviews"') : html.index('id="my-conflicts"')]
    assert "星河银行客服中心" not in table and f'data-entry="{entry.pk}"' not in table


def test_an_entry_not_assigned_is_refused_with_a_reason(
    judging_open, profile, as_user, judge, season, other_entry
):
    r = as_user(judge).get(url("review", season, other_entry.pk))
    assert r.status_code == 403
    assert "分配" in r.content.decode() or "not assigned" in r.content.decode()


def test_while_judging_is_closed_the_page_is_read_only_and_a_post_gets_409(
    assigned, season, organizer, as_user, judge, entry
):
    close_judging(season, organizer)
    client = as_user(judge)
    html = client.get(url("review", season, entry.pk)).content.decode()
    assert 'id="review-closed"' in html and "data-autosave" not in html
    r = client.post(url("review", season, entry.pk), {SCORE + criteria(season)[0]: "5"})
    assert r.status_code == 409
    assert not Review.objects.exists()


def test_the_judges_list_and_the_organizers_progress(
    ready, as_user, judge, organizer, season, entry
):
    domain.save_review(
        entry=entry, by=judge, changes={**full_scores(season, "5"), "private_note": "内部意见"}
    )
    html = as_user(judge).get(url("mine", season)).content.decode()
    assert "星河银行客服中心" in html and "草稿" in html
    client = as_user(organizer)
    html = client.get(url("progress", season)).content.decode()
    assert "钱评委" in html
    assert as_user(judge).get(url("progress", season)).status_code == 403


def test_organizers_read_a_submitted_review_with_its_private_note(
    ready, as_user, judge, organizer, season, entry
):
    domain.save_review(
        entry=entry, by=judge, changes={**full_scores(season, "5"), "private_note": "内部意见"}
    )
    review = domain.submit(review=Review.objects.get(), by=judge)
    html = as_user(organizer).get(url("read", season, review.pk)).content.decode()
    assert "内部意见" in html and "钱评委" in html


def test_remind_lists_the_judges_with_reviews_due_and_starts_a_job(
    ready, as_user, organizer, season
):
    client = as_user(organizer)
    html = client.get(url("remind", season)).content.decode()
    assert "钱评委" in html
    r = client.post(url("remind", season))
    assert r.status_code == 302
    job = Job.objects.get(kind="review_reminders")
    assert job.total == 1
