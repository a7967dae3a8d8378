"""Every mystery card as a workbook (openpyxl), in the reader's language:

- "Cards": a row per submitted card (voided contacts' included, marked), with the
  contact, the shopper, when and how it was made, each item's points (a column per
  item of the season's scorecards, in card order), each group's points and the
  total;
- "Entries": a row per entry with its counts and results (mean, groups, the mean
  of the reached contacts, SD, range, consistency, agreement).

Numbers are written as numbers; text that starts like a formula is written as
text."""

from __future__ import annotations

import io

import openpyxl
from django.utils import timezone
from django.utils.translation import pgettext
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font

from ccaward.mystery import board as board_data
from ccaward.mystery import scores
from ccaward.mystery.enums import ContactStatus

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _text(value):
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
        if value.startswith(FORMULA_START):
            return "'" + value
    return value


def _num(value):
    return None if value is None else float(value)


def _name(thing, english: bool) -> str:
    return (thing.name_en or thing.name_zh) if english else thing.name_zh


def _columns(rows) -> tuple[list, list]:
    """The items and groups of the cards' scorecards, in card order."""
    items: dict[str, object] = {}
    groups: dict[str, object] = {}
    for row in rows:
        for group, item in row.scorecard.items():
            groups.setdefault(group.code, group)
            items.setdefault(item.code, item)
    return list(items.values()), list(groups.values())


def _card_sheet(ws, rows, english: bool) -> None:
    items, groups = _columns(rows)
    yes, no = pgettext("table", "yes"), pgettext("table", "no")
    head = [
        pgettext("table", "Entry"),
        pgettext("table", "Category"),
        pgettext("table", "Contact no."),
        pgettext("table", "Planned on"),
        pgettext("table", "Slot"),
        pgettext("table", "Channel"),
        pgettext("table", "Shopper"),
        pgettext("table", "Scorer"),
        pgettext("table", "Made at"),
        pgettext("table", "Outside its slot"),
        pgettext("table", "Got through"),
        pgettext("table", "Unanswered attempts"),
        pgettext("table", "Timer: seconds to a person"),
        pgettext("table", "Voided"),
        *[_name(i, english) for i in items],
        *[_name(g, english) for g in groups],
        pgettext("table", "Total"),
    ]
    ws.append(head)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for row in rows:
        card, contact = row.card, row.card.contact
        made = timezone.localtime(card.made_at).replace(tzinfo=None) if card.made_at else None
        ws.append(
            [
                _text(contact.entry.center.name),
                _text(_name(contact.entry.category, english)),
                contact.number,
                contact.planned_on,
                contact.get_slot_display(),
                contact.get_channel_display(),
                _text(card.shopper.name),
                card.get_role_display(),
                made,
                yes if card.out_of_slot else no,
                yes if row.score.contact.reached else no,
                len(row.score.contact.attempts),
                card.timer_seconds,
                _text(contact.void_reason) if contact.status == ContactStatus.VOID else "",
                *[_num(row.score.items.get(i.code)) for i in items],
                *[_num(row.score.groups.get(g.code)) for g in groups],
                _num(row.score.total),
            ]
        )
    ws.freeze_panes = "B2"
    ws.column_dimensions["A"].width = 26


def _partial_groups(result, groups, english: bool) -> str:
    """ "Group: n of N contacts" for each group only some contacts' cards have."""
    parts = []
    for (_code, zh, en), cell in zip(groups, board_data.group_cells(result, groups), strict=True):
        if cell["partial"]:
            parts.append(
                pgettext("table", "%(group)s: %(n)s of %(m)s contacts")
                % {"group": (en or zh) if english else zh, "n": cell["have"], "m": cell["of"]}
            )
    return _text("; ".join(parts))


def _entry_sheet(ws, data, english: bool) -> None:
    head = [
        pgettext("table", "Entry"),
        pgettext("table", "Category"),
        pgettext("table", "Planned"),
        pgettext("table", "Done"),
        pgettext("table", "Could not get through"),
        pgettext("table", "Overdue"),
        pgettext("mystery count", "Voided"),
        pgettext("table", "Contacts scored"),
        pgettext("table", "Mean"),
        *[(en or zh) if english else zh for _c, zh, en in data.groups],
        pgettext("table", "Mean when reached"),
        pgettext("table", "SD"),
        pgettext("table", "Range"),
        pgettext("table", "Consistency"),
        pgettext("table", "Double-scored contacts"),
        pgettext("table", "Agreement (alpha)"),
        pgettext("table", "Mean difference of totals"),
        pgettext("table", "Groups not on every contact's card"),
    ]
    ws.append(head)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for row in data.entries:
        c, r = row.counts, row.result
        ws.append(
            [
                _text(row.entry.center.name),
                _text(_name(row.entry.category, english)),
                c.planned,
                c.done,
                c.unreachable,
                c.overdue,
                c.voided,
                r.contacts if r else 0,
                _num(r.mean) if r else None,
                *[_num(r.groups.get(code)) if r else None for code, _z, _e in data.groups],
                _num(r.reached_mean) if r else None,
                _num(r.sd) if r else None,
                _num(r.range) if r else None,
                _num(r.consistency) if r else None,
                r.agreement.pairs if r else 0,
                r.agreement.alpha if r else None,
                _num(r.agreement.total_mad) if r else None,
                _partial_groups(r, data.groups, english),
            ]
        )
    ws.freeze_panes = "B2"
    ws.column_dimensions["A"].width = 26


def board_xlsx(season, *, english: bool) -> bytes:
    """The workbook of every submitted card and every entry's results."""
    data = board_data.board(season)
    rows = scores.season_scores(season, include_voided=True).rows
    book = openpyxl.Workbook()
    cards = book.active
    cards.title = pgettext("sheet", "Cards")[:31]
    _card_sheet(cards, rows, english)
    _entry_sheet(book.create_sheet(pgettext("sheet", "Entries")[:31]), data, english)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
