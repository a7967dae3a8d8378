"""How publishing's audit events read (结果公布)."""

from django.utils.translation import pgettext_lazy

from ccaward.core.audit_text import Label

AUDIT_LABELS = {
    "results.published": Label(
        pgettext_lazy("audit", "Results published"),
        pgettext_lazy(
            "audit",
            "%(actor)s published the results (publication %(number)s, digest %(digest)s)",
        ),
    ),
    "results.withdrawn": Label(
        pgettext_lazy("audit", "Results withdrawn"),
        pgettext_lazy(
            "audit", "%(actor)s withdrew publication %(number)s of the results: %(reason)s"
        ),
    ),
}
