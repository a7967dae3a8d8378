"""The season's rule for the public poll (网络投票): whether it is held, its weight in
the decision (percent) and the season's cap on that weight.

Read through `policy_of` (the defaults, unsaved, until an organizer changes one:
reading never writes). The weight never exceeds the cap. Once the poll has its first
vote the policy is fixed, like a rule announced in advance (PolicyFixed). A change
carries the version it was made from; when the stored policy moved on meanwhile,
PolicyChanged (nothing saved) holds both."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import pgettext

from ccaward.core.policyrow import change_row
from ccaward.core.stale import RowChanged
from ccaward.people.rules import is_organizer, is_superuser
from ccaward.poll.models import PollPolicy, PollVote

POLICY_FIELDS = ("enabled", "weight", "max_weight")
CHANGED = "poll.policy.changed"


class PolicyChanged(RowChanged):
    """The policy was changed by someone else since `base_version`."""

    message = "the public poll's policy changed since it was opened"
    fields = POLICY_FIELDS


class PolicyFixed(ValidationError):
    """The poll has votes: its policy can no longer change."""

    def __init__(self):
        super().__init__(
            pgettext(
                "poll",
                "The public poll has votes, so its policy is fixed: a rule announced in "
                "advance is not changed while the vote runs.",
            ),
            code="fixed",
        )


def policy_of(season) -> PollPolicy:
    """The season's poll policy; until an organizer changes it, the defaults (an
    unsaved row: not enabled, weight 0, cap 30%)."""
    return PollPolicy.objects.filter(season=season).first() or PollPolicy(season=season)


def has_votes(season) -> bool:
    return PollVote.objects.filter(category__season=season).exists()


def organizes(user, season) -> bool:
    return bool(user) and (is_superuser(user) or is_organizer(user, season))


def _percent(name: str, value) -> int:
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value.strip())
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 100:
        raise ValidationError(
            {
                name: pgettext("validation", "A whole number from %(low)s to %(high)s.")
                % {"low": 0, "high": 100}
            }
        )
    return value


def _clean(policy: PollPolicy, values: dict) -> dict:
    cleaned = {}
    errors: dict[str, list[str]] = {}
    for name, value in values.items():
        try:
            if name == "enabled":
                if not isinstance(value, bool):
                    raise ValidationError({name: pgettext("validation", "Yes or no.")})
                cleaned[name] = value
            else:
                cleaned[name] = _percent(name, value)
        except ValidationError as exc:
            errors.update(exc.message_dict)
    if errors:
        raise ValidationError(errors)
    cap = cleaned.get("max_weight", policy.max_weight)
    weight = cleaned.get("weight", policy.weight)
    if weight > cap:
        raise ValidationError(
            {
                "weight": pgettext(
                    "poll", "The poll's weight is at most %(cap)s%%, the season's cap."
                )
                % {"cap": cap}
            }
        )
    return cleaned


@transaction.atomic
def change_policy(*, season, by, values: dict, version: int | None = None) -> PollPolicy:
    """Set the poll policy's fields named in `values` (the others keep theirs).

    Organizers only (PermissionDenied). `version` is the version the form or the API
    read: when the stored policy is no longer that, PolicyChanged (nothing saved);
    None skips the check. Refused with PolicyFixed once the season's poll has a vote.
    Each value is checked (ValidationError naming the field: enabled a boolean,
    weight and max_weight 0..100, weight at most max_weight). Side effects: the
    PollPolicy row (made on the first change) with its version bumped, an audit
    event "poll.policy.changed" with each changed field's old and new value.
    """
    if not organizes(by, season):
        raise PermissionDenied(pgettext("poll", "Only organizers set the public poll."))
    return change_row(
        model=PollPolicy,
        season=season,
        by=by,
        values=values,
        version=version,
        fields=POLICY_FIELDS,
        unknown_message=pgettext("validation", "Not a field of the public poll's policy."),
        clean=_clean,
        stale=PolicyChanged,
        action=CHANGED,
        before_change=_refuse_when_voted,
    )


def _refuse_when_voted(policy, _changed) -> None:
    if has_votes(policy.season):
        raise PolicyFixed()
