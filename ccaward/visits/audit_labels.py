"""How site visits' audit events read."""

from django.utils.translation import pgettext_lazy

from ccaward.core.audit_text import Label

AUDIT_LABELS = {
    "visit.scheduled": Label(
        pgettext_lazy("audit", "Site visit scheduled"),
        pgettext_lazy("audit", "%(actor)s scheduled a site visit to %(center)s on %(date)s"),
    ),
    "visit.changed": Label(
        pgettext_lazy("audit", "Site visit changed"),
        pgettext_lazy("audit", "%(actor)s changed the site visit to %(center)s (%(date)s)"),
    ),
    "visit.cancelled": Label(
        pgettext_lazy("audit", "Site visit cancelled"),
        pgettext_lazy("audit", "%(actor)s cancelled the site visit to %(center)s (%(date)s)"),
    ),
    "visit.done": Label(
        pgettext_lazy("audit", "Site visit done"),
        pgettext_lazy("audit", "%(actor)s marked the site visit to %(center)s done"),
    ),
    "visit.recorded": Label(
        pgettext_lazy("audit", "Site-visit checklist recorded"),
        pgettext_lazy(
            "audit", "%(actor)s recorded %(n)s checklist item(s) of the visit to %(center)s"
        ),
    ),
    "visit.photo_added": Label(
        pgettext_lazy("audit", "Site-visit photo added"),
        pgettext_lazy("audit", "%(actor)s added the photo %(name)s to the visit to %(center)s"),
    ),
}
