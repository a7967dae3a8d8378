"""The error pages: a refusal (403), a page not found (404) and a server error
(500) in the site's layout and the reader's language, each with a way back.

A 403 says why (the person's role in the season does not include what they
asked for, or the refusal's own message) and whom to ask; the season's menu
stays on the page. Refusals are expected answers, not faults: the log keeps one
warning line for each, without a traceback (core/logs.py)."""

from __future__ import annotations

from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template import loader

from ccaward.core.middleware import back_url
from ccaward.people.enums import Role
from ccaward.seasons.models import Season


def _season(request):
    """The season the refused page belongs to, if the person may see it."""
    season = getattr(request, "season", None)
    if season is None and request.resolver_match is not None:
        slug = request.resolver_match.kwargs.get("slug")
        season = Season.objects.filter(slug=slug).first() if slug else None
    user = request.user
    if season is None or not user.is_authenticated:
        return None
    return season if user.has_perm("seasons.view_season", season) else None


def _reason(exception) -> str:
    """The refusal's own message, when it was raised with one for the reader."""
    return str(exception) if exception is not None and exception.args else ""


def permission_denied(request, exception=None):
    season = _season(request)
    roles, contacts = [], []
    if season is not None:
        mine = set(request.user.season_roles.filter(season=season).values_list("role", flat=True))
        roles = [str(r.label) for r in Role if r.value in mine]
        contacts = [
            (r.user.display_name, r.user.email)
            for r in season.roles.filter(role=Role.ORGANIZER).select_related("user")
        ]
    context = {
        "season": season,
        "roles": roles,
        "contacts": contacts,
        "reason": _reason(exception),
        "back": back_url(request),
    }
    return render(request, "403.html", context, status=403)


def page_not_found(request, exception=None):
    return render(request, "404.html", {"back": back_url(request)}, status=404)


def server_error(request):
    """No database, no context processors: what is broken may be either."""
    html = loader.get_template("500.html").render({"request": None})
    return HttpResponseServerError(html)
