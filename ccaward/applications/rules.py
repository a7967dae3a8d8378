"""Entry permissions: organizers and judges of the season see every entry;
applicant members see the entries of their own enterprise, fill them in while
they are drafts, submit them while registration is open, and withdraw them.

Templates and views ask one permission each; the entry's state and the stage
are predicates composed here."""

import rules

from ccaward.applications.enums import EntryStatus
from ccaward.people.enums import Role
from ccaward.people.rules import has_role, is_organizer, is_superuser
from ccaward.seasons.enums import StageKind
from ccaward.seasons.gates import stage_open

is_judge_of_season = has_role(Role.JUDGE)


@rules.predicate
def is_member_of_entry(user, entry) -> bool:
    if entry is None or not user.is_authenticated:
        return False
    return entry.center.organization.members.filter(pk=user.pk).exists()


@rules.predicate
def is_draft(user, entry) -> bool:
    return entry is not None and entry.status == EntryStatus.DRAFT


@rules.predicate
def is_withdrawn(user, entry) -> bool:
    return entry is not None and entry.status == EntryStatus.WITHDRAWN


owns_entry = is_superuser | is_member_of_entry

rules.add_perm(
    "applications.view_entry", is_superuser | is_organizer | is_judge_of_season | is_member_of_entry
)
# the applicant's side of an entry, whatever its state
rules.add_perm("applications.own_entry", owns_entry)
# fill in the answers and files
rules.add_perm("applications.change_entry", owns_entry & is_draft)
rules.add_perm(
    "applications.submit_entry", owns_entry & is_draft & stage_open(StageKind.REGISTRATION)
)
rules.add_perm("applications.withdraw_entry", owns_entry & ~is_withdrawn)
rules.add_perm("applications.view_entries", is_superuser | is_organizer | is_judge_of_season)
rules.add_perm("applications.apply", is_superuser | has_role(Role.APPLICANT))
# the applications page: every entry (organizers, judges) or one's own (applicants)
rules.add_perm(
    "applications.view_list",
    is_superuser | is_organizer | is_judge_of_season | has_role(Role.APPLICANT),
)
rules.add_perm("applications.decide_entry", is_superuser | is_organizer)
rules.add_perm("applications.export_entries", is_superuser | is_organizer)
rules.add_perm("applications.change_form", is_superuser | is_organizer)
