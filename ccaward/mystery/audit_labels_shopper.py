"""How mystery calls' audit events of the shopper's cards read (see audit_labels.py)."""

from django.utils.translation import pgettext_lazy

from ccaward.core.audit_text import Label

AUDIT_LABELS = {
    "mystery.card_started": Label(
        pgettext_lazy("audit", "Mystery card begun"),
        pgettext_lazy("audit", "%(actor)s began %(shopper)s's mystery card for %(center)s"),
    ),
    "mystery.card_corrected": Label(
        pgettext_lazy("audit", "Mystery card corrected"),
        pgettext_lazy("audit", "%(actor)s corrected %(shopper)s's mystery card for %(center)s"),
    ),
    "mystery.attempt_recorded": Label(
        pgettext_lazy("audit", "Unanswered attempt"),
        pgettext_lazy("audit", "%(actor)s recorded an unanswered attempt to reach %(center)s"),
    ),
    "mystery.attempt_withdrawn": Label(
        pgettext_lazy("audit", "Unanswered attempt withdrawn"),
        pgettext_lazy(
            "audit", "%(actor)s withdrew an unanswered attempt to reach %(center)s (%(at)s)"
        ),
    ),
    "mystery.call_timed": Label(
        pgettext_lazy("audit", "Mystery call timed"),
        pgettext_lazy("audit", "%(actor)s recorded the time of the mystery call to %(center)s"),
    ),
    "mystery.card_submitted": Label(
        pgettext_lazy("audit", "Mystery card submitted"),
        pgettext_lazy("audit", "%(actor)s submitted %(shopper)s's mystery card for %(center)s"),
    ),
    "mystery.recording_uploaded": Label(
        pgettext_lazy("audit", "Mystery recording uploaded"),
        pgettext_lazy(
            "audit", "%(actor)s uploaded “%(name)s” for the mystery contact with %(center)s"
        ),
    ),
}
