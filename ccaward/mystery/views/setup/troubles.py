"""Planned contacts their shopper can no longer make: the message naming them
after a roster change, and the button giving those not begun to other shoppers."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import npgettext, pgettext
from django.views.decorators.http import require_POST

from ccaward.core.access import season_view
from ccaward.mystery.domain import troubles

SHOWN = 10


def names(contacts) -> str:
    out = "、".join(f"{c.entry.center.name} #{c.number}" for c in contacts[:SHOWN])
    return out + ("…" if len(contacts) > SHOWN else "")


def tell(request, season, shopper) -> bool:
    """A warning naming the shopper's planned contacts they can no longer make;
    True when there are any (the caller then shows the plan page)."""
    found = troubles.troubled(season, shopper=shopper)
    if not found:
        return False
    messages.warning(
        request,
        npgettext(
            "message",
            "%(n)s planned contact of %(name)s can no longer be made by them (%(why)s): "
            "%(contacts)s. Reassign it below.",
            "%(n)s planned contacts of %(name)s can no longer be made by them (%(why)s): "
            "%(contacts)s. Reassign them below.",
            len(found),
        )
        % {
            "n": len(found),
            "name": shopper.name,
            "why": found[0].trouble,
            "contacts": names(found),
        },
    )
    return True


def to_plan(season):
    return redirect(f"{redirect('mystery:plan', season.slug).url}#troubled")


@require_POST
@season_view("mystery.manage")
def plan_fix(request, season):
    moved, left = troubles.reassign_troubled(season=season, by=request.user)
    messages.success(
        request,
        npgettext(
            "message",
            "%(n)s contact given to the allowed shopper with the lowest load.",
            "%(n)s contacts given to the allowed shoppers with the lowest loads.",
            len(moved),
        )
        % {"n": len(moved)},
    )
    if left:
        messages.warning(
            request,
            pgettext(
                "message",
                "Left for you to move one by one (begun, or no shopper may take them): "
                "%(contacts)s.",
            )
            % {"contacts": names(left)},
        )
    return to_plan(season)
