"""The season's scoring policy (评分汇总方法): how judges' scores are combined, the
bootstrap's resamples and seed, the shortlist's margin above the quota and the
site visit's share of the judges' evidence.

Read through `policy_of` (the defaults, unsaved, until an organizer changes one:
reading never writes). A change carries the version it was made from; when the
stored policy moved on meanwhile, PolicyChanged (nothing saved) holds both."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import pgettext

from ccaward.core.policyrow import change_row
from ccaward.core.stale import RowChanged
from ccaward.deliberation.enums import Method
from ccaward.deliberation.models import ScoringPolicy

# the fields an organizer sets (the page's form and the API, in this order)
POLICY_FIELDS = ("method", "bootstrap", "seed", "shortlist_margin", "visit_weight")
MAX_BOOTSTRAP = 10000
MAX_SEED = 2**31 - 1
MAX_MARGIN = 100
MAX_VISIT_WEIGHT = 100
# (lowest, highest) of each whole-number field
BOUNDS = {
    "bootstrap": (0, MAX_BOOTSTRAP),
    "seed": (0, MAX_SEED),
    "shortlist_margin": (0, MAX_MARGIN),
    "visit_weight": (0, MAX_VISIT_WEIGHT),
}
CHANGED = "deliberation.policy.changed"


class PolicyChanged(RowChanged):
    """The policy was changed by someone else since `base_version` (by
    `changed_by` at `changed_at`)."""

    message = "the scoring policy changed since it was opened"
    fields = POLICY_FIELDS


def policy_of(season) -> ScoringPolicy:
    """The season's scoring policy; until an organizer changes it, the defaults
    (an unsaved row: reading never writes)."""
    return ScoringPolicy.objects.filter(season=season).first() or ScoringPolicy(season=season)


def _whole(name: str, value) -> int:
    low, high = BOUNDS[name]
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value.strip())
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ValidationError(
            pgettext("validation", "A whole number from %(low)s to %(high)s.")
            % {"low": low, "high": high}
        )
    return value


def _clean(values: dict) -> dict:
    """Each value checked; ValidationError naming every field that is wrong."""
    errors: dict[str, list[str]] = {}
    cleaned = {}
    for name, value in values.items():
        try:
            if name == "method":
                if value not in Method.values:
                    raise ValidationError(
                        pgettext("validation", "Choose one of: %(names)s.")
                        % {"names": ", ".join(Method.values)}
                    )
                cleaned[name] = str(value)
            else:
                cleaned[name] = _whole(name, value)
        except ValidationError as exc:
            errors[name] = exc.messages
    if errors:
        raise ValidationError(errors)
    return cleaned


@transaction.atomic
def change_policy(*, season, by, values: dict, version: int | None = None) -> ScoringPolicy:
    """Set the policy's fields named in `values` (the others keep theirs).

    `version` is the version the form or the API read: when the stored policy is
    no longer that, PolicyChanged (nothing saved); None skips the check. Each
    value is checked (ValidationError naming the field: method one of Method,
    bootstrap 0..10000, seed 0..2^31-1, shortlist_margin 0..100, visit_weight
    0..100). Side effects: the ScoringPolicy row (made on the first change) with
    its version bumped, an audit event "deliberation.policy.changed" with each
    changed field's old and new value.
    """
    return change_row(
        model=ScoringPolicy,
        season=season,
        by=by,
        values=values,
        version=version,
        fields=POLICY_FIELDS,
        unknown_message=pgettext("validation", "Not a field of the scoring policy."),
        clean=lambda _row, sent: _clean(sent),
        stale=PolicyChanged,
        action=CHANGED,
    )
