"""How recommendations' audit actions read in the audit log."""

from django.utils.translation import pgettext_lazy

AUDIT_LABELS = {
    "recommendation.created": pgettext_lazy("audit", "Center recommended"),
    "recommendation.invited": pgettext_lazy("audit", "Recommended center invited to apply"),
    "recommendation.linked": pgettext_lazy("audit", "Recommendation linked to an entry"),
}
