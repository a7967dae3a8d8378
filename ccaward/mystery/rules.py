"""Mystery-call permissions. Organizers set up the scenarios, the scorecard, the
shoppers and the plan, and see the board and every card at any time. A shopper
sees only their own contacts (with the scenario and the number or address they
need, never an entry's application or scores) and records them while the mystery
calls stage (电话暗访) is open. Applicants see nothing of it: an entry never learns
who contacts it or when. Judges see an entry's summary in the review's evidence
panel once the stage has closed (mystery/evidence.py)."""

import rules

from ccaward.people.rules import is_mystery_shopper, is_organizer, is_superuser
from ccaward.seasons.enums import StageKind
from ccaward.seasons.gates import gated_perm

# setting up and running the stage: scenarios, scorecards, shoppers, the plan, voiding
rules.add_perm("mystery.manage", is_superuser | is_organizer)
# the organizers' board, cards and export
rules.add_perm("mystery.view_board", is_superuser | is_organizer)
# a shopper's own contacts (role only; the rows depend on who asks)
rules.add_perm("mystery.shop", is_mystery_shopper)
rules.add_perm("mystery.menu", is_superuser | is_organizer | is_mystery_shopper)
# recording a contact: a shopper while the stage is open
gated_perm("mystery.record", is_mystery_shopper, StageKind.MYSTERY_CALLS)
