"""Reviews' operations: drafts saved as typed, scores on the scale and for the
framework's criteria only, submission of a complete review, revision with a
reason keeping both values, and the refusals (not assigned, conflicted, closed)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from ccaward.core import audit_text, drafts
from ccaward.core.errors import StageClosed
from ccaward.core.models import AuditEvent
from ccaward.reviews import domain
from ccaward.reviews.enums import ChangeKind, ReviewStatus
from ccaward.reviews.models import SCORE, Review, ScoreChange
from tests.reviews.conftest import close_judging, conflict, criteria, full_scores, set_policy


@pytest.fixture
def ready(judging_open, assigned):
    return assigned


def test_the_first_save_begins_the_review_under_the_version_in_force(ready, season, judge, entry):
    code = criteria(season)[0]
    saved = domain.save_review(entry=entry, by=judge, changes={SCORE + code: "7.50"})
    review = Review.objects.get()
    assert review.framework == season.current_framework()
    assert review.scale == "0-10"
    assert review.scores == {code: "7.5"}
    assert review.status == ReviewStatus.DRAFT
    assert saved.version == 1 and review.field_versions == {SCORE + code: 1}


def test_a_draft_save_changes_only_its_fields_and_a_moved_field_is_a_conflict(
    ready, season, judge, entry
):
    a, b = criteria(season)[:2]
    domain.save_review(entry=entry, by=judge, changes={SCORE + a: "5", SCORE + b: "6"})
    # another tab saves a at version 1
    domain.save_review(
        entry=entry, by=judge, changes={SCORE + a: "8"}, version=1, bases={SCORE + a: "5"}
    )
    # this tab, still at version 1, changes b (kept) and a (a conflict with both values)
    domain.save_review(
        entry=entry, by=judge, changes={SCORE + b: "9"}, version=1, bases={SCORE + b: "6"}
    )
    with pytest.raises(drafts.DraftConflict) as info:
        domain.save_review(
            entry=entry, by=judge, changes={SCORE + a: "3"}, version=1, bases={SCORE + a: "5"}
        )
    (c,) = info.value.conflicts
    assert (c.field, c.stored, c.sent) == (SCORE + a, "8", "3")
    assert Review.objects.get().scores == {a: "8", b: "9"}


@pytest.mark.parametrize("value", ["10.5", "-1", "7.3", "abc", "NaN"])
def test_a_score_off_the_scale_names_the_criterion(ready, season, judge, entry, value):
    code = criteria(season)[0]
    name = season.current_framework().dimensions.first().criteria.first().name_zh
    with pytest.raises(ValidationError) as info:
        domain.save_review(entry=entry, by=judge, changes={SCORE + code: value})
    assert SCORE + code in info.value.message_dict
    assert name in " ".join(info.value.messages)
    assert not Review.objects.exists()


def test_the_anchored_scale_takes_whole_levels_one_to_five(ready, season, judge, entry):
    set_policy(season, scale="1-5")
    code = criteria(season)[0]
    with pytest.raises(ValidationError):
        domain.save_review(entry=entry, by=judge, changes={SCORE + code: "0"})
    with pytest.raises(ValidationError):
        domain.save_review(entry=entry, by=judge, changes={SCORE + code: "4.5"})
    domain.save_review(entry=entry, by=judge, changes={SCORE + code: "4"})
    assert Review.objects.get().scale == "1-5"


def test_a_criterion_not_in_the_framework_version_is_refused(ready, judge, entry):
    with pytest.raises(ValidationError) as info:
        domain.save_review(entry=entry, by=judge, changes={SCORE + "answer_rate": "5"})
    assert "answer_rate" in info.value.message_dict[SCORE + "answer_rate"][0]
    with pytest.raises(ValidationError):
        domain.save_review(entry=entry, by=judge, changes={SCORE + "no_such": "5"})


def test_a_judge_not_assigned_or_conflicted_or_outside_the_pool_saves_nothing(
    judging_open, season, judge, entry, other_entry, profile, assigned, organizer
):
    code = criteria(season)[0]
    with pytest.raises(PermissionDenied, match="未分配给您"):
        domain.save_review(entry=other_entry, by=judge, changes={SCORE + code: "5"})
    conflict(profile, entry)
    with pytest.raises(PermissionDenied, match="利益冲突"):
        domain.save_review(entry=entry, by=judge, changes={SCORE + code: "5"})
    with pytest.raises(PermissionDenied, match="评委库"):
        domain.save_review(entry=entry, by=organizer, changes={SCORE + code: "5"})
    assert not Review.objects.exists()


def test_nothing_is_saved_while_judging_is_closed(season, organizer, judge, entry, assigned):
    close_judging(season, organizer)
    with pytest.raises(StageClosed):
        domain.save_review(entry=entry, by=judge, changes={SCORE + criteria(season)[0]: "5"})
    assert not Review.objects.exists()


def test_submission_names_every_criterion_without_a_score(ready, season, judge, entry):
    codes = criteria(season)
    domain.save_review(entry=entry, by=judge, changes={SCORE + codes[0]: "5"})
    review = Review.objects.get()
    with pytest.raises(ValidationError) as info:
        domain.submit(review=review, by=judge)
    assert set(info.value.message_dict) == {SCORE + c for c in codes[1:]}
    assert Review.objects.get().status == ReviewStatus.DRAFT


def test_a_submitted_review_is_locked_and_its_scores_kept(ready, season, judge, entry):
    domain.save_review(entry=entry, by=judge, changes=full_scores(season, "6.5"))
    review = domain.submit(review=Review.objects.get(), by=judge)
    assert review.status == ReviewStatus.SUBMITTED and review.submitted_at
    changes = ScoreChange.objects.filter(review=review)
    assert changes.count() == len(criteria(season))
    assert {(c.kind, c.old, c.new) for c in changes} == {
        (ChangeKind.SUBMITTED, None, Decimal("6.5"))
    }
    with pytest.raises(ValidationError) as info:
        domain.save_review(entry=entry, by=judge, changes={SCORE + criteria(season)[0]: "1"})
    assert info.value.code == "read_only"
    assert AuditEvent.objects.filter(action="review.submitted").exists()


def test_a_revision_keeps_who_when_old_new_and_why(ready, season, judge, entry):
    a, b = criteria(season)[:2]
    domain.save_review(entry=entry, by=judge, changes=full_scores(season, "6"))
    review = domain.submit(review=Review.objects.get(), by=judge)
    with pytest.raises(ValidationError) as info:
        domain.revise(
            review=review, by=judge, changes={SCORE + a: "8"}, reason=" ", version=review.version
        )
    assert "reason" in info.value.message_dict
    review = domain.revise(
        review=review,
        by=judge,
        changes={SCORE + a: "8", SCORE + b: "6"},
        reason="现场核实后上调",
        version=review.version,
    )
    assert review.scores[a] == "8" and review.revisions == 1
    (change,) = ScoreChange.objects.filter(kind=ChangeKind.REVISED)
    assert (change.criterion, change.old, change.new, change.reason, change.by) == (
        a,
        Decimal("6"),
        Decimal("8"),
        "现场核实后上调",
        judge,
    )
    event = AuditEvent.objects.get(action="review.revised")
    assert event.data["changes"][0]["old"] == "6" and event.data["changes"][0]["new"] == "8"
    crit = season.current_framework().dimensions.first().criteria.get(code=a)
    assert f"{crit.name_zh} 6 → 8" in audit_text.sentence(event)
    with translation.override("en"):
        assert f"{crit.name_en} 6 → 8" in audit_text.sentence(event)


def test_a_revision_based_on_an_old_version_meets_the_change_as_a_conflict(
    ready, season, judge, entry
):
    a = criteria(season)[0]
    domain.save_review(entry=entry, by=judge, changes=full_scores(season, "6"))
    review = domain.submit(review=Review.objects.get(), by=judge)
    old = review.version
    domain.revise(review=review, by=judge, changes={SCORE + a: "8"}, reason="一", version=old)
    with pytest.raises(drafts.DraftConflict) as info:
        domain.revise(review=review, by=judge, changes={SCORE + a: "4"}, reason="二", version=old)
    assert info.value.conflicts[0].stored == "8"


def test_a_revision_cannot_clear_a_score_or_change_nothing(ready, season, judge, entry):
    a = criteria(season)[0]
    domain.save_review(entry=entry, by=judge, changes=full_scores(season, "6"))
    review = domain.submit(review=Review.objects.get(), by=judge)
    with pytest.raises(ValidationError):
        domain.revise(
            review=review, by=judge, changes={SCORE + a: ""}, reason="x", version=review.version
        )
    with pytest.raises(ValidationError) as info:
        domain.revise(
            review=review, by=judge, changes={SCORE + a: "6"}, reason="x", version=review.version
        )
    assert info.value.code == "unchanged"


def test_a_revision_after_judging_closes_is_refused(ready, season, organizer, judge, entry):
    domain.save_review(entry=entry, by=judge, changes=full_scores(season, "6"))
    review = domain.submit(review=Review.objects.get(), by=judge)
    close_judging(season, organizer)
    with pytest.raises(StageClosed):
        domain.revise(
            review=review,
            by=judge,
            changes={SCORE + criteria(season)[0]: "9"},
            reason="x",
            version=review.version,
        )


def test_progress_counts_per_judge_and_per_entry(ready, season, judge, entry, other_entry, profile):
    from ccaward.judging.models import Assignment

    Assignment.objects.create(season=season, judge=profile, entry=other_entry)
    domain.save_review(entry=entry, by=judge, changes=full_scores(season, "6"))
    domain.submit(review=Review.objects.get(), by=judge)
    data = domain.progress(season)
    (row,) = data["judges"]
    assert (row.due, row.submitted, row.not_started, row.draft) == (2, 1, 1, 0)
    conflict(profile, other_entry)
    (row,) = domain.progress(season)["judges"]
    assert (row.due, row.submitted) == (1, 1)
    assert [line.entry for line in domain.my_lines(judge, season)] == [entry]


def test_an_organizer_transcribes_a_judges_review_but_another_judge_cannot(
    season, organizer, judge, entry, other_entry, profile, assigned
):
    from ccaward.judging.models import JudgeProfile

    # judging closed: an organizer passes (a correction), noted in the audit event
    domain.save_review(entry=entry, by=organizer, changes=full_scores(season, "5"), judge=profile)
    review = domain.submit(review=Review.objects.get(), by=organizer)
    assert review.judge == profile
    assert AuditEvent.objects.get(action="review.submitted").data["note"]
    with pytest.raises(PermissionDenied):
        domain.save_review(entry=other_entry, by=organizer, changes={}, judge=profile)
    other = JudgeProfile.objects.create(season=season, name="孙评委", email="sun@example.cn")
    with pytest.raises(PermissionDenied):
        domain.save_review(entry=entry, by=judge, changes={}, judge=other)
