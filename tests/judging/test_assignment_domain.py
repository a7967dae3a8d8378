"""The assignment's domain (judging/domain/assignment.py): a run is a preview, applying
it replaces the unlocked pairs, locks survive re-runs, pairs by hand are refused when
conflicted or of one employer, an infeasible season is explained by name, bad input
is named and writes nothing, and closing judging ends the assignment."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from ccaward.core.errors import StageClosed
from ccaward.core.models import AuditEvent
from ccaward.judging import assignment_text
from ccaward.judging.domain import assignment as domain
from ccaward.judging.enums import AssignmentSource, ConflictSource, ConflictStatus
from ccaward.judging.models import Assignment, AssignmentRun
from ccaward.seasons import domain as seasons
from ccaward.seasons.enums import JUDGING_STAGE
from tests.factories import make_category
from tests.judging.assignment_fixtures import conflict, entry_with, make_judge, set_policy


@pytest.fixture(autouse=True)
def _english():
    """Messages are matched in English (the site's default is Chinese)."""
    translation.activate("en")


@pytest.fixture
def pool(season, organizer, category):
    """Four judges, three entries, R = 2, loads 0..3."""
    set_policy(season, reviewers=2, min_load=0, max_load=3)
    judges = [
        make_judge(season, "王一", employer="甲公司", industries=["banking"], channels=["voice"]),
        make_judge(season, "王二", employer="乙公司", industries=["telecom"]),
        make_judge(season, "王三", employer="丙公司", industries=["banking"]),
        make_judge(season, "王四", employer="丁公司", industries=["insurance"]),
    ]
    entries = [
        entry_with(season, organizer, industry="banking", channels=["voice", "web_chat"]),
        entry_with(season, organizer, industry="telecom"),
        entry_with(season, organizer, industry="insurance"),
    ]
    return judges, entries


def pairs(season):
    return set(Assignment.objects.filter(season=season).values_list("judge_id", "entry_id"))


def test_a_run_is_a_preview_and_applying_it_assigns_r_judges_to_each_entry(season, organizer, pool):
    judges, entries = pool
    run = domain.run_assignment(season=season, by=organizer)
    assert run.optimal and not run.applied
    assert not pairs(season), "a run changes no pair"
    report = run.report
    assert report["covered"] == report["entries"] == 3
    assert report["assigned"] == report["reviews"] == 6
    assert sum(report["loads"].values()) == 6 and max(report["loads"].values()) <= 3
    domain.apply_run(run=run, by=organizer)
    got = pairs(season)
    assert len(got) == 6
    for entry in entries:
        assert sum(1 for _j, e in got if e == entry.pk) == 2
    # the banking judges review the banking entry (industry weighs 3)
    assert {(judges[0].pk, entries[0].pk), (judges[2].pk, entries[0].pk)} <= got
    actions = list(AuditEvent.objects.values_list("action", flat=True))
    assert "judging.assignment.run" in actions and "judging.assignment.applied" in actions
    with pytest.raises(ValidationError, match="applied already"):
        domain.apply_run(run=run, by=organizer)


def test_locked_pairs_are_kept_by_a_re_run(season, organizer, pool):
    judges, entries = pool
    # an organizer's choice the solver would not make: the insurance judge on banking
    manual = domain.assign_by_hand(season=season, judge=judges[3], entry=entries[0], by=organizer)
    assert manual.locked and manual.source == AssignmentSource.MANUAL
    run = domain.run_assignment(season=season, by=organizer)
    domain.apply_run(run=run, by=organizer)
    assert (judges[3].pk, entries[0].pk) in pairs(season)
    # unlocked, the next applied run replaces it
    domain.unlock_pair(assignment=manual, by=organizer)
    domain.apply_run(run=domain.run_assignment(season=season, by=organizer), by=organizer)
    assert (judges[3].pk, entries[0].pk) not in pairs(season)
    # a solver's pair locked stays through the next run too
    pair = Assignment.objects.filter(season=season).first()
    domain.lock_pair(assignment=pair, by=organizer)
    domain.apply_run(run=domain.run_assignment(season=season, by=organizer), by=organizer)
    assert Assignment.objects.get(pk=pair.pk).locked


def test_a_conflicted_pair_or_a_second_judge_of_one_employer_is_refused_by_hand(
    season, organizer, pool
):
    judges, entries = pool
    conflict(judges[0], entries[1])
    with pytest.raises(ValidationError) as refused:
        domain.assign_by_hand(season=season, judge=judges[0], entry=entries[1], by=organizer)
    text = " ".join(refused.value.messages)
    assert judges[0].name in text and entries[1].center.name in text
    colleague = make_judge(season, "王五", employer="甲公司（北京）")
    domain.assign_by_hand(season=season, judge=judges[0], entry=entries[2], by=organizer)
    with pytest.raises(ValidationError) as refused:
        domain.assign_by_hand(season=season, judge=colleague, entry=entries[2], by=organizer)
    text = " ".join(refused.value.messages)
    assert "王五" in text and "王一" in text and entries[2].center.name in text
    assert Assignment.objects.filter(season=season).count() == 1


def test_a_judge_of_the_entrant_is_kept_off_unless_the_organizers_dismissed_it(
    season, organizer, pool
):
    judges, entries = pool
    insider = make_judge(season, "内部人", employer=entries[1].center.organization.name)
    with pytest.raises(ValidationError, match="内部人"):
        domain.assign_by_hand(season=season, judge=insider, entry=entries[1], by=organizer)
    conflict(insider, entries[1], status=ConflictStatus.DISMISSED, source=ConflictSource.EMPLOYER)
    domain.assign_by_hand(season=season, judge=insider, entry=entries[1], by=organizer)


def test_an_infeasible_season_names_its_entries_and_the_constraint_to_relax(
    season, organizer, pool
):
    judges, entries = pool
    telecom = make_category(season=season, by=organizer, name_zh="通信", name_en="Telecoms")
    set_policy(season, reviewers_by_category={str(telecom.pk): 4})
    short = [entry_with(season, organizer, category=telecom, industry="telecom") for _ in range(2)]
    conflict(judges[1], short[0])
    conflict(judges[1], short[1])
    domain.assign_by_hand(season=season, judge=judges[0], entry=entries[0], by=organizer)
    before = pairs(season)
    run = domain.run_assignment(season=season, by=organizer)
    assert run.report["infeasible"]["code"] == "too_few_judges_for_entry"
    with translation.override("zh-hans"):
        zh = assignment_text.infeasibility(run.report)
    with translation.override("en"):
        en = assignment_text.infeasibility(run.report)
    for text in (zh, en):
        assert short[0].center.name in text and short[1].center.name in text
    assert "通信" in zh and "Telecoms" in en and "lower R or add judges" in en
    assert "降低" in zh
    with pytest.raises(ValidationError, match="no assignment"):
        domain.apply_run(run=run, by=organizer)
    assert pairs(season) == before


def test_a_minimum_load_above_the_maximum_is_named_and_nothing_is_written(season, organizer, pool):
    judges, _entries = pool
    judges[1].min_load = 5
    judges[1].save()
    with pytest.raises(ValidationError) as refused:
        domain.run_assignment(season=season, by=organizer)
    assert "王二" in " ".join(refused.value.messages)
    assert not AssignmentRun.objects.exists()
    assert not AuditEvent.objects.filter(action__startswith="judging.assignment").exists()


def test_an_unknown_judge_or_entry_is_named(season, organizer, pool):
    judges, entries = pool
    with pytest.raises(ValidationError) as refused:
        domain.find_pair_inputs(season=season, judge_id=99999, entry_id=entries[0].pk)
    assert "99999" in refused.value.message_dict["judge"][0]
    with pytest.raises(ValidationError) as refused:
        domain.find_pair_inputs(season=season, judge_id=judges[0].pk, entry_id=88888)
    assert "88888" in refused.value.message_dict["entry"][0]


def test_a_run_is_not_applied_once_what_it_solved_changed(season, organizer, pool):
    judges, entries = pool
    run = domain.run_assignment(season=season, by=organizer)
    conflict(judges[0], entries[0])
    with pytest.raises(ValidationError, match="run again"):
        domain.apply_run(run=run, by=organizer)
    assert not pairs(season)


def test_only_the_latest_run_of_a_scope_is_applied(season, organizer, pool):
    first = domain.run_assignment(season=season, by=organizer)
    domain.run_assignment(season=season, by=organizer)
    with pytest.raises(ValidationError, match="newer run"):
        domain.apply_run(run=first, by=organizer)


def test_a_run_of_one_category_counts_the_loads_held_in_the_others(
    season, organizer, pool, category
):
    judges, entries = pool
    other = make_category(season=season, by=organizer, name_zh="服务", name_en="Service")
    extra = entry_with(season, organizer, category=other)
    for judge in judges[:2]:
        domain.assign_by_hand(season=season, judge=judge, entry=extra, by=organizer)
    run = domain.run_assignment(season=season, by=organizer, category=category)
    assert run.report["entries"] == 3
    loads = {int(k): v for k, v in run.report["loads"].items()}
    assert loads[judges[0].pk] <= 2 and loads[judges[1].pk] <= 2
    domain.apply_run(run=run, by=organizer)
    assert (judges[0].pk, extra.pk) in pairs(season), "the other category is untouched"


def test_an_entry_with_its_r_judges_or_a_judge_at_the_maximum_is_refused_by_hand(
    season, organizer, pool
):
    judges, entries = pool
    domain.assign_by_hand(season=season, judge=judges[0], entry=entries[0], by=organizer)
    domain.assign_by_hand(season=season, judge=judges[1], entry=entries[0], by=organizer)
    with pytest.raises(ValidationError, match="remove one first"):
        domain.assign_by_hand(season=season, judge=judges[2], entry=entries[0], by=organizer)
    set_policy(season, max_load=1)
    with pytest.raises(ValidationError, match="maximum load"):
        domain.assign_by_hand(season=season, judge=judges[0], entry=entries[1], by=organizer)


def test_unassign_removes_the_pair_with_an_audit_event(season, organizer, pool):
    judges, entries = pool
    pair = domain.assign_by_hand(season=season, judge=judges[0], entry=entries[0], by=organizer)
    domain.unassign(assignment=pair, by=organizer)
    assert not pairs(season)
    event = AuditEvent.objects.get(action="judging.assignment.removed")
    assert event.data["judge"] == "王一"


def test_nothing_is_assigned_once_judging_has_closed(season, organizer, pool):
    judges, entries = pool
    pair = domain.assign_by_hand(season=season, judge=judges[0], entry=entries[0], by=organizer)
    seasons.override_stage(
        stage=season.stages.get(kind=JUDGING_STAGE), by=organizer, action="closed", reason="结束"
    )
    with pytest.raises(StageClosed):
        domain.run_assignment(season=season, by=organizer)
    with pytest.raises(StageClosed):
        domain.assign_by_hand(season=season, judge=judges[1], entry=entries[0], by=organizer)
    with pytest.raises(StageClosed):
        domain.unlock_pair(assignment=pair, by=organizer)
    with pytest.raises(StageClosed):
        domain.unassign(assignment=pair, by=organizer)


def test_a_randomized_run_records_its_seed_and_is_reproduced_from_it(season, organizer, pool):
    first = domain.run_assignment(season=season, by=organizer, max_probability=0.5)
    assert first.max_probability == 0.5 and first.seed is not None
    again = domain.run_assignment(season=season, by=organizer, max_probability=0.5, seed=first.seed)
    assert again.seed == first.seed
    assert again.report["pairs"] == first.report["pairs"]
    optimum = domain.run_assignment(season=season, by=organizer)
    assert first.deterministic_objective == pytest.approx(optimum.objective)
    expected = first.report["expected_objective"]
    assert expected is not None and expected <= optimum.objective + 1e-9
    assert first.report["given_up"] == pytest.approx(optimum.objective - expected)
    assert first.report["draw_given_up"] == pytest.approx(optimum.objective - first.objective)
    # each pair at most P over many seeds: no pair in every draw
    drawn = [
        domain.run_assignment(season=season, by=organizer, max_probability=0.5, seed=s)
        for s in range(8)
    ]
    every = set.intersection(*({(j, e) for j, e, _a in r.report["pairs"]} for r in drawn))
    assert not every
    event = AuditEvent.objects.filter(action="judging.assignment.run").order_by("pk").first()
    assert event.data["seed"] == first.seed and event.data["max_probability"] == 0.5


def test_a_locked_pair_on_a_withdrawn_entry_counts_against_the_load(season, organizer, pool):
    judges, entries = pool
    gone = entry_with(season, organizer)
    pair = domain.assign_by_hand(season=season, judge=judges[0], entry=gone, by=organizer)
    loose = domain.assign_by_hand(
        season=season, judge=judges[1], entry=gone, by=organizer, locked=False
    )
    gone.status = "withdrawn"
    gone.save(update_fields=["status"])
    set_policy(season, max_load=2)
    run = domain.run_assignment(season=season, by=organizer)
    assert run.report["loads"][str(judges[0].pk)] <= 1, "one of its two places is held"
    domain.apply_run(run=run, by=organizer)
    assert Assignment.objects.filter(judge=judges[0]).count() <= 2
    assert Assignment.objects.filter(pk=pair.pk).exists()
    assert not Assignment.objects.filter(pk=loose.pk).exists()


def _review(season, judge, entry):
    from ccaward.reviews.models import Review

    return Review.objects.create(
        season=season, judge=judge, entry=entry, framework=season.current_framework(), scale="0-10"
    )


def test_a_pair_with_a_review_begun_survives_a_re_run_and_cannot_be_removed(
    season, organizer, pool
):
    judges, entries = pool
    run = domain.run_assignment(season=season, by=organizer)
    domain.apply_run(run=run, by=organizer)
    # the insurance judge would not be on the banking entry; a review begun keeps it
    banking = Assignment.objects.filter(entry=entries[0], judge=judges[2]).get()
    domain.unassign(assignment=banking, by=organizer)
    pair = domain.assign_by_hand(season=season, judge=judges[3], entry=entries[0], by=organizer)
    domain.unlock_pair(assignment=pair, by=organizer)
    _review(season, judges[3], entries[0])
    rerun = domain.run_assignment(season=season, by=organizer)
    domain.apply_run(run=rerun, by=organizer)
    assert (judges[3].pk, entries[0].pk) in pairs(season)
    with pytest.raises(ValidationError, match="has begun reviewing"):
        domain.unassign(assignment=Assignment.objects.get(pk=pair.pk), by=organizer)
    assert (judges[3].pk, entries[0].pk) in pairs(season)
