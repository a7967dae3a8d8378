"""The organizers' voting pages (票选管理): a category's roll (who has voted, never
what), its count with the tally (approval and Borda scores, Schulze's pairwise
matrix d and strongest paths p), the decision with each step of the tie-break
chain in words, the casting decision on an open tie, and a special category's
awards; the voting policy."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import pgettext
from django.views.decorators.http import require_POST

from ccaward.core.access import season_view
from ccaward.core.errors import InUse
from ccaward.core.forms import attach
from ccaward.judging.views.versioned import Outcome, versioned_save
from ccaward.results.domain import count as counting
from ccaward.results.domain import policy as policies
from ccaward.results.domain import special, ties
from ccaward.results.enums import Strength, VoteMethod
from ccaward.results.models import SpecialAward
from ccaward.results.views.vote import progress
from ccaward.results.views.vote_forms import CastingForm, PolicyForm, SpecialForm, WithdrawForm
from ccaward.results.views.vote_words import decision_rows, tally_view
from ccaward.seasons import gates
from ccaward.seasons.enums import CategoryKind, StageKind

MANAGE = "results.manage_vote"


def _page(request, season, category, *, casting=None, special_form=None, status=200):
    count = counting.count_of(category)
    names = {e.pk: e.center.name for e in season.entries.select_related("center").all()}
    tied = ties.tie_of(count) if count and (count.outcome or {}).get("tied") else []
    if casting is None and tied:
        casting = CastingForm(tied=[(pk, names.get(pk, f"#{pk}")) for pk in tied])
    awards = special.awards_of(category) if category.kind == CategoryKind.SPECIAL else []
    if special_form is None and category.kind == CategoryKind.SPECIAL:
        special_form = SpecialForm(
            entries=season.entries.select_related("center", "category").order_by(
                "category_id", "pk"
            )
        )
    return render(
        request,
        "results/vote_manage.html",
        {
            "season": season,
            "category": category,
            "categories": list(season.categories.all()),
            "p": progress(category),
            "open": gates.is_open(season, StageKind.VOTING),
            "stage": season.stage(StageKind.VOTING),
            "frozen": counting.frozen(season),
            "count": count,
            "tally": tally_view(count, names) if count else None,
            "rows": decision_rows(count, names) if count else [],
            "winners": [names.get(pk, f"#{pk}") for pk in (count.outcome or {}).get("winners", [])]
            if count
            else [],
            "casting": casting,
            "awards": [
                (a, special.winner_name(a), WithdrawForm(prefix=f"w{a.pk}")) for a in awards
            ],
            "special_form": special_form,
        },
        status=status,
    )


def _category(season, pk):
    return get_object_or_404(season.categories, pk=pk)


@season_view(MANAGE)
def manage(request, season, category):
    return _page(request, season, _category(season, category))


def _refused(request, exc) -> None:
    if isinstance(exc, ValidationError):
        for text in exc.messages:
            messages.error(request, text)
    else:
        messages.error(request, exc.message)


@require_POST
@season_view(MANAGE)
def count(request, season, category):
    category = _category(season, category)
    try:
        counting.count_category(category=category, by=request.user)
    except (ValidationError, InUse) as exc:
        _refused(request, exc)
    else:
        messages.success(request, pgettext("message", "The vote is counted."))
    return redirect("results:vote_manage", season.slug, category.pk)


@require_POST
@season_view(MANAGE)
def casting(request, season, category):
    category = _category(season, category)
    names = {e.pk: e.center.name for e in category.entries.select_related("center")}
    tied = ties.tie_of(counting.count_of(category))
    form = CastingForm(request.POST, tied=[(pk, names.get(pk, f"#{pk}")) for pk in tied])
    if form.is_valid():
        try:
            ties.record_casting(
                category=category,
                order=form.order(),
                reason=form.cleaned_data["reason"],
                by=request.user,
            )
        except ValidationError as exc:
            attach(form, exc)
        except InUse as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, pgettext("message", "The casting decision is recorded."))
            return redirect("results:vote_manage", season.slug, category.pk)
    return _page(request, season, category, casting=form)


@require_POST
@season_view(MANAGE)
def special_add(request, season, category):
    category = _category(season, category)
    entries = season.entries.select_related("center", "category").order_by("category_id", "pk")
    form = SpecialForm(request.POST, entries=entries)
    if form.is_valid():
        data = form.cleaned_data
        try:
            special.name_special_award(
                category=category,
                by=request.user,
                justification=data["justification"],
                entry=entries.filter(pk=data["entry"]).first() if data["entry"] else None,
                center_zh=data["center_zh"],
                center_en=data["center_en"],
            )
        except ValidationError as exc:
            attach(form, exc)
        except InUse as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, pgettext("message", "The special award is named."))
            return redirect("results:vote_manage", season.slug, category.pk)
    return _page(request, season, category, special_form=form)


@require_POST
@season_view(MANAGE)
def special_withdraw(request, season, pk):
    award = get_object_or_404(
        SpecialAward.objects.select_related("category__season"), season=season, pk=pk
    )
    form = WithdrawForm(request.POST, prefix=f"w{award.pk}")
    if not form.is_valid():
        messages.error(request, pgettext("voting", "Give the reason for withdrawing the award."))
    else:
        try:
            special.withdraw_special_award(
                award=award, by=request.user, reason=form.cleaned_data["reason"]
            )
        except (ValidationError, InUse) as exc:
            _refused(request, exc)
        else:
            messages.success(request, pgettext("message", "The special award is withdrawn."))
    return redirect("results:vote_manage", season.slug, award.category_id)


def _shown(form: PolicyForm, conflict) -> list[tuple[str, str, str]]:
    choices = {**dict(VoteMethod.choices), **dict(Strength.choices)}

    def text(value):
        return "—" if value in (None, "") else str(choices.get(value, value))

    return [
        (form.fields[name].label, text(stored), text(sent))
        for name, stored, sent in conflict.rows()
    ]


@season_view(MANAGE)
def policy(request, season):
    current = policies.policy_of(season)
    form = PolicyForm(request.POST or None, initial=PolicyForm.initial_of(current))
    outcome = Outcome()
    if request.method == "POST" and form.is_valid():
        try:
            outcome = versioned_save(
                form,
                lambda: policies.change_policy(
                    season=season,
                    by=request.user,
                    values=form.values(),
                    version=form.cleaned_data["version"],
                ),
                changed=policies.VotingPolicyChanged,
            )
        except InUse as exc:
            form.add_error(None, exc.message)
            outcome = Outcome(status=409)
        if outcome.saved:
            messages.success(request, pgettext("message", "Voting policy saved."))
            return redirect("results:vote_policy", season.slug)
    return render(
        request,
        "results/vote_policy.html",
        {
            "season": season,
            "form": form,
            "policy": current,
            "cast": policies.ballots_cast(season),
            "conflict": outcome.conflict,
            "conflict_rows": _shown(form, outcome.conflict) if outcome.conflict else [],
        },
        status=outcome.status,
    )
