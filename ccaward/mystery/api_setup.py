"""Mystery calls in the API: setup (organizers). The scenario library (a change is
a new version from `base_version`: 409 conflict with both versions when it moved
on), the scorecard (read, upload a YAML card: 422 with every problem by path), the
shopper roster with the pairs each may not contact and why, the plan's settings,
planning (409 infeasible with the planner's explanation, nothing written), the
planned contacts and their adjustments."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from django.utils.translation import pgettext
from ninja import Router, Status

from ccaward.core import access
from ccaward.core.apierrors import ERRORS, READ_ERRORS, error
from ccaward.core.apitypes import RowId
from ccaward.core.stale import RowChanged
from ccaward.judging.domain.detection import competing_entries
from ccaward.mystery.api_setup_schemas import (
    ContactOut,
    EntrySettingsIn,
    PlanOut,
    PlanRunOut,
    PlanSettingsIn,
    RescheduleIn,
    ScenarioIn,
    ScenarioOut,
    ScorecardIn,
    ScorecardOut,
    ShopperChoiceIn,
    ShopperIn,
    ShopperOut,
)
from ccaward.mystery.domain import cards, planning, scenarios, shoppers
from ccaward.mystery.models import Contact, ShopperProfile

router = Router()
MANAGE = "mystery.manage"
KEY = re.compile(r"[-a-zA-Z0-9_]{1,64}")


def changed(exc: RowChanged, what: str, version):
    """409 conflict with both versions, field by field."""
    message = pgettext("api", "%(what)s changed since version %(version)s was read.") % {
        "what": what,
        "version": version,
    }
    problems = [
        {"field": name, "stored": stored, "sent": sent, "version": exc.version}
        for name, stored, sent in exc.rows()
    ]
    fields = {p["field"]: [message] for p in problems} or {"base_version": [message]}
    return error(409, "conflict", message, fields, problems)


def _scenario_out(row) -> dict:
    return {
        **{f: getattr(row, f) for f in ("key", "version", "title", "story", "questions")},
        **{f: getattr(row, f) for f in ("industry", "retired", "created_at")},
        "answer_points": list(row.answer_points or []),
        "category": row.category_id,
        "channels": list(row.channels or []),
        "moved_contacts": getattr(row, "moved", 0),
    }


def _scenario_values(season, payload: ScenarioIn) -> dict:
    values = payload.dict(exclude={"base_version"})
    if values["category"] is not None:
        values["category"] = get_object_or_404(season.categories, pk=values["category"])
    values["channels"] = [str(c.value if hasattr(c, "value") else c) for c in values["channels"]]
    return values


@router.get(
    "/{slug}/mystery/scenarios",
    response={200: list[ScenarioOut], **READ_ERRORS},
    summary="The scenario library: the newest version of each scenario",
)
def list_scenarios(request, slug: str, retired: bool = False):
    season = access.season_for(request.user, slug, MANAGE)
    rows = scenarios.latest_versions(season)
    return [_scenario_out(r) for r in rows if retired or not r.retired]


@router.post(
    "/{slug}/mystery/scenarios",
    response={201: ScenarioOut, **ERRORS},
    summary="Write a new scenario (version 1)",
)
def create_scenario(request, slug: str, payload: ScenarioIn):
    season = access.season_for(request.user, slug, MANAGE)
    values = _scenario_values(season, payload)
    row = scenarios.save_scenario(season=season, values=values, by=request.user)
    return Status(201, _scenario_out(row))


@router.get(
    "/{slug}/mystery/scenarios/{key}",
    response={200: list[ScenarioOut], **READ_ERRORS},
    summary="Every version of a scenario, newest first",
)
def scenario_history(request, slug: str, key: str):
    season = access.season_for(request.user, slug, MANAGE)
    rows = scenarios.history(season, key) if KEY.fullmatch(key) else []
    if not rows:
        return error(404, "not_found", pgettext("validation", "No such scenario."))
    return [_scenario_out(r) for r in rows]


@router.put(
    "/{slug}/mystery/scenarios/{key}",
    response={200: ScenarioOut, **ERRORS},
    summary="Save a new version of a scenario (from base_version)",
)
def edit_scenario(request, slug: str, key: str, payload: ScenarioIn):
    season = access.season_for(request.user, slug, MANAGE)
    if not KEY.fullmatch(key) or scenarios.newest(season, key) is None:
        return error(404, "not_found", pgettext("validation", "No such scenario."))
    values = _scenario_values(season, payload)
    try:
        row = scenarios.save_scenario(
            season=season,
            key=key,
            values=values,
            base_version=payload.base_version,
            by=request.user,
        )
    except scenarios.ScenarioChanged as exc:
        return changed(exc, pgettext("api", "The scenario"), payload.base_version)
    return _scenario_out(row)


@router.post(
    "/{slug}/mystery/scenarios/{key}/retire",
    response={200: ScenarioOut, **ERRORS},
    summary="Retire a scenario (a new version, not used for new contacts)",
)
def retire_scenario(request, slug: str, key: str):
    season = access.season_for(request.user, slug, MANAGE)
    if not KEY.fullmatch(key) or scenarios.newest(season, key) is None:
        return error(404, "not_found", pgettext("validation", "No such scenario."))
    return _scenario_out(scenarios.retire_scenario(season=season, key=key, by=request.user))


def _card_out(row) -> dict:
    return {
        "version": row.version,
        "saved": row.pk is not None,
        "definition": cards.definition_of(row),
        "source": cards.yaml_of(row),
    }


@router.get(
    "/{slug}/mystery/scorecard",
    response={200: ScorecardOut, **READ_ERRORS},
    summary="The scorecard in use (the shipped default until one is made or uploaded)",
)
def get_scorecard(request, slug: str):
    season = access.season_for(request.user, slug, MANAGE)
    return _card_out(cards.scorecard_in_use(season))


@router.post(
    "/{slug}/mystery/scorecard",
    response={201: ScorecardOut, **ERRORS},
    summary="Upload a YAML card as the next version (422 with every problem by path)",
)
def upload_scorecard(request, slug: str, payload: ScorecardIn):
    season = access.season_for(request.user, slug, MANAGE)
    try:
        row = cards.upload_scorecard(
            season=season,
            source=payload.source,
            note=payload.note,
            base_version=payload.base_version,
            by=request.user,
        )
    except cards.ScorecardRefused as exc:
        message = pgettext("api", "The scorecard cannot be used: %(n)s problem(s).") % {
            "n": len(exc.problems)
        }
        problems = [
            {"path": p.split(": ", 1)[0], "message": p.split(": ", 1)[-1]} for p in exc.problems
        ]
        return error(422, "problems", message, {"source": exc.problems}, problems)
    except cards.ScorecardChanged as exc:
        return changed(exc, pgettext("api", "The scorecard"), payload.base_version)
    return Status(201, _card_out(row))


def _shoppers_out(season) -> list[dict]:
    blocked = shoppers.blocked_pairs(season)
    loads = planning.loads(season)
    out = []
    for s in shoppers.roster(season):
        names = ("id", "name", "email", "phone", "employer", "max_load", "active", "version")
        out.append(
            {
                **{n: getattr(s, n) for n in names},
                "former_employers": list(s.former_employers or []),
                "affiliations": list(s.affiliations or []),
                "has_account": s.user_id is not None,
                "load": loads.get(s.pk, 0),
                "blocked": [
                    {"entry": e, "reason": why}
                    for (p, e), why in sorted(blocked.items())
                    if p == s.pk
                ],
            }
        )
    return out


@router.get(
    "/{slug}/mystery/shoppers",
    response={200: list[ShopperOut], **READ_ERRORS},
    summary="The shopper roster, with the entries each may not contact and why",
)
def list_shoppers(request, slug: str):
    season = access.season_for(request.user, slug, MANAGE)
    return _shoppers_out(season)


def _one_shopper(season, pk) -> dict:
    return next(s for s in _shoppers_out(season) if s["id"] == pk)


@router.post(
    "/{slug}/mystery/shoppers", response={201: ShopperOut, **ERRORS}, summary="Add a shopper"
)
def add_shopper(request, slug: str, payload: ShopperIn):
    season = access.season_for(request.user, slug, MANAGE)
    row = shoppers.save_shopper(
        season=season, values=payload.dict(exclude={"base_version"}), by=request.user
    )
    return Status(201, _one_shopper(season, row.pk))


@router.post(
    "/{slug}/mystery/shoppers/sync",
    response={200: list[ShopperOut], **ERRORS},
    summary="Add everyone holding the mystery-shopper role who has no profile",
)
def sync_shoppers(request, slug: str):
    season = access.season_for(request.user, slug, MANAGE)
    shoppers.add_role_holders(season=season, by=request.user)
    return _shoppers_out(season)


@router.put(
    "/{slug}/mystery/shoppers/{pk}",
    response={200: ShopperOut, **ERRORS},
    summary="Change a shopper (from base_version)",
)
def change_shopper(request, slug: str, pk: RowId, payload: ShopperIn):
    season = access.season_for(request.user, slug, MANAGE)
    row = get_object_or_404(ShopperProfile, season=season, pk=pk)
    try:
        shoppers.save_shopper(
            season=season,
            shopper=row,
            values=payload.dict(exclude={"base_version"}),
            base_version=payload.base_version,
            by=request.user,
        )
    except shoppers.ShopperChanged as exc:
        return changed(exc, pgettext("api", "The shopper"), payload.base_version)
    return _one_shopper(season, row.pk)


def _plan_out(season) -> dict:
    row = planning.plan_settings(season)
    entries = []
    for e in competing_entries(season):
        plan = planning.entry_plan(e, row)
        entries.append({"entry": e.pk, "center": e.center.name, **plan})
    return {
        **{n: getattr(row, n) for n in ("contacts_per_entry", "starts_on", "ends_on", "seed")},
        "channels": list(row.channels or []),
        "holidays": list(row.holidays or []),
        "workdays": list(row.workdays or []),
        "max_per_pair": row.max_per_pair,
        "version": row.version if row.pk else 0,
        "entries": entries,
    }


@router.get(
    "/{slug}/mystery/plan",
    response={200: PlanOut, **READ_ERRORS},
    summary="The plan's settings and each entry's plan",
)
def get_plan(request, slug: str):
    season = access.season_for(request.user, slug, MANAGE)
    return _plan_out(season)


@router.put(
    "/{slug}/mystery/plan", response={200: PlanOut, **ERRORS}, summary="Change the plan's settings"
)
def put_plan(request, slug: str, payload: PlanSettingsIn):
    season = access.season_for(request.user, slug, MANAGE)
    values = payload.dict(exclude={"base_version"})
    values["channels"] = [str(getattr(c, "value", c)) for c in values["channels"]]
    try:
        planning.save_settings(
            season=season, values=values, base_version=payload.base_version, by=request.user
        )
    except planning.PlanChanged as exc:
        return changed(exc, pgettext("api", "The plan settings"), payload.base_version)
    return _plan_out(season)


@router.put(
    "/{slug}/mystery/plan/entries/{pk}",
    response={200: PlanOut, **ERRORS},
    summary="Override the plan of one entry (empty: its defaults)",
)
def put_entry_plan(request, slug: str, pk: RowId, payload: EntrySettingsIn):
    season = access.season_for(request.user, slug, MANAGE)
    entry = get_object_or_404(competing_entries(season), pk=pk)
    values = payload.dict(exclude={"base_version"})
    values["channels"] = [str(getattr(c, "value", c)) for c in values["channels"]]
    values["targets"] = {str(getattr(k, "value", k)): v for k, v in values["targets"].items()}
    try:
        planning.save_entry_settings(
            season=season,
            entry=entry,
            values=values,
            base_version=payload.base_version,
            by=request.user,
        )
    except planning.PlanChanged as exc:
        return changed(exc, pgettext("api", "The plan settings"), payload.base_version)
    return _plan_out(season)


@router.post(
    "/{slug}/mystery/plan/run",
    response={200: PlanRunOut, **ERRORS},
    summary="Plan the contacts (409 infeasible with the planner's explanation, nothing written)",
)
def run_plan(request, slug: str):
    season = access.season_for(request.user, slug, MANAGE)
    result = planning.run_plan(season=season, by=request.user)
    if not result.feasible:
        message = pgettext(
            "mystery", "The contacts cannot all be given to shoppers; nothing was changed."
        )
        problems = [{"message": line} for line in result.infeasible]
        return error(409, "infeasible", message, {"plan": result.infeasible}, problems)
    return {
        "created": result.created,
        "kept": result.kept,
        "removed": result.removed,
        "loads": {str(k): v for k, v in result.loads.items()},
    }


def _contact_out(c) -> dict:
    return {
        **{n: getattr(c, n) for n in ("id", "number", "planned_on", "slot", "channel", "target")},
        **{n: getattr(c, n) for n in ("status", "adjusted", "version")},
        "entry": c.entry_id,
        "center": c.entry.center.name,
        "shopper": c.shopper_id,
        "shopper_name": c.shopper.name if c.shopper_id else "",
        "scenario": f"{c.scenario.key}@{c.scenario.version}" if c.scenario_id else None,
        "scorecard_version": c.scorecard.version if c.scorecard_id else None,
    }


def _contacts(season):
    return Contact.objects.filter(season=season).select_related(
        "entry__center", "shopper", "scenario", "scorecard"
    )


@router.get(
    "/{slug}/mystery/plan/contacts",
    response={200: list[ContactOut], **READ_ERRORS},
    summary="The planned contacts (filter by entry or shopper)",
)
def list_contacts(request, slug: str, entry: RowId | None = None, shopper: RowId | None = None):
    season = access.season_for(request.user, slug, MANAGE)
    rows = _contacts(season)
    if entry is not None:
        rows = rows.filter(entry_id=entry)
    if shopper is not None:
        rows = rows.filter(shopper_id=shopper)
    return [_contact_out(c) for c in rows.order_by("entry__center__name", "number")]


def _adjust(request, slug, pk, base, apply):
    season = access.season_for(request.user, slug, MANAGE)
    contact = get_object_or_404(_contacts(season), pk=pk)
    try:
        apply(season, contact)
    except planning.ContactChanged as exc:
        return changed(exc, pgettext("api", "The contact"), base)
    return _contact_out(get_object_or_404(_contacts(season), pk=pk))


def _shopper(season, pk):
    found = ShopperProfile.objects.filter(season=season, pk=pk).first()
    if found is None:
        raise ValidationError({"shopper": pgettext("validation", "Not a shopper of this season.")})
    return found


@router.post(
    "/{slug}/mystery/plan/contacts/{pk}/reassign",
    response={200: ContactOut, **ERRORS},
    summary="Give a contact to another shopper (422 with the reason for a blocked pair)",
)
def reassign(request, slug: str, pk: RowId, payload: ShopperChoiceIn):
    return _adjust(
        request,
        slug,
        pk,
        payload.base_version,
        lambda season, c: planning.reassign(
            contact=c,
            shopper=_shopper(season, payload.shopper),
            base_version=payload.base_version,
            by=request.user,
        ),
    )


@router.post(
    "/{slug}/mystery/plan/contacts/{pk}/reschedule",
    response={200: ContactOut, **ERRORS},
    summary="Move a contact to another day and slot",
)
def reschedule(request, slug: str, pk: RowId, payload: RescheduleIn):
    return _adjust(
        request,
        slug,
        pk,
        payload.base_version,
        lambda season, c: planning.reschedule(
            contact=c,
            planned_on=payload.planned_on,
            slot=str(getattr(payload.slot, "value", payload.slot)),
            base_version=payload.base_version,
            by=request.user,
        ),
    )


@router.post(
    "/{slug}/mystery/plan/contacts/{pk}/second",
    response={200: ContactOut, **ERRORS},
    summary="Add a second scorer to a contact (a draft card of their own)",
)
def second_scorer(request, slug: str, pk: RowId, payload: ShopperChoiceIn):
    return _adjust(
        request,
        slug,
        pk,
        payload.base_version,
        lambda season, c: planning.add_second_scorer(
            contact=c,
            shopper=_shopper(season, payload.shopper),
            base_version=payload.base_version,
            by=request.user,
        ),
    )
