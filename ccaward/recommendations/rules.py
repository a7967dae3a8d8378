"""Recommendation permissions: organizers and judges of the season see the
recommendations page (organizers every recommendation, a judge their own);
judges recommend while 专家推荐 is open, organizers at any time (a correction
while it is closed); organizers invite."""

import rules

from ccaward.people.rules import is_judge, is_organizer, is_superuser
from ccaward.seasons.enums import StageKind
from ccaward.seasons.gates import gated_perm

rules.add_perm("recommendations.view", is_superuser | is_organizer | is_judge)
gated_perm("recommendations.recommend", is_judge, StageKind.RECOMMENDATION)
rules.add_perm("recommendations.view_all", is_superuser | is_organizer)
rules.add_perm("recommendations.invite", is_superuser | is_organizer)
