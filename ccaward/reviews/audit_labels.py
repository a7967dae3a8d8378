"""How reviews' audit events and jobs read."""

from django.utils.translation import pgettext_lazy

from ccaward.core.audit_text import Label

AUDIT_LABELS = {
    "review.submitted": Label(
        pgettext_lazy("audit", "Review submitted"),
        pgettext_lazy("audit", "%(actor)s submitted the review of %(entry_code)s"),
    ),
    "review.revised": Label(
        pgettext_lazy("audit", "Review revised"),
        pgettext_lazy("audit", "%(actor)s revised the review of %(entry_code)s: %(reason)s"),
    ),
    "review.reminded": Label(
        pgettext_lazy("audit", "Judges reminded of their reviews"),
        pgettext_lazy("audit", "%(actor)s reminded %(count)s judges of their reviews"),
    ),
}

JOB_TEXTS = {
    "reviews.remind": pgettext_lazy("job", "Remind %(n)s judges of their reviews"),
}
