"""What every public operation of the poll asks first: the season holds a poll
(its policy enabled) and its 票选 stage is open."""

from __future__ import annotations

from django.utils.translation import pgettext

from ccaward.poll.domain.policy import policy_of
from ccaward.seasons import gates
from ccaward.seasons.enums import StageKind


class PollNotHeld(Exception):
    """The season holds no public poll (its policy is not enabled)."""

    def __init__(self):
        super().__init__(pgettext("poll", "This season holds no public poll."))


def require_poll(season, *, by=None) -> str:
    """Refuse unless the season's poll is enabled (PollNotHeld) and 票选 is open
    (StageClosed; an organizer passes a closed stage, and the note returned says so)."""
    if not policy_of(season).enabled:
        raise PollNotHeld()
    return gates.require_open(season, StageKind.VOTING, by=by)
