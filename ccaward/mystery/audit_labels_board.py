"""How mystery calls' audit events of the board read: voiding a contact and
undoing it (see audit_labels.py)."""

from django.utils.translation import pgettext_lazy

from ccaward.core.audit_text import Label

AUDIT_LABELS = {
    "mystery.contact_voided": Label(
        pgettext_lazy("audit", "Mystery contact voided"),
        pgettext_lazy(
            "audit", "%(actor)s voided mystery contact %(number)s with %(center)s: %(reason)s"
        ),
    ),
    "mystery.contact_unvoided": Label(
        pgettext_lazy("audit", "Mystery contact restored"),
        pgettext_lazy(
            "audit",
            "%(actor)s restored mystery contact %(number)s with %(center)s: %(reason)s",
        ),
    ),
}
