"""Two scorecard versions in one entry (the second renames a group): the board,
the entries' results, the export, the judges' panel, the season's totals and the
deliberation board show every group under its own version's name, with "n of N
contacts" where only some contacts' cards have it; and an undefined consistency
shows a dash with its reason."""

from __future__ import annotations

import copy
import io

import openpyxl
import pytest
import yaml
from django.urls import reverse

from ccaward.engine.mystery.scorecard import DEFAULT_FILE
from ccaward.mystery.models import ScorecardVersion
from ccaward.reviews.evidence import panels
from ccaward.seasons.enums import StageKind
from tests.factories import make_entry
from tests.mystery.board_helpers import BEST, MIXED, contact, submit
from tests.mystery.test_evidence import set_stage

pytest_plugins = ["tests.mystery.conftest_board"]


@pytest.fixture
def scorecard_v2(season):
    """The default card with the group `reaching` renamed `connect` (接通)."""
    definition = yaml.safe_load(DEFAULT_FILE.read_text(encoding="utf-8"))
    groups = copy.deepcopy(definition["groups"])
    connect = dict(groups.pop("reaching"), name_zh="接通", name_en="Getting through")
    definition["groups"] = {"connect": connect, **groups}
    definition["reaching"] = "connect"
    definition["version"] = 2
    source = yaml.safe_dump(definition, allow_unicode=True, sort_keys=False)
    return ScorecardVersion.objects.create(
        season=season, version=2, definition=definition, source=source
    )


@pytest.fixture
def mixed(season, organizer, category, shoppers, scorecard_v1, scorecard_v2):
    entry = make_entry(season=season, by=organizer, category=category, name="丙客服中心")
    s1, s2 = shoppers
    old = contact(entry, s1, scorecard_v1)
    new = contact(entry, s2, scorecard_v2)
    submit(old, s1, BEST)  # reaching 20
    submit(new, s2, MIXED)  # connect 13
    return entry


def test_the_board_shows_both_versions_groups(season, mixed, client_en, organizer):
    page = client_en(organizer).get(reverse("mystery:board", args=[season.slug]))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Reaching the center (zero waiting)" in html and "Getting through" in html
    assert html.count("1 of 2 contacts") == 2  # each renamed group on one of the two cards
    assert "Opening" in html and "2 of 2 contacts" not in html


def test_the_api_and_results(season, mixed, api, organizer):
    response = api(organizer).get(f"/api/seasons/{season.slug}/mystery/board/results")
    assert response.status_code == 200
    [result] = response.json()
    assert result["groups"]["reaching"] == 20 and result["groups"]["connect"] == 13
    assert result["group_contacts"] == {
        "reaching": 1,
        "connect": 1,
        "opening": 2,
        "handling": 2,
        "closing": 2,
    }
    assert result["mean"] == pytest.approx((100 + 57) / 2)


def test_the_export(season, mixed, client_en, organizer):
    response = client_en(organizer).get(reverse("mystery:board_export", args=[season.slug]))
    assert response.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    cards = [c.value for c in book["Cards"][1]]
    assert "Reaching the center (zero waiting)" in cards and "Getting through" in cards
    head = [c.value for c in book["Entries"][1]]
    [row] = [
        dict(zip(head, (c.value for c in r), strict=True))
        for r in book["Entries"].iter_rows(min_row=2)
    ]
    assert row["Getting through"] == 13 and row["Reaching the center (zero waiting)"] == 20
    assert row["Groups not on every contact's card"] == (
        "Reaching the center (zero waiting): 1 of 2 contacts; Getting through: 1 of 2 contacts"
    )


def test_totals_and_deliberation_board_answer(season, mixed, client_en, organizer):
    client = client_en(organizer)
    assert client.get(reverse("deliberation:totals", args=[season.slug])).status_code == 200
    assert client.get(reverse("deliberation:board", args=[season.slug])).status_code == 200


def test_the_judges_panel(season, mixed, organizer):
    set_stage(season, organizer, StageKind.MYSTERY_CALLS, "closed")
    [ctx] = [c for p, c in panels(mixed, blind=True) if p.key == "mystery"]
    partial = {g["name"]: (g["have"], g["of"]) for g in ctx["groups"] if g["partial"]}
    assert partial == {"接通（零等待）": (1, 2), "接通": (1, 2)}


def test_an_undefined_consistency_says_why(
    season, organizer, category, shoppers, scorecard_v1, client_en
):
    s1, _s2 = shoppers
    one = make_entry(season=season, by=organizer, category=category, name="一次中心")
    submit(contact(one, s1, scorecard_v1), s1, BEST)
    nobody = make_entry(season=season, by=organizer, category=category, name="无人中心")
    for _ in range(2):
        submit(contact(nobody, s1, scorecard_v1), s1, {}, reached=False)
    make_entry(season=season, by=organizer, category=category, name="未暗访中心")
    html = client_en(organizer).get(reverse("mystery:board", args=[season.slug])).content
    assert html.count(b"one contact: no spread") == 1
    assert html.count(b"no contact got through") == 1
