"""How registration's audit events read in the audit log."""

from django.utils.translation import npgettext_lazy, pgettext_lazy

from ccaward.core.audit_text import Label

AUDIT_LABELS = {
    "organization.registered": Label(
        pgettext_lazy("audit", "Enterprise registered"),
        pgettext_lazy("audit", "%(actor)s registered the enterprise %(object)s"),
    ),
    "organization.member_added": Label(
        pgettext_lazy("audit", "Colleague added to the enterprise"),
        pgettext_lazy("audit", "%(actor)s added %(object)s to the enterprise"),
    ),
    "organization.colleague_invited": Label(
        pgettext_lazy("audit", "Colleague without an account invited to the enterprise"),
        pgettext_lazy("audit", "%(actor)s invited the colleague %(object)s to the enterprise"),
    ),
    "organization.member_joined": Label(
        pgettext_lazy("audit", "Invited colleague joined the enterprise"),
        pgettext_lazy("audit", "%(actor)s joined the enterprise that invited them"),
    ),
    "center.added": Label(
        pgettext_lazy("audit", "Contact center added"),
        pgettext_lazy("audit", "%(actor)s added the contact center %(object)s"),
    ),
    "entry.created": Label(
        pgettext_lazy("audit", "Application started"),
        pgettext_lazy("audit", "%(actor)s started the application of %(center)s for %(category)s"),
    ),
    "entry.submitted": Label(
        pgettext_lazy("audit", "Application submitted"),
        pgettext_lazy(
            "audit", "%(actor)s submitted the application of %(center)s for %(category)s"
        ),
    ),
    "entry.accepted": Label(
        pgettext_lazy("audit", "Application accepted"),
        pgettext_lazy("audit", "%(actor)s accepted the application of %(center)s"),
    ),
    "entry.rejected": Label(
        pgettext_lazy("audit", "Application rejected"),
        pgettext_lazy("audit", "%(actor)s rejected the application of %(center)s"),
    ),
    "entry.reopened": Label(
        pgettext_lazy("audit", "Application reopened"),
        pgettext_lazy("audit", "%(actor)s reopened the application of %(center)s"),
    ),
    "entry.withdrawn": Label(
        pgettext_lazy("audit", "Application withdrawn"),
        pgettext_lazy("audit", "%(actor)s withdrew the application of %(center)s"),
    ),
    "entry.restarted": Label(
        pgettext_lazy("audit", "Withdrawn application restarted"),
        pgettext_lazy("audit", "%(actor)s restarted the withdrawn application of %(center)s"),
    ),
    "entries.exported": Label(
        pgettext_lazy("audit", "Applications exported to Excel"),
        npgettext_lazy(
            "audit",
            "%(actor)s exported %(count)s application to Excel",
            "%(actor)s exported %(count)s applications to Excel",
            "count",
        ),
    ),
    "entry.reminded": Label(
        pgettext_lazy("audit", "Reminders sent"),
        npgettext_lazy(
            "audit",
            "%(actor)s reminded %(count)s draft's applicants: %(centers)s",
            "%(actor)s reminded %(count)s drafts' applicants: %(centers)s",
            "count",
        ),
    ),
    "entry.file_attached": Label(
        pgettext_lazy("audit", "File attached"),
        pgettext_lazy("audit", "%(actor)s attached %(file)s to the application of %(center)s"),
    ),
    "entries.imported": Label(
        pgettext_lazy("audit", "Applications imported"),
        npgettext_lazy(
            "audit",
            "%(actor)s imported %(count)s application",
            "%(actor)s imported %(count)s applications",
            "count",
        ),
    ),
    "application_form.texts_changed": Label(
        pgettext_lazy("audit", "Application form wording changed"),
        pgettext_lazy("audit", "%(actor)s changed the wording of the application form"),
    ),
    "application_form.installed": Label(
        pgettext_lazy("audit", "Application form installed"),
        pgettext_lazy("audit", "%(actor)s installed version %(version)s of the application form"),
    ),
}
