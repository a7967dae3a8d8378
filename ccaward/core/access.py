"""One way to load a season-scoped object and check a permission for it.

A person without any right in a season gets 404 (the season's existence is
not revealed); one who may see it but not do the thing gets 403.
"""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from ccaward.engine.text import control_character
from ccaward.people.rules import season_of
from ccaward.seasons import gates
from ccaward.seasons.models import Season


def season_for(user, slug: str, permission: str):
    """The season named by `slug` if `user` holds `permission` in it.

    Raises Http404 when the user has no right at all in the season (its
    existence is not revealed) and PermissionDenied when they lack `permission`.
    """
    if control_character(slug):  # names no season (and PostgreSQL cannot compare a NUL)
        raise Http404
    season = get_object_or_404(Season, slug=slug)
    if not user.has_perm("seasons.view_season", season):
        raise Http404
    if not user.has_perm(permission, season):
        raise PermissionDenied
    return season


def season_view(permission: str):
    """Decorator: the view gets `season` (from the URL's slug) after `permission` holds."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, slug, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            season = season_for(request.user, slug, permission)
            request.season = season
            return view(request, season, *args, **kwargs)

        wrapper.permission = permission
        return wrapper

    return decorator


def check(user, permission: str, obj) -> None:
    """Raise unless `user` holds `permission` for `obj`.

    For a stage-gated permission (`seasons.gates.gated_perm`) whose role rule
    holds while its stage is closed, the refusal is StageClosed (a page that
    says which stage and whom to ask; 409 in the API), not PermissionDenied.
    """
    if user.has_perm(permission, obj):
        return
    gate = gates.GATED.get(permission)
    if gate is not None and gate[0](user, obj):
        raise gates.closed(season_of(obj), *gate[1])
    raise PermissionDenied
