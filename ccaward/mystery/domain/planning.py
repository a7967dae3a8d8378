"""Planning the season's mystery contacts: `run_plan` asks the planner
(engine/mystery/plan.py) to spread each entry's contacts over its slots and
channels and to give them to shoppers with balanced loads, never to a blocked
pair (shoppers.blocked_pairs); days come from engine/mystery/slots.py, a
scenario per contact from the library (fitting the entry and channel, used in
turn), the scorecard version in use. Contacts already made or begun are kept and
count toward the loads; only those still planned without a card are replaced.
An instance that cannot be covered is explained and nothing is written.

The settings are plansettings.py, the organizers' adjustments adjust.py (both
re-exported here)."""

from __future__ import annotations

import random
import re
from collections import Counter
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import pgettext

from ccaward.core import audit
from ccaward.engine.mystery.plan import UNLIMITED, PlanEntry, PlanInputError, Shopper
from ccaward.engine.mystery.plan import plan as solve
from ccaward.engine.mystery.slots import spread_days
from ccaward.judging.domain.detection import competing_entries
from ccaward.mystery.domain import cards, scenarios
from ccaward.mystery.domain.adjust import (
    ContactChanged,
    add_second_scorer,
    reassign,
    reschedule,
)
from ccaward.mystery.domain.plansettings import (
    PlanChanged,
    entry_defaults,
    entry_plan,
    holidays_of,
    plan_settings,
    save_entry_settings,
    save_settings,
)
from ccaward.mystery.domain.problems import plan_problems
from ccaward.mystery.domain.scenarios import require_organizer
from ccaward.mystery.domain.shoppers import blocked_pairs
from ccaward.mystery.enums import ContactStatus
from ccaward.mystery.models import Contact, ShopperProfile
from ccaward.seasons.models import Season

__all__ = [
    "ContactChanged",
    "PlanChanged",
    "PlanResult",
    "add_second_scorer",
    "entry_defaults",
    "entry_plan",
    "holidays_of",
    "loads",
    "plan_settings",
    "reassign",
    "reschedule",
    "run_plan",
    "save_entry_settings",
    "save_settings",
]


@dataclass
class PlanResult:
    created: int = 0
    kept: int = 0
    removed: int = 0
    infeasible: list[str] = field(default_factory=list)
    unconfirmed: list[str] = field(default_factory=list)  # entries planned with unconfirmed targets
    loads: dict[int, int] = field(default_factory=dict)  # shopper id -> contacts

    @property
    def feasible(self) -> bool:
        return not self.infeasible


def loads(season) -> dict[int, int]:
    """Shopper id -> the contacts they make (voided ones left out)."""
    rows = (
        Contact.objects.filter(season=season, shopper__isnull=False)
        .exclude(status=ContactStatus.VOID)
        .values_list("shopper_id")
        .annotate(n=Count("id"))
    )
    return dict(rows)


def _named(lines: list[str], entries: dict, shoppers: dict) -> list[str]:
    """The engine's lines with its ids (E12, S3) as the names people know."""

    def name(found):
        kind, pk = found.group(1), int(found.group(2))
        row = (entries if kind == "E" else shoppers).get(pk)
        if row is None:
            return found.group(0)
        return row.center.name if kind == "E" else row.name

    return [re.sub(r"\b([ES])(\d+)\b", name, line) for line in lines]


def _scenario_picker(season, kept: list[Contact]):
    """pick(entry, channel) -> the fitting scenario used least so far (by key)."""
    library = scenarios.current_scenarios(season)
    used = Counter(c.scenario.key for c in kept if c.scenario_id)

    def pick(entry, channel):
        fits = scenarios.matching(
            library,
            category_id=entry.category_id,
            industry=entry.center.industry,
            channel=channel,
        )
        if not fits:
            return None
        best = min(fits, key=lambda s: (used[s.key], s.key))
        used[best.key] += 1
        return best

    return pick


def _inputs(settings, entries, shoppers, kept, blocked):
    """The engine's entries, shoppers, conflicts and fixed pairs."""
    counting = [c for c in kept if c.status != ContactStatus.VOID]
    by_entry: dict[int, list[Contact]] = {}
    for c in counting:
        by_entry.setdefault(c.entry_id, []).append(c)
    plan_entries = []
    for entry in entries:
        plan = entry_plan(entry, settings)
        mine = by_entry.get(entry.pk, [])
        plan_entries.append(
            PlanEntry(
                id=f"E{entry.pk}",
                contacts=max(0, plan["contacts"] - len(mine)),
                channels=tuple(plan["channels"]),
                claims_24x7=plan["claims_24x7"],
                organization=entry.center.organization.name,
                kept=tuple((c.slot, c.channel) for c in mine),
            )
        )
    plan_shoppers = [
        Shopper(
            id=f"S{s.pk}",
            employer=s.employer,
            max_load=UNLIMITED if s.max_load is None else s.max_load,
        )
        for s in shoppers
    ]
    ids = {s.pk for s in shoppers}, {e.pk for e in entries}
    conflicts = {(f"S{s}", f"E{e}") for s, e in blocked if s in ids[0] and e in ids[1]}
    fixed = Counter((f"S{c.shopper_id}", f"E{c.entry_id}") for c in counting if c.shopper_id)
    return plan_entries, plan_shoppers, conflicts, fixed


