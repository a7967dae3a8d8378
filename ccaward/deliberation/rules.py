"""Deliberation permissions (集中评议). Organizers see the totals, calibration and
reliability at any time and set the scoring policy and the shortlist. The panel
(the season's judges) sees the board, the totals and the reliability and comments
on entries while the 集中评议 stage is open; a judge with a conflict of interest
with an entry sees neither its comments nor its evidence (judging.access)."""

import rules

from ccaward.people.rules import is_judge, is_organizer, is_superuser
from ccaward.seasons.enums import StageKind
from ccaward.seasons.gates import gated_perm

organizes = is_superuser | is_organizer

rules.add_perm("deliberation.change_policy", organizes)
rules.add_perm("deliberation.set_shortlist", organizes)
# the board, totals, an entry's breakdown, reliability: organizers; the panel in 集中评议
gated_perm("deliberation.view_board", is_judge, StageKind.DELIBERATION)
gated_perm("deliberation.comment", is_judge, StageKind.DELIBERATION)
