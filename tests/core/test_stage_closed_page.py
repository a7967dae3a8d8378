"""What a person reads when a stage is closed: each stage's row says whether it
is not open yet, over, or closed early by the organizers (whose dates alone would
say it is open); the refusal page leads back to where the person came from; the
message of the API and the CLI reads as Chinese in Chinese."""

from __future__ import annotations

import datetime as dt

from django.test import RequestFactory
from django.utils import timezone, translation

from ccaward.core.errors import CLOSED_EARLY, OVER, UPCOMING
from ccaward.core.middleware import StageClosedMiddleware
from ccaward.seasons import domain, gates
from ccaward.seasons.enums import StageKind


def close_early(season, organizer, kind):
    stage = season.stages.get(kind=kind)
    domain.override_stage(stage=stage, by=organizer, action="closed", reason="名额已满")


def refusal_page(season, user, closed, *, method="get", path="/x/", **headers):
    request = getattr(RequestFactory(), method)(path, headers=headers)
    request.user = user
    request.season = season
    return StageClosedMiddleware(lambda r: None).process_exception(request, closed)


def test_each_row_says_why_the_stage_is_not_open(season, organizer):
    stage = season.stages.get(kind=StageKind.VOTING)
    assert stage.opens_at > timezone.now()
    with translation.override("zh-hans"):
        closed = gates.closed(season, StageKind.REGISTRATION, StageKind.VOTING)
    assert [state for *_r, state in closed.rows] == ["", UPCOMING]  # registration is open
    close_early(season, organizer, StageKind.REGISTRATION)
    registration = season.stages.get(kind=StageKind.REGISTRATION)
    assert registration.opens_at < timezone.now() < registration.closes_at
    with translation.override("zh-hans"):
        closed = gates.closed(season, StageKind.REGISTRATION, StageKind.VOTING)
    assert [state for *_r, state in closed.rows] == [CLOSED_EARLY, UPCOMING]
    season.stages.filter(kind=StageKind.VOTING).update(
        opens_at=timezone.now() - dt.timedelta(days=3),
        closes_at=timezone.now() - dt.timedelta(days=1),
    )
    closed = gates.closed(season, StageKind.VOTING)
    assert [state for *_r, state in closed.rows] == [OVER]


def test_the_page_and_the_message_name_an_early_close(season, organizer, applicant):
    close_early(season, organizer, StageKind.REGISTRATION)
    with translation.override("zh-hans"):
        closed = gates.closed(season, StageKind.REGISTRATION)
        html = refusal_page(season, applicant, closed).content.decode()
        assert "已由主办方提前关闭" in html
        # Chinese sentences run on without a space between them
        assert "（已由主办方提前关闭）。请联系主办方：organizer@example.cn。" in closed.message
        assert "。 " not in closed.message
    with translation.override("en"):
        closed = gates.closed(season, StageKind.REGISTRATION)
        assert "(closed early by the organizers). Ask the organizers:" in closed.message


def test_the_page_leads_back_where_the_person_came_from(season, organizer, applicant):
    close_early(season, organizer, StageKind.REGISTRATION)
    with translation.override("zh-hans"):
        closed = gates.closed(season, StageKind.REGISTRATION)
        # a refused form: back to the page that holds it
        posted = refusal_page(season, applicant, closed, method="post", path="/s/kpi/?tab=1")
        assert posted.status_code == 409
        assert '<a href="/s/kpi/?tab=1">返回上一页</a>' in posted.content.decode()
        # an opened link: back to the page of this site that linked it
        opened = refusal_page(season, applicant, closed, referer="http://testserver/s/list/")
        assert '<a href="http://testserver/s/list/">返回上一页</a>' in opened.content.decode()
        # another site's page, or the refused page itself, is no way back
        for referer in ("https://elsewhere.example/", "http://testserver/x/"):
            html = refusal_page(season, applicant, closed, referer=referer).content.decode()
            assert "返回上一页" not in html
            assert f'href="/seasons/{season.slug}/"' in html
