"""What other stages ask judging: is this judge assigned to this entry, kept from
it by a conflict of interest. Reviews, site visits and mystery calls read these;
only judging writes its tables."""

from __future__ import annotations

from django.db.models import Q

from ccaward.judging.enums import BLOCKING_STATUSES
from ccaward.judging.models import Assignment, Conflict, JudgeProfile


def profile_of(user, season) -> JudgeProfile | None:
    """The judge profile of `user` in `season` (by account, else by e-mail)."""
    if not user.is_authenticated:
        return None
    # one query for both: the profile linked to the account wins over an e-mail match
    found = list(
        JudgeProfile.objects.filter(season=season).filter(
            Q(user=user) | Q(email__iexact=user.email)
        )[:2]
    )
    return next((p for p in found if p.user_id == user.pk), found[0] if found else None)


def is_conflicted(user, entry) -> bool:
    """Whether a declared, detected-and-undecided or confirmed conflict keeps `user`
    from `entry` (and from its evidence)."""
    profile = profile_of(user, entry.season)
    if profile is None:
        return False
    return Conflict.objects.filter(
        judge=profile, entry=entry, status__in=BLOCKING_STATUSES
    ).exists()


def is_assigned(user, entry) -> bool:
    """Whether `user` is assigned to review `entry`."""
    profile = profile_of(user, entry.season)
    return profile is not None and Assignment.objects.filter(judge=profile, entry=entry).exists()


def assigned_entry_ids(user, season) -> list[int]:
    """The entries `user` is assigned to in `season`, conflicted ones left out."""
    profile = profile_of(user, season)
    if profile is None:
        return []
    blocked = Conflict.objects.filter(judge=profile, status__in=BLOCKING_STATUSES).values(
        "entry_id"
    )
    return list(
        Assignment.objects.filter(judge=profile)
        .exclude(entry_id__in=blocked)
        .values_list("entry_id", flat=True)
    )
