"""The deliberation board's page: organizers at any time, the season's judges while
集中评议 is open (the closed-stage page otherwise), others refused; the ranking with
totals, rank intervals, the probability within the quota, flags and the quota
line; each entry's radar option and its table; a conflicted judge sees the place
but neither the profile nor the comments; the shortlist form for organizers."""

from __future__ import annotations

import json
from decimal import Decimal

from django.urls import reverse
from django.utils import translation

from ccaward.deliberation.domain import comments
from ccaward.deliberation.models import Shortlist
from ccaward.judging.models import JudgingPolicy
from tests.deliberation.board_fixtures import conflicted, made_up


def url(category):
    return reverse("deliberation:board_category", args=[category.season.slug, category.pk])


def test_the_organizer_sees_the_ranking_with_its_numbers_and_the_quota_line(
    client_en, organizer, board_category, board_evaluation, board_entries
):
    page = client_en(organizer).get(url(board_category))
    assert page.status_code == 200
    html = page.content.decode()
    for name in (e.center.name for e in board_entries):
        assert name in html
    assert "86.40" in html and "1–2" in html and "97%" in html
    assert "Totals: Calibrated for each judge" in html and "1000 resamples" in html
    assert html.count('class="quota-line"') == 1
    # the quota line is drawn after the 2nd entry, before the 3rd
    line = html.index('class="quota-line"')
    assert (
        html.index(board_entries[1].center.name) < line < html.index(board_entries[2].center.name)
    )
    rows = page.context["rows"]
    assert [f.key for f in rows[1].flags] == ["uncertain"]
    assert [f.key for f in rows[3].flags] == ["disagree", "uncertain"]
    assert rows[0].flags == []


def test_each_entry_has_its_radar_against_the_median_and_a_table(
    client_en, organizer, board_category, board_evaluation, board_entries
):
    page = client_en(organizer).get(url(board_category))
    row = page.context["rows"][0]
    option = json.loads(row.radar)
    assert len(option["radar"]["indicator"]) == 9
    entry, median = option["series"][0]["data"]
    assert entry["value"][0] == 86.4 and entry["value"][1] == 83.4
    assert median["name"] == "Category median"
    assert median["value"][0] == 80.0  # the middle of the five totals' first dimension
    html = page.content.decode()
    assert 'data-radar="{' in html and "echarts.kpi.min.js" in html and "board.js" in html
    assert "<script>" not in html
    assert "Panel comments" in html
    for name in ("applications:entry", "kpis:entry", "deliberation:explain"):
        assert reverse(name, args=[board_category.season.slug, entry_pk(row)]) in html


def entry_pk(row):
    return row.entry.pk


def test_a_kpi_discrepancy_is_flagged_from_the_evidence(
    client_en, organizer, season, board_category, board_entries, monkeypatch
):
    """An entry the judges rate far above the category while its KPI evidence puts it
    far below (each standardised within the category) is flagged; the others not."""
    from ccaward.deliberation.domain import evaluation as totals

    code = next(c.code for _d, c, _p in season.current_framework().to_engine().criteria())
    pairs = [("10", "90"), ("60", "60"), ("65", "62"), ("55", "58"), ("62", "61")]
    evidence = {
        e.pk: {code: {"kpi": Decimal(k), "judge": Decimal(j)}}
        for e, (k, j) in zip(board_entries, pairs, strict=True)
    }
    value = made_up(season, board_entries, evidence=evidence)
    monkeypatch.setattr(totals, "season_evaluation", lambda s: value)
    rows = client_en(organizer).get(url(board_category)).context["rows"]
    flag = next(f for f in rows[0].flags if f.key == "kpi")
    assert "KPI 10, judges 90" in flag.detail
    assert not any(f.key == "kpi" for row in rows[1:] for f in row.flags)


def test_a_reported_figure_off_the_computed_one_is_a_kpi_discrepancy(
    client_en, organizer, board_category, board_evaluation, board_entries, monkeypatch
):
    from ccaward.deliberation.views import board_rows

    monkeypatch.setattr(board_rows, "reported_gaps", lambda entries: {board_entries[2].pk: 1})
    rows = client_en(organizer).get(url(board_category)).context["rows"]
    flag = next(f for f in rows[2].flags if f.key == "kpi")
    assert flag.detail == "1 reported figure differs from the one computed from the records"


