"""Voting permissions (票选). The season's judges cast and replace their ballots
while the 票选 stage is open (`results.vote`: organizers hold it too, but a
ballot is taken only from a judge, and never after the close); organizers set the
voting policy, count, decide ties and special awards (`results.manage_vote`);
the voting pages show to both roles (`results.view_vote`, role only, for the
menu). Publishing's permissions are in rules_publish.py."""

import rules

from ccaward.people.rules import is_judge, is_organizer, is_superuser
from ccaward.results import rules_publish  # noqa: F401
from ccaward.seasons.enums import StageKind
from ccaward.seasons.gates import gated_perm

organizes = is_superuser | is_organizer

rules.add_perm("results.manage_vote", organizes)
rules.add_perm("results.view_vote", organizes | is_judge)
gated_perm("results.vote", is_judge, StageKind.VOTING)
