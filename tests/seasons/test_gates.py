"""Stage gates: the predicate, the domain check with the organizer's correction,
core.access.check telling "closed" from "not yours", and the closed-stage page."""

from __future__ import annotations

import pytest
import rules
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.test import RequestFactory
from django.utils import timezone

from ccaward.core import access
from ccaward.core.errors import StageClosed
from ccaward.core.middleware import StageClosedMiddleware
from ccaward.core.requestcache import RequestCacheMiddleware
from ccaward.people.rules import is_applicant
from ccaward.seasons import domain, gates
from ccaward.seasons.enums import StageKind
from ccaward.seasons.models import Season

PERM = "tests.gated_thing"


@pytest.fixture
def gated_perm():
    gates.gated_perm(PERM, is_applicant, StageKind.REGISTRATION)
    yield PERM
    rules.remove_perm(PERM)
    gates.GATED.pop(PERM)


def close(season, organizer, kind=StageKind.REGISTRATION):
    stage = season.stages.get(kind=kind)
    domain.override_stage(stage=stage, by=organizer, action="closed", reason="名额已满")


def test_require_open_passes_an_open_stage_and_refuses_a_closed_one(season, organizer):
    assert gates.is_open(season, StageKind.REGISTRATION)
    assert not gates.is_open(season, StageKind.VOTING)
    assert gates.require_open(season, StageKind.REGISTRATION) == ""
    close(season, organizer)
    assert not gates.is_open(season, StageKind.REGISTRATION)
    with pytest.raises(StageClosed) as info:
        gates.require_open(season, StageKind.REGISTRATION)
    exc = info.value
    assert exc.code == "stage_closed"
    assert exc.kinds == ("registration",)
    assert [label for label, _o, _c in exc.stages] == [str(StageKind.REGISTRATION.label)]
    assert ("组织者", "organizer@example.cn") in exc.contacts
    assert "organizer@example.cn" in exc.message


def test_one_open_stage_of_those_named_is_enough(season, organizer):
    close(season, organizer)
    assert not gates.is_open(season, StageKind.REGISTRATION, StageKind.VOTING)
    assert gates.is_open(season, StageKind.REGISTRATION, StageKind.RECOMMENDATION)


def test_organizer_passes_a_closed_stage_with_a_note(season, organizer, applicant):
    close(season, organizer)
    note = gates.require_open(season, StageKind.REGISTRATION, by=organizer)
    assert note == "organizer correction while closed: registration"
    with pytest.raises(StageClosed):
        gates.require_open(season, StageKind.REGISTRATION, by=applicant)


def test_predicate_composes_with_roles(season, organizer, applicant, judge, gated_perm):
    assert applicant.has_perm(gated_perm, season)
    assert not judge.has_perm(gated_perm, season)
    close(season, organizer)
    del applicant._season_roles_cache
    assert not applicant.has_perm(gated_perm, season)
    assert organizer.has_perm(gated_perm, season)


def test_check_tells_closed_from_not_yours(season, organizer, applicant, judge, gated_perm):
    access.check(applicant, gated_perm, season)
    with pytest.raises(PermissionDenied):
        access.check(judge, gated_perm, season)
    close(season, organizer)
    with pytest.raises(StageClosed):
        access.check(applicant, gated_perm, season)
    with pytest.raises(PermissionDenied):
        access.check(judge, gated_perm, season)


def test_the_closed_stage_page_names_the_stage_its_dates_and_whom_to_ask(
    season, organizer, applicant
):
    close(season, organizer)
    try:
        gates.require_open(season, StageKind.REGISTRATION)
    except StageClosed as exc:
        closed = exc
    request = RequestFactory().get("/")
    request.user = applicant
    request.season = season
    response = StageClosedMiddleware(lambda r: None).process_exception(request, closed)
    assert response.status_code == 409
    html = response.content.decode()
    assert "organizer@example.cn" in html
    assert f"/seasons/{season.slug}/" in html
    stage = season.stages.get(kind=StageKind.REGISTRATION)
    assert timezone.localtime(stage.opens_at).strftime("%Y-%m-%d %H:%M") in html
    assert str(StageKind.REGISTRATION.label) in html


def test_the_refusal_lists_its_stages_in_pipeline_order(season):
    exc = gates.closed(season, StageKind.BENCHMARKING, StageKind.DATA_COLLECTION)
    assert [label for label, _o, _c in exc.stages] == [
        str(StageKind.DATA_COLLECTION.label),
        str(StageKind.BENCHMARKING.label),
    ]
    assert exc.stage_labels == "数据采集 / 标杆测评"


def test_a_request_reads_the_stages_once_and_again_after_a_change(
    season, organizer, django_assert_num_queries
):
    def view(request):
        with django_assert_num_queries(1):
            assert gates.is_open(season, StageKind.REGISTRATION)
            assert not gates.is_open(Season(pk=season.pk), StageKind.VOTING)
            assert season.stage_times()
        close(season, organizer)
        with django_assert_num_queries(1):
            assert not gates.is_open(season, StageKind.REGISTRATION)
            assert not gates.is_open(season, StageKind.REGISTRATION)
        return HttpResponse()

    RequestCacheMiddleware(view)(RequestFactory().get("/"))
    # outside a request every question reads them
    with django_assert_num_queries(2):
        assert not gates.is_open(season, StageKind.REGISTRATION)
        assert not gates.is_open(season, StageKind.REGISTRATION)
