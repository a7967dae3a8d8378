"""Recommendations on a judge's home page (see seasons/homepage.py): how many
they have made and until when they can recommend."""

from __future__ import annotations

from ccaward.engine import schedule
from ccaward.people.enums import Role
from ccaward.seasons.enums import StageKind
from ccaward.seasons.homepage import home_panel


@home_panel(order=10, roles=(Role.JUDGE,), template="recommendations/_home.html")
def my_recommendations(user, season, now):
    stage = season.stage(StageKind.RECOMMENDATION)
    return {
        "made": season.recommendations.filter(recommended_by=user).count(),
        "stage": stage,
        "state": schedule.state(stage.times(), now) if stage else "",
        "can_recommend": user.has_perm("recommendations.recommend", season),
    }
