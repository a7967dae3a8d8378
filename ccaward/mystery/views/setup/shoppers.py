"""The shopper roster's pages: the roster with each shopper's blocked entries and
why, a button making profiles for the people holding the mystery-shopper role,
adding and changing a shopper (from the version opened), exclusions."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import npgettext, pgettext
from django.views.decorators.http import require_POST

from ccaward.core.access import season_view
from ccaward.core.forms import attach
from ccaward.judging.domain.detection import competing_entries
from ccaward.mystery.domain import planning, shoppers
from ccaward.mystery.models import ShopperExclusion, ShopperProfile
from ccaward.mystery.views.setup.common import conflict_rows
from ccaward.mystery.views.setup.forms import ExclusionForm, ShopperForm
from ccaward.mystery.views.setup.troubles import tell, to_plan


def _roster(season):
    rows = shoppers.roster(season)
    entries = {e.pk: e for e in competing_entries(season)}
    blocked = shoppers.blocked_pairs(season)
    loads = planning.loads(season)
    for row in rows:
        row.blocked = [
            (entries[e].center.name, why)
            for (s, e), why in sorted(blocked.items())
            if s == row.pk and e in entries
        ]
        row.load = loads.get(row.pk, 0)
    return rows, list(entries.values())


@season_view("mystery.manage")
def shopper_list(request, season):
    return _render(request, season)


def _render(request, season, exclusion_form=None, status=200):
    rows, entries = _roster(season)
    return render(
        request,
        "mystery/setup/shoppers.html",
        {
            "season": season,
            "tab": "shoppers",
            "rows": rows,
            "exclusions": shoppers.exclusions(season),
            "exclusion_form": exclusion_form or ExclusionForm(shoppers=rows, entries=entries),
        },
        status=status,
    )


def _values(form) -> dict:
    data = form.cleaned_data
    names = ("name", "email", "phone", "employer", "former_employers", "affiliations")
    return {name: data.get(name) or "" for name in names} | {
        "max_load": data.get("max_load"),
        "active": data.get("active"),
    }


@season_view("mystery.manage")
def shopper_new(request, season):
    form = ShopperForm(request.POST or None, initial={"active": True})
    if request.method == "POST" and form.is_valid():
        try:
            shoppers.save_shopper(season=season, values=_values(form), by=request.user)
        except ValidationError as exc:
            attach(form, exc)
        else:
            messages.success(request, pgettext("message", "The shopper is added."))
            return redirect("mystery:shoppers", season.slug)
    return render(
        request,
        "mystery/setup/shopper_form.html",
        {"season": season, "tab": "shoppers", "form": form, "row": None},
    )


@season_view("mystery.manage")
def shopper_edit(request, season, pk):
    row = get_object_or_404(ShopperProfile, season=season, pk=pk)
    initial = {
        **{f: getattr(row, f) for f in ("name", "email", "phone", "employer", "max_load")},
        "former_employers": "\n".join(row.former_employers or []),
        "affiliations": "\n".join(row.affiliations or []),
        "active": row.active,
        "version": row.version,
    }
    form = ShopperForm(request.POST or None, initial=initial)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            saved = shoppers.save_shopper(
                season=season,
                shopper=row,
                values=_values(form),
                base_version=form.cleaned_data.get("version"),
                by=request.user,
            )
        except shoppers.ShopperChanged as exc:
            conflict = exc
            data = form.data.copy()
            data["version"] = exc.version
            form = ShopperForm(data)
            form.is_valid()
        except ValidationError as exc:
            attach(form, exc)
        else:
            messages.success(request, pgettext("message", "The shopper is saved."))
            if tell(request, season, saved):
                return to_plan(season)
            return redirect("mystery:shoppers", season.slug)
    return render(
        request,
        "mystery/setup/shopper_form.html",
        {
            "season": season,
            "tab": "shoppers",
            "form": form,
            "row": row,
            "conflict": conflict,
            "conflict_rows": conflict_rows(conflict, shoppers.labels()),
        },
    )


@require_POST
@season_view("mystery.manage")
def shopper_sync(request, season):
    made = shoppers.add_role_holders(season=season, by=request.user)
    messages.success(
        request,
        npgettext(
            "message",
            "%(n)s shopper added from the mystery-shopper role.",
            "%(n)s shoppers added from the mystery-shopper role.",
            len(made),
        )
        % {"n": len(made)},
    )
    return redirect("mystery:shoppers", season.slug)


@require_POST
@season_view("mystery.manage")
def exclusion_add(request, season):
    rows, entries = _roster(season)
    form = ExclusionForm(request.POST, shoppers=rows, entries=entries)
    if form.is_valid():
        shopper = next(s for s in rows if s.pk == form.cleaned_data["shopper"])
        entry = next(e for e in entries if e.pk == form.cleaned_data["entry"])
        try:
            shoppers.exclude(
                shopper=shopper, entry=entry, reason=form.cleaned_data["reason"], by=request.user
            )
        except ValidationError as exc:
            attach(form, exc)
        else:
            messages.success(request, pgettext("message", "The shopper is kept from the entry."))
            if tell(request, season, shopper):
                return to_plan(season)
            return redirect("mystery:shoppers", season.slug)
    return _render(request, season, exclusion_form=form, status=422)


@require_POST
@season_view("mystery.manage")
def exclusion_remove(request, season, pk):
    row = get_object_or_404(
        ShopperExclusion.objects.select_related("shopper", "entry__center"), season=season, pk=pk
    )
    shoppers.remove_exclusion(exclusion=row, by=request.user)
    messages.success(request, pgettext("message", "The exclusion is removed."))
    return redirect("mystery:shoppers", season.slug)
