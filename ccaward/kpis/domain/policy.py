"""The season's KPI policy: the variants every entry's indicators are computed with."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import pgettext

from ccaward.core import audit
from ccaward.kpis.models import KpiPolicy

# the fields an organizer sets (the page's form, the API, in this order)
POLICY_FIELDS = (
    "sl_seconds",
    "sl_target",
    "abandon_treatment",
    "short_abandon_seconds",
    "fcr_days",
    "bad_rows",
    "max_upload_mb",
    "tolerance_points",
    "min_peers",
    "period_months",
    "period_start",
    "period_end",
)


def _check_period(values: dict) -> dict[str, list[str]]:
    """The period's fields together: an end date with either a start date or a number
    of months (not both), the start not after the end."""
    months, start, end = values["period_months"], values["period_start"], values["period_end"]
    errors: dict[str, list[str]] = {}
    if (months or start) and end is None:
        errors["period_end"] = [pgettext("validation", "Give the last day of the period.")]
    elif months and start:
        errors["period_start"] = [
            pgettext("validation", "Give either the number of months or the first day, not both.")
        ]
    elif start and end and start > end:
        errors["period_start"] = [pgettext("validation", "The period starts after it ends.")]
    elif end and not (months or start):
        errors["period_months"] = [
            pgettext("validation", "Give the number of months or the first day of the period.")
        ]
    return errors


def policy_for(season) -> KpiPolicy:
    """The season's KPI policy; until an organizer saves one, the defaults
    (an unsaved row: reading a policy never writes)."""
    return KpiPolicy.objects.filter(season=season).first() or KpiPolicy(season=season)


@transaction.atomic
def save_policy(*, season, values: dict, by) -> KpiPolicy:
    """Set the policy's fields named in `values` (the others keep their value).

    Each value is checked by the model's field (type, range, choices); errors name
    the field. Side effects: the KpiPolicy row, an audit event with the changed fields.
    """
    unknown = sorted(set(values) - set(POLICY_FIELDS))
    if unknown:
        raise ValidationError(
            {name: pgettext("validation", "Not a field of the KPI policy.") for name in unknown}
        )
    policy = policy_for(season)
    errors: dict[str, list[str]] = {}
    cleaned = {}
    for name, value in values.items():
        try:
            cleaned[name] = KpiPolicy._meta.get_field(name).clean(value, policy)
        except ValidationError as exc:
            errors[name] = exc.messages
    if not errors:
        merged = {n: cleaned.get(n, getattr(policy, n)) for n in POLICY_FIELDS}
        errors = _check_period(merged)
    if errors:
        raise ValidationError(errors)
    changed = {name: v for name, v in cleaned.items() if getattr(policy, name) != v}
    for name, value in changed.items():
        setattr(policy, name, value)
    policy.save()
    audit.record(
        actor=by,
        action="kpi.policy_changed",
        season=season,
        obj=policy,
        data={name: None if value is None else str(value) for name, value in changed.items()},
    )
    return policy
