"""The Excel export of every card, read back with openpyxl: a row per card with a
column per item, the groups and the total; an entries sheet with the counts and
results; voided contacts' cards marked; text that looks like a formula kept as
text."""

from __future__ import annotations

import io

import openpyxl
import pytest
from django.urls import reverse

from ccaward.mystery.domain.voiding import void_contact
from ccaward.mystery.enums import ScorerRole
from tests.factories import make_entry
from tests.mystery.board_helpers import BEST, MIXED, contact, submit

pytest_plugins = ["tests.mystery.conftest_board"]


@pytest.fixture
def book(season, organizer, category, shoppers, scorecard_v1, client_en):
    entry = make_entry(season=season, by=organizer, category=category, name="=HYPERLINK(1)")
    s1, s2 = shoppers
    made = [contact(entry, s, scorecard_v1) for s in (s1, s2, s1)]
    submit(made[0], s1, BEST, out_of_slot=True)
    submit(made[0], s2, dict(BEST, greeting=4), role=ScorerRole.SECOND)
    submit(made[1], s2, MIXED)
    submit(made[2], s1, {}, reached=False, attempts=["2026-05-01T10:00:00+08:00"])
    void_contact(contact=made[2], reason="拨错号码", by=organizer)
    response = client_en(organizer).get(reverse("mystery:board_export", args=[season.slug]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return openpyxl.load_workbook(io.BytesIO(response.content))


def test_a_row_per_card_and_a_column_per_item(book):
    assert book.sheetnames == ["Cards", "Entries"]
    ws = book["Cards"]
    head = [c.value for c in ws[1]]
    rows = [dict(zip(head, (c.value for c in row), strict=True)) for row in ws.iter_rows(min_row=2)]
    assert len(rows) == 4  # two scorings of the first contact, the second, the voided one
    for item in (
        "Seconds to a person",
        "Greeting, standard wording and a warm tone",
        "Courteous end, the caller hangs up first",
    ):
        assert item in head
    assert head[-5:] == [
        "Reaching the center (zero waiting)",
        "Opening",
        "Handling (zero distance, zero errors)",
        "Closing",
        "Total",
    ]
    best, second, mixed, voided = rows
    assert best["Total"] == 100 and best["Outside its slot"] == "yes"
    assert best["Seconds to a person"] == 8 and best["Entry"] == "'=HYPERLINK(1)"
    assert best["The 7x24 promise held (a person answers at night and on holidays)"] is None
    assert second["Scorer"] == "Second scorer" and second["Opening"] == 13.25
    assert mixed["Total"] == 57 and mixed["Handling (zero distance, zero errors)"] == 33
    assert voided["Voided"] == "拨错号码" and voided["Unanswered attempts"] == 1
    assert voided["Got through"] == "no" and voided["Total"] == 0


def test_the_entries_sheet(book):
    ws = book["Entries"]
    head = [c.value for c in ws[1]]
    [row] = [dict(zip(head, (c.value for c in r), strict=True)) for r in ws.iter_rows(min_row=2)]
    assert (row["Planned"], row["Done"], row["Voided"], row["Contacts scored"]) == (2, 2, 1, 2)
    # the first contact at (100 + 98.25) / 2 = 99.125, the second 57: mean 78.0625
    assert row["Mean"] == pytest.approx(78.0625)
    assert row["Double-scored contacts"] == 1
    assert row["Opening"] == pytest.approx((14.125 + 3.5) / 2)


@pytest.mark.parametrize("english", [False, True])
def test_every_header_is_distinct_in_the_readers_language(
    english, season, organizer, category, shoppers, scorecard_v1, as_user, client_en
):
    entry = make_entry(season=season, by=organizer, category=category)
    made = contact(entry, shoppers[0], scorecard_v1)
    submit(made, shoppers[0], BEST)
    client = client_en(organizer) if english else as_user(organizer)
    response = client.get(reverse("mystery:board_export", args=[season.slug]))
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    for ws in book.worksheets:
        head = [c.value for c in ws[1]]
        assert len(head) == len(set(head)), head
    cards, entries = ([c.value for c in ws[1]] for ws in book.worksheets)
    if english:
        assert "Timer: seconds to a person" in cards and "Voided" in entries
    else:
        assert "计时器：接通人工用时（秒）" in cards and "接通人工用时（秒）" in cards
        assert "已作废" in entries and "作废原因" not in entries
        assert "作废原因" in cards
