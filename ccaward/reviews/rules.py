"""Review permissions: judges see their own list and reviews, and score while
judging (入户评审, JUDGING_STAGE) is open; organizers see the progress, read
every review (private notes included) and remind the judges. Whether a judge may
open a given entry (assigned, no conflict) is asked of judging.access."""

import rules

from ccaward.people.rules import is_judge, is_organizer, is_superuser
from ccaward.seasons.enums import JUDGING_STAGE
from ccaward.seasons.gates import gated_perm

rules.add_perm("reviews.view_own", is_superuser | is_organizer | is_judge)
rules.add_perm("reviews.judge_list", is_judge)
gated_perm("reviews.score", is_judge, JUDGING_STAGE)
rules.add_perm("reviews.view_all", is_superuser | is_organizer)
rules.add_perm("reviews.remind", is_superuser | is_organizer)
