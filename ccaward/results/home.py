"""Voting on a judge's home page while 票选 is open: the categories to vote in,
which of them the judge has voted in, and by when."""

from __future__ import annotations

from ccaward.people.enums import Role
from ccaward.results.domain.ballots import panel_of, shortlisted, voting_refusal
from ccaward.results.models import VoterRoll
from ccaward.seasons import gates
from ccaward.seasons.enums import StageKind
from ccaward.seasons.homepage import home_panel


@home_panel(order=70, roles=(Role.JUDGE,), template="results/vote_home.html")
def voting(user, season, now):
    if not gates.is_open(season, StageKind.VOTING, now=now):
        return None
    stage = season.stage(StageKind.VOTING)
    voted = set(
        VoterRoll.objects.filter(category__season=season, voter=user).values_list(
            "category_id", flat=True
        )
    )
    rows = []
    for category in season.categories.all():
        if voting_refusal(category):
            continue
        member = next(
            (m for m in panel_of(category, shortlisted(category)) if m.user == user), None
        )
        if member is None or not member.votes:
            continue
        rows.append({"category": category, "voted": category.pk in voted})
    return {"closes_at": stage.closes_at if stage else None, "categories": rows}
