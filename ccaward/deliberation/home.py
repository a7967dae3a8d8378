"""Deliberation on a judge's home page while 集中评议 is open: the board, by when,
and how many comments the panel has made."""

from __future__ import annotations

from ccaward.deliberation.models import PanelComment
from ccaward.people.enums import Role
from ccaward.seasons import gates
from ccaward.seasons.enums import StageKind
from ccaward.seasons.homepage import home_panel


@home_panel(order=60, roles=(Role.JUDGE,), template="deliberation/board_home.html")
def deliberation(user, season, now):
    if not gates.is_open(season, StageKind.DELIBERATION, now=now):
        return None
    stage = season.stage(StageKind.DELIBERATION)
    comments = PanelComment.objects.filter(season=season)
    return {
        "closes_at": stage.closes_at if stage else None,
        "comments": comments.count(),
        "mine": comments.filter(author=user).count(),
    }
