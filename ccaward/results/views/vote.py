"""Voting's pages for the panel and the overview (票选): the season's categories
with, for a judge, their ballots (cast or not, recused, no shortlist) and, for
organizers, each category's progress (how many of the panel have voted) and its
result once counted; a judge's ballot in one category, secret and replaceable
until the vote closes."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import pgettext

from ccaward.core import access
from ccaward.core.access import season_view
from ccaward.core.forms import attach
from ccaward.people.rules import is_judge
from ccaward.results.domain import ballots as voting
from ccaward.results.domain.count import count_of, frozen
from ccaward.results.domain.policy import approvals_allowed, policy_of
from ccaward.results.enums import VoteMethod
from ccaward.results.models import VoterRoll
from ccaward.results.views.vote_forms import BallotForm
from ccaward.seasons import gates
from ccaward.seasons.enums import StageKind


def _mine(user, season) -> list[dict]:
    """Each category as the judge `user` meets it: can vote, voted, recused, or
    why nobody votes there."""
    voted = {
        r.category_id: r for r in VoterRoll.objects.filter(category__season=season, voter=user)
    }
    rows = []
    for category in season.categories.all():
        refusal = voting.voting_refusal(category)
        recused = []
        if not refusal:
            member = next((m for m in voting.panel_of(category) if m.user.pk == user.pk), None)
            recused = [voting.entry_name(e, user) for e in (member.recused_from if member else [])]
        rows.append(
            {
                "category": category,
                "refusal": refusal,
                "recused": recused,
                "roll": voted.get(category.pk),
            }
        )
    return rows


def progress(category) -> dict:
    """A category's roll against its panel (`ballots.roll_progress`) and its count."""
    return {**voting.roll_progress(category), "count": count_of(category)}


@season_view("results.view_vote")
def vote(request, season):
    organizer = request.user.has_perm("results.manage_vote", season)
    judge = is_judge(request.user, season)
    stage = season.stage(StageKind.VOTING)
    return render(
        request,
        "results/vote.html",
        {
            "season": season,
            "organizer": organizer,
            "judge": judge,
            "open": gates.is_open(season, StageKind.VOTING),
            "stage": stage,
            "policy": policy_of(season),
            "mine": _mine(request.user, season) if judge else [],
            "progress": [progress(c) for c in season.categories.all()] if organizer else [],
            "frozen": frozen(season),
        },
    )


@season_view("results.view_vote")
def ballot(request, season, category):
    category = get_object_or_404(season.categories, pk=category)
    if not is_judge(request.user, season):
        if request.user.has_perm("results.manage_vote", season):
            return redirect("results:vote_manage", season.slug, category.pk)
        raise PermissionDenied
    access.check(request.user, "results.vote", season)
    policy = policy_of(season)
    refusal = voting.voting_refusal(category)
    context = {
        "season": season,
        "category": category,
        "policy": policy,
        "refusal": refusal,
        "stage": season.stage(StageKind.VOTING),
        "approval": policy.method == VoteMethod.APPROVAL,
        "allowed": approvals_allowed(policy, category),
    }
    if refusal:
        return render(request, "results/vote_ballot.html", context)
    candidates = voting.shortlisted(category)
    member = next(
        (m for m in voting.panel_of(category, candidates) if m.user.pk == request.user.pk), None
    )
    if member is not None and not member.votes:
        context["recused"] = [voting.entry_name(e, request.user) for e in member.recused_from]
        return render(request, "results/vote_ballot.html", context)
    mine = voting.my_ballot(category=category, voter=request.user)
    form = BallotForm(
        request.POST if request.method == "POST" else None,
        entries=[(e, voting.entry_name(e, request.user)) for e in candidates],
        approval=context["approval"],
        initial_ranks=voting.ranks_from_ranking(mine.ranking) if mine else {},
    )
    if request.method == "POST" and form.is_valid():
        try:
            voting.cast_ballot(
                category=category, voter=request.user, ranking=form.ranking(), by=request.user
            )
        except ValidationError as exc:
            attach(form, exc)
        else:
            messages.success(
                request,
                pgettext(
                    "message", "Your ballot is saved. You may change it until the vote closes."
                ),
            )
            return redirect("results:vote_category", season.slug, category.pk)
    context.update(
        {
            "form": form,
            "mine": mine,
            "roll": VoterRoll.objects.filter(category=category, voter=request.user).first(),
        }
    )
    return render(request, "results/vote_ballot.html", context)
