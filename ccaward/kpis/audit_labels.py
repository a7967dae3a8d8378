"""How the KPI stage's audit events and jobs read."""

from django.core.exceptions import FieldDoesNotExist
from django.utils.translation import pgettext_lazy

from ccaward.core.audit_text import Label, join
from ccaward.engine.indicators import INDICATORS
from ccaward.kpis.labels import LABELS
from ccaward.kpis.models import KpiPolicy


def indicator_name(key) -> str:
    return str(LABELS[key]) if key in LABELS else str(key)


def _indicators(keys) -> dict:
    """{"figures": the indicators' names} when `keys` names any."""
    names = [indicator_name(k) for k in keys if k in INDICATORS]
    return {"figures": join(names)} if names else {}


def _policy_fields(data: dict) -> dict:
    names = []
    for name in data:
        try:
            names.append(str(KpiPolicy._meta.get_field(name).verbose_name))
        except FieldDoesNotExist:
            continue
    return {"fields": join(names)} if names else {}


AUDIT_VALUES = {"indicator": indicator_name}

AUDIT_LABELS = {
    "kpi.uploaded": Label(
        pgettext_lazy("audit", "Interaction records uploaded"),
        pgettext_lazy("audit", "%(actor)s uploaded the interaction records %(file)s of %(center)s"),
    ),
    "kpi.computed": Label(
        pgettext_lazy("audit", "Indicators computed"),
        pgettext_lazy(
            "audit", "Indicators of %(center)s computed from %(offered)s offered contacts"
        ),
    ),
    "kpi.policy_changed": Label(
        pgettext_lazy("audit", "KPI policy changed"),
        pgettext_lazy("audit", "%(actor)s changed the KPI policy: %(fields)s"),
        _policy_fields,
    ),
    "kpi.reported": Label(
        pgettext_lazy("audit", "Reported figures saved"),
        pgettext_lazy("audit", "%(actor)s saved the reported figures of %(center)s: %(figures)s"),
        _indicators,
    ),
    "kpi.form_figures": Label(
        pgettext_lazy("audit", "Figures of the application form copied"),
        pgettext_lazy(
            "audit", "%(actor)s copied the application form's figures of %(object)s: %(figures)s"
        ),
        lambda data: _indicators(data.get("figures") or {}),
    ),
    "kpi.thresholds_set": Label(
        pgettext_lazy("audit", "Threshold table set"),
        pgettext_lazy("audit", "%(actor)s set the threshold table of %(indicator)s"),
    ),
    "kpi.thresholds_removed": Label(
        pgettext_lazy("audit", "Threshold table removed"),
        pgettext_lazy("audit", "%(actor)s removed the threshold table of %(indicator)s"),
    ),
    "kpi.mapping_saved": Label(
        pgettext_lazy("audit", "Column mapping saved"),
        pgettext_lazy("audit", "%(actor)s saved the column mapping %(object)s"),
    ),
    "kpi.mapped": Label(
        pgettext_lazy("audit", "Upload's columns mapped"),
        pgettext_lazy("audit", "%(actor)s mapped the columns of an upload with “%(mapping)s”"),
    ),
    "kpi.monthly_saved": Label(
        pgettext_lazy("audit", "Monthly figures saved"),
        pgettext_lazy("audit", "%(actor)s saved the monthly figures of %(center)s: %(months)s"),
    ),
}

JOB_TEXTS = {
    "kpis.compute": pgettext_lazy("job", "Compute indicators: %(name)s"),
    # the computation's progress messages, shown in the reader's language
    "Reading and checking the records": pgettext_lazy("job", "Reading and checking the records"),
    "Whole period": pgettext_lazy("job", "Whole period"),
    "Day by day": pgettext_lazy("job", "Day by day"),
    "Intraday profile": pgettext_lazy("job", "Intraday profile"),
    # the engine's refusal (interactions.LoadError), said plainly; its reasons are the
    # upload's findings, put into words when shown (kpis.findings)
    "input rejected: *": pgettext_lazy(
        "job", "The files were refused: the reasons are listed under the upload."
    ),
}
