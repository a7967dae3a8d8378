"""The totals page and its exports: organizers at any time, the panel while
集中评议 is open (the closed-stage page otherwise), others refused; the method
stated at the top of the page and in the first rows of the exports; blind review
shows judges codes; the numbers are the engine's."""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ccaward.deliberation.domain.evaluation import compute
from ccaward.deliberation.domain.policy import change_policy
from ccaward.judging.models import JudgingPolicy
from ccaward.reviews.blind import entry_code
from tests.deliberation.conftest import conflict, criteria_of, review
from tests.factories import make_entry


def url(season, tail=""):
    return f"/seasons/{season.slug}/totals/{tail}"


def test_organizer_sees_every_entry_ranked_with_the_engines_numbers(
    season, scored, organizer, client_en
):
    entries, _crits = scored
    response = client_en(organizer).get(url(season))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Calibrated for each judge&#x27;s severity and scale" in html
    se = compute(season)
    for r in se.results:
        name = se.entries[r.entry].center.name
        assert name in html
        assert f"{float(r.total):.2f}" in html
    # best first: the order of the quality the judges saw
    positions = [html.index(e.center.name) for e in entries]
    assert positions == sorted(positions)
    assert html.count("quota-line") == 1


def test_the_method_changes_what_the_page_states(season, scored, organizer, client_en):
    change_policy(season=season, by=organizer, values={"method": "trimmed"})
    html = client_en(organizer).get(url(season)).content.decode()
    assert "Trimmed mean (highest and lowest dropped with 5 or more judges)" in html


def test_chinese_is_the_default(season, scored, organizer, as_user):
    html = as_user(organizer).get(url(season)).content.decode()
    assert "评分汇总" in html


def test_a_judge_sees_the_totals_while_deliberation_is_open(
    season, scored, judge, as_user, deliberation_open
):
    assert as_user(judge).get(url(season)).status_code == 200


def test_a_judge_gets_the_closed_stage_page_otherwise(season, scored, judge, as_user):
    response = as_user(judge).get(url(season))
    assert response.status_code == 409
    assert "core/stage_closed.html" in [t.name for t in response.templates]
    assert as_user(judge).get(url(season, "export.csv")).status_code == 409


def test_an_applicant_is_refused_and_an_outsider_not_told(
    season, scored, applicant, outsider, as_user
):
    assert as_user(applicant).get(url(season)).status_code == 403
    assert as_user(outsider).get(url(season)).status_code == 404


def test_blind_review_shows_a_judge_codes(season, scored, judge, as_user, deliberation_open):
    entries, _crits = scored
    JudgingPolicy.objects.create(season=season, blind=True)
    html = as_user(judge).get(url(season)).content.decode()
    assert entry_code(entries[0]) in html
    assert entries[0].center.name not in html
    body = as_user(judge).get(url(season, "export.csv")).content.decode("utf-8-sig")
    assert entries[0].center.name not in body


def test_a_conflicted_entry_is_not_linked_for_that_judge(
    season, scored, judge, panel, as_user, deliberation_open
):
    entries, _crits = scored
    conflict(panel[0], entries[1])
    html = as_user(judge).get(url(season)).content.decode()
    assert url(season, f"{entries[1].pk}/") not in html
    assert url(season, f"{entries[0].pk}/") in html


def _csv(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_the_csv_states_the_method_first_and_holds_the_engines_totals(
    season, scored, organizer, client_en
):
    response = client_en(organizer).get(url(season, "export.csv"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = _csv(response)
    assert season.name_en in rows[0][0] or season.name_zh in rows[0][0]
    assert rows[1][0].startswith("Judges' scores combined by: Calibrated")
    head = rows.index([r for r in rows if r and r[0] == "Category"][0])
    data = rows[head + 1 :]
    se = compute(season)
    assert [float(r[5]) for r in data] == [round(float(x.total), 2) for x in se.results]
    assert [r[1] for r in data] == [str(x.rank) for x in se.results]


def test_the_xlsx_states_the_method_first(season, scored, organizer, client_en):
    change_policy(season=season, by=organizer, values={"method": "median"})
    response = client_en(organizer).get(url(season, "export.xlsx"))
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert sheet.cell(row=2, column=1).value.startswith("Judges' scores combined by: Median")
    values = [c.value for c in sheet["F"] if isinstance(c.value, float)]
    se = compute(season)
    assert values == [round(float(x.total), 2) for x in se.results]


def test_a_name_that_looks_like_a_formula_is_written_as_text(season, scored, organizer, client_en):
    entries, _crits = scored
    center = entries[0].center
    center.name = "=HYPERLINK(1)"
    center.save(update_fields=["name"])
    rows = _csv(client_en(organizer).get(url(season, "export.csv")))
    assert [c for r in rows for c in r if "HYPERLINK" in c] == ["'=HYPERLINK(1)"]


@pytest.mark.parametrize("tail", ["", "export.csv", "export.xlsx"])
def test_without_a_framework_the_pages_still_answer(season, organizer, as_user, tail):
    season.framework_versions.all().delete()
    assert as_user(organizer).get(url(season, tail)).status_code == 200


def test_the_page_reads_a_fixed_number_of_rows_whatever_the_entries(
    season, scored, organizer, panel, category, as_user
):
    client = as_user(organizer)
    client.get(url(season))
    with CaptureQueriesContext(connection) as few:
        client.get(url(season))
    crits = criteria_of(season)
    for _ in range(5):
        entry = make_entry(season=season, by=organizer, category=category)
        for judge in panel:
            review(season, judge, entry, dict.fromkeys(crits, 6))
    with CaptureQueriesContext(connection) as many:
        html = client.get(url(season)).content.decode()
    assert html.count("/totals/") >= 9
    assert len(many) == len(few)
