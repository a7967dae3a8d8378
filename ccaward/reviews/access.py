"""Who may open or score an entry's review: a judge of the season, assigned to
the entry, without a conflict of interest (judging.access answers both)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import pgettext

from ccaward.applications.models import Entry
from ccaward.judging import access as judging
from ccaward.judging.enums import BLOCKING_STATUSES
from ccaward.judging.models import JudgeProfile
from ccaward.people.rules import is_organizer, is_superuser


def entry_in(season, pk) -> Entry:
    """The entry `pk` of `season`, or Http404."""
    entry = (
        Entry.objects.select_related("center__organization", "category", "season", "form")
        .defer("form__definition")
        .filter(season=season, pk=pk)
        .first()
    )
    if entry is None:
        raise Http404
    return entry


def judge_for(user, entry) -> JudgeProfile:
    """The judge profile through which `user` reviews `entry`; PermissionDenied with
    the reason unless they are in the season's judge pool, assigned to the entry and
    without a conflict of interest with it."""
    profile = judging.profile_of(user, entry.season)
    if profile is None:
        raise PermissionDenied(pgettext("reviews", "You are not in this season's judge pool."))
    if judging.is_conflicted(user, entry):
        raise PermissionDenied(
            pgettext(
                "reviews",
                "You have a conflict of interest with this entry: you cannot see or score it.",
            )
        )
    if not judging.is_assigned(user, entry):
        raise PermissionDenied(
            pgettext("reviews", "This entry is not assigned to you: you cannot review it.")
        )
    return profile


def acting_judge(by, entry, judge: JudgeProfile | None = None) -> JudgeProfile:
    """The judge whose review `by` writes: their own (`judge_for`), or, for an
    organizer of the season, `judge`'s (a paper scorecard transcribed, a
    correction). The pair must be assigned and free of conflict either way."""
    if judge is None or judging.profile_of(by, entry.season) == judge:
        return judge_for(by, entry)
    if not (is_superuser(by) or is_organizer(by, entry.season)):
        raise PermissionDenied(pgettext("reviews", "This review is another judge's."))
    if judge.season_id != entry.season_id or not judge.assignments.filter(entry=entry).exists():
        raise PermissionDenied(
            pgettext("reviews", "This entry is not assigned to the judge: no review of it.")
        )
    if judge.conflicts.filter(entry=entry, status__in=BLOCKING_STATUSES).exists():
        raise PermissionDenied(
            pgettext("reviews", "The judge has a conflict of interest with this entry.")
        )
    return judge
