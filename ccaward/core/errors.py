"""Exceptions that every stage raises and the web layer and the API turn into
a page or a JSON error in one place."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import get_language, pgettext

# what a closed stage's row says about now: not yet open, over, or closed early
UPCOMING, OVER, CLOSED_EARLY = "upcoming", "over", "closed_early"


@dataclass
class StageClosed(Exception):
    """An operation needs one of `kinds` open and none is.

    `stages` holds (label, opens_at, closes_at) of each named stage the season
    has; `states` says of each stage (by label) whether it is UPCOMING, OVER or
    CLOSED_EARLY by the organizers (whose dates then no longer tell when it is
    open); `contacts` the organizers to ask (name, e-mail). The web layer renders
    core/stage_closed.html with status 409; the API answers 409 `stage_closed`.
    """

    season_name: str
    kinds: tuple[str, ...]
    stages: list[tuple[str, dt.datetime, dt.datetime]] = field(default_factory=list)
    contacts: list[tuple[str, str]] = field(default_factory=list)
    code: str = "stage_closed"
    states: dict[str, str] = field(default_factory=dict)

    def __post_init__(self):
        super().__init__(self.message)

    @property
    def stage_labels(self) -> str:
        return " / ".join(label for label, _o, _c in self.stages) or ", ".join(self.kinds)

    @property
    def rows(self) -> list[tuple[str, dt.datetime, dt.datetime, str]]:
        """(label, opens_at, closes_at, state) of each stage, for a table."""
        return [(label, o, c, self.states.get(label, "")) for label, o, c in self.stages]

    @property
    def message(self) -> str:
        early = pgettext("stage gate", "(closed early by the organizers)")
        spans = "; ".join(
            f"{label} {timezone.localtime(o):%Y-%m-%d %H:%M} – {timezone.localtime(c):%Y-%m-%d %H:%M}"
            + (f" {early}" if state == CLOSED_EARLY else "")
            for label, o, c, state in self.rows
        )
        parts = [
            pgettext("stage gate", "%(stage)s is not open, so this cannot be done now.")
            % {"stage": self.stage_labels}
        ]
        if spans:
            parts.append(pgettext("stage gate", "Its dates: %(spans)s.") % {"spans": spans})
        if self.contacts:
            parts.append(
                pgettext("stage gate", "Ask the organizers: %(who)s.")
                % {"who": ", ".join(email for _name, email in self.contacts)}
            )
        # Chinese sentences end in a full-width stop and run on without a space.
        return ("" if (get_language() or "").startswith("zh") else " ").join(parts)


class InUse(Exception):
    """Something cannot be deleted while other records use it; `uses` names them
    ("3 entries"). The web layer shows the message; the API answers 409 `in_use`."""

    code = "in_use"

    def __init__(self, message: str, uses: list[str]):
        super().__init__(message)
        self.message = message
        self.uses = uses
