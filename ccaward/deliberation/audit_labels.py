"""How deliberation's audit events read: the board's, and the totals'
(audit_labels_totals.py)."""

from django.utils.translation import pgettext, pgettext_lazy

from ccaward.core.audit_text import Label, join
from ccaward.deliberation.audit_labels_totals import AUDIT_LABELS as TOTALS


def _departures(data: dict) -> dict:
    """Each departure from the ranking as "center (rank n) listed/left off: reason"."""
    found = data.get("departures")
    if not isinstance(found, list):
        return {}
    parts = []
    for d in (d for d in found if isinstance(d, dict)):
        text = (
            pgettext("audit", "%(center)s (rank %(rank)s) listed")
            if d.get("listed")
            else pgettext("audit", "%(center)s (rank %(rank)s) left off")
        ) % {"center": d.get("center", ""), "rank": d.get("rank") or "—"}
        if d.get("reason"):
            text += pgettext("audit", ": %(reason)s") % {"reason": d["reason"]}
        parts.append(text)
    return {"departures": join(parts) if parts else pgettext("audit", "none")}


AUDIT_LABELS = {
    **TOTALS,
    "deliberation.comment.added": Label(
        pgettext_lazy("audit", "Panel comment added"),
        pgettext_lazy("audit", "%(actor)s commented on %(center)s in deliberation"),
    ),
    "deliberation.comment.deleted": Label(
        pgettext_lazy("audit", "Panel comment deleted"),
        pgettext_lazy("audit", "%(actor)s deleted their comment on %(center)s"),
    ),
    "deliberation.shortlist.set": Label(
        pgettext_lazy("audit", "Shortlist set"),
        pgettext_lazy(
            "audit",
            "%(actor)s set the shortlist of %(category)s (%(count)s entries, version "
            "%(version)s); departures from the ranking: %(departures)s",
        ),
        _departures,
    ),
}
