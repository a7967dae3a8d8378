import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from ccaward.core.models import AuditEvent
from ccaward.people.enums import Role
from ccaward.seasons import domain
from ccaward.seasons.enums import JUDGING_STAGE, STAGE_ORDER
from ccaward.seasons.models import Category, Dimension, FrameworkVersion, Season, Stage
from tests.factories import make_category, make_season


def test_new_season_has_nine_stages_the_default_framework_and_its_organizer(season, organizer):
    assert [s.kind for s in sorted(season.stages.all(), key=lambda s: s.order)] == STAGE_ORDER
    assert len(STAGE_ORDER) == 9
    version = season.current_framework()
    assert version.number == 1
    assert [d.weight for d in version.dimensions.all()] == [
        Decimal(w) for w in (15, 15, 10, 10, 10, 10, 10, 10, 10)
    ]
    assert version.to_engine().dimensions[5].criteria[0].children[0].name_zh == "接通率"
    assert season.roles.get().user == organizer
    assert season.roles.get().role == Role.ORGANIZER
    assert AuditEvent.objects.filter(season=season, action="season.created").count() == 1


def test_the_creator_is_made_organizer_by_the_people_domain(season, organizer):
    role = season.roles.get()
    assert role.granted_by == organizer
    granted = AuditEvent.objects.get(season=season, action="role.granted")
    assert (granted.object_id, granted.data) == (
        str(role.pk),
        {"email": organizer.email, "role": Role.ORGANIZER},
    )


def test_duplicate_slug_is_refused_and_nothing_is_saved(season, organizer):
    before = Season.objects.count()
    with pytest.raises(ValidationError) as exc:
        make_season(by=organizer, slug=season.slug)
    assert "slug" in exc.value.message_dict
    assert Season.objects.count() == before


def test_stage_dates_out_of_order_are_refused_whole(season, organizer):
    reg = season.stages.get(kind="registration")
    vote = season.stages.get(kind="voting")
    good = (vote.opens_at, vote.closes_at + dt.timedelta(days=1))
    bad = (reg.closes_at, reg.opens_at)
    with pytest.raises(ValidationError) as exc:
        domain.set_stage_dates(
            season=season, by=organizer, dates={"voting": good, "registration": bad}
        )
    assert list(exc.value.message_dict) == ["registration"]
    vote.refresh_from_db()
    assert vote.closes_at == good[1] - dt.timedelta(days=1)  # the valid change was not saved


def test_closing_a_stage_early_needs_and_records_a_reason(season, organizer):
    stage = season.stages.get(kind="registration")
    with pytest.raises(ValidationError) as exc:
        domain.override_stage(stage=stage, by=organizer, action="closed", reason="  ")
    assert "reason" in exc.value.message_dict
    domain.override_stage(stage=stage, by=organizer, action="closed", reason="名额已满")
    stage.refresh_from_db()
    assert stage.state(stage.opens_at + dt.timedelta(hours=1)) == "closed"
    event = AuditEvent.objects.get(action="stage.override.closed")
    assert event.data == {"stage": "registration", "override": "closed", "reason": "名额已满"}
    assert event.actor == organizer


def test_category_quota_below_one_is_refused(season, organizer):
    with pytest.raises(ValidationError) as exc:
        make_category(season=season, by=organizer, quota=0)
    assert "quota" in exc.value.message_dict
    assert not Category.objects.exists()
    c = make_category(season=season, by=organizer, quota=3, kind="special", name_zh="年度特别奖")
    assert c.get_kind_display()


def test_category_names_are_unique_in_a_season(season, organizer):
    make_category(season=season, by=organizer)
    with pytest.raises(ValidationError):
        make_category(season=season, by=organizer)


def weights_of(season):
    return [d.weight for d in season.current_framework().dimensions.all()]


