"""The applicant's enterprises, their centers and colleagues; inviting a colleague."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import pgettext

from ccaward.applications import domain
from ccaward.applications.forms import ColleagueForm
from ccaward.applications.models import Organization
from ccaward.core.access import season_view
from ccaward.core.forms import attach


@season_view("applications.apply")
def organization(request, season):
    orgs = Organization.objects.filter(members=request.user).prefetch_related("members", "centers")
    form = ColleagueForm(request.POST or None)
    if request.method == "POST":
        org = get_object_or_404(orgs, pk=request.POST.get("organization"))
        if form.is_valid():
            email = form.cleaned_data["email"].strip().lower()
            try:
                domain.invite_colleague(
                    season=season,
                    organization=org,
                    email=email,
                    by=request.user,
                    language=request.LANGUAGE_CODE,
                )
            except ValidationError as exc:
                attach(form, exc)
            else:
                messages.success(
                    request,
                    pgettext("message", "%(email)s is invited to work on %(org)s's applications.")
                    % {"email": email, "org": org.name},
                )
                return redirect("applications:organization", season.slug)
    return render(
        request,
        "applications/organization.html",
        {"season": season, "orgs": orgs, "form": form},
    )