def test_a_judge_sees_the_board_only_while_deliberation_is_open(
    client_en, organizer, panel_judge, board_category, board_evaluation
):
    client = client_en(panel_judge)
    closed = client.get(url(board_category))
    assert closed.status_code == 409
    assert "Panel deliberation" in closed.content.decode()
    from tests.deliberation.board_fixtures import set_deliberation

    set_deliberation(board_category.season, organizer, "open")
    opened = client.get(url(board_category))
    assert opened.status_code == 200
    assert opened.context["form"] is None  # the shortlist is the organizers'
    assert 'name="version"' not in opened.content.decode()


def test_others_are_refused(client_en, applicant, outsider, board_category, board_evaluation):
    assert client_en(applicant).get(url(board_category)).status_code == 403
    assert client_en(outsider).get(url(board_category)).status_code == 404


def test_a_conflicted_judge_sees_the_place_but_not_the_profile_nor_the_comments(
    client_en,
    organizer,
    panel_judge,
    board_category,
    board_evaluation,
    board_entries,
    deliberation_open,
):
    comments.add_comment(entry=board_entries[0], text="组织者的秘密意见", by=organizer)
    comments.add_comment(entry=board_entries[1], text="可以看到的意见", by=organizer)
    conflicted(panel_judge, board_entries[0])
    page = client_en(panel_judge).get(url(board_category))
    html = page.content.decode()
    assert "组织者的秘密意见" not in html
    assert "可以看到的意见" in html
    assert "conflict of interest with this entry" in html
    rows = page.context["rows"]
    assert rows[0].kept and rows[0].radar == "" and rows[0].links == []
    assert rows[3].flags[0].detail  # the disagreement's detail, where the judge is free
    conflicted(panel_judge, board_entries[3])
    kept = client_en(panel_judge).get(url(board_category)).context["rows"][3]
    assert [f.key for f in kept.flags] == ["disagree", "uncertain"]
    assert all(f.detail == "" for f in kept.flags)
    assert not rows[1].kept and rows[1].radar


def test_a_blind_review_shows_judges_the_entry_codes(
    client_en,
    organizer,
    panel_judge,
    board_category,
    board_evaluation,
    board_entries,
    deliberation_open,
):
    JudgingPolicy.objects.create(season=board_category.season, blind=True)
    html = client_en(panel_judge).get(url(board_category)).content.decode()
    assert board_entries[0].center.name not in html
    assert f"E-{board_entries[0].pk:04d}" in html
    assert (
        board_entries[0].center.name
        in client_en(organizer).get(url(board_category)).content.decode()
    )


def test_the_board_without_a_category_shows_the_first(
    client_en, organizer, season, board_evaluation, category
):
    page = client_en(organizer).get(reverse("deliberation:board", args=[season.slug]))
    assert page.status_code == 200
    assert page.context["category"] == season.categories.first()


def form_data(page, **changes):
    form = page.context["form"]
    data = {"version": form["version"].value()}
    for _row, box, reason in form.lines():
        if box.value():
            data[box.html_name] = "on"
        data[reason.html_name] = reason.value() or ""
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def test_the_organizer_saves_the_default_shortlist(
    client_en, organizer, board_category, board_evaluation, board_entries
):
    client = client_en(organizer)
    page = client.get(url(board_category))
    lines = page.context["form"].lines()
    assert [box.value() for _r, box, _reason in lines] == [True, True, True, False, False]
    saved = client.post(url(board_category), form_data(page))
    assert saved.status_code == 302
    shortlist = Shortlist.objects.get(category=board_category)
    assert shortlist.version == 1
    after = client.get(url(board_category))
    assert "Version 1, set by" in after.content.decode()
    assert after.context["rows"][0].choice.listed


