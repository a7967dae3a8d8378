"""The judges' evidence panel of mystery calls: nothing while the stage is open,
the entry's summary (mean, groups, spread, consistency, contacts, unreachable)
once it has closed, and nothing that identifies the entry or its shoppers in
blind review."""

from __future__ import annotations

import pytest
from django.urls import reverse

from ccaward.judging.models import Assignment, JudgeProfile, JudgingPolicy
from ccaward.reviews.evidence import panels
from ccaward.seasons import domain as seasons
from ccaward.seasons.enums import JUDGING_STAGE, StageKind
from tests.factories import make_entry
from tests.mystery.board_helpers import BEST, MIXED, contact, submit

pytest_plugins = ["tests.mystery.conftest_board"]


def set_stage(season, organizer, kind, action):
    stage = season.stages.get(kind=kind)
    seasons.override_stage(stage=stage, by=organizer, action=action, reason="测试")


@pytest.fixture
def entry(season, organizer, category, shoppers, scorecard_v1):
    entry = make_entry(season=season, by=organizer, category=category, name="星河银行客服中心")
    s1, s2 = shoppers
    made = [contact(entry, s, scorecard_v1) for s in (s1, s2, s1)]
    submit(made[0], s1, BEST)
    submit(made[1], s2, MIXED)
    submit(made[2], s1, {}, reached=False)
    return entry


def keys(entry, blind=False):
    return [panel.key for panel, _ctx in panels(entry, blind=blind)]


def test_nothing_while_the_stage_is_open(season, organizer, entry):
    set_stage(season, organizer, StageKind.MYSTERY_CALLS, "open")
    assert "mystery" not in keys(entry)


def test_the_summary_once_closed(season, organizer, entry, category):
    set_stage(season, organizer, StageKind.MYSTERY_CALLS, "closed")
    [ctx] = [c for p, c in panels(entry, blind=True) if p.key == "mystery"]
    r = ctx["result"]
    assert (str(r.mean), r.contacts, r.unreachable, ctx["reached"]) == ("52.3333", 3, 1, 2)
    assert [g["points"] for g in ctx["groups"]] == [r.groups[c] for c in r.groups]
    quiet = make_entry(season=season, by=organizer, category=category)
    assert "mystery" not in keys(quiet)  # no contacts: no panel


def test_the_review_page_shows_it_blind(season, organizer, entry, judge, client_en):
    set_stage(season, organizer, StageKind.MYSTERY_CALLS, "closed")
    set_stage(season, organizer, JUDGING_STAGE, "open")
    profile = JudgeProfile.objects.create(
        season=season, user=judge, name="钱评委", email=judge.email
    )
    Assignment.objects.create(season=season, judge=profile, entry=entry)
    JudgingPolicy.objects.update_or_create(season=season, defaults={"blind": True})
    html = client_en(judge).get(reverse("reviews:review", args=[season.slug, entry.pk])).content
    html = html.decode()
    assert 'id="evidence-mystery"' in html
    assert "3 contacts scored by mystery shoppers, 2 of them got through." in html
    assert "52.3" in html and "18.1" in html and "Handling (zero distance, zero errors)" in html
    assert "星河银行客服中心" not in html
    assert "孙暗访员" not in html and "周暗访员" not in html and "400-800" not in html
