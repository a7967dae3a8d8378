"""Site-visit permissions. Organizers schedule and see every visit; a visit's
judges (not one kept from the entry by a conflict of interest) see it with its
checklist and record it while the judging stage (入户评审) is open; organizers
record at any time (a correction after the close). The entry's applicants see
the date, address and agenda, not the records."""

import rules

from ccaward.applications.enums import COMPETING
from ccaward.applications.rules import is_member_of_entry
from ccaward.judging.access import is_conflicted, profile_of
from ccaward.people.rules import (
    is_applicant,
    is_judge,
    is_organizer,
    is_superuser,
    season_of,
)
from ccaward.seasons.enums import JUDGING_STAGE
from ccaward.seasons.gates import gated_perm


@rules.predicate
def is_visit_judge(user, visit) -> bool:
    if visit is None or not user.is_authenticated or not hasattr(visit, "judges"):
        return False
    profile = profile_of(user, visit.season)
    if profile is None or not visit.judges.filter(pk=profile.pk).exists():
        return False
    return not is_conflicted(user, visit.entry)


@rules.predicate
def is_visit_applicant(user, visit) -> bool:
    return hasattr(visit, "entry") and is_member_of_entry(user, visit.entry)


@rules.predicate
def something_to_visit(user, obj) -> bool:
    """The season has entries that take part in judging, or visits."""
    season = season_of(obj)
    return season.visits.exists() or season.entries.filter(status__in=COMPETING).exists()


@rules.predicate
def takes_part_in_a_visit(user, obj) -> bool:
    """A visit is scheduled with the person as its judge or to their entry."""
    season = season_of(obj)
    profile = profile_of(user, season)
    mine = season.visits.filter(judges=profile).exists() if profile is not None else False
    return mine or season.visits.filter(entry__center__organization__members=user).exists()


# the visits page (its rows depend on who asks)
rules.add_perm("visits.view", is_superuser | is_organizer | is_judge | is_applicant)
rules.add_perm("visits.schedule", is_superuser | is_organizer)
# the menu link: once there is something to visit (organizers) or a visit one
# takes part in (judges, applicants); the page itself answers visits.view
rules.add_perm(
    "visits.menu",
    is_superuser
    | (is_organizer & something_to_visit)
    | ((is_judge | is_applicant) & takes_part_in_a_visit),
)
rules.add_perm(
    "visits.view_visit", is_superuser | is_organizer | is_visit_judge | is_visit_applicant
)
# the checklist with what the application claims and what the judges recorded
rules.add_perm("visits.view_records", is_superuser | is_organizer | is_visit_judge)
gated_perm("visits.record", is_visit_judge, JUDGING_STAGE)
