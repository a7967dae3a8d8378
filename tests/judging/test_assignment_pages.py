"""The assignment page (评审分配): organizers only; run, preview, apply, lock, add and
remove by hand through the page; refusals shown; nothing changes once judging closed."""

from __future__ import annotations

import pytest

from ccaward.judging.models import Assignment, AssignmentRun
from ccaward.seasons import domain as seasons
from ccaward.seasons.enums import JUDGING_STAGE
from tests.judging.assignment_fixtures import conflict, entry_with, make_judge, set_policy


@pytest.fixture
def setup(season, organizer, category):
    set_policy(season, reviewers=1, max_load=2)
    judges = [
        make_judge(season, "周一", employer="甲公司", industries=["banking"]),
        make_judge(season, "周二", employer="乙公司", industries=["telecom"]),
    ]
    entries = [
        entry_with(season, organizer, industry="banking", name="招行客服中心"),
        entry_with(season, organizer, industry="telecom", name="移动客服中心"),
    ]
    return judges, entries


def url(season, tail=""):
    return f"/seasons/{season.slug}/assignment/{tail}"


def test_the_page_is_for_organizers_only(season, organizer, judge, outsider, as_user, setup):
    assert as_user(judge).get(url(season)).status_code == 403
    assert as_user(outsider).get(url(season)).status_code == 404
    page = as_user(organizer).get(url(season))
    assert page.status_code == 200
    text = page.content.decode()
    assert "评审分配" in text and "招行客服中心" in text and "周一" in text
    assert f'href="/seasons/{season.slug}/judging-policy/"' in text


def test_run_preview_then_apply_through_the_page(season, organizer, client_en, setup):
    judges, entries = setup
    client = client_en(organizer)
    response = client.post(url(season, "run/"), {"mode": "deterministic"})
    assert response.status_code == 302
    run = AssignmentRun.objects.get()
    assert not Assignment.objects.exists()
    page = client.get(url(season)).content.decode()
    assert "Preview, not applied" in page and "Apply this assignment" in page
    assert "2 of 2 entries have all their judges" in page
    response = client.post(url(season, f"runs/{run.pk}/apply/"))
    assert response.status_code == 302
    assert set(Assignment.objects.values_list("judge_id", "entry_id")) == {
        (judges[0].pk, entries[0].pk),
        (judges[1].pk, entries[1].pk),
    }
    page = client.get(url(season)).content.decode()
    assert "Same industry 3 × 1" in page and "Applied" in page


def test_a_randomized_run_needs_its_cap(season, organizer, client_en, setup):
    client = client_en(organizer)
    response = client.post(url(season, "run/"), {"mode": "randomized"})
    assert response.status_code == 422
    assert "Give the cap P" in response.content.decode()
    assert not AssignmentRun.objects.exists()


def test_an_infeasible_run_is_explained_on_the_page(season, organizer, client_en, setup):
    judges, entries = setup
    set_policy(season, reviewers=2)
    conflict(judges[1], entries[0])
    client = client_en(organizer)
    client.post(url(season, "run/"), {"mode": "deterministic"})
    page = client.get(url(season)).content.decode()
    assert "No assignment" in page and "招行客服中心" in page and "lower R or add judges" in page
    assert "Apply this assignment" not in page


def test_by_hand_lock_and_remove(season, organizer, client_en, setup):
    judges, entries = setup
    client = client_en(organizer)
    conflict(judges[0], entries[1])
    refused = client.post(url(season, "add/"), {"judge": judges[0].pk, "entry": entries[1].pk})
    assert refused.status_code == 422
    text = refused.content.decode()
    assert "周一" in text and "移动客服中心" in text and "conflict of interest" in text
    client.post(url(season, "add/"), {"judge": judges[0].pk, "entry": entries[0].pk})
    pair = Assignment.objects.get()
    assert pair.locked
    client.post(url(season, f"pairs/{pair.pk}/lock/"), {"locked": "0"})
    assert not Assignment.objects.get().locked
    client.post(url(season, f"pairs/{pair.pk}/remove/"))
    assert not Assignment.objects.exists()


def test_nothing_changes_once_judging_closed(season, organizer, client_en, setup):
    judges, entries = setup
    seasons.override_stage(
        stage=season.stages.get(kind=JUDGING_STAGE), by=organizer, action="closed", reason="结束"
    )
    client = client_en(organizer)
    page = client.get(url(season))
    assert page.status_code == 200 and "Run the assignment" not in page.content.decode()
    response = client.post(url(season, "add/"), {"judge": judges[0].pk, "entry": entries[0].pk})
    assert response.status_code == 409
    assert not Assignment.objects.exists()


def test_the_menu_shows_the_page_to_organizers(season, organizer, judge, as_user, setup):
    link = f'href="{url(season)}"'
    assert link in as_user(organizer).get(f"/seasons/{season.slug}/").content.decode()
    assert link not in as_user(judge).get(f"/seasons/{season.slug}/").content.decode()


def test_a_randomized_run_shows_its_cap_seed_and_what_it_gives_up(
    season, organizer, client_en, setup
):
    client = client_en(organizer)
    make_judge(season, "周三", employer="丙公司", industries=["banking"])
    make_judge(season, "周四", employer="丁公司", industries=["telecom"])
    response = client.post(
        url(season, "run/"), {"mode": "randomized", "max_probability": "0.5", "seed": "42"}
    )
    assert response.status_code == 302
    run = AssignmentRun.objects.get()
    assert (run.max_probability, run.seed) == (0.5, 42)
    page = client.get(url(season)).content.decode()
    assert "randomized, each pair at most 0.5, seed 42" in page
    assert "Given up for randomness" in page


def test_a_pair_with_a_review_begun_is_not_removed_and_the_page_says_why(
    season, organizer, client_en, setup
):
    from ccaward.reviews.models import Review

    judges, entries = setup
    client = client_en(organizer)
    client.post(url(season, "add/"), {"judge": judges[0].pk, "entry": entries[0].pk})
    pair = Assignment.objects.get()
    Review.objects.create(
        season=season,
        judge=judges[0],
        entry=entries[0],
        framework=season.current_framework(),
        scale="0-10",
    )
    page = client.post(url(season, f"pairs/{pair.pk}/remove/"), follow=True)
    assert page.status_code == 200
    assert "has begun reviewing" in page.content.decode()
    assert Assignment.objects.filter(pk=pair.pk).exists()
