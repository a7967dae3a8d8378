"""How reviews' audit events and jobs read."""

from django.utils.translation import get_language, pgettext, pgettext_lazy

from ccaward.core.audit_text import Label, join


def _changes(data: dict) -> dict:
    """The revised scores, each as "criterion old → new", in the reader's language."""
    changes = data.get("changes")
    if not isinstance(changes, list):
        return {}
    en = (get_language() or "").startswith("en")
    parts = []
    for c in (c for c in changes if isinstance(c, dict)):
        name = c.get("criterion")
        if isinstance(name, dict):
            name = (name.get("en") if en else None) or name.get("zh") or c.get("code")
        parts.append(
            pgettext("audit", "%(criterion)s %(old)s → %(new)s")
            % {"criterion": name, "old": c.get("old"), "new": c.get("new")}
        )
    return {"changes": join(parts)}


AUDIT_LABELS = {
    "review.submitted": Label(
        pgettext_lazy("audit", "Review submitted"),
        pgettext_lazy("audit", "%(actor)s submitted the review of %(entry_code)s"),
    ),
    "review.revised": Label(
        pgettext_lazy("audit", "Review revised"),
        pgettext_lazy("audit", "%(actor)s revised the review of %(entry_code)s: %(changes)s"),
        _changes,
    ),
    "review.reminded": Label(
        pgettext_lazy("audit", "Judges reminded of their reviews"),
        pgettext_lazy("audit", "%(actor)s reminded %(count)s judges of their reviews"),
    ),
}

JOB_TEXTS = {
    "reviews.remind": pgettext_lazy("job", "Remind %(n)s judges of their reviews"),
}
