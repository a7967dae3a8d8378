"""What the form's answers fill outside the answers: the enterprise and the
center (prefilled into a new application, and written back on submission),
the reported figures, and the entry's typed figures."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from ccaward.applications.domain.form_versions import form_of
from ccaward.applications.models import ContactCenter, Entry
from ccaward.engine import appform
from ccaward.engine.indicators import FORM_FIELDS
from ccaward.kpis import domain as kpis

# typed keys (maps_to) that fill the enterprise and the center
ORG_FIELDS = {
    "organization.name": "name",
    "organization.credit_code": "credit_code",
    "organization.website": "website",
    "organization.address": "address",
    "organization.wechat": "wechat",
}
CENTER_FIELDS = {
    "center.name": "name",
    "center.address": "address",
    "center.year_started": "year_started",
    "center.industry": "industry",
    "center.seats": "seats",
}


def prefill(defn: appform.Definition, center: ContactCenter) -> dict:
    """Answers taken from what is known of the enterprise and the center."""
    org = center.organization
    known = {k: getattr(org, attr) for k, attr in ORG_FIELDS.items()}
    known.update({k: getattr(center, attr) for k, attr in CENTER_FIELDS.items()})
    out = {}
    for f in defn.fields.values():
        value = known.get(f.maps_to or f.prefill or "")
        if value not in (None, ""):
            out[f.key] = str(value)
    return out


def _typed_value(value):
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


@transaction.atomic
def sync_typed(*, entry: Entry, result: appform.Validation, by) -> dict:
    """Copy the answers benchmarking needs into typed data: the enterprise and the
    center, the reported figures (source: the form; percentages become fractions),
    and everything else under Entry.figures. Returns the typed mapping."""
    typed = appform.typed(form_of(entry).parsed, result)
    org, center = entry.center.organization, entry.center

    def assign(obj, attr, value):
        """Set a model field from an answer; an answer the model cannot hold
        (the form checked it already) leaves the field as it was."""
        if attr in ("seats", "year_started"):
            value = int(value)
        elif attr == "website" and value and "://" not in str(value):
            value = f"https://{value}"
        try:
            value = obj._meta.get_field(attr).clean(value, obj)
        except ValidationError:
            return
        setattr(obj, attr, value)

    for key, attr in ORG_FIELDS.items():
        if key in typed and typed[key][0] not in (None, ""):
            assign(org, attr, _typed_value(typed[key][0]))
    for key, attr in CENTER_FIELDS.items():
        if key in typed and typed[key][0] not in (None, ""):
            assign(center, attr, _typed_value(typed[key][0]))
    org.save()
    center.save()
    figures = {}
    reported = {}
    for key, (value, kind) in typed.items():
        if value is None:
            continue
        figures[key] = _typed_value(value)
        rkey = FORM_FIELDS.get(key)  # the indicator this field reports, if any
        if rkey is not None:
            # a figure the KPI page checks against the records (or benchmarks, like
            # attrition); the form's other figures stay in Entry.figures
            reported[rkey] = float(value) / 100 if kind == "percent" else float(value)
    # the KPI app keeps them (a figure entered on its page wins)
    kpis.save_form_figures(entry=entry, figures=reported, by=by)
    entry.figures = figures
    entry.save(update_fields=["figures"])
    return figures