def test_a_departure_without_its_reason_is_shown_on_its_row(
    client_en, organizer, board_category, board_evaluation, board_entries
):
    client = client_en(organizer)
    page = client.get(url(board_category))
    fourth = board_entries[3].pk
    answer = client.post(url(board_category), form_data(page, **{f"on_{fourth}": "on"}))
    assert answer.status_code == 200
    assert answer.context["form"].errors[f"reason_{fourth}"]
    assert not Shortlist.objects.exists()
    answer = client.post(
        url(board_category),
        form_data(page, **{f"on_{fourth}": "on", f"reason_{fourth}": "现场评审表现突出"}),
    )
    assert answer.status_code == 302
    assert Shortlist.objects.get().rows.get(entry_id=fourth).reason == "现场评审表现突出"


def test_two_organizers_saving_at_once_the_second_is_shown_both(
    client_en, organizer, board_category, board_evaluation, board_entries
):
    client = client_en(organizer)
    page = client.get(url(board_category))
    assert client.post(url(board_category), form_data(page)).status_code == 302
    third = board_entries[2].pk
    stale = form_data(page, **{f"on_{third}": None, f"reason_{third}": "数据存疑"})
    answer = client.post(url(board_category), stale)
    assert answer.status_code == 409
    html = answer.content.decode()
    assert "Someone else saved the shortlist" in html
    assert "Saved now (v1)" in html and "left off: 数据存疑" in html
    assert answer.context["form"].data["version"] == 1
    assert client.post(url(board_category), {**stale, "version": 1}).status_code == 302
    assert Shortlist.objects.get().version == 2


def test_a_judge_cannot_post_a_shortlist(
    client_en, panel_judge, board_category, board_evaluation, deliberation_open
):
    assert client_en(panel_judge).post(url(board_category), {"version": 0}).status_code == 403
    assert not Shortlist.objects.exists()


def test_the_page_reads_in_chinese(as_user, organizer, board_category, board_evaluation):
    html = as_user(organizer).get(url(board_category)).content.decode()
    for text in (
        "集中评议看板",
        "90% 名次区间",
        "获奖名额：2 名",
        "默认入围：前 3 名",
        "评委分歧大",
    ):
        assert text in html, text
    assert "Deliberation board" not in html and "rank interval" not in html


def test_the_menu_links_the_board_for_organizers_and_the_open_panel(
    client_en, organizer, panel_judge, board_category, board_evaluation
):
    home = reverse("seasons:dashboard", args=[board_category.season.slug])
    board = reverse("deliberation:board", args=[board_category.season.slug])
    assert board in client_en(organizer).get(home).content.decode()
    assert board not in client_en(panel_judge).get(home).content.decode()
    from tests.deliberation.board_fixtures import set_deliberation

    set_deliberation(board_category.season, organizer, "open")
    judge_home = client_en(panel_judge).get(home).content.decode()
    assert board in judge_home
    assert "The deliberation board is open" in judge_home


def test_the_dashboard_counts_comments_and_shortlists(
    organizer, board_category, board_evaluation, board_entries
):
    from ccaward.deliberation.domain import shortlist as shortlists
    from ccaward.seasons.dashboard import counts_for

    comments.add_comment(entry=board_entries[0], text="意见", by=organizer)
    shortlists.set_shortlist(
        category=board_category, listed=[e.pk for e in board_entries[:3]], by=organizer
    )
    with translation.override("en"):
        found = counts_for(board_category.season)["deliberation"]
    assert found == ["1 panel comment", "1 shortlist set"]


def test_the_audit_log_names_each_departure(
    organizer, board_category, board_evaluation, board_entries
):
    from ccaward.core.audit_text import params
    from ccaward.core.models import AuditEvent
    from ccaward.deliberation.domain import shortlist as shortlists

    shortlists.set_shortlist(
        category=board_category,
        listed=[e.pk for e in board_entries[:4]],
        reasons={board_entries[3].pk: "现场评审表现突出"},
        by=organizer,
    )
    event = AuditEvent.objects.get(action="deliberation.shortlist.set")
    with translation.override("en"):
        from ccaward.core.audit_text import SENTENCES

        sentence = str(SENTENCES[event.action].sentence) % params(event)
    assert f"{board_entries[3].center.name} (rank 4) listed: 现场评审表现突出" in sentence
    assert "Best Outsourced" in sentence and "4 entries" in sentence
