"""The organizers' page of the public poll (seasons/<slug>/poll/): the policy (held
or not, its weight within the season's cap; fixed once the first vote is cast), the
counts per category and entry (counted and voided), the signals of stuffing with
their votes, and voiding chosen votes or a whole signal's with a reason."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import npgettext, pgettext
from django.views.decorators.http import require_POST

from ccaward.core.access import season_view
from ccaward.core.forms import attach
from ccaward.judging.views.versioned import Outcome, versioned_save
from ccaward.poll.domain import policy as policies
from ccaward.poll.domain import voiding, votes
from ccaward.poll.domain.signals import signals_of
from ccaward.poll.views.forms import PolicyForm, VoidForm
from ccaward.poll.views.wording import signal_text
from ccaward.seasons.enums import CategoryKind

MANAGE = "poll.manage"
SHOWN = 200  # a signal's votes listed on the page (all are voided with the signal)


def _when(seconds: float) -> str:
    return timezone.localtime(dt.datetime.fromtimestamp(seconds, tz=dt.UTC)).strftime("%m-%d %H:%M")


def _categories(season) -> list[dict]:
    rows = []
    for category in season.categories.filter(kind=CategoryKind.REGULAR).order_by("position", "pk"):
        found = signals_of(category)
        rows.append(
            {
                "category": category,
                "shortlisted": bool(votes.entries_of(category)),
                "counts": votes.counts_of(category),
                "signals": [
                    {
                        "key": f.signal.key,
                        "kind": f.signal.kind,
                        "text": signal_text(f.signal, f.votes),
                        "span": f"{_when(f.signal.start)} – {_when(f.signal.end)}",
                        "votes": f.votes,
                        "shown": f.votes[:SHOWN],
                        "more": max(0, len(f.votes) - SHOWN),
                        "ids": ",".join(str(v.pk) for v in f.votes),
                    }
                    for f in found
                ],
            }
        )
    return rows


def _conflict_rows(form, conflict) -> list[tuple]:
    return [(form.fields[n].label, stored, sent) for n, stored, sent in conflict.rows()]


def _page(request, season, *, form, void_form, outcome=None, status=200):
    policy = policies.policy_of(season)
    conflict = outcome.conflict if outcome else None
    return render(
        request,
        "poll/manage.html",
        {
            "season": season,
            "policy": policy,
            "fixed": policies.has_votes(season),
            "form": form,
            "void_form": void_form,
            "chosen": set(void_form["votes"].value() or []) if void_form.is_bound else set(),
            "categories": _categories(season),
            "conflict": conflict,
            "conflict_rows": _conflict_rows(form, conflict) if conflict else [],
        },
        status=status,
    )


@season_view(MANAGE)
def manage(request, season):
    current = policies.policy_of(season)
    form = PolicyForm(request.POST or None, initial=PolicyForm.initial_of(current))
    outcome = Outcome()
    if request.method == "POST" and form.is_valid():
        outcome = versioned_save(
            form,
            lambda: policies.change_policy(
                season=season,
                by=request.user,
                values=form.values(),
                version=form.cleaned_data["version"],
            ),
            changed=policies.PolicyChanged,
        )
        if outcome.saved:
            messages.success(request, pgettext("message", "Public poll policy saved."))
            return redirect("poll:manage", season.slug)
    status = outcome.status if outcome.status != 200 else (422 if form.errors else 200)
    return _page(request, season, form=form, void_form=VoidForm(), outcome=outcome, status=status)


@require_POST
@season_view(MANAGE)
def void(request, season):
    void_form = VoidForm(request.POST)
    if void_form.is_valid():
        try:
            done = voiding.void_votes(
                season=season,
                by=request.user,
                votes=void_form.chosen(),
                reason=void_form.cleaned_data["reason"],
                signal=void_form.cleaned_data["signal"],
            )
        except ValidationError as exc:
            attach(void_form, exc)
        else:
            messages.success(
                request,
                npgettext("message", "%(n)s vote voided.", "%(n)s votes voided.", len(done))
                % {"n": len(done)},
            )
            return redirect("poll:manage", season.slug)
    form = PolicyForm(initial=PolicyForm.initial_of(policies.policy_of(season)))
    return _page(request, season, form=form, void_form=void_form, status=422)
