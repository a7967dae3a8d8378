"""A judge's list of reviews, the organizers' progress and their reading of any
review (private notes included), and reminders to the judges with reviews due."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import npgettext

from ccaward.core.access import season_view
from ccaward.reviews import domain
from ccaward.reviews.blind import entry_label, policy_of
from ccaward.reviews.models import Review
from ccaward.reviews.views.page import context
from ccaward.seasons import gates
from ccaward.seasons.enums import JUDGING_STAGE


def _conflicts_url(season) -> str | None:
    """The judge's page of conflicts of interest (judging's), where they declare one."""
    try:
        return reverse("judging:mine", args=[season.slug])
    except NoReverseMatch:
        return None


@season_view("reviews.judge_list")
def mine(request, season):
    blind = policy_of(season).blind
    lines = domain.my_lines(request.user, season)
    for line in lines:
        line.label = entry_label(line.entry, blind)
    conflicts = domain.my_conflicts(request.user, season)
    for c in conflicts:
        c.label = entry_label(c.entry, blind)
    return render(
        request,
        "reviews/mine.html",
        {
            "season": season,
            "lines": lines,
            "conflicts": conflicts,
            "conflicts_url": _conflicts_url(season),
            "deadline": policy_of(season).review_deadline,
            "late": domain.is_late(season),
            "open": gates.is_open(season, JUDGING_STAGE),
            "blind": blind,
        },
    )


@season_view("reviews.view_all")
def progress(request, season):
    return render(
        request,
        "reviews/progress.html",
        {
            "season": season,
            **domain.progress(season),
            "open": gates.is_open(season, JUDGING_STAGE),
            "can_remind": request.user.has_perm("reviews.remind", season),
        },
    )


@season_view("reviews.view_all")
def read(request, season, pk):
    review = get_object_or_404(
        Review.objects.select_related("entry__center__organization", "judge", "framework"),
        season=season,
        pk=pk,
    )
    ctx = context(season=season, entry=review.entry, review=review, can_score=False, organizer=True)
    return render(request, "reviews/review.html", ctx)


@season_view("reviews.remind")
def remind(request, season):
    """GET: whom a reminder would reach; POST: send it now."""
    if request.method == "POST":
        try:
            job = domain.remind_judges(season=season, by=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(
                request,
                npgettext(
                    "reviews",
                    "A reminder is going to %(n)s judge.",
                    "A reminder is going to %(n)s judges.",
                    job.total,
                )
                % {"n": job.total},
            )
            return redirect("reviews:progress", season.slug)
    return render(
        request,
        "reviews/remind.html",
        {
            "season": season,
            "due": domain.due_judges(season),
            "open": gates.is_open(season, JUDGING_STAGE),
            "deadline": policy_of(season).review_deadline,
        },
    )
