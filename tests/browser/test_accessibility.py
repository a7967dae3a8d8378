"""axe-core in a real browser on the main pages of every role (organizer, applicant,
judge, mystery shopper) and on the pages of a closed stage: no violation of impact
serious or critical, in Chinese and in English. Violations of lesser impact are printed
(`pytest -s`) but do not fail.

axe (tests/browser/vendor/axe.min.js) is injected into each page; the contexts
bypass the app's CSP (`script-src 'self'`), which would refuse the injected script.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from playwright.sync_api import expect

AXE = Path(__file__).with_name("vendor") / "axe.min.js"
BLOCKING = {"serious", "critical"}
ORGANIZER_EMAIL = "organizer@demo.ccaward.cn"
APPLICANT_EMAIL = "applicant@demo.ccaward.cn"
JUDGE_EMAIL = "judge@demo.ccaward.cn"
DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}


def axe_all_violations(page) -> list[dict]:
    """axe's violations of any impact on the page as it stands."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    results = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return results["violations"]


def axe_violations(page) -> list[dict]:
    """axe's violations of impact serious or critical on the page as it stands."""
    return [v for v in axe_all_violations(page) if v["impact"] in BLOCKING]


def describe(where: str, violations: list[dict]) -> str:
    lines = [f"{where}:"]
    for v in violations:
        lines.append(f"  {v['id']} ({v['impact']}): {v['help']}")
        for node in v["nodes"][:5]:
            lines.append(
                f"    {json.dumps(node['target'], ensure_ascii=False)}  {node['html'][:160]}"
            )
    return "\n".join(lines)


def set_stage(season, organizer, kind, action):
    from ccaward.seasons import domain as seasons

    seasons.override_stage(
        stage=season.stages.get(kind=kind), by=organizer, action=action, reason="无障碍检查"
    )


@pytest.fixture
def signed_in(signed_in_page):
    """signed_in(email, viewport) -> a page of a new context (CSP bypassed for axe),
    signed in on the seasons list."""

    def open_page(email, viewport):
        return signed_in_page(email, viewport, bypass_csp=True)

    return open_page


def switch_language(page, language):
    if page.locator("html").get_attribute("lang") != language:
        with page.expect_navigation():
            page.locator(f"button[name=language][value={language}]").click()


@pytest.mark.browser
def test_closed_stage_pages_and_the_season_menu_have_no_serious_violations(
    live_server, demo, signed_in
):
    from ccaward.seasons.enums import StageKind

    season, organizer = demo.season, demo.users["organizer"]
    base = f"{live_server.url}/seasons/{season.slug}"
    kpi = f"{base}/entries/{demo.entries[0].pk}/kpi/"
    set_stage(season, organizer, StageKind.DATA_COLLECTION, "closed")
    set_stage(season, organizer, StageKind.RECOMMENDATION, "closed")
    # who, at which size, opens which page (status, an element that must show)
    visits = [
        (
            ("judge", JUDGE_EMAIL, PHONE),
            [
                ("season dashboard", f"{base}/", 200, ".seasonnav a[aria-current=page]"),
                ("recommendations, stage closed", f"{base}/recommendations/", 200, "#stage-closed"),
                (
                    "closed-stage page (the recommend form)",
                    f"{base}/recommendations/new/",
                    409,
                    "h1",
                ),
            ],
        ),
        (
            ("applicant", APPLICANT_EMAIL, PHONE),
            [("KPI page, stage closed", kpi, 200, "#stage-closed")],
        ),
        (
            ("organizer", ORGANIZER_EMAIL, DESKTOP),
            [
                ("season dashboard", f"{base}/", 200, ".seasonnav a[aria-current=page]"),
                ("KPI page, stage closed", kpi, 200, "#stage-closed"),
                ("recommendations, stage closed", f"{base}/recommendations/", 200, "#stage-closed"),
                ("mystery-call board", f"{base}/mystery/", 200, ".mb-stats"),
            ],
        ),
    ]
    found = []
    for (who, email, viewport), pages in visits:
        page = signed_in(email, viewport)
        for language in ("zh-hans", "en"):
            switch_language(page, language)
            for name, url, status, shown in pages:
                assert page.goto(url).status == status, f"{who}: {name}"
                expect(page.locator(shown).first).to_be_visible()
                violations = axe_violations(page)
                if violations:
                    where = f"{language} {name} ({who}, {viewport['width']} px)"
                    found.append(describe(where, violations))

    assert not found, "axe found serious or critical violations:\n" + "\n".join(found)


