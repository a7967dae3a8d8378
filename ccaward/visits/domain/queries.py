"""Which visits a person sees: organizers every visit of the season, a judge the
visits they are on (not one kept from them by a conflict of interest), an
applicant the visits to their enterprise's entries."""

from __future__ import annotations

from django.http import Http404

from ccaward.judging.access import profile_of
from ccaward.judging.enums import BLOCKING_STATUSES
from ccaward.judging.models import Conflict
from ccaward.people.rules import is_organizer, is_superuser
from ccaward.visits.models import Visit


def _base(season):
    return Visit.objects.filter(season=season).select_related(
        "entry__center__organization", "entry__category"
    )


def visible_to(user, season):
    """The visits of `season` that `user` sees, by date."""
    visits = _base(season)
    if is_superuser(user) or is_organizer(user, season):
        return visits
    profile = profile_of(user, season)
    mine = Visit.objects.none()
    if profile is not None:
        blocked = Conflict.objects.filter(judge=profile, status__in=BLOCKING_STATUSES).values(
            "entry_id"
        )
        mine = visits.filter(judges=profile).exclude(entry_id__in=blocked)
    own = visits.filter(entry__center__organization__members=user)
    return (mine | own).distinct()


def visit_for(user, season, pk, permission: str = "visits.view_visit") -> Visit:
    """Visit `pk` of `season` if `user` holds `permission` for it, else Http404
    (a visit one may not see is not revealed)."""
    visit = _base(season).filter(pk=pk).first()
    if visit is None or not user.has_perm(permission, visit):
        raise Http404
    return visit
