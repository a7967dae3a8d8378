"""The applicant's summary of problems, submission, and withdrawal."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import pgettext
from django.views.decorators.http import require_POST

from ccaward.applications import domain
from ccaward.applications.access import entry_for
from ccaward.applications.views.common import nav, reader_language, saved_label
from ccaward.applications.wording import problem_message
from ccaward.core.access import season_view


@season_view("seasons.view_season")
def review(request, season, pk):
    entry = entry_for(request.user, season, pk)
    defn = domain.form_of(entry).parsed
    lang = reader_language()
    can_edit = request.user.has_perm("applications.change_entry", entry)
    error = None
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        try:
            domain.submit(entry=entry, by=request.user)
        except domain.SubmissionRefused as exc:
            error = exc.messages[0]
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            messages.success(
                request,
                pgettext(
                    "message",
                    "Submitted. A receipt is on its way by e-mail; the application is now read-only.",
                ),
            )
            return redirect("applications:entry", season.slug, entry.pk)
    result = domain.validation(entry)
    problems = [
        {
            "text": problem_message(defn, p, lang),
            "url": reverse("applications:section", args=[season.slug, entry.pk, p.section])
            + f"?check=1#f-{p.key.replace('.', '-')}",
            "section": defn.section(p.section).title(lang),
        }
        for p in result.problems
    ]
    return render(
        request,
        "applications/review.html",
        {
            "season": season,
            "entry": entry,
            "problems": problems,
            "nav": nav(entry, defn, result, lang),
            "error": error,
            "can_edit": can_edit,
            "can_submit": request.user.has_perm("applications.submit_entry", entry),
            "stage": domain.registration_stage(season),
            "saved_label": saved_label(entry),
        },
    )


@require_POST
@season_view("seasons.view_season")
def withdraw(request, season, pk):
    entry = entry_for(request.user, season, pk, "applications.withdraw_entry")
    domain.withdraw(entry=entry, by=request.user)
    messages.success(request, pgettext("message", "The application was withdrawn."))
    return redirect("applications:list", season.slug)
