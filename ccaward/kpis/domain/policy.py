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
)


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
        data={name: str(value) for name, value in changed.items()},
    )
    return policy
