"""The plan's pages: the settings, each entry's plan (defaults from its
application, overrides), "plan contacts" (the planner's explanation when it
cannot cover them, nothing written), the contacts filterable by entry and
shopper with each shopper's load, and one contact's adjustments (another
shopper, another day or slot, a second scorer) from the version opened."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import pgettext
from django.views.decorators.http import require_POST

from ccaward.core.access import season_view
from ccaward.core.forms import attach
from ccaward.core.stale import RowChanged
from ccaward.judging.domain.detection import competing_entries
from ccaward.mystery.domain import planning, plansettings, shoppers, troubles
from ccaward.mystery.enums import Channel
from ccaward.mystery.models import Contact
from ccaward.mystery.views.setup.common import conflict_rows
from ccaward.mystery.views.setup.forms import (
    EntryPlanForm,
    MoveBegunForm,
    PlanSettingsForm,
    RescheduleForm,
    ShopperChoiceForm,
)


def _settings_initial(row) -> dict:
    return {
        "contacts_per_entry": row.contacts_per_entry,
        "channels": row.channels,
        "starts_on": row.starts_on,
        "ends_on": row.ends_on,
        "holidays": "\n".join(row.holidays or []),
        "workdays": "\n".join(row.workdays or []),
        "seed": row.seed,
        "max_per_pair": row.max_per_pair,
        "version": row.version if row.pk else 0,
    }


def _entries(season, settings):
    rows = list(competing_entries(season))
    for entry in rows:
        entry.plan = planning.entry_plan(entry, settings)
        entry.plan["channel_labels"] = [Channel(c).label for c in entry.plan["channels"]]
        entry.plan["target_list"] = [
            (Channel(c).label, t, c in entry.plan["unconfirmed"])
            for c, t in entry.plan["targets"].items()
            if c in Channel.values and c in entry.plan["channels"]
        ]
    return rows


def _contacts(season, request):
    rows = Contact.objects.filter(season=season).select_related(
        "entry__center", "shopper", "scenario"
    )
    entry, shopper = request.GET.get("entry", ""), request.GET.get("shopper", "")
    if entry.isdigit():
        rows = rows.filter(entry_id=int(entry))
    if shopper.isdigit():
        rows = rows.filter(shopper_id=int(shopper))
    return list(rows.order_by("entry__center__name", "number")), {
        "entry": entry,
        "shopper": shopper,
    }


def _render(request, season, form=None, result=None, conflict=None, status=200):
    settings = planning.plan_settings(season)
    contacts, filters = _contacts(season, request)
    roster = shoppers.roster(season)
    loads = planning.loads(season)
    for s in roster:
        s.load = loads.get(s.pk, 0)
    troubled = troubles.troubled(season)
    why = {c.pk: c.trouble for c in troubled}
    for c in contacts:
        c.trouble = why.get(c.pk, "")
    return render(
        request,
        "mystery/setup/plan.html",
        {
            "season": season,
            "tab": "plan",
            "settings": settings,
            "form": form or PlanSettingsForm(initial=_settings_initial(settings)),
            "entries": _entries(season, settings),
            "contacts": contacts,
            "without_scenario": sum(1 for c in contacts if not c.scenario_id),
            "without_day": sum(1 for c in contacts if not c.planned_on),
            "troubled": troubled,
            "troubled_open": sum(1 for c in troubled if not c.begun),
            "filters": filters,
            "roster": roster,
            "result": result,
            "conflict": conflict,
            "conflict_rows": conflict_rows(conflict, plansettings.labels()),
        },
        status=status,
    )


@season_view("mystery.manage")
def plan(request, season):
    return _render(request, season)


@require_POST
@season_view("mystery.manage")
def plan_settings(request, season):
    form = PlanSettingsForm(request.POST)
    if form.is_valid():
        values = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        try:
            planning.save_settings(
                season=season,
                values=values,
                base_version=form.cleaned_data.get("version"),
                by=request.user,
            )
        except planning.PlanChanged as exc:
            data = form.data.copy()
            data["version"] = exc.version
            form = PlanSettingsForm(data)
            form.is_valid()
            return _render(request, season, form=form, conflict=exc, status=409)
        except ValidationError as exc:
            attach(form, exc)
        else:
            messages.success(request, pgettext("message", "The plan settings are saved."))
            return redirect("mystery:plan", season.slug)
    return _render(request, season, form=form, status=422)


@require_POST
@season_view("mystery.manage")
def plan_run(request, season):
    try:
        result = planning.run_plan(season=season, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("mystery:plan", season.slug)
    if not result.feasible:
        return _render(request, season, result=result, status=409)
    messages.success(
        request,
        pgettext("message", "%(created)s contacts planned (%(kept)s made or begun are kept).")
        % {"created": result.created, "kept": result.kept},
    )
    if result.unconfirmed:
        messages.warning(
            request,
            pgettext(
                "message",
                "Numbers or addresses taken from the application and not yet confirmed "
                "(perhaps a switchboard, not the service line): %(entries)s. Confirm or edit "
                "them on each entry's plan; the planned contacts follow.",
            )
            % {"entries": "、".join(result.unconfirmed)},
        )
    return redirect("mystery:plan", season.slug)


def _entry_initial(entry, settings) -> dict:
    override = (settings.per_entry or {}).get(str(entry.pk)) or {}
    claims = override.get("claims_24x7")
    initial = {
        "contacts": override.get("contacts"),
        "channels": override.get("channels") or [],
        "claims_24x7": "" if claims is None else ("yes" if claims else "no"),
        "version": settings.version if settings.pk else 0,
    }
    for channel, target in (override.get("targets") or {}).items():
        initial[f"target_{channel}"] = target
    return initial


@season_view("mystery.manage")
def plan_entry(request, season, pk):
    entry = next((e for e in competing_entries(season) if e.pk == pk), None)
    if entry is None:
        raise Http404
    settings = planning.plan_settings(season)
    entry_plan = planning.entry_plan(entry, settings)
    form = EntryPlanForm(request.POST or None, initial=_entry_initial(entry, settings))
    conflict, status = None, 422 if request.method == "POST" else 200
    if request.method == "POST" and form.is_valid():
        try:
            planning.save_entry_settings(
                season=season,
                entry=entry,
                values=form.values(planning.entry_defaults(entry, settings)["targets"]),
                base_version=form.cleaned_data.get("version"),
                by=request.user,
            )
        except planning.PlanChanged as exc:
            conflict = exc
            data = form.data.copy()
            data["version"] = exc.version
            form = EntryPlanForm(data)
            form.is_valid()
        except ValidationError as exc:
            attach(form, exc)
        else:
            messages.success(request, pgettext("message", "The entry's plan is saved."))
            return redirect("mystery:plan", season.slug)
    return render(
        request,
        "mystery/setup/plan_entry.html",
        {
            "season": season,
            "tab": "plan",
            "entry": entry,
            "form": form,
            "conflict_rows": conflict_rows(conflict, plansettings.labels()),
            "defaults": planning.entry_defaults(entry, settings),
            "unconfirmed": [
                (Channel(c).label, entry_plan["targets"][c]) for c in entry_plan["unconfirmed"]
            ],
            "target_fields": [form[f"target_{c}"] for c in Channel.values],
        },
        status=409 if conflict else status,
    )


ACTIONS = ("reassign", "reschedule", "second", "move")


def _contact_labels() -> dict:
    return {
        "shopper": pgettext("field", "Shopper"),
        "planned_on": pgettext("field", "Day"),
        "slot": pgettext("field", "Time slot"),
        "second": pgettext("mystery scorer", "Second scorer"),
    }


def _forms(contact, allowed, data=None, which=None):
    version = {"version": contact.version}
    return {
        "reassign": ShopperChoiceForm(
            data if which == "reassign" else None,
            shoppers=allowed,
            initial={**version, "shopper": contact.shopper_id},
            prefix="reassign",
        ),
        "reschedule": RescheduleForm(
            data if which == "reschedule" else None,
            initial={**version, "planned_on": contact.planned_on, "slot": contact.slot},
            prefix="reschedule",
        ),
        "second": ShopperChoiceForm(
            data if which == "second" else None,
            shoppers=[s for s in allowed if s.pk != contact.shopper_id],
            initial=version,
            prefix="second",
        ),
        "move": MoveBegunForm(
            data if which == "move" else None,
            shoppers=[s for s in allowed if s.pk != contact.shopper_id],
            initial=version,
            prefix="move",
        ),
    }


def _apply(which, form, contact, by, roster):
    data = form.cleaned_data
    base = data.get("version")
    if which == "reschedule":
        return planning.reschedule(
            contact=contact,
            planned_on=data["planned_on"],
            slot=data["slot"],
            base_version=base,
            by=by,
        )
    shopper = next(s for s in roster if s.pk == data["shopper"])
    if which == "move":
        return troubles.move_begun(contact=contact, shopper=shopper, reason=data["reason"], by=by)
    if which == "reassign":
        return planning.reassign(contact=contact, shopper=shopper, base_version=base, by=by)
    return planning.add_second_scorer(contact=contact, shopper=shopper, base_version=base, by=by)


@season_view("mystery.manage")
def contact(request, season, pk):
    row = get_object_or_404(
        Contact.objects.select_related("entry__center", "shopper", "scenario", "scorecard"),
        season=season,
        pk=pk,
    )
    roster = [s for s in shoppers.roster(season) if s.active]
    blocked = shoppers.blocked_pairs(season)
    kept_from = [
        (s.name, blocked[(s.pk, row.entry_id)]) for s in roster if (s.pk, row.entry_id) in blocked
    ]
    which = request.POST.get("action") if request.method == "POST" else None
    forms = _forms(row, roster, request.POST, which if which in ACTIONS else None)
    conflict, status = None, 200
    if which in ACTIONS and forms[which].is_valid():
        try:
            changed = _apply(which, forms[which], row, request.user, roster)
        except RowChanged as exc:
            conflict, status = exc, 409
            forms = _forms(exc.row, roster)
        except ValidationError as exc:
            attach(forms[which], exc)
            status = 422
        else:
            messages.success(request, pgettext("message", "The contact is changed."))
            if which == "move":
                return redirect("mystery:contact", season.slug, changed.pk)
            return redirect("mystery:contact", season.slug, row.pk)
    elif which in ACTIONS:
        status = 422
    return render(
        request,
        "mystery/setup/contact.html",
        {
            "season": season,
            "tab": "plan",
            "contact": row,
            "forms": forms,
            "conflict": conflict,
            "conflict_rows": conflict_rows(conflict, _contact_labels()),
            "kept_from": kept_from,
            "trouble": next((c for c in troubles.troubled(season) if c.pk == row.pk), None),
            "seconds": row.cards.filter(role="second").select_related("shopper"),
        },
        status=status,
    )
