"""Done-when of issue 12's review form: a judge declares a conflict (the entry
leaves their list and is refused), scores an entry with the evidence panel open,
submits, revises a score, and the history (and the audit event) shows both
values with the reason; the draft autosaves and survives a lost connection."""

from __future__ import annotations

import pytest
from django.urls import NoReverseMatch, reverse
from playwright.sync_api import expect

from ccaward.core.models import AuditEvent
from ccaward.judging.enums import ConflictSource, ConflictStatus
from ccaward.judging.models import Assignment, Conflict, JudgeProfile
from ccaward.people.models import User
from ccaward.reviews import domain
from ccaward.reviews.models import SCORE, Review
from ccaward.seasons import domain as seasons
from ccaward.seasons.enums import JUDGING_STAGE
from tests.browser.conftest import ORGANIZER_EMAIL, sign_in

pytestmark = pytest.mark.browser

JUDGE_EMAIL = "judge@demo.ccaward.cn"


def judging_ready(ctx, count=2):
    """Judging open and the demo judge assigned to `count` competing entries they
    have not reviewed yet (in the platform the judge pool and the assignment make
    these rows; the demo's own reviews are left alone)."""
    season = ctx.season
    organizer = ctx.users["organizer"]
    stage = season.stages.get(kind=JUDGING_STAGE)
    seasons.override_stage(stage=stage, by=organizer, action="open", reason="评审开始")
    user = User.objects.get(email=JUDGE_EMAIL)
    profile = JudgeProfile.objects.filter(season=season, email=JUDGE_EMAIL).first()
    if profile is None:
        profile = JudgeProfile.objects.create(
            season=season, user=user, name="钱专家", email=JUDGE_EMAIL
        )
    blocked = {c.entry_id for c in profile.conflicts.all()}
    reviewed = set(Review.objects.filter(judge=profile).values_list("entry_id", flat=True))
    mine = []
    for entry in season.entries.filter(status__in=["submitted", "accepted"]).order_by("pk"):
        if len(mine) >= count:
            break
        if entry.pk in blocked or entry.pk in reviewed:
            continue
        Assignment.objects.get_or_create(season=season, judge=profile, entry=entry)
        mine.append(entry)
    return season, profile, mine


def declare_conflict(page, live_server, season, entry):
    """The judge declares a conflict of interest on `entry` on judging's page of
    their conflicts (declared directly while that page is not there)."""
    try:
        url = reverse("judging:mine", args=[season.slug])
    except NoReverseMatch:
        Conflict.objects.create(
            season=season,
            judge=JudgeProfile.objects.get(season=season, email=JUDGE_EMAIL),
            entry=entry,
            source=ConflictSource.DECLARED,
            status=ConflictStatus.DECLARED,
            reason="曾任该企业顾问",
        )
        return
    page.goto(live_server.url + url)
    item = page.locator(f"#entry-{entry.pk}")
    item.locator("details > summary").click()
    item.locator("textarea[name=reason]").fill("曾任该企业顾问")
    with page.expect_navigation():
        item.locator("form.declare button[type=submit]").click()
    assert Conflict.objects.filter(entry=entry, judge__email=JUDGE_EMAIL).exists()


def test_a_judge_scores_with_the_evidence_open_submits_and_revises(page, live_server, demo):
    season, profile, entries = judging_ready(demo, count=3)
    entry, conflicted = entries[0], entries[2]
    codes = list(domain.criteria_by_code(season.current_framework()))
    sign_in(page, live_server, JUDGE_EMAIL)
    declare_conflict(page, live_server, season, conflicted)
    page.goto(f"{live_server.url}/seasons/{season.slug}/reviews/")
    # the entry with a conflict is left out of the list and refused
    expect(page.locator(f'tr[data-entry="{conflicted.pk}"]')).to_have_count(0)
    response = page.goto(f"{live_server.url}/seasons/{season.slug}/reviews/entry/{conflicted.pk}/")
    assert response.status == 403
    page.goto(f"{live_server.url}/seasons/{season.slug}/reviews/")
    page.locator(f'tr[data-entry="{entry.pk}"] a').click()
    page.wait_for_selector("#review-form")

    # the evidence beside the form: the application's answers, then the KPIs' tab
    evidence = page.locator("#evidence")
    assert evidence.get_attribute("open") is not None
    assert page.locator("#evidence-application").is_visible()
    box_form, box_evidence = (
        page.locator("#review-form").bounding_box(),
        evidence.bounding_box(),
    )
    assert box_evidence["x"] > box_form["x"] + box_form["width"] - 1  # side by side
    page.locator("#tab-kpis").click()
    assert page.locator("#evidence-kpis").is_visible()
    assert not page.locator("#evidence-application").is_visible()

    # score every criterion; the draft autosaves
    for code in codes:
        page.locator(f'select[name="{SCORE}{code}"]').select_option("7")
    page.locator("textarea[name=feedback_note]").fill("整体表现良好。")
    expect(page.locator("#save-status")).to_have_attribute("data-state", "saved", timeout=15_000)
    review = Review.objects.get(judge=profile, entry=entry)
    assert set(review.scores.values()) == {"7"}

    with page.expect_navigation():
        page.locator("#submit-review").click()
    assert page.locator("#review-status").inner_text() == "已提交"
    review.refresh_from_db()
    assert review.submitted

    # revise one score with a reason: the history shows both values and why
    page.locator("#revise > summary").click()
    page.locator(f'#revise-form select[name="{SCORE}{codes[0]}"]').select_option("8.5")
    page.locator("#id_reason").fill("复核申报材料后上调")
    with page.expect_navigation():
        page.locator("#revise-submit").click()
    row = page.locator("#score-history tr.change-revised")
    assert row.count() == 1
    text = row.inner_text()
    assert "7" in text and "8.5" in text and "复核申报材料后上调" in text
    event = AuditEvent.objects.get(action="review.revised", actor__email=JUDGE_EMAIL)
    assert event.data["changes"][0]["old"] == "7" and event.data["changes"][0]["new"] == "8.5"
    # the organizers' audit log reads both values
    sign_in(page, live_server, ORGANIZER_EMAIL)
    page.goto(f"{live_server.url}/seasons/{season.slug}/audit/")
    expect(page.locator("body")).to_contain_text("7 → 8.5")


def test_scores_typed_offline_are_kept_and_saved_when_the_connection_returns(
    browser, live_server, demo
):
    season, profile, entries = judging_ready(demo)
    entry = entries[-1]
    code = next(iter(domain.criteria_by_code(season.current_framework())))
    context = browser.new_context(locale="zh-CN", viewport={"width": 390, "height": 844})
    page = context.new_page()
    try:
        sign_in(page, live_server, JUDGE_EMAIL)
        page.goto(f"{live_server.url}/seasons/{season.slug}/reviews/entry/{entry.pk}/")
        # on a phone the evidence is a closed disclosure above the form
        assert page.locator("#evidence").get_attribute("open") is None
        context.set_offline(True)
        page.locator(f'select[name="{SCORE}{code}"]').select_option("6.5")
        expect(page.locator("#save-status")).to_have_attribute(
            "data-state", "error", timeout=15_000
        )
        assert not Review.objects.filter(judge=profile, entry=entry).exists()
        context.set_offline(False)
        expect(page.locator("#save-status")).to_have_attribute(
            "data-state", "saved", timeout=15_000
        )
        assert Review.objects.get(judge=profile, entry=entry).scores == {code: "6.5"}
    finally:
        page.close()
        context.close()
