"""Public poll permissions (网络投票). Voting needs no login (a verified poll
account in the session: domain/codes.py); organizers set the policy, see the counts
and the signals of stuffing, and void votes."""

import rules

from ccaward.people.rules import is_organizer, is_superuser

rules.add_perm("poll.manage", is_superuser | is_organizer)
