"""Stage gates: an operation of a stage can be done only while the stage is open.

Two faces of one rule, both built on `Stage.state` (the dates and the
organizer's early open or close):

- `stage_open(*kinds)` is a django-rules predicate, composed with the role
  predicates in each app's rules.py (`is_member_of_entry & stage_open(...)`),
  so pages show only what can be done now;
- `require_open(season, *kinds, by=...)` is what domain functions call, so the
  pages, the API, the CLI and imports are gated alike. It raises
  `core.errors.StageClosed` (a page that says which stage, when it was open and
  whom to ask; 409 `stage_closed` in the API). Organizers and superusers pass a
  closed stage to correct data: the function then returns the note that the
  domain function records in its audit event.

A permission declared with `gated_perm` remembers its role rule and its stages,
so `core.access.check` can tell "closed" from "not yours".
"""

from __future__ import annotations

import rules
from django.utils import timezone

from ccaward.core.errors import CLOSED_EARLY, OVER, UPCOMING, StageClosed
from ccaward.engine import schedule
from ccaward.people.enums import Role
from ccaward.people.rules import is_organizer, is_superuser, season_of
from ccaward.seasons.enums import StageKind

# permission name -> (role predicate, stage kinds)
GATED: dict[str, tuple[rules.Predicate, tuple[str, ...]]] = {}


def open_kinds(season, now=None) -> set[str]:
    now = now or timezone.now()
    return {s.kind for s in season.stage_list() if schedule.state(s.times(), now) == schedule.OPEN}


def is_open(season, *kinds: str, now=None) -> bool:
    """Whether any of `kinds` is open in `season` now (server clock)."""
    return bool(open_kinds(season, now) & set(kinds))


def stage_open(*kinds: str) -> rules.Predicate:
    """Predicate: the object's season has one of `kinds` open."""

    @rules.predicate(name=f"stage_open({','.join(kinds)})")
    def predicate(user, obj) -> bool:
        return obj is not None and is_open(season_of(obj), *kinds)

    return predicate


def gated_perm(name: str, who: rules.Predicate, *kinds: str) -> None:
    """Declare `name` = superuser | organizer | (who & one of `kinds` open)."""
    GATED[name] = (who, kinds)
    rules.add_perm(name, is_superuser | is_organizer | (who & stage_open(*kinds)))


def _state(stage, now) -> str:
    """What a closed stage's dates leave unsaid: over, not yet open, or closed
    early by the organizers (its dates then no longer open it)."""
    if now >= stage.closes_at:
        return OVER
    if stage.override == schedule.FORCED_CLOSED:
        return CLOSED_EARLY
    return UPCOMING if schedule.state(stage.times(), now) == schedule.UPCOMING else ""


def closed(season, *kinds: str) -> StageClosed:
    """The refusal for `season` when none of `kinds` is open."""
    labels = dict(StageKind.choices)
    now = timezone.now()
    rows = [s for s in season.stage_list() if s.kind in kinds]
    stages = [(str(labels.get(s.kind, s.kind)), s.opens_at, s.closes_at) for s in rows]
    states = {label: _state(s, now) for (label, _o, _c), s in zip(stages, rows, strict=True)}
    contacts = [
        (r.user.display_name, r.user.email)
        for r in season.roles.filter(role=Role.ORGANIZER).select_related("user").order_by("pk")
    ]
    return StageClosed(
        season_name=season.name,
        kinds=tuple(kinds),
        stages=stages,
        contacts=contacts,
        states=states,
    )


def require_open(season, *kinds: str, by=None, now=None) -> str:
    """Refuse (StageClosed) unless one of `kinds` is open in `season`.

    `by` is the person acting: an organizer of the season or a superuser passes
    a closed stage (they correct data); the returned note says so and belongs in
    the caller's audit event. Returns "" when the stage is open.
    """
    if is_open(season, *kinds, now=now):
        return ""
    if by is not None and (is_superuser(by) or is_organizer(by, season)):
        return "organizer correction while closed: " + ", ".join(kinds)
    raise closed(season, *kinds)