def run_plan(*, season, by, now=None) -> PlanResult:
    """Plan the season's contacts (organizers) from its settings. Contacts planned
    without a card are replaced; the others (made, begun, voided) are kept, and
    those not voided count toward each entry's contacts and each shopper's load.
    When the contacts cannot all be given to shoppers, `PlanResult.infeasible` says
    why (entries and shoppers by name) and nothing is written; `unconfirmed` names
    the entries planned with a number or address still read from the application. Side effects: the
    season's replaceable Contact rows deleted and the new ones written (slot,
    channel, day from today on, shopper, scenario, scorecard version, number or address), the
    first scorecard version made if there was none, one audit event
    `mystery.planned`."""
    require_organizer(season, by)
    settings = plan_settings(season)
    if not settings.starts_on or not settings.ends_on:
        raise ValidationError(
            {"starts_on": pgettext("validation", "Set the plan's first and last day first.")}
        )
    today = timezone.localdate(now) if now else timezone.localdate()
    if settings.ends_on < today:
        raise ValidationError(
            {
                "ends_on": pgettext(
                    "validation",
                    "The plan's last day, %(day)s, is past: set a window from today on first.",
                )
                % {"day": settings.ends_on.isoformat()}
            }
        )
    entries = list(competing_entries(season))
    shoppers = list(ShopperProfile.objects.filter(season=season, active=True))
    blocked = blocked_pairs(season)
    holidays, workdays = holidays_of(season)
    with transaction.atomic():
        Season.objects.select_for_update().filter(pk=season.pk).first()
        rows = list(
            Contact.objects.filter(season=season)
            .select_related("scenario")
            .annotate(n_cards=Count("cards"))
        )
        replaceable = [c for c in rows if c.status == ContactStatus.PLANNED and not c.n_cards]
        gone = {c.pk for c in replaceable}
        kept = [c for c in rows if c.pk not in gone]
        inputs = _inputs(settings, entries, shoppers, kept, blocked)
        try:
            result = solve(
                inputs[0],
                inputs[1],
                conflicts=inputs[2],
                fixed=inputs[3],
                max_per_pair=settings.max_per_pair,
                even_pairs=settings.max_per_pair is None,
                seed=settings.seed,
            )
        except PlanInputError as exc:
            raise ValidationError({"plan": exc.problems}) from None
        by_pk = {e.pk: e for e in entries}, {s.pk: s for s in shoppers}
        if not result.feasible:
            return PlanResult(infeasible=plan_problems(_named(result.infeasible, *by_pk)))
        scorecard = cards.current_scorecard(season)
        Contact.objects.filter(pk__in=[c.pk for c in replaceable]).delete()
        made = _write(
            season,
            result.contacts,
            by_pk[0],
            kept,
            settings,
            scorecard,
            (max(settings.starts_on, today), settings.ends_on, holidays, workdays),
        )
        outcome = PlanResult(
            created=len(made),
            kept=len(kept),
            removed=len(replaceable),
            loads={int(k[1:]): n for k, n in result.loads.items()},
            unconfirmed=[e.center.name for e in entries if entry_plan(e, settings)["unconfirmed"]],
        )
        audit.record(
            actor=by,
            action="mystery.planned",
            season=season,
            obj=settings if settings.pk else None,
            summary=f"{outcome.created} contacts planned",
            data={
                "created": outcome.created,
                "kept": outcome.kept,
                "removed": outcome.removed,
                "scorecard": scorecard.version,
                "seed": settings.seed,
            },
        )
    return outcome


def _phases(pks: list[int], seed: int) -> dict[int, float]:
    """Each entry's phase in the window (slots.spread_days): the entries in a seeded
    order, 1/n apart, so n entries planned at once are called on different days."""
    rng = random.Random(f"{seed}\x00days")
    order = list(pks)
    rng.shuffle(order)
    start = rng.random()
    return {pk: (rank + start) / len(order) for rank, pk in enumerate(order)}


def _write(season, planned, entries, kept, settings, scorecard, window) -> list[Contact]:
    """The new contacts of each entry: numbers not taken by the kept ones, days
    spread over the window by slot, a scenario each, the number or address."""
    starts, ends, holidays, workdays = window
    taken: dict[int, set[int]] = {}
    busy: dict[int, set] = {}  # the days of an entry's kept contacts
    for c in kept:
        taken.setdefault(c.entry_id, set()).add(c.number)
        if c.status != ContactStatus.VOID and c.planned_on:
            busy.setdefault(c.entry_id, set()).add(c.planned_on)
    pick = _scenario_picker(season, kept)
    by_entry: dict[int, list] = {}
    for p in planned:
        by_entry.setdefault(int(p.entry[1:]), []).append(p)
    made = []
    phases = _phases(sorted(by_entry), settings.seed)
    for pk, items in by_entry.items():
        entry = entries[pk]
        targets = entry_plan(entry, settings)["targets"]
        days = spread_days(
            [p.slot for p in items],
            starts,
            ends,
            holidays,
            workdays,
            phases[pk],
            taken=busy.get(pk, ()),
        )
        used = taken.get(pk, set())
        numbers = (n for n in range(1, 10_000) if n not in used)
        for p, day in zip(items, days, strict=True):
            made.append(
                Contact(
                    season=season,
                    entry=entry,
                    number=next(numbers),
                    slot=p.slot,
                    channel=p.channel,
                    planned_on=day,
                    shopper_id=int(p.shopper[1:]) if p.shopper else None,
                    scenario=pick(entry, p.channel),
                    scorecard=scorecard,
                    target=targets.get(p.channel, ""),
                )
            )
    return Contact.objects.bulk_create(made)
