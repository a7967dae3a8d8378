"""The season's own panels on a participant's home page (see seasons/homepage.py):
the awards and the framework, what judges and mystery shoppers will be given
when their stages open."""

from __future__ import annotations

from ccaward.engine import schedule
from ccaward.people.enums import Role
from ccaward.seasons.enums import JUDGING_STAGE, StageKind
from ccaward.seasons.homepage import home_panel


def _upcoming(season, kind, now) -> dict | None:
    stage = season.stage(kind)
    if stage is None:
        return None
    return {"stage": stage, "state": schedule.state(stage.times(), now)}


@home_panel(order=60, roles=(Role.JUDGE,), template="seasons/_home_judging.html")
def judging(user, season, now):
    return _upcoming(season, JUDGING_STAGE, now)


@home_panel(order=60, roles=(Role.MYSTERY_SHOPPER,), template="seasons/_home_mystery.html")
def mystery_calls(user, season, now):
    return _upcoming(season, StageKind.MYSTERY_CALLS, now)


@home_panel(order=90, roles=(Role.APPLICANT, Role.JUDGE), template="seasons/_home_about.html")
def about(user, season, now):
    version = season.current_framework()
    return {
        "categories": season.categories.all(),
        "framework": version,
        "dimensions": version.dimensions.all() if version else [],
    }
