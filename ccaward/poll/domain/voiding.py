"""Voiding votes of the public poll (作废): organizers mark votes they judge to be
stuffing, with a reason. A voided vote keeps its row (who voided it, when, why) and
is no longer counted; every voiding is an audit event."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import pgettext

from ccaward.core import audit
from ccaward.core import text as typed
from ccaward.poll.domain.policy import organizes
from ccaward.poll.models import REASON_MAX, PollVote
from ccaward.seasons import gates
from ccaward.seasons.enums import StageKind

VOIDED = "poll.votes.voided"


def _reason(value) -> str:
    text = (value or "").strip()
    if not text:
        raise ValidationError({"reason": pgettext("poll", "Give the reason for voiding.")})
    if len(text) > REASON_MAX:
        raise ValidationError(
            {"reason": pgettext("validation", "At most %(n)s characters.") % {"n": REASON_MAX}}
        )
    try:
        typed.check(text, field=pgettext("field", "Reason"), multiline=True)
    except ValidationError as exc:
        raise ValidationError({"reason": exc.messages}) from exc
    return text


@transaction.atomic
def void_votes(*, season, by, votes, reason: str, signal: str = "") -> list[PollVote]:
    """Void the season's votes with the ids `votes`, for `reason` (required);
    `signal` names the signal they were chosen from, if any. Votes already voided
    are left as they were. Returns the votes voided now.

    Organizers only (PermissionDenied). ValidationError on "reason" (empty, too long,
    control characters) and on "votes" (none chosen, or ids that are not votes of the
    season). Side effects: voided_at, voided_by and void_reason on each vote; one
    audit event "poll.votes.voided" with the ids, the count per category, the
    reason and the signal.
    """
    if not organizes(by, season):
        raise PermissionDenied(pgettext("poll", "Only organizers void votes."))
    reason = _reason(reason)
    ids = sorted({int(pk) for pk in votes})
    if not ids:
        raise ValidationError({"votes": pgettext("poll", "Choose the votes to void.")})
    found = list(
        PollVote.objects.select_for_update()
        .filter(category__season=season, pk__in=ids)
        .select_related("category")
    )
    unknown = sorted(set(ids) - {v.pk for v in found})
    if unknown:
        raise ValidationError(
            {
                "votes": pgettext("poll", "Not votes of this season's poll: %(ids)s.")
                % {"ids": ", ".join(map(str, unknown))}
            }
        )
    note = gates.require_open(season, StageKind.VOTING, by=by)
    now = timezone.now()
    fresh = [v for v in found if v.voided_at is None]
    PollVote.objects.filter(pk__in=[v.pk for v in fresh]).update(
        voided_at=now, voided_by=by, void_reason=reason
    )
    per_category: dict[str, int] = {}
    for vote in fresh:
        vote.voided_at, vote.voided_by, vote.void_reason = now, by, reason
        name = vote.category.name_zh
        per_category[name] = per_category.get(name, 0) + 1
    audit.record(
        actor=by,
        action=VOIDED,
        season=season,
        summary=f"{len(fresh)} votes: {reason}"[:500],
        data={
            "votes": [v.pk for v in fresh],
            "count": len(fresh),
            "already": len(found) - len(fresh),
            "categories": per_category,
            "reason": reason,
            "signal": signal,
            **({"note": note} if note else {}),
        },
    )
    return fresh
