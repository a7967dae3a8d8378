"""How the totals' audit events read (the scoring policy); merged into the app's
AUDIT_LABELS (audit_labels.py)."""

from django.utils.translation import pgettext_lazy

from ccaward.core.audit_text import Label

AUDIT_LABELS = {
    "deliberation.policy.changed": Label(
        pgettext_lazy("audit", "Scoring policy changed"),
        pgettext_lazy("audit", "%(actor)s changed the scoring policy: %(fields)s"),
    ),
}