@pytest.mark.browser
def test_the_conflict_choice_and_the_too_large_page_have_no_serious_violations(
    live_server, demo, signed_in
):
    """The server-rendered conflict panel (a page saved over an answer changed
    elsewhere) and the page for a post over the size limit, as the applicant sees
    them on a phone and a desktop."""
    from ccaward.applications import domain
    from ccaward.applications.models import Entry
    from tests.browser.test_autosave_conflict import draft_of_applicant

    applicant = demo.users["applicant"]
    found = []
    for viewport in (PHONE, DESKTOP):
        page = signed_in(APPLICANT_EMAIL, viewport)
        for language in ("zh-hans", "en"):
            switch_language(page, language)
            entry = draft_of_applicant(
                demo.season, f"无障碍冲突中心 {language} {viewport['width']}"
            )
            url = f"{live_server.url}/seasons/{demo.season.slug}/applications/{entry.pk}/s/culture/"
            page.goto(url)
            domain.save_answers(
                entry=Entry.objects.get(pk=entry.pk),
                by=applicant,
                answers={"culture_mission": "甲"},
            )
            page.locator('[name="culture_mission"]').evaluate("el => { el.value = '乙'; }")
            with page.expect_navigation():  # a plain post, as without the script
                page.locator("#answers").evaluate("form => form.submit()")
            expect(page.locator("#save-conflicts .keep-mine")).to_be_visible()
            where = f"{language} conflict choice ({viewport['width']} px)"
            if violations := axe_violations(page):
                found.append(describe(where, violations))
            page.goto(url)
            page.locator('[name="culture_vision"]').evaluate(
                "el => { el.value = 'x'.repeat(3 * 1024 * 1024); }"
            )
            with page.expect_navigation():
                page.locator("#answers").evaluate("form => form.submit()")
            expect(page.locator("h1")).to_be_visible()
            where = f"{language} too large ({viewport['width']} px)"
            if violations := axe_violations(page):
                found.append(describe(where, violations))
    assert not found, "axe found serious or critical violations:\n" + "\n".join(found)


@pytest.mark.browser
def test_the_framework_editor_has_no_serious_violations(live_server, demo, signed_in):
    """Every input of the editor labelled, also with a new dimension and criterion,
    with field errors shown, at desktop and phone size."""
    url = f"{live_server.url}/seasons/{demo.season.slug}/framework/"
    found = []
    for viewport in (DESKTOP, PHONE):
        page = signed_in(ORGANIZER_EMAIL, viewport)
        for language in ("zh-hans", "en"):
            switch_language(page, language)
            page.goto(url)
            expect(page.locator("#weight-total")).to_be_visible()
            with page.expect_response(lambda r: r.request.method == "POST"):
                page.locator("#add-dimension").click()
            expect(
                page.locator("fieldset.dimension").last.locator(".dim-head input").first
            ).to_be_focused()
            with page.expect_response(lambda r: r.request.method == "POST"):
                page.locator("fieldset.dimension").last.locator("button.add").click()
            expect(page.locator(".field-error:not(:empty)").first).to_be_visible()
            unlabelled = page.evaluate(
                """() => [...document.querySelectorAll('#framework-form input:not([type=hidden]),'
                + ' #framework-form select, #framework-form textarea')]
                .filter(e => !e.labels.length && !e.getAttribute('aria-label')).length"""
            )
            assert unlabelled == 0
            violations = axe_violations(page)
            if violations:
                found.append(describe(f"{language} editor ({viewport['width']} px)", violations))
    assert not found, "axe found serious or critical violations:\n" + "\n".join(found)


