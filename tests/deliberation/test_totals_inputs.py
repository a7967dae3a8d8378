"""A season's inputs to the totals: the competing entries with categories and
quotas, the submitted reviews as a score table (other scales converted, scores
of criteria the framework no longer has left out and counted), site visits and
KPI scores as evidence; a fixed number of queries."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from ccaward.deliberation.domain.evaluation import compute
from ccaward.deliberation.domain.inputs import convert, season_inputs
from ccaward.deliberation.wording import statement
from ccaward.judging.enums import ConflictStatus
from ccaward.judging.models import JudgingPolicy
from ccaward.reviews.enums import ReviewStatus
from ccaward.seasons import domain as seasons
from ccaward.seasons.enums import JUDGING_STAGE
from ccaward.visits.domain import records, schedule
from tests.deliberation.conftest import QUALITY, conflict, review
from tests.factories import make_category, make_entry
from tests.visits.conftest import record


def test_the_table_holds_every_submitted_score_with_labels(season, scored, panel, category):
    entries, crits = scored
    inputs = season_inputs(season)
    table = inputs.table
    assert table.entries == tuple(str(e.pk) for e in entries)
    assert set(table.judges) == {str(j.pk) for j in panel}
    assert table.criteria == tuple(crits)
    assert len(table) == len(entries) * len(panel) * len(crits)
    assert inputs.groups == {str(e.pk): str(category.pk) for e in entries}
    assert inputs.quotas == {str(category.pk): 2}
    assert inputs.entries[str(entries[0].pk)] == entries[0]
    assert inputs.judges[str(panel[0].pk)] == panel[0]
    assert inputs.contacts is None and inputs.mystery is False
    assert (inputs.reviews, inputs.converted, inputs.left_out) == (12, 0, 0)


def test_drafts_and_entries_no_longer_competing_are_left_out(season, scored, panel, organizer):
    entries, crits = scored
    extra = make_entry(season=season, by=organizer, name="草稿中心")
    review(season, panel[0], extra, {crits[0]: 5}, status=ReviewStatus.DRAFT)
    withdrawn = make_entry(season=season, by=organizer, name="退出中心", status="withdrawn")
    review(season, panel[0], withdrawn, {crits[0]: 5})
    inputs = season_inputs(season)
    assert str(withdrawn.pk) not in inputs.table.entries
    assert str(extra.pk) in inputs.table.entries  # competes, no submitted score
    assert inputs.reviews == 12


def test_a_review_whose_judge_is_conflicted_does_not_count(season, scored, panel, organizer):
    """Submitted before the conflict came to light, the review no longer counts
    (declared, detected or confirmed); dismissed, it counts again; the page says so."""
    entries, crits = scored
    found = conflict(panel[1], entries[0])
    inputs = season_inputs(season)
    assert inputs.conflicted == 1 and inputs.reviews == 11
    assert len(inputs.table) == (12 - 1) * len(crits)
    assert (str(panel[1].pk), str(entries[0].pk)) not in {
        (inputs.table.judges[j], inputs.table.entries[e])
        for j, e in zip(inputs.table.judge, inputs.table.entry, strict=True)
    }
    assert "1 份评审未计入：评委与该参评单位存在利益冲突。" in statement(compute(season))
    found.status = ConflictStatus.DISMISSED
    found.save(update_fields=["status"])
    again = season_inputs(season)
    assert again.conflicted == 0 and len(again.table) == 12 * len(crits)


def test_another_scale_is_converted_and_unknown_criteria_counted(
    season, organizer, category, panel
):
    crits = list(season_inputs(season).table.criteria)
    entry = make_entry(season=season, by=organizer, category=category)
    review(season, panel[0], entry, {crits[0]: 4, crits[1]: 1}, scale="1-5")
    review(season, panel[1], entry, {crits[0]: 8, "gone_criterion": 3})
    inputs = season_inputs(season)
    t = inputs.table
    got = {
        (t.judges[j], t.criteria[c]): s
        for j, c, s in zip(t.judge, t.criterion, t.score, strict=False)
    }
    assert got[(str(panel[0].pk), crits[0])] == 7.5
    assert got[(str(panel[0].pk), crits[1])] == 0.0
    assert got[(str(panel[1].pk), crits[0])] == 8.0
    assert (inputs.converted, inputs.left_out) == (1, 1)


def test_on_a_five_point_policy_ten_point_reviews_are_converted(season, organizer, category, panel):
    JudgingPolicy.objects.create(season=season, scale="1-5")
    crits = list(season_inputs(season).table.criteria)
    entry = make_entry(season=season, by=organizer, category=category)
    review(season, panel[0], entry, {crits[0]: 10, crits[1]: 5})
    inputs = season_inputs(season)
    assert inputs.table.scale.label() == "1-5"
    assert sorted(inputs.table.score) == [3.0, 5.0]
    assert convert(Decimal("2"), "1-5", "0-10") == 2.5


def test_visit_scores_are_evidence(season, organizer, category, judge, panel):
    entry = make_entry(season=season, by=organizer, category=category)
    stage = season.stages.get(kind=JUDGING_STAGE)
    seasons.override_stage(stage=stage, by=organizer, action="open", reason="开始")
    visit = schedule.schedule_visit(
        entry=entry,
        values={
            "starts_at": timezone.now() + dt.timedelta(days=1),
            "address": "上海市浦东新区世纪大道100号",
            "agenda": "",
            "judges": [panel[0]],
        },
        by=organizer,
    )
    records.sync_records(visit=visit, by=judge, records=[record("tech_bcp", score=8)])
    inputs = season_inputs(season)
    assert inputs.evidence[str(entry.pk)]["system_contingency"] == {"visit": Decimal("80.00")}


def test_queries_do_not_grow_with_the_entries(season, organizer, category, panel, scored):
    with CaptureQueriesContext(connection) as few:
        season_inputs(season)
    entries, crits = scored
    for _i in range(6):
        entry = make_entry(season=season, by=organizer, category=category)
        for judge in panel:
            review(season, judge, entry, dict.fromkeys(crits, 6))
    with CaptureQueriesContext(connection) as many:
        inputs = season_inputs(season)
    assert len(inputs.table.entries) == len(QUALITY) + 6
    assert len(many) == len(few)
    assert len(many) <= 15


@pytest.mark.parametrize("scale", ["0-10", "1-5"])
def test_convert_keeps_the_ends(scale):
    other = "1-5" if scale == "0-10" else "0-10"
    low, high = (0, 10) if scale == "0-10" else (1, 5)
    assert convert(Decimal(low), scale, other) == (1 if other == "1-5" else 0)
    assert convert(Decimal(high), scale, other) == (5 if other == "1-5" else 10)


def test_a_quota_is_at_most_the_categorys_entries(season, organizer, category, panel):
    empty = make_category(season=season, by=organizer, name_zh="空类别", quota=3)
    make_entry(season=season, by=organizer, category=category)
    inputs = season_inputs(season)
    assert category.quota == 10
    assert inputs.quotas == {str(category.pk): 1}
    assert str(empty.pk) in inputs.categories


def test_kpi_scores_are_the_entry_kpi_pages_evidence(season, organizer, category):
    from ccaward.kpis import domain as kpis
    from ccaward.kpis.models import KpiResult, ReportedFigure

    entries = [make_entry(season=season, by=organizer, category=category) for _ in range(5)]
    for e, rate in zip(entries, [0.9, 0.8, 0.7, 0.6, 0.5], strict=True):
        KpiResult.objects.create(entry=e, figures={"answer_rate": rate}, params={})
        ReportedFigure.objects.create(entry=e, key="attrition_rate", value=1 - rate, source="form")
    inputs = season_inputs(season)
    for e in entries:
        bench = kpis.entry_benchmark(e, e.kpi_results.get())
        page = {r["criterion"].code: r["score"] for r in kpis.framework_evidence(e, bench)}
        mine = {c: k["kpi"] for c, k in inputs.evidence[str(e.pk)].items() if "kpi" in k}
        assert mine == {c: s for c, s in page.items() if s is not None}
        assert mine  # answer rate and attrition feed criteria of the default framework
