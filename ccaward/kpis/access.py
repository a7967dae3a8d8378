"""Finding an entry for its KPI page or API, and what the person may do with it."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404

from ccaward.applications.models import Entry
from ccaward.core import access
from ccaward.core.errors import StageClosed
from ccaward.kpis.rules import DATA_STAGES
from ccaward.seasons import gates


def entry_for(user, season, pk) -> Entry:
    """The entry `pk` of `season` if `user` may see its KPI page; Http404 otherwise
    (another enterprise's entry, or one of another season, is not revealed)."""
    entry = (
        Entry.objects.select_related("center__organization", "category", "season")
        .filter(season=season, pk=pk)
        .first()
    )
    if entry is None or not user.has_perm("kpis.view_entry_kpis", entry):
        raise Http404
    return entry


def data_state(user, entry) -> tuple[bool, StageClosed | None]:
    """(may give the entry's KPI data now, the closed stages' refusal when no data
    stage is open). An organizer may give it with the stages closed (a correction)."""
    try:
        access.check(user, "kpis.upload_records", entry)
    except StageClosed as closed:
        return False, closed
    except PermissionDenied:
        return False, None
    if gates.is_open(entry.season, *DATA_STAGES):
        return True, None
    return True, gates.closed(entry.season, *DATA_STAGES)
