"""The organizers' publishing page (结果公布): what is ready (each regular category's
count, open ties, special awards, the 票选 stage), the button that publishes, the
form that withdraws with a reason, and every publication so far."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import pgettext, pgettext_lazy
from django.views.decorators.http import require_POST

from ccaward.core import access
from ccaward.core.access import season_view
from ccaward.core.text import CleanText
from ccaward.results.domain import published
from ccaward.results.domain.publish import PERMISSION, NotReady, publish, readiness, unpublish
from ccaward.results.models import REASON_MAX


class WithdrawForm(CleanText, forms.Form):
    reason = forms.CharField(
        label=pgettext_lazy("publish", "Why are the results withdrawn?"),
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


def _page(request, season, form=None):
    state = readiness(season)
    return render(
        request,
        "results/publish.html",
        {
            "season": season,
            "state": state,
            "problems": state.problems(),
            "publications": published.history(season),
            "form": form or WithdrawForm(),
        },
    )


@season_view("seasons.view_season")
def results(request, season):
    """The publishing page (organizers). Writes nothing."""
    access.check(request.user, PERMISSION, season)
    return _page(request, season)


@require_POST
@season_view("seasons.view_season")
def do_publish(request, season):
    access.check(request.user, PERMISSION, season)
    try:
        publication = publish(season=season, by=request.user)
    except NotReady as exc:
        for problem in exc.problems:
            messages.error(request, problem)
    else:
        messages.success(
            request,
            pgettext("publish", "Published: publication %(n)s, digest %(digest)s.")
            % {"n": publication.number, "digest": publication.digest},
        )
    return redirect("results:publish", season.slug)


@require_POST
@season_view("seasons.view_season")
def do_unpublish(request, season):
    access.check(request.user, PERMISSION, season)
    form = WithdrawForm(request.POST)
    if not form.is_valid():
        return _page(request, season, form)
    try:
        publication = unpublish(season=season, by=request.user, reason=form.cleaned_data["reason"])
    except ValidationError as exc:
        form.add_error(None, exc)
        return _page(request, season, form)
    except NotReady as exc:
        for problem in exc.problems:
            messages.error(request, problem)
    else:
        messages.success(
            request,
            pgettext("publish", "Publication %(n)s withdrawn.") % {"n": publication.number},
        )
    return redirect("results:publish", season.slug)
