from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import pgettext
from django.views.decorators.http import require_POST

from ccaward.core import access
from ccaward.core.access import season_view
from ccaward.core.forms import attach
from ccaward.recommendations import domain
from ccaward.recommendations.forms import RecommendationForm
from ccaward.recommendations.models import Recommendation
from ccaward.seasons import gates
from ccaward.seasons.enums import StageKind


@season_view("recommendations.view")
def recommendation_list(request, season):
    """Everyone who recommends sees their recommendations, also while 专家推荐 is
    closed; the way to a new one shows only while they may add one."""
    job = None
    if request.GET.get("job", "").isdigit():
        job = season.jobs.filter(pk=request.GET["job"], requested_by=request.user).first()
    stage_open = gates.is_open(season, StageKind.RECOMMENDATION)
    return render(
        request,
        "recommendations/list.html",
        {
            "season": season,
            "recommendations": domain.visible_to(request.user, season),
            "view_all": request.user.has_perm("recommendations.view_all", season),
            "can_invite": request.user.has_perm("recommendations.invite", season),
            "can_recommend": request.user.has_perm("recommendations.recommend", season),
            "closed": None if stage_open else gates.closed(season, StageKind.RECOMMENDATION),
            "job": job,
        },
    )


@season_view("recommendations.view")
def recommendation_create(request, season):
    access.check(request.user, "recommendations.recommend", season)
    form = RecommendationForm(request.POST or None, season=season)
    if request.method == "POST" and form.is_valid():
        values = {f: form.cleaned_data[f] for f in domain.FIELDS}
        try:
            rec = domain.recommend(season=season, by=request.user, **values)
        except ValidationError as exc:
            attach(form, exc)
        else:
            messages.success(
                request,
                pgettext("message", "Thank you: %(center)s is recommended.")
                % {"center": rec.center_name},
            )
            return redirect("recommendations:list", season.slug)
    return render(request, "recommendations/form.html", {"season": season, "form": form})


@require_POST
@season_view("recommendations.invite")
def invite(request, season, pk):
    rec = get_object_or_404(Recommendation, season=season, pk=pk)
    try:
        _invitation, job = domain.invite(
            recommendation=rec, by=request.user, language=request.LANGUAGE_CODE
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("recommendations:list", season.slug)
    messages.success(
        request,
        pgettext("message", "An invitation to apply is being sent to %(email)s.")
        % {"email": rec.contact_email},
    )
    return redirect(f"{reverse('recommendations:list', args=[season.slug])}?job={job.pk}")
