"""The season's judging policy: the scale, blind review, what a judge's
recommendation means, judges per entry (R) by category, the load bounds, the
affinity formula's weights and the review deadline.

A save carries the version it was made from; when the stored policy moved on
meanwhile, PolicyChanged (nothing saved) holds both versions."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import pgettext

from ccaward.core.policyrow import change_row
from ccaward.core.stale import RowChanged
from ccaward.judging.models import DEFAULT_AFFINITY_WEIGHTS, JudgingPolicy

# the fields an organizer sets (the page's form, the API, in this order)
POLICY_FIELDS = (
    "scale",
    "blind",
    "recommender_policy",
    "reviewers",
    "reviewers_by_category",
    "min_load",
    "max_load",
    "affinity_weights",
    "review_deadline",
)
MAX_REVIEWERS = 50
MAX_LOAD = 1000
MAX_WEIGHT = 100


class PolicyChanged(RowChanged):
    """The policy was saved by someone else since `base_version` (by `changed_by`
    at `changed_at`)."""

    message = "the judging policy changed since it was opened"
    fields = POLICY_FIELDS


def policy_for(season) -> JudgingPolicy:
    """The season's judging policy; until an organizer saves one, the defaults
    (an unsaved row: reading never writes)."""
    return JudgingPolicy.objects.filter(season=season).first() or JudgingPolicy(season=season)


def _check_reviewers_by_category(season, value) -> dict[str, int]:
    if value in (None, ""):
        return {}
    if not isinstance(value, dict):
        raise ValidationError(pgettext("validation", "Give a number of judges per category."))
    known = {str(pk) for pk in season.categories.values_list("pk", flat=True)}
    out = {}
    for key, n in value.items():
        if str(key) not in known:
            raise ValidationError(
                pgettext("validation", "“%(key)s” is not a category of this season.") % {"key": key}
            )
        if n in (None, ""):
            continue
        if isinstance(n, bool) or not isinstance(n, int) or not 1 <= n <= MAX_REVIEWERS:
            raise ValidationError(
                pgettext("validation", "Judges per entry: a whole number from 1 to %(max)s.")
                % {"max": MAX_REVIEWERS}
            )
        out[str(key)] = n
    return out


def _check_weights(value) -> dict[str, float]:
    if value in (None, ""):
        return dict(DEFAULT_AFFINITY_WEIGHTS)
    if not isinstance(value, dict):
        raise ValidationError(pgettext("validation", "Give a weight for each kind of match."))
    unknown = sorted(set(value) - set(DEFAULT_AFFINITY_WEIGHTS))
    if unknown:
        raise ValidationError(
            pgettext("validation", "Unknown weight: %(names)s.") % {"names": ", ".join(unknown)}
        )
    out = {}
    for name in DEFAULT_AFFINITY_WEIGHTS:
        w = value.get(name, DEFAULT_AFFINITY_WEIGHTS[name])
        if isinstance(w, bool) or not isinstance(w, (int, float)) or not 0 <= w <= MAX_WEIGHT:
            raise ValidationError(
                pgettext("validation", "A weight is a number from 0 to %(max)s.")
                % {"max": MAX_WEIGHT}
            )
        out[name] = int(w) if float(w).is_integer() else float(w)
    return out


def _clean(season, policy: JudgingPolicy, values: dict) -> dict:
    errors: dict[str, list[str]] = {}
    cleaned = {}
    for name, value in values.items():
        try:
            if name == "reviewers_by_category":
                cleaned[name] = _check_reviewers_by_category(season, value)
            elif name == "affinity_weights":
                cleaned[name] = _check_weights(value)
            else:
                cleaned[name] = JudgingPolicy._meta.get_field(name).clean(value, policy)
        except ValidationError as exc:
            errors[name] = exc.messages
    merged = {n: cleaned.get(n, getattr(policy, n)) for n in POLICY_FIELDS}
    if "reviewers" not in errors and not 1 <= (merged["reviewers"] or 0) <= MAX_REVIEWERS:
        errors["reviewers"] = [
            pgettext("validation", "Judges per entry: a whole number from 1 to %(max)s.")
            % {"max": MAX_REVIEWERS}
        ]
    if not errors.get("max_load") and (merged["max_load"] or 0) > MAX_LOAD:
        errors["max_load"] = [
            pgettext("validation", "At most %(max)s entries per judge.") % {"max": MAX_LOAD}
        ]
    if not errors and merged["min_load"] > merged["max_load"]:
        errors["min_load"] = [
            pgettext("validation", "The minimum load (%(min)s) is above the maximum (%(max)s).")
            % {"min": merged["min_load"], "max": merged["max_load"]}
        ]
    if errors:
        raise ValidationError(errors)
    return cleaned


def _plain(value):
    if value is None:
        return None
    if isinstance(value, (dict, list, bool, int, float)):
        return value
    return str(value)


@transaction.atomic
def save_policy(*, season, values: dict, by, base_version: int | None = None) -> JudgingPolicy:
    """Set the policy's fields named in `values` (the others keep theirs).

    `base_version` is the version the form was opened on: when the stored policy
    is no longer that, PolicyChanged (nothing saved); None skips the check. Each
    value is checked (ValidationError naming the field; a minimum load above the
    maximum names min_load). Side effects: the JudgingPolicy row (made on the
    first save) with its version bumped, an audit event "judging.policy.changed"
    with each changed field's old and new value.
    """
    return change_row(
        model=JudgingPolicy,
        season=season,
        by=by,
        values=values,
        version=base_version,
        fields=POLICY_FIELDS,
        unknown_message=pgettext("validation", "Not a field of the judging policy."),
        clean=lambda row, sent: _clean(season, row, sent),
        stale=PolicyChanged,
        action="judging.policy.changed",
        plain=_plain,
        save_new=True,
    )
