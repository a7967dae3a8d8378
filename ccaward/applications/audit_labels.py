"""How registration's audit actions read in the audit log."""

from django.utils.translation import pgettext_lazy

AUDIT_LABELS = {
    "organization.registered": pgettext_lazy("audit", "Enterprise registered"),
    "organization.member_added": pgettext_lazy("audit", "Colleague added to the enterprise"),
    "organization.colleague_invited": pgettext_lazy(
        "audit", "Colleague without an account invited to the enterprise"
    ),
    "organization.member_joined": pgettext_lazy("audit", "Invited colleague joined the enterprise"),
    "center.added": pgettext_lazy("audit", "Contact center added"),
    "entry.created": pgettext_lazy("audit", "Application started"),
    "entry.submitted": pgettext_lazy("audit", "Application submitted"),
    "entry.accepted": pgettext_lazy("audit", "Application accepted"),
    "entry.rejected": pgettext_lazy("audit", "Application rejected"),
    "entry.reopened": pgettext_lazy("audit", "Application reopened"),
    "entry.withdrawn": pgettext_lazy("audit", "Application withdrawn"),
    "entry.restarted": pgettext_lazy("audit", "Withdrawn application restarted"),
    "entries.exported": pgettext_lazy("audit", "Applications exported to Excel"),
    "entry.reminded": pgettext_lazy("audit", "Reminders sent"),
    "entry.file_attached": pgettext_lazy("audit", "File attached"),
    "entries.imported": pgettext_lazy("audit", "Applications imported"),
    "application_form.installed": pgettext_lazy("audit", "Application form installed"),
    "application_form.texts_changed": pgettext_lazy("audit", "Application form wording changed"),
}
