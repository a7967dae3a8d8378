"""Publishing's permissions (结果公布): organizers publish and withdraw the season's
results and see what is ready; the published results page needs no permission
at all (anyone may read it)."""

import rules

from ccaward.people.rules import is_organizer, is_superuser

rules.add_perm("results.publish", is_superuser | is_organizer)
