"""How recommendations' audit events and jobs read."""

from django.utils.translation import pgettext_lazy

from ccaward.core.audit_text import Label

AUDIT_LABELS = {
    "recommendation.created": Label(
        pgettext_lazy("audit", "Center recommended"),
        pgettext_lazy("audit", "%(actor)s recommended %(center)s for %(category_name)s"),
    ),
    "recommendation.invited": Label(
        pgettext_lazy("audit", "Recommended center invited to apply"),
        pgettext_lazy("audit", "%(actor)s invited %(center)s (%(email)s) to apply"),
    ),
    "recommendation.linked": Label(
        pgettext_lazy("audit", "Recommendation linked to an entry"),
        pgettext_lazy("audit", "The recommendation of %(center)s was linked to its application"),
    ),
}

JOB_TEXTS = {
    "recommendations.invite": pgettext_lazy("job", "Invite %(center)s to apply"),
}
