"""What the application pages share: the reader's language, the "saved at"
label, the sections' navigation."""

from __future__ import annotations

from django.utils import formats, timezone
from django.utils.translation import get_language, pgettext


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
