"""Entry permissions: organizers and judges of the season see every entry;
applicant members see the entries of their own enterprise."""

import rules

from ccaward.people.enums import Role
from ccaward.people.rules import has_role, is_organizer, is_superuser

is_judge_of_season = has_role(Role.JUDGE)


@rules.predicate
def is_member_of_entry(user, entry) -> bool:
    if entry is None or not user.is_authenticated:
        return False
    return entry.center.organization.members.filter(pk=user.pk).exists()


rules.add_perm(
    "applications.view_entry", is_superuser | is_organizer | is_judge_of_season | is_member_of_entry
)
rules.add_perm("applications.change_entry", is_superuser | is_member_of_entry)
rules.add_perm("applications.view_entries", is_superuser | is_organizer | is_judge_of_season)
rules.add_perm("applications.apply", is_superuser | has_role(Role.APPLICANT))
rules.add_perm("applications.decide_entry", is_superuser | is_organizer)
rules.add_perm("applications.export_entries", is_superuser | is_organizer)