def test_framework_change_that_breaks_the_sum_saves_nothing(season, organizer):
    dims = list(season.current_framework().dimensions.all())
    with pytest.raises(ValidationError) as exc:
        domain.update_framework(
            season=season, by=organizer, dimensions={dims[0].pk: {"weight": "10"}}
        )
    assert exc.value.messages == ["一级指标权重合计为 95，而不是 100（-5）。"]
    assert weights_of(season)[0] == Decimal(15)


def test_framework_edit_before_judging_changes_the_version_in_place(season, organizer):
    dims = list(season.current_framework().dimensions.all())
    v = domain.update_framework(
        season=season,
        by=organizer,
        dimensions={dims[0].pk: {"weight": "20"}, dims[1].pk: {"weight": "10"}},
    )
    assert v.number == 1 and not v.is_frozen
    assert weights_of(season)[:2] == [Decimal(20), Decimal(10)]
    event = AuditEvent.objects.get(action="framework.changed")
    assert event.data["changes"]["service_strategy"]["weight"] == ["15.00", "20"]


def open_judging(season, organizer):
    stage = season.stages.get(kind=JUDGING_STAGE)
    domain.override_stage(stage=stage, by=organizer, action="open", reason="评审提前开始")


def test_after_judging_opens_the_framework_is_frozen_and_a_change_makes_a_version(
    season, organizer
):
    open_judging(season, organizer)
    v1 = season.current_framework()
    dims = {d.code: d.pk for d in v1.dimensions.all()}
    v2 = domain.update_framework(
        season=season,
        by=organizer,
        dimensions={
            dims["service_strategy"]: {"weight": "20"},
            dims["social_influence"]: {"weight": "10"},
        },
        note="调整",
    )
    v1.refresh_from_db()
    assert v1.is_frozen and v2.is_frozen
    assert v2.number == 2
    assert [d.weight for d in v1.dimensions.all()][:2] == [Decimal(15), Decimal(15)]
    assert [d.weight for d in v2.dimensions.all()][:2] == [Decimal(20), Decimal(10)]
    assert v2.to_engine().dimensions[5].criteria[0].children[4].indicator == "fcr_rate"
    assert season.current_framework() == v2
    assert FrameworkVersion.objects.filter(season=season).count() == 2


def test_invalid_criterion_evidence_is_refused(season, organizer):
    crit = season.current_framework().dimensions.first().criteria.first()
    with translation.override("en"), pytest.raises(ValidationError, match="sum to 90, not 100"):
        domain.update_framework(
            season=season, by=organizer, dimensions={}, criteria={crit.pk: {"evidence_judge": "90"}}
        )
    with pytest.raises(ValidationError, match="战略规划.评分来源权重合计为 90"):
        domain.update_framework(
            season=season, by=organizer, dimensions={}, criteria={crit.pk: {"evidence_judge": "90"}}
        )


def test_audit_log_is_append_only(season):
    event = AuditEvent.objects.filter(season=season).first()
    event.summary = "rewritten"
    with pytest.raises(PermissionError):
        event.save()
    with pytest.raises(PermissionError):
        event.delete()
    with pytest.raises(PermissionError):
        AuditEvent.objects.all().delete()
    with pytest.raises(PermissionError):
        AuditEvent.objects.update(summary="x")


def test_database_refuses_a_stage_closing_before_it_opens(season):
    from django.db import IntegrityError, transaction

    stage = season.stages.first()
    with pytest.raises(IntegrityError), transaction.atomic():
        Stage.objects.filter(pk=stage.pk).update(closes_at=stage.opens_at - dt.timedelta(hours=1))


def test_demo_builds_a_walkable_season(db):
    from ccaward.core.demo import run_demo

    ctx = run_demo(now=timezone.now())
    assert ctx.season.categories.count() == 5
    assert ctx.season.categories.filter(kind="special").get().name_zh == "年度特别奖"
    assert {r.role for r in ctx.season.roles.all()} == set(Role.values)
    assert ctx.season.stages.get(kind="registration").is_open
    assert run_demo() is None  # idempotent
    assert Dimension.objects.filter(framework__season=ctx.season).count() == 9
