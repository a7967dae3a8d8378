"""How the public poll's audit events read."""

from django.utils.translation import pgettext_lazy

from ccaward.core.audit_text import Label

AUDIT_LABELS = {
    "poll.policy.changed": Label(
        pgettext_lazy("audit", "Public poll policy changed"),
        pgettext_lazy("audit", "%(actor)s changed the public poll's policy: %(fields)s"),
    ),
    "poll.votes.voided": Label(
        pgettext_lazy("audit", "Poll votes voided"),
        pgettext_lazy("audit", "%(actor)s voided %(count)s public poll votes: %(reason)s"),
    ),
    "poll.votes.recorded": Label(
        pgettext_lazy("audit", "Poll votes recorded"),
        pgettext_lazy("audit", "%(actor)s recorded %(count)s public poll votes in %(category)s"),
    ),
}
