"""The site-visit pages: the list, scheduling (with a stale edit shown both
versions), the visit page for a judge (the claims beside the items), for an
applicant (the schedule only) and for a conflicted judge (not shown)."""

from __future__ import annotations

import uuid

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ccaward.visits.domain import photos, records, schedule
from ccaward.visits.models import Visit
from tests.visits.conftest import close_judging, record
from tests.visits.test_photos import jpeg_with_gps


def test_an_organizer_schedules_a_visit_through_the_page(as_user, organizer, entry, judge_profile):
    client = as_user(organizer)
    page = client.get(reverse("visits:new", args=[entry.season.slug]))
    assert page.status_code == 200 and "评委" in page.content.decode()
    response = client.post(
        reverse("visits:new", args=[entry.season.slug]),
        {
            "entry": entry.pk,
            "starts_at": "2026-12-20T09:30",
            "address": "",
            "judges": [judge_profile.pk],
            "agenda": "09:30 见面会",
        },
    )
    visit = Visit.objects.get()
    assert response.status_code == 302 and response.url.endswith(f"/visits/{visit.pk}/")
    assert visit.address == entry.center.address and list(visit.judges.all()) == [judge_profile]


def test_a_conflicted_judge_is_named_on_the_page(as_user, organizer, entry, conflicted_profile):
    _user, profile = conflicted_profile
    response = as_user(organizer).post(
        reverse("visits:new", args=[entry.season.slug]),
        {"entry": entry.pk, "starts_at": "2026-12-20T09:30", "judges": [profile.pk]},
    )
    assert response.status_code == 200
    assert "有冲突评委" in response.content.decode()
    assert not Visit.objects.exists()


def test_a_stale_edit_shows_both_versions(as_user, organizer, visit, judge_profile):
    schedule.change_visit(
        visit=visit,
        values={
            "starts_at": visit.starts_at,
            "address": "北京市朝阳区",
            "agenda": "",
            "judges": [judge_profile],
        },
        by=organizer,
        base_version=1,
    )
    response = as_user(organizer).post(
        reverse("visits:edit", args=[visit.season.slug, visit.pk]),
        {
            "starts_at": "2026-12-20T09:30",
            "address": "广州市天河区",
            "judges": [judge_profile.pk],
            "version": 1,
        },
    )
    html = response.content.decode()
    assert response.status_code == 200 and 'id="visit-conflict"' in html
    assert "北京市朝阳区" in html and "广州市天河区" in html
    visit.refresh_from_db()
    assert visit.address == "北京市朝阳区"


def test_the_judge_sees_the_claims_and_the_recording_form(as_user, judge, visit, judging_open):
    records.sync_records(visit=visit, by=judge, records=[record("tech_bcp", notes="演练记录齐全")])
    html = (
        as_user(judge)
        .get(reverse("visits:detail", args=[visit.season.slug, visit.pk]))
        .content.decode()
    )
    assert "每年两次切换演练" in html  # what the application claims
    assert 'id="visit-sync"' in html and "js/visits.js" in html
    assert "演练记录齐全" in html
    assert "<script>" not in html


def test_the_applicant_sees_the_schedule_only(as_user, applicant, visit):
    html = (
        as_user(applicant)
        .get(reverse("visits:detail", args=[visit.season.slug, visit.pk]))
        .content.decode()
    )
    assert visit.address in html and "见面会" in html
    assert "每年两次切换演练" not in html and 'id="visit-sync"' not in html


def test_a_conflicted_judge_is_not_shown_the_visit(as_user, visit, conflicted_profile):
    user, profile = conflicted_profile
    visit.judges.add(profile)
    response = as_user(user).get(reverse("visits:detail", args=[visit.season.slug, visit.pk]))
    assert response.status_code == 404


def test_the_list_and_a_photo(as_user, judge, visit, judging_open, organizer):
    photo, _ = photos.add_photo(
        visit=visit,
        item_key="env_noise",
        photo_id=str(uuid.uuid4()),
        upload=SimpleUploadedFile("a.jpg", jpeg_with_gps()),
        by=judge,
    )
    client = as_user(organizer)
    listing = client.get(reverse("visits:list", args=[visit.season.slug])).content.decode()
    assert visit.entry.center.name in listing
    served = client.get(reverse("visits:photo", args=[visit.season.slug, visit.pk, photo.uuid]))
    assert served.status_code == 200 and served["Content-Type"] == "image/jpeg"
    b"".join(served.streaming_content)


def test_the_menu_shows_site_visits_to_those_who_take_part(
    as_user, organizer, judge, applicant, visit, season, outsider
):
    link = f'href="/seasons/{season.slug}/visits/"'
    for user in (organizer, judge, applicant):
        html = as_user(user).get(reverse("seasons:dashboard", args=[season.slug])).content.decode()
        assert link in html, user
    visit.judges.clear()
    html = as_user(judge).get(reverse("seasons:dashboard", args=[season.slug])).content.decode()
    assert link not in html


def test_a_judge_is_told_the_stage_is_closed_and_gets_no_form(
    as_user, judge, visit, organizer, season
):
    close_judging(season, organizer)
    html = (
        as_user(judge).get(reverse("visits:detail", args=[season.slug, visit.pk])).content.decode()
    )
    assert 'id="stage-closed"' in html and 'id="visit-sync"' not in html
    organizer_html = (
        as_user(organizer)
        .get(reverse("visits:detail", args=[season.slug, visit.pk]))
        .content.decode()
    )
    assert 'id="visit-sync"' in organizer_html  # an organizer corrects after the close


def test_the_judges_home_page_lists_the_visit(as_user, judge, visit, season):
    html = as_user(judge).get(reverse("seasons:dashboard", args=[season.slug])).content.decode()
    assert "home-visits" in html and visit.entry.center.name in html


def test_another_judges_record_of_the_same_item_is_shown_beside_ones_own(
    as_user, judge, second_judge, visit, judging_open
):
    user, profile = second_judge
    visit.judges.add(profile)
    records.sync_records(visit=visit, by=judge, records=[record("env_noise", notes="我的记录")])
    records.sync_records(
        visit=visit, by=user, records=[record("env_noise", notes="第二评委的记录")]
    )
    html = (
        as_user(judge)
        .get(reverse("visits:detail", args=[visit.season.slug, visit.pk]))
        .content.decode()
    )
    box = html[html.index('id="item-env_noise"') :]
    box = box[: box.index("</article>")]
    assert "我的记录" in box  # in the form
    assert "其他记录" in box and "第二评委" in box and "第二评委的记录" in box


def test_organizers_see_the_visit_scores_by_criterion(
    as_user, organizer, judge, visit, judging_open
):
    records.sync_records(visit=visit, by=judge, records=[record("tech_bcp", score=8)])
    html = (
        as_user(organizer)
        .get(reverse("visits:detail", args=[visit.season.slug, visit.pk]))
        .content.decode()
    )
    assert 'id="visit-scores-head"' in html and "80.00" in html
    judge_html = (
        as_user(judge)
        .get(reverse("visits:detail", args=[visit.season.slug, visit.pk]))
        .content.decode()
    )
    assert 'id="visit-scores-head"' not in judge_html
