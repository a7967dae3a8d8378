"""A judge profile meets its account: by the e-mail of an account that holds the
judge role of the season (it accepted an invitation). people's acceptance has no
hook, so judging links on its own writes (detection, the pool's changes, the
judge's own saves) and reads by e-mail meanwhile (judging.access.profile_of)."""

from __future__ import annotations

from ccaward.judging.models import JudgeProfile
from ccaward.people.enums import Role
from ccaward.people.models import SeasonRole


def account_for(season, email: str):
    """The account of `email` if it holds the judge role in `season`."""
    role = (
        SeasonRole.objects.filter(season=season, role=Role.JUDGE, user__email__iexact=email)
        .select_related("user")
        .first()
    )
    return role.user if role else None


def link_users(*, season) -> int:
    """Link each profile without an account to the account of its e-mail that has
    accepted the judge role of the season (an accepted invitation). Returns how
    many were linked. Side effects: JudgeProfile.user."""
    linked = 0
    for judge in JudgeProfile.objects.filter(season=season, user=None):
        user = account_for(season, judge.email)
        if user is not None:
            JudgeProfile.objects.filter(pk=judge.pk).update(user=user)
            linked += 1
    return linked