@pytest.mark.browser
def test_the_mapping_step_and_the_data_format_page_have_no_serious_violations(
    live_server, demo, signed_in
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from ccaward.kpis import domain
    from tests.kpis.test_mapping_step import OWN

    entry, applicant = demo.entries[0], demo.users["applicant"]
    upload = domain.accept_upload(
        entry=entry,
        uploaded_file=SimpleUploadedFile("own.csv", OWN.encode()),
        mapping="standard",
        by=applicant,
        to_map=True,
    )
    base = f"{live_server.url}/seasons/{demo.season.slug}"
    mapping = f"{base}/entries/{entry.pk}/kpi/uploads/{upload.pk}/mapping/"
    found = []
    for viewport in (PHONE, DESKTOP):
        page = signed_in(APPLICANT_EMAIL, viewport)
        for language in ("zh-hans", "en"):
            switch_language(page, language)
            for name, url, shown in (
                ("mapping step", mapping, "#sample table"),
                ("data format", f"{live_server.url}/seasons/kpi-data/format/", "#fields table"),
            ):
                assert page.goto(url).status == 200, name
                expect(page.locator(shown).first).to_be_visible()
                if name == "mapping step":  # with a preview and its findings
                    page.locator("select[name=src_contact_id]").select_option("CallRef")
                    page.locator("select[name=src_arrived_at]").select_option("Start")
                    with page.expect_navigation():
                        page.locator("button[name=action][value=preview]").click()
                    expect(page.locator("#preview .findings").first).to_be_visible()
                violations = axe_violations(page)
                if violations:
                    where = f"{language} {name} ({viewport['width']} px)"
                    found.append(describe(where, violations))
    assert not found, "axe found serious or critical violations:\n" + "\n".join(found)


@pytest.mark.browser
def test_the_applications_list_and_its_pages_have_no_serious_violations(
    signed_in, live_server, demo
):
    url = f"{live_server.url}/seasons/{demo.season.slug}/applications/?page=2"
    for viewport in (DESKTOP, PHONE):
        page = signed_in(ORGANIZER_EMAIL, viewport)
        for language in ("zh-hans", "en"):
            page.goto(url)
            switch_language(page, language)
            expect(page.locator("nav.pager [aria-current=page]")).to_have_text("2")
            expect(page.locator("#result-count")).to_be_visible()
            found = axe_violations(page)
            assert not found, describe(f"applications list {language} {viewport}", found)


@pytest.mark.browser
def test_the_form_wording_pages_have_no_serious_violations(live_server, demo, signed_in):
    """The form's sections and one section's wording with its preview, labelled."""
    base = f"{live_server.url}/seasons/{demo.season.slug}/applications/form/"
    found = []
    for viewport in (DESKTOP, PHONE):
        page = signed_in(ORGANIZER_EMAIL, viewport)
        for language in ("zh-hans", "en"):
            switch_language(page, language)
            page.goto(base)
            expect(page.locator("#sections-title")).to_be_visible()
            pages = [("sections", axe_violations(page))]
            page.goto(f"{base}declaration/")
            with page.expect_navigation():
                page.locator("button[value=preview]").click()
            expect(page.locator("#preview")).to_be_visible()
            pages.append(("declaration with preview", axe_violations(page)))
            for name, violations in pages:
                if violations:
                    where = f"{language} form wording: {name} ({viewport['width']} px)"
                    found.append(describe(where, violations))
    assert not found, "axe found serious or critical violations:\n" + "\n".join(found)


SHOPPER_EMAIL = "shopper@demo.ccaward.cn"


def main_pages(role, season, entry, sections) -> list[tuple[str, str]]:
    """(name, path) of the role's main pages."""
    s = f"/seasons/{season.slug}"
    home = [("home", f"{s}/"), ("profile", "/accounts/profile/"), ("framework", f"{s}/framework/")]
    application = [
        ("applications", f"{s}/applications/"),
        ("application", f"{s}/applications/{entry.pk}/"),
        ("KPI page", f"{s}/entries/{entry.pk}/kpi/"),
    ]
    if role == "applicant":
        return [
            *home,
            *application,
            ("check and submit", f"{s}/applications/{entry.pk}/review/"),
            *[(f"form section {path.rstrip('/').rsplit('/', 1)[-1]}", path) for path in sections],
        ]
    if role == "judge":
        return [
            *home,
            *application,
            ("benchmark board", f"{s}/benchmark/"),
            ("recommendations", f"{s}/recommendations/"),
            ("recommend", f"{s}/recommendations/new/"),
            ("my conflicts of interest", f"{s}/my-judging/"),
            ("my judge profile", f"{s}/my-judging/profile/"),
        ]
    if role == "organizer":
        return [
            *home,
            *application,
            ("form section staff", sections[3]),
            ("form section performance", sections[12]),
            ("entries", f"{s}/entries/"),
            ("benchmark board", f"{s}/benchmark/"),
            ("KPI policy", f"{s}/kpi-policy/"),
            ("stages", f"{s}/stages/"),
            ("categories", f"{s}/categories/"),
            ("people", f"{s}/people/"),
            ("audit log", f"{s}/audit/"),
            ("background jobs", f"{s}/jobs/"),
            ("remind drafts", f"{s}/applications/remind/"),
            ("recommendations", f"{s}/recommendations/"),
            ("judge pool", f"{s}/judges/"),
            ("add a judge", f"{s}/judges/new/"),
            ("import judges", f"{s}/judges/import/"),
            ("conflicts of interest", f"{s}/conflicts/"),
            ("judging policy", f"{s}/judging-policy/"),
            ("judge assignment", f"{s}/assignment/"),
            ("mystery plan", f"{s}/mystery/plan/"),
            ("mystery shoppers", f"{s}/mystery/shoppers/"),
            ("mystery scenarios", f"{s}/mystery/scenarios/"),
            ("new mystery scenario", f"{s}/mystery/scenarios/new/"),
            ("mystery scorecard", f"{s}/mystery/scorecard/"),
        ]
    return home  # the mystery shopper


@pytest.mark.browser
@pytest.mark.parametrize(
    "role, email",
    [
        ("organizer", ORGANIZER_EMAIL),
        ("applicant", APPLICANT_EMAIL),
        ("judge", JUDGE_EMAIL),
        ("shopper", SHOPPER_EMAIL),
    ],
)
def test_every_role_s_main_pages_have_no_serious_violations(
    live_server, demo, signed_in, role, email
):
    season, entry = demo.season, demo.entries[0]  # the demo applicant's own entry
    page = signed_in(email, DESKTOP)
    sections = []
    if role in ("applicant", "organizer"):
        page.goto(f"{live_server.url}/seasons/{season.slug}/applications/{entry.pk}/")
        sections = page.locator(".form-nav a[href*='/s/']").evaluate_all(
            "links => links.map(a => new URL(a.href).pathname)"
        )
        assert len(sections) == 18
    found, lesser = [], []
    for language in ("zh-hans", "en"):
        switch_language(page, language)
        for name, path in main_pages(role, season, entry, sections):
            status = page.goto(f"{live_server.url}{path}").status
            assert status in (200, 403), f"{role} {name}: {status}"
            expect(page.locator("main h1").first).to_be_visible()
            violations = axe_all_violations(page)
            where = f"{language} {name} ({role}, {path})"
            blocking = [v for v in violations if v["impact"] in BLOCKING]
            if blocking:
                found.append(describe(where, blocking))
            if others := [v for v in violations if v["impact"] not in BLOCKING]:
                lesser.append(describe(where, others))
    if lesser:
        print("axe, lesser impact:\n" + "\n".join(lesser))
    assert not found, "axe found serious or critical violations:\n" + "\n".join(found)


@pytest.mark.browser
def test_the_site_visit_pages_have_no_serious_violations(live_server, demo, signed_in):
    """入户评审: the list, the schedule form and a visit with its checklist (organizer,
    also on a tablet), and the visit as the entry's applicant sees it."""
    from ccaward.visits.models import Visit

    base = f"{live_server.url}/seasons/{demo.season.slug}/visits"
    done = Visit.objects.filter(season=demo.season, status="done").first()
    assert done is not None, "the demo has a visit that is done"
    pages = {
        ORGANIZER_EMAIL: [
            ("visits", f"{base}/"),
            ("schedule a visit", f"{base}/new/"),
            ("visit", f"{base}/{done.pk}/"),
            ("change a visit", f"{base}/{done.pk}/edit/"),
        ],
    }
    applicant_visit = Visit.objects.filter(
        season=demo.season, entry__center__organization__members__email=APPLICANT_EMAIL
    ).first()
    if applicant_visit is not None:
        pages[APPLICANT_EMAIL] = [("visit", f"{base}/{applicant_visit.pk}/")]
    found = []
    for viewport in (DESKTOP, {"width": 1024, "height": 768}, PHONE):
        for email, urls in pages.items():
            page = signed_in(email, viewport)
            for language in ("zh-hans", "en"):
                for name, url in urls:
                    page.goto(url)
                    switch_language(page, language)
                    violations = axe_violations(page)
                    if violations:
                        where = f"{language} {name} ({email}, {viewport['width']} px)"
                        found.append(describe(where, violations))
    assert not found, "\n".join(found)


@pytest.mark.browser
def test_the_review_pages_have_no_serious_violations(live_server, demo, signed_in):
    """A judge's list, the review form with the evidence beside it (a draft, and a
    submitted review with its history and the revision form open), the organizers'
    progress, a review read by them and the reminders' confirmation."""
    from ccaward.reviews import domain
    from ccaward.reviews.models import SCORE, Review
    from tests.browser.test_review import judging_ready

    season, profile, entries = judging_ready(demo)
    judge = profile.user
    codes = list(domain.criteria_by_code(season.current_framework()))
    domain.save_review(entry=entries[0], by=judge, changes={SCORE + c: "7" for c in codes})
    review = domain.submit(review=Review.objects.get(entry=entries[0], judge=profile), by=judge)
    domain.revise(
        review=review,
        by=judge,
        changes={SCORE + codes[0]: "8"},
        reason="复核",
        version=review.version,
    )
    base = f"{live_server.url}/seasons/{season.slug}/reviews"
    visits = [
        (
            JUDGE_EMAIL,
            [
                ("my reviews", f"{base}/", "#my-reviews"),
                ("review form", f"{base}/entry/{entries[1].pk}/", "#review-form"),
                ("submitted review", f"{base}/entry/{entries[0].pk}/", "#score-history"),
            ],
        ),
        (
            ORGANIZER_EMAIL,
            [
                ("review progress", f"{base}/progress/", "#progress-judges"),
                ("review read", f"{base}/read/{review.pk}/", "#score-history"),
                ("remind judges", f"{base}/remind/", "#reminder-judges"),
            ],
        ),
    ]
    found = []
    for email, pages in visits:
        for viewport in (DESKTOP, PHONE):
            page = signed_in(email, viewport)
            for language in ("zh-hans", "en"):
                switch_language(page, language)
                for name, url, shown in pages:
                    assert page.goto(url).status == 200, name
                    if page.locator("#revise").count():
                        page.locator("#revise > summary").click()
                    expect(page.locator(shown).first).to_be_visible()
                    if violations := axe_violations(page):
                        where = f"{language} {name} ({viewport['width']} px)"
                        found.append(describe(where, violations))
    assert not found, "axe found serious or critical violations:\n" + "\n".join(found)


@pytest.mark.browser
def test_the_totals_pages_have_no_serious_violations(live_server, demo, signed_in):
    """The totals, an entry's breakdown, reliability and the scoring policy as the
    organizer sees them, and the totals as a judge sees them in 集中评议, on a
    desktop and a phone, in both languages."""
    from ccaward.applications.enums import COMPETING
    from ccaward.applications.models import Entry
    from ccaward.seasons.enums import StageKind

    season, organizer = demo.season, demo.users["organizer"]
    set_stage(season, organizer, StageKind.DELIBERATION, "open")
    base = f"{live_server.url}/seasons/{season.slug}"
    entry = Entry.objects.filter(season=season, status__in=COMPETING).first().pk
    pages = {
        "organizer": [
            ("totals", f"{base}/totals/", "table.totals"),
            ("breakdown", f"{base}/totals/{entry}/", "table.explain-raw"),
            ("reliability", f"{base}/reliability/", ".alpha-overall"),
            ("scoring policy", f"{base}/scoring-policy/", "form.policy-form"),
        ],
        "judge": [("totals", f"{base}/totals/", "table.totals")],
    }
    found = []
    for who, email in (("organizer", ORGANIZER_EMAIL), ("judge", JUDGE_EMAIL)):
        for viewport in (DESKTOP, PHONE):
            page = signed_in(email, viewport)
            for language in ("zh-hans", "en"):
                switch_language(page, language)
                for name, url, shown in pages[who]:
                    assert page.goto(url).status == 200, f"{who}: {name}"
                    expect(page.locator(shown).first).to_be_visible()
                    if violations := axe_violations(page):
                        where = f"{language} {name} ({who}, {viewport['width']} px)"
                        found.append(describe(where, violations))
    assert not found, "axe found serious or critical violations:\n" + "\n".join(found)


@pytest.mark.browser
def test_the_deliberation_board_has_no_serious_violations(live_server, demo, signed_in):
    """The board with an entry's section open (radar, its table, comments, the
    shortlist form) as the organizer on a desktop and as a judge on a phone, while
    集中评议 is open."""
    from ccaward.seasons.enums import StageKind

    season, organizer = demo.season, demo.users["organizer"]
    set_stage(season, organizer, StageKind.DELIBERATION, "open")
    url = f"{live_server.url}/seasons/{season.slug}/deliberation/board/"
    found = []
    for who, email, viewport in (
        ("organizer", ORGANIZER_EMAIL, DESKTOP),
        ("judge", JUDGE_EMAIL, PHONE),
    ):
        page = signed_in(email, viewport)
        for language in ("zh-hans", "en"):
            switch_language(page, language)
            page.goto(url)
            page.locator("details.delib-entry summary").first.click()
            expect(page.locator("details.delib-entry[open] [data-drawn]")).to_have_count(1)
            if violations := axe_violations(page):
                where = f"{language} deliberation board ({who}, {viewport['width']} px)"
                found.append(describe(where, violations))
    assert not found, "axe found serious or critical violations:\n" + "\n".join(found)


@pytest.mark.browser
def test_the_results_pages_have_no_serious_violations(live_server, demo, signed_in, browser):
    """The organizers' publishing page and the public results page (no sign-in), in
    both languages, at desktop and phone size."""
    from ccaward.results.domain import published
    from tests.results.publish_fixtures import publish_season

    season, organizer = demo.season, demo.users["organizer"]
    if published.live(season) is None:  # the demo publishes its results
        publish_season(season, organizer)
    found = []
    for viewport in (DESKTOP, PHONE):
        page = signed_in(ORGANIZER_EMAIL, viewport)
        anonymous = browser.new_context(locale="zh-CN", viewport=viewport, bypass_csp=True)
        public = anonymous.new_page()
        public.goto(f"{live_server.url}/awards/{season.slug}/")
        for language in ("zh-hans", "en"):
            switch_language(page, language)
            switch_language(public, language)
            for name, where, url, shown in (
                (
                    "publishing page",
                    page,
                    f"{live_server.url}/seasons/{season.slug}/results/",
                    "h1",
                ),
                (
                    "public results",
                    public,
                    f"{live_server.url}/awards/{season.slug}/",
                    ".results-winners",
                ),
            ):
                assert where.goto(url).status == 200, name
                expect(where.locator(shown).first).to_be_visible()
                if violations := axe_violations(where):
                    found.append(
                        describe(f"{language} {name} ({viewport['width']} px)", violations)
                    )
        anonymous.close()
    assert not found, "axe found serious or critical violations:\n" + "\n".join(found)


@pytest.mark.browser
def test_the_public_poll_and_its_organizers_page_have_no_serious_violations(
    live_server, demo, signed_in, browser
):
    """The poll's public pages (anonymous, on a phone) and the organizers' page with a
    burst among its signals (desktop), in both languages."""
    import datetime as dt

    from django.utils import timezone

    from ccaward.poll.domain import policy as policies
    from ccaward.poll.domain import votes
    from ccaward.seasons.enums import StageKind

    season, organizer = demo.season, demo.users["organizer"]
    set_stage(season, organizer, StageKind.VOTING, "open")
    if not policies.policy_of(season).enabled:
        policies.change_policy(season=season, by=organizer, values={"enabled": True, "weight": 20})
    category = next(c for c in season.categories.all() if votes.entries_of(c))
    entry = votes.entries_of(category)[0]
    start = timezone.now().replace(second=0, microsecond=0) - dt.timedelta(hours=2)
    rows = [
        {
            "email": f"axe{i}@example.com",
            "entry": entry.pk,
            "network": "203.0.113.0/24",
            "at": start + dt.timedelta(seconds=3 * i),
        }
        for i in range(12)
    ]
    votes.record_votes(category=category, by=organizer, rows=rows)
    public = f"{live_server.url}/awards/{season.slug}/poll"
    found = []
    context = browser.new_context(locale="zh-CN", viewport=PHONE, bypass_csp=True)
    page = context.new_page()
    organizer_page = signed_in(ORGANIZER_EMAIL, DESKTOP)
    for language in ("zh-hans", "en"):
        page.goto(f"{public}/")
        switch_language(page, language)
        for name, url in (
            ("poll home", f"{public}/"),
            ("poll category", f"{public}/{category.pk}/"),
            ("poll sign-in", f"{public}/signin/"),
        ):
            assert page.goto(url).status == 200, name
            if violations := axe_violations(page):
                found.append(describe(f"{language} {name}", violations))
        switch_language(organizer_page, language)
        organizer_page.goto(f"{live_server.url}/seasons/{season.slug}/poll/")
        organizer_page.locator(".poll-signal summary").first.click()
        if violations := axe_violations(organizer_page):
            found.append(describe(f"{language} poll organizers' page", violations))
    context.close()
    assert not found, "axe found serious or critical violations:\n" + "\n".join(found)


@pytest.mark.browser
def test_the_voting_pages_have_no_serious_violations(live_server, demo, signed_in):
    """Voting (票选) while the vote is open (the overview and a judge's ballot, the
    organizers' roll and the voting policy) and after the count (the decision and the
    tally), on a desktop and a phone, in both languages."""
    from ccaward.deliberation.models import Shortlist, ShortlistEntry
    from ccaward.people import domain as people
    from ccaward.people.enums import Role
    from ccaward.results.domain import ballots as voting
    from ccaward.results.domain import count as counting
    from ccaward.results.domain.publish import unpublish
    from ccaward.seasons.enums import StageKind
    from tests.factories import UserFactory, make_category, make_entry

    season, organizer = demo.season, demo.users["organizer"]
    # the demo's categories are counted and published: a new category is voted in
    unpublish(season=season, by=organizer, reason="axe")
    category = make_category(
        season=season, by=organizer, name_zh="最佳客户体验奖", name_en="Best Customer Experience"
    )
    shortlist = Shortlist.objects.create(season=season, category=category, method="mean")
    for rank, name in enumerate(("甲客服中心", "乙客服中心", "丙客服中心", "丁客服中心"), 1):
        entry = make_entry(season=season, by=organizer, category=category, name=name)
        ShortlistEntry.objects.create(shortlist=shortlist, entry=entry, listed=True, rank=rank)
    set_stage(season, organizer, StageKind.VOTING, "open")
    base = f"{live_server.url}/seasons/{season.slug}/voting"
    voter = UserFactory(email="voter@example.cn", name="投票评委")
    people.grant_role(season=season, user=voter, role=Role.JUDGE, by=organizer)
    entries = voting.shortlisted(category)
    voting.cast_ballot(
        category=category, voter=voter, ranking=[[e.pk] for e in entries[:3]], by=voter
    )
    open_pages = {
        "judge": [("voting", f"{base}/"), ("ballot", f"{base}/{category.pk}/")],
        "organizer": [
            ("voting", f"{base}/"),
            ("roll", f"{base}/{category.pk}/manage/"),
            ("voting policy", f"{base}/policy/"),
        ],
    }
    found = []

    def check(who, email, pages):
        for viewport in (DESKTOP, PHONE):
            page = signed_in(email, viewport)
            for language in ("zh-hans", "en"):
                switch_language(page, language)
                for name, url in pages:
                    assert page.goto(url).status == 200, f"{who}: {name}"
                    if violations := axe_violations(page):
                        where = f"{language} {name} ({who}, {viewport['width']} px)"
                        found.append(describe(where, violations))

    check("judge", JUDGE_EMAIL, open_pages["judge"])
    check("organizer", ORGANIZER_EMAIL, open_pages["organizer"])
    set_stage(season, organizer, StageKind.VOTING, "closed")
    category.quota = 2
    category.save(update_fields=["quota"])
    counting.count_category(category=category, by=organizer)
    check("organizer", ORGANIZER_EMAIL, [("decision", f"{base}/{category.pk}/manage/")])
    assert not found, "axe found serious or critical violations:\n" + "\n".join(found)


@pytest.mark.browser
def test_the_mystery_shopper_pages_have_no_serious_violations(live_server, demo, signed_in):
    """电话暗访: the shopper's contacts and one contact with its scorecard (on a phone
    first), and a submitted one, read-only."""
    from ccaward.mystery.domain import recording
    from ccaward.mystery.domain.shoppers import blocked_pairs
    from ccaward.mystery.models import Scenario, ScorecardVersion, ShopperProfile
    from ccaward.people.models import User
    from tests.mystery.shopper_data import FULL, POINTS, default_definition, make_contact
    from tests.mystery.shopper_data import set_stage as set_mystery_stage

    season = demo.season
    shopper = User.objects.get(email=SHOPPER_EMAIL)
    set_mystery_stage(season, User.objects.get(email=ORGANIZER_EMAIL), "open")
    profile = ShopperProfile.objects.filter(season=season, email=SHOPPER_EMAIL).first()
    if profile is None:
        profile = ShopperProfile.objects.create(
            season=season, user=shopper, name=shopper.display_name, email=SHOPPER_EMAIL
        )
    row = ScorecardVersion.objects.create(
        season=season, version=900, definition=default_definition()
    )
    scenario = Scenario.objects.create(
        season=season,
        key="a11y",
        title="挂失",
        story="丢卡",
        questions="怎么挂失？",
        answer_points=POINTS,
    )
    blocked = {e for (p, e) in blocked_pairs(season) if p == profile.pk}
    entries = [e for e in season.entries.all() if e.pk not in blocked][:2]
    open_one, done_one = (
        make_contact(
            season=season, entry=e, shopper=profile, scenario=scenario, scorecard=row, number=90 + i
        )
        for i, e in enumerate(entries)
    )
    card = recording.start_card(contact=done_one, by=shopper)
    recording.save_card(card=card, changes=FULL, by=shopper)
    recording.submit_card(card=card, by=shopper)
    base = f"{live_server.url}/seasons/{season.slug}/mystery/mine"
    urls = [
        ("my contacts", f"{base}/"),
        ("contact", f"{base}/{open_one.pk}/"),
        ("submitted", f"{base}/{done_one.pk}/"),
    ]
    found = []
    for viewport in (PHONE, DESKTOP):
        page = signed_in(SHOPPER_EMAIL, viewport)
        for language in ("zh-hans", "en"):
            for name, url in urls:
                page.goto(url)
                switch_language(page, language)
                violations = axe_violations(page)
                if violations:
                    found.append(
                        describe(f"{language} {name} ({viewport['width']} px)", violations)
                    )
    assert not found, "\n".join(found)
