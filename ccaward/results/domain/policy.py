"""The season's voting policy (票选方法): the counting method (Schulze by default,
Borda, approval), how many entries an approval ballot may approve (empty: the
category's quota) and the strength of a defeat under Schulze.

Read through `policy_of` (the defaults, unsaved, until an organizer changes one:
reading never writes). A change carries the version it was made from; when the
stored policy moved on meanwhile, VotingPolicyChanged (nothing saved) holds both.
Once a ballot of the season exists the policy is fixed (PolicyInUse): a ballot is
cast under the method it was shown with."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import npgettext, pgettext

from ccaward.core.errors import InUse
from ccaward.core.policyrow import change_row
from ccaward.core.stale import RowChanged
from ccaward.results.enums import Strength, VoteMethod
from ccaward.results.models import Ballot, VotingPolicy

# the fields an organizer sets (the page's form and the API, in this order)
POLICY_FIELDS = ("method", "approvals", "strength")
MAX_APPROVALS = 100
CHANGED = "results.policy.changed"


class VotingPolicyChanged(RowChanged):
    """The voting policy was changed by someone else since the version sent."""

    message = "the voting policy changed since it was opened"
    fields = POLICY_FIELDS


class PolicyInUse(InUse):
    """The policy cannot change: ballots have been cast under it."""


def policy_of(season) -> VotingPolicy:
    """The season's voting policy; until an organizer changes it, the defaults (an
    unsaved row: reading never writes)."""
    return VotingPolicy.objects.filter(season=season).first() or VotingPolicy(season=season)


def approvals_allowed(policy: VotingPolicy, category) -> int:
    """How many entries an approval ballot may approve in `category`: the policy's
    number, else the category's quota."""
    return policy.approvals or category.quota


def ballots_cast(season) -> int:
    return Ballot.objects.filter(category__season=season).count()


def _clean(values: dict) -> dict:
    """Each value checked; ValidationError naming every field that is wrong."""
    errors: dict[str, list[str]] = {}
    cleaned: dict = {}
    for name, value in values.items():
        if name == "method" and value not in VoteMethod.values:
            errors[name] = [
                pgettext("validation", "Choose one of: %(names)s.")
                % {"names": ", ".join(VoteMethod.values)}
            ]
        elif name == "strength" and value not in Strength.values:
            errors[name] = [
                pgettext("validation", "Choose one of: %(names)s.")
                % {"names": ", ".join(Strength.values)}
            ]
        elif name == "approvals":
            if value in (None, ""):
                cleaned[name] = None
                continue
            if isinstance(value, str) and value.strip().isdigit():
                value = int(value.strip())
            if isinstance(value, bool) or not isinstance(value, int):
                value = -1
            if not 1 <= value <= MAX_APPROVALS:
                errors[name] = [
                    pgettext(
                        "validation",
                        "A whole number from 1 to %(high)s, or empty for the category's quota.",
                    )
                    % {"high": MAX_APPROVALS}
                ]
                continue
            cleaned[name] = value
        else:
            cleaned[name] = str(value)
    if errors:
        raise ValidationError(errors)
    return cleaned


def _refuse_when_voted(season) -> None:
    cast = ballots_cast(season)
    if cast:
        uses = npgettext("count", "%(n)s ballot", "%(n)s ballots", cast) % {"n": cast}
        raise PolicyInUse(
            pgettext(
                "voting",
                "The voting policy can no longer change: %(uses)s already cast under it.",
            )
            % {"uses": uses},
            [uses],
        )


@transaction.atomic
def change_policy(*, season, by, values: dict, version: int | None = None) -> VotingPolicy:
    """Set the voting policy's fields named in `values` (the others keep theirs).

    Refused with PolicyInUse once any ballot of the season exists. `version` is
    the version the form or the API read: when the stored policy is no longer that,
    VotingPolicyChanged (nothing saved); None skips the check. ValidationError
    naming the field: method one of VoteMethod, strength one of Strength, approvals
    1..100 or empty (the category's quota). Side effects: the VotingPolicy row
    (made on the first change) with its version bumped, an audit event
    "results.policy.changed" with each changed field's old and new value."""
    return change_row(
        model=VotingPolicy,
        season=season,
        by=by,
        values=values,
        version=version,
        fields=POLICY_FIELDS,
        unknown_message=pgettext("validation", "Not a field of the voting policy."),
        clean=lambda _row, sent: _clean(sent),
        stale=VotingPolicyChanged,
        action=CHANGED,
        before_change=lambda _row, _changed: _refuse_when_voted(season),
    )
