"""What the application pages share: loading an entry the user may see, the
reader's language, the "saved at" label, the sections' navigation."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import formats, timezone
from django.utils.translation import get_language, pgettext

from ccaward.applications.models import Entry


def entry_for(request, season, pk, permission="applications.view_entry") -> Entry:
    """An entry of this season the user may see (404 otherwise), and `permission` (403)."""
    entry = get_object_or_404(
        Entry.objects.select_related("center__organization", "category", "season", "form"),
        season=season,
        pk=pk,
    )
    if not request.user.has_perm("applications.view_entry", entry):
        raise Http404
    if not request.user.has_perm(permission, entry):
        raise PermissionDenied
    return entry


def reader_language() -> str:
    return get_language() or "zh-hans"


def saved_label(entry) -> str:
    if not entry.saved_at:
        return pgettext("form", "Not saved yet")
    when = timezone.localtime(entry.saved_at)
    return pgettext("form", "Saved at %(time)s") % {
        "time": formats.date_format(when, "Y-m-d H:i:s")
    }


def nav(entry, defn, result, lang, current=None):
    by_section = result.by_section()
    return [
        {
            "key": s.key,
            "title": s.title(lang),
            "part": s.part,
            "done": result.progress.get(s.key, (0, 0))[0],
            "total": result.progress.get(s.key, (0, 0))[1],
            "problems": len(by_section.get(s.key, [])),
            "current": s.key == current,
        }
        for s in defn.sections
    ]
