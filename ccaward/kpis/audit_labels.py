"""How the KPI stage's audit actions read in the audit log."""

from django.utils.translation import pgettext_lazy

AUDIT_LABELS = {
    "kpi.uploaded": pgettext_lazy("audit", "Interaction records uploaded"),
    "kpi.computed": pgettext_lazy("audit", "Indicators computed"),
    "kpi.policy_changed": pgettext_lazy("audit", "KPI policy changed"),
    "kpi.reported": pgettext_lazy("audit", "Reported figures saved"),
    "kpi.form_figures": pgettext_lazy("audit", "Figures of the application form copied"),
    "kpi.thresholds_set": pgettext_lazy("audit", "Threshold table set"),
    "kpi.thresholds_removed": pgettext_lazy("audit", "Threshold table removed"),
    "kpi.monthly_saved": pgettext_lazy("audit", "Monthly figures saved"),
}
