"""Finding an entry for the application pages and the API, and what the person
may do with it."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404

from ccaward.applications.models import Entry


def entry_for(user, season, pk, permission: str = "applications.view_entry") -> Entry:
    """The entry `pk` of `season`: Http404 unless `user` may see it (another
    enterprise's entry, or one of another season, is not revealed), PermissionDenied
    without `permission`."""
    # the form's definition is parsed once per process (ApplicationForm.parsed): not loaded
    entry = (
        Entry.objects.select_related("center__organization", "category", "season", "form")
        .defer("form__definition")
        .filter(season=season, pk=pk)
        .first()
    )
    if entry is None or not user.has_perm("applications.view_entry", entry):
        raise Http404
    if not user.has_perm(permission, entry):
        raise PermissionDenied
    return entry
