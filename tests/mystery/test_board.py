"""The organizers' board: counts per entry and per shopper (planned, done, could
not get through, overdue, voided), the distribution, the entries' results; one
contact's cards with the points of each answer; voiding from the page; the
recording download; who may see it; the board's API."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from ccaward.mystery import board as board_data
from ccaward.mystery.enums import ContactStatus
from ccaward.mystery.models import Recording
from tests.factories import make_entry
from tests.mystery.board_helpers import BEST, MIXED, contact, submit

pytest_plugins = ["tests.mystery.conftest_board"]


@pytest.fixture
def planned(season, organizer, category, shoppers, scorecard_v1):
    """Entry A: done (100, outside its slot), done (57), unreachable, overdue,
    planned ahead, voided. Entry B: nothing planned."""
    a = make_entry(season=season, by=organizer, category=category, name="甲客服中心")
    b = make_entry(season=season, by=organizer, category=category, name="乙客服中心")
    s1, s2 = shoppers
    past = timezone.localdate() - dt.timedelta(days=2)
    made = [
        contact(a, s1, scorecard_v1, planned_on=past),
        contact(a, s2, scorecard_v1, planned_on=past),
        contact(a, s1, scorecard_v1, planned_on=past),
        contact(a, s2, scorecard_v1, planned_on=past),
        contact(a, s1, scorecard_v1),
        contact(a, s2, scorecard_v1, status=ContactStatus.VOID, void_reason="拨错号码"),
    ]
    submit(made[0], s1, BEST, out_of_slot=True)
    submit(made[1], s2, MIXED)
    submit(made[2], s1, {}, reached=False, attempts=["2026-05-01T10:00:00+08:00"])
    return a, b, made


def test_counts_per_entry_and_shopper(season, planned, shoppers):
    a, b, _made = planned
    data = board_data.board(season)
    rows = {row.entry.pk: row for row in data.entries}
    c = rows[a.pk].counts
    assert (c.planned, c.done, c.unreachable, c.overdue, c.voided, c.to_do) == (5, 2, 1, 1, 1, 2)
    assert rows[b.pk].counts.planned == 0 and rows[b.pk].result is None
    by_shopper = {row.shopper.pk: row.counts for row in data.shoppers}
    s1, s2 = (by_shopper[s.pk] for s in shoppers)
    assert (s1.planned, s1.done, s1.unreachable, s1.overdue) == (3, 1, 1, 0)
    assert (s2.planned, s2.done, s2.overdue, s2.voided) == (2, 1, 1, 1)
    assert data.total.as_dict() == {
        "planned": 5,
        "done": 2,
        "unreachable": 1,
        "overdue": 1,
        "voided": 1,
        "to_do": 2,
    }
    # 0 in the first band, 57 in the sixth, 100 in the last
    assert data.distribution == [1, 0, 0, 0, 0, 1, 0, 0, 0, 1]
    assert str(rows[a.pk].result.mean) == "52.3333"


def test_the_board_page(season, planned, client_en, organizer):
    a, _b, _made = planned
    page = client_en(organizer).get(reverse("mystery:board", args=[season.slug]))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Score distribution" in html and "data-chart=" in html
    assert "甲客服中心" in html and "乙客服中心" in html
    assert "52.3" in html and "18.1" in html  # the mean and the consistency
    assert "Outside its slot" in html
    assert reverse("mystery:board_export", args=[season.slug]) in html
    overdue = client_en(organizer).get(
        reverse("mystery:board", args=[season.slug]) + "?status=overdue"
    )
    assert overdue.content.decode().count('class="badge contact-planned"') == 1


def test_the_menu_links_the_board_for_organizers_only(season, client_en, organizer, judge):
    url = reverse("mystery:board", args=[season.slug])
    home = reverse("seasons:dashboard", args=[season.slug])
    assert url in client_en(organizer).get(home).content.decode()
    assert url not in client_en(judge).get(home).content.decode()


@pytest.mark.parametrize("who", ["judge", "shopper", "applicant"])
def test_others_are_refused(season, planned, client_en, who, request):
    user = request.getfixturevalue(who)
    _a, _b, made = planned
    for url in (
        reverse("mystery:board", args=[season.slug]),
        reverse("mystery:board_contact", args=[season.slug, made[0].pk]),
        reverse("mystery:board_export", args=[season.slug]),
    ):
        assert client_en(user).get(url).status_code == 403
    voided = client_en(user).post(
        reverse("mystery:board_void", args=[season.slug, made[1].pk]), {"reason": "x"}
    )
    assert voided.status_code == 403


def test_a_contacts_cards_with_points(season, planned, client_en, organizer):
    _a, _b, made = planned
    card = made[0].cards.get()
    Recording.objects.create(
        card=card,
        file=ContentFile(b"ID3" + bytes(64), name="call.mp3"),
        name="第一次暗访.mp3",
        kind="mp3",
        size=67,
        sha256="0" * 64,
    )
    page = client_en(organizer).get(
        reverse("mystery:board_contact", args=[season.slug, made[0].pk])
    )
    html = page.content.decode()
    assert page.status_code == 200
    assert "Seconds to a person" in html and "15 s" in html
    assert "Level 5: The standard greeting with the agent&#x27;s number" in html
    assert "Not applicable" in html and "Outside its slot" in html
    assert "100.00" in html  # the total
    download = client_en(organizer).get(
        reverse("mystery:board_recording", args=[season.slug, card.recordings.get().uuid])
    )
    assert download.status_code == 200
    assert "attachment" in download["Content-Disposition"]
    assert b"".join(download.streaming_content).startswith(b"ID3")
    # the response is not closed here: closing it sends request_finished, which closes a
    # PostgreSQL connection inside the test's transaction (the file is closed once read)
    unreachable = client_en(organizer).get(
        reverse("mystery:board_contact", args=[season.slug, made[2].pk])
    )
    assert "2026-05-01 10:00" in unreachable.content.decode()


def test_voiding_from_the_page(season, planned, client_en, organizer):
    _a, _b, made = planned
    url = reverse("mystery:board_void", args=[season.slug, made[1].pk])
    refused = client_en(organizer).post(url, {"reason": "", "version": made[1].version})
    assert refused.status_code == 422
    made[1].refresh_from_db()
    assert made[1].status == ContactStatus.DONE
    stale = client_en(organizer).post(url, {"reason": "旧", "version": 0}, follow=True)
    assert "changed meanwhile" in stale.content.decode()
    done = client_en(organizer).post(url, {"reason": "暗访员认识接线员", "version": 1}, follow=True)
    assert "The contact is voided." in done.content.decode()
    assert "暗访员认识接线员" in done.content.decode()
    made[1].refresh_from_db()
    assert made[1].status == ContactStatus.VOID
    back = client_en(organizer).post(
        reverse("mystery:board_unvoid", args=[season.slug, made[1].pk]),
        {"reason": "核实无误", "version": made[1].version},
        follow=True,
    )
    assert "The contact counts again." in back.content.decode()


def test_the_api(season, planned, api, organizer, shopper):
    a, _b, made = planned
    client = api(organizer)
    board = client.get(f"/api/seasons/{season.slug}/mystery/board").json()
    assert board["total"]["overdue"] == 1 and board["distribution"][-1] == 1
    [row] = [e for e in board["entries"] if e["entry"] == a.pk]
    assert row["result"]["mean"] == pytest.approx(52.3333)
    results = client.get(f"/api/seasons/{season.slug}/mystery/board/results").json()
    assert [r["entry"] for r in results] == [a.pk]
    cards = client.get(f"/api/seasons/{season.slug}/mystery/board/cards").json()
    assert sorted(c["total"] for c in cards) == [0, 57, 100]
    assert cards[0]["items"]["promise_7x24"] is None
    url = f"/api/seasons/{season.slug}/mystery/board/contacts/{made[1].pk}/void"
    missing = client.post(url, {"reason": " "}, content_type="application/json")
    assert missing.status_code == 422 and "reason" in missing.json()["error"]["fields"]
    stale = client.post(url, {"reason": "x", "version": 7}, content_type="application/json")
    assert stale.status_code == 409 and stale.json()["error"]["code"] == "conflict"
    ok = client.post(url, {"reason": "复核后作废", "version": 1}, content_type="application/json")
    assert ok.status_code == 200 and ok.json()["status"] == "void"
    assert api(shopper).get(f"/api/seasons/{season.slug}/mystery/board").status_code == 403


def test_the_dashboard_counts_the_stage(season, planned, client_en, organizer):
    html = client_en(organizer).get(reverse("seasons:dashboard", args=[season.slug]))
    text = html.content.decode()
    assert "5 mystery contacts planned" in text and "3 mystery contacts made" in text


def test_the_shoppers_second_scorings(season, planned, shoppers, client_en, organizer):
    from ccaward.mystery.enums import CardStatus, ScorerRole
    from ccaward.mystery.models import Card

    _a, _b, made = planned
    s1, s2 = shoppers
    submit(made[0], s2, BEST, role=ScorerRole.SECOND)
    Card.objects.create(
        contact=made[1], shopper=s1, role=ScorerRole.SECOND, status=CardStatus.DRAFT
    )
    rows = {row.shopper.pk: row for row in board_data.board(season).shoppers}
    assert (rows[s1.pk].second, rows[s1.pk].second_done) == (1, 0)
    assert (rows[s2.pk].second, rows[s2.pk].second_done) == (1, 1)
    assert rows[s2.pk].counts.planned == 2  # a second scoring is not a contact of theirs
    html = client_en(organizer).get(reverse("mystery:board", args=[season.slug])).content
    assert b"Second scorings" in html and b"1 of 1" in html and b"0 of 1" in html


@pytest.mark.parametrize(
    ("slot", "at", "overdue"),
    [
        ("night", dt.datetime(2026, 12, 8, 7, 59), False),  # its night still runs
        ("night", dt.datetime(2026, 12, 8, 8, 0), True),
        ("night", dt.datetime(2026, 12, 7, 23, 0), False),
        ("weekday_peak", dt.datetime(2026, 12, 7, 23, 59), False),
        ("weekday_peak", dt.datetime(2026, 12, 8, 0, 0), True),
    ],
)
def test_overdue_once_its_slot_ended(
    season, organizer, category, shoppers, scorecard_v1, slot, at, overdue
):
    from ccaward.mystery.models import Contact

    entry = make_entry(season=season, by=organizer, category=category)
    made = contact(entry, shoppers[0], scorecard_v1, slot=slot, planned_on=dt.date(2026, 12, 7))
    data = board_data.board(season, now=at)
    assert data.total.overdue == int(overdue)
    by_shopper = {row.shopper.pk: row.counts for row in data.shoppers}
    assert by_shopper[shoppers[0].pk].overdue == int(overdue)
    assert board_data.is_overdue(made, at) is overdue
    assert Contact.objects.filter(board_data.overdue_q(at)).exists() is overdue


@pytest.mark.parametrize(
    ("slot", "at", "where"),
    [
        ("night", dt.time(7, 59), "today"),  # the night of the 7th still runs on the 8th
        ("night", dt.time(8, 0), "overdue"),
        ("weekday_peak", dt.time(0, 0), "overdue"),
    ],
)
def test_the_shoppers_list_takes_the_same_rule(monkeypatch, slot, at, where):
    import types

    from ccaward.mystery.domain import queries
    from ccaward.mystery.models import Contact

    moment = timezone.make_aware(dt.datetime.combine(dt.date(2026, 12, 8), at))
    monkeypatch.setattr(
        queries, "timezone", types.SimpleNamespace(localtime=lambda: timezone.localtime(moment))
    )
    made = Contact(slot=slot, planned_on=dt.date(2026, 12, 7), status=ContactStatus.PLANNED)
    assert queries.bucket(made, None, dt.date(2026, 12, 8)) == where
    assert board_data.is_overdue(made, dt.datetime.combine(dt.date(2026, 12, 8), at)) is (
        where == "overdue"
    )
