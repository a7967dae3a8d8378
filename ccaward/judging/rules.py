"""Judging permissions (专家评审). Organizers keep the judge pool, decide the
conflicts of interest detected or flagged, and set the season's judging policy.
A judge sees their own page: their profile's expertise and employers, and the
season's entries in their categories, on which they declare a conflict of
interest. Declaring is role-only, not gated by a stage: a conflict is a fact
that is never too late to disclose, before the assignment or during judging.
A judge withdraws their own declaration only before judging opens (once it has
opened the declaration may already have kept them from an entry's evidence and
shaped the assignment; the organizers are asked instead)."""

import rules

from ccaward.applications.rules import is_member_of_entry
from ccaward.judging import access
from ccaward.judging.domain.assignment import assignment_open
from ccaward.people.rules import is_judge, is_organizer, is_superuser, season_of

organizes = is_superuser | is_organizer

# the permissions that show an entry's evidence to the season's judges
EVIDENCE_PERMISSIONS = ("applications.view_entry", "kpis.view_entry_kpis")


@rules.predicate
def judging_not_started(user, obj) -> bool:
    """The judging stage has not opened yet (on time or early)."""
    return obj is not None and season_of(obj).judging_opened_at() is None


# the judge pool (评委库)
rules.add_perm("judging.view_pool", organizes)
rules.add_perm("judging.manage_pool", organizes)
# conflicts of interest (利益冲突)
rules.add_perm("judging.view_conflicts", organizes)
rules.add_perm("judging.decide_conflict", organizes)
rules.add_perm("judging.declare_conflict", is_judge)
rules.add_perm("judging.withdraw_conflict", is_judge & judging_not_started)
# a judge's own page: their profile (expertise, employers) and their conflicts
rules.add_perm("judging.view_own", is_judge)
rules.add_perm("judging.edit_own_profile", is_judge)
# the season's judging policy (scale, blind review, R, loads, affinity weights)
rules.add_perm("judging.change_policy", organizes)


# --- assignment (评审分配): judging.view_assignment, judging.manage_assignment ---
@rules.predicate
def assignment_not_closed(user, obj) -> bool:
    """Judges may still be assigned: the judging stage is not over nor closed early."""
    return obj is not None and assignment_open(season_of(obj))


# organizers, at any time before the judging stage closes
rules.add_perm("judging.view_assignment", organizes)
rules.add_perm("judging.manage_assignment", organizes & assignment_not_closed)


# A conflicted judge never sees the entry's evidence: the application and its KPI
# page, which every judge of the season may otherwise open, are closed to a judge
# with a declared, detected (undecided) or confirmed conflict with the entry. The
# permissions are declared by their apps; judging narrows them when it is installed.
@rules.predicate
def conflicted_with_entry(user, entry) -> bool:
    return entry is not None and hasattr(entry, "center_id") and access.is_conflicted(user, entry)


for _name in EVIDENCE_PERMISSIONS:
    rules.set_perm(
        _name,
        rules.permissions.permissions[_name]
        & (organizes | is_member_of_entry | ~conflicted_with_entry),
    )
