"""What the organizers' board shows (暗访看板), read without writing: the season's
contacts counted per entry and per shopper (planned, done, could not get
through, overdue, voided), each entry's results (mystery/scores.py) and the
distribution of the contacts' scores.

- planned: every contact of the plan that is not voided;
- done / unreachable: made, the center reached or not (its card submitted);
- overdue: still planned after its slot ended (engine/mystery/slots.py
  `slot_ends`: the end of its day, for a night 08:00 on the next day);
- voided: taken out by an organizer (kept with its reason);
- per shopper, second scorings too: the contacts they score again from another
  shopper's recording (assigned, and submitted), which are not their contacts.

A fixed handful of queries per season."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils import timezone

from ccaward.applications.enums import COMPETING
from ccaward.applications.models import Entry
from ccaward.engine.mystery import EntryResult, slots
from ccaward.engine.mystery.evidence import contact_totals
from ccaward.mystery.enums import CardStatus, ContactStatus, ScorerRole, Slot
from ccaward.mystery.models import Card, Contact, ShopperProfile
from ccaward.mystery.scores import SeasonScores, results_of, season_scores

BINS = 10  # the score distribution's bars: 0-10, 10-20, ... 90-100


@dataclass
class Counts:
    planned: int = 0
    done: int = 0
    unreachable: int = 0
    overdue: int = 0
    voided: int = 0

    @property
    def to_do(self) -> int:
        return self.planned - self.done - self.unreachable

    def add(self, status: str, slot: str, planned_on: dt.date | None, now: dt.datetime) -> None:
        if status == ContactStatus.VOID:
            self.voided += 1
            return
        self.planned += 1
        if status == ContactStatus.DONE:
            self.done += 1
        elif status == ContactStatus.UNREACHABLE:
            self.unreachable += 1
        elif planned_on is not None and slots.is_overdue(slot, planned_on, now):
            self.overdue += 1

    def as_dict(self) -> dict:
        return {
            "planned": self.planned,
            "done": self.done,
            "unreachable": self.unreachable,
            "overdue": self.overdue,
            "voided": self.voided,
            "to_do": self.to_do,
        }


@dataclass
class EntryRow:
    entry: Entry
    counts: Counts
    result: EntryResult | None


@dataclass
class ShopperRow:
    shopper: ShopperProfile | None  # None: contacts nobody is assigned to
    counts: Counts
    second: int = 0  # second scorings assigned (contacts not voided)
    second_done: int = 0  # ... and submitted


@dataclass
class Board:
    total: Counts
    entries: list[EntryRow]
    shoppers: list[ShopperRow]
    scores: SeasonScores
    groups: list[tuple[str, str, str]] = field(default_factory=list)  # code, zh, en
    distribution: list[int] = field(default_factory=list)  # contacts per bin

    @property
    def scored(self) -> int:
        return sum(self.distribution)


def today() -> dt.date:
    return timezone.localdate()


def local_now() -> dt.datetime:
    """The local moment now, naive (as engine/mystery/slots.py reads moments)."""
    return timezone.localtime().replace(tzinfo=None)


def is_overdue(contact: Contact, now: dt.datetime | None = None) -> bool:
    """Still planned after its slot ended (module docstring)."""
    return (
        contact.status == ContactStatus.PLANNED
        and contact.planned_on is not None
        and slots.is_overdue(contact.slot, contact.planned_on, now or local_now())
    )


def overdue_q(now: dt.datetime | None = None) -> Q:
    """The contacts `is_overdue` takes, as a query."""
    now = now or local_now()
    ended = Q(planned_on__lt=now.date()) & ~Q(slot=Slot.NIGHT)
    night_ended = slots.slot_ends(Slot.NIGHT, now.date() - dt.timedelta(days=1)) <= now
    night = Q(slot=Slot.NIGHT) & (
        Q(planned_on__lte=now.date() - dt.timedelta(days=1))
        if night_ended
        else Q(planned_on__lt=now.date() - dt.timedelta(days=1))
    )
    return Q(status=ContactStatus.PLANNED) & (ended | night)


def second_scorings(season) -> dict[int, tuple[int, int]]:
    """{shopper id: (second scorings assigned, submitted)} of contacts not voided."""
    out: dict[int, tuple[int, int]] = {}
    cards = (
        Card.objects.filter(contact__season=season, role=ScorerRole.SECOND)
        .exclude(contact__status=ContactStatus.VOID)
        .values_list("shopper_id", "status")
    )
    for shopper_id, status in cards:
        assigned, done = out.get(shopper_id, (0, 0))
        out[shopper_id] = (assigned + 1, done + (status == CardStatus.SUBMITTED))
    return out


def distribution(scores: SeasonScores) -> list[int]:
    """How many contacts score in each tenth of 0..100 (100 in the last); a contact
    scored by two shoppers once, at the mean of its scorings."""
    bins = [0] * BINS
    for _entry, total in contact_totals(row.score for row in scores.rows).values():
        bins[min(BINS - 1, int(total * BINS / 100))] += 1
    return bins


def group_cells(result: EntryResult | None, groups) -> list[dict]:
    """Each of `groups`' (code, zh, en) mean points in `result`, with how many of its
    contacts' cards have the group (`have` of `of`; `partial` when not every one:
    scorecard versions differ in their groups)."""
    out = []
    for code, _zh, _en in groups:
        have = result.group_contacts.get(code, 0) if result else 0
        of = result.contacts if result else 0
        out.append(
            {
                "value": result.groups.get(code) if result else None,
                "have": have,
                "of": of,
                "partial": 0 < have < of,
            }
        )
    return out


def no_consistency(result: EntryResult | None) -> str:
    """Why an entry's consistency is undefined: "one" (a single contact: no
    spread), "unreached" (no contact got through); "" when it is defined or no
    contact is scored (every result of the row is a dash then)."""
    if result is None or result.consistency is not None or result.contacts == 0:
        return ""
    if result.contacts < 2:
        return "one"
    return "unreached"


def group_names(scores: SeasonScores) -> list[tuple[str, str, str]]:
    """The groups of the scorecards the cards were scored on, in card order."""
    seen: dict[str, tuple[str, str, str]] = {}
    for row in scores.rows:
        for group in row.scorecard.groups:
            seen.setdefault(group.code, (group.code, group.name_zh, group.name_en))
    return list(seen.values())


def _entries(season, with_contacts: set[int]) -> list[Entry]:
    """The competing entries and any other with contacts, by category and center."""
    return list(
        Entry.objects.filter(season=season)
        .filter(Q(status__in=COMPETING) | Q(pk__in=with_contacts))
        .select_related("center", "category")
        .order_by("category__position", "category_id", "center__name", "pk")
    )


def board(season, *, now: dt.datetime | None = None) -> Board:
    """The board's counts, results and distribution (module docstring), overdue as
    of the local moment `now` (now)."""
    now = now or local_now()
    total = Counts()
    by_entry: dict[int, Counts] = {}
    by_shopper: dict[int | None, Counts] = {}
    rows = Contact.objects.filter(season=season).values_list(
        "entry_id", "shopper_id", "status", "slot", "planned_on"
    )
    for entry_id, shopper_id, status, slot, planned_on in rows:
        for counts in (
            total,
            by_entry.setdefault(entry_id, Counts()),
            by_shopper.setdefault(shopper_id, Counts()),
        ):
            counts.add(status, slot, planned_on, now)
    scores = season_scores(season)
    results = results_of(scores)
    shoppers = {s.pk: s for s in ShopperProfile.objects.filter(season=season)}
    second = second_scorings(season)
    shopper_rows = [
        ShopperRow(s, by_shopper.get(pk, Counts()), *second.get(pk, (0, 0)))
        for pk, s in shoppers.items()
    ]
    if None in by_shopper:
        shopper_rows.append(ShopperRow(None, by_shopper[None]))
    return Board(
        total=total,
        entries=[
            EntryRow(e, by_entry.get(e.pk, Counts()), results.get(e.pk))
            for e in _entries(season, set(by_entry))
        ],
        shoppers=shopper_rows,
        scores=scores,
        groups=group_names(scores),
        distribution=distribution(scores),
    )
