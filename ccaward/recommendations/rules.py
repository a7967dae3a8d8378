"""Recommendation permissions: organizers and judges of the season recommend;
organizers see every recommendation and invite; a judge sees their own."""

import rules

from ccaward.people.rules import is_judge, is_organizer, is_superuser

rules.add_perm("recommendations.recommend", is_superuser | is_organizer | is_judge)
rules.add_perm("recommendations.view", is_superuser | is_organizer | is_judge)
rules.add_perm("recommendations.view_all", is_superuser | is_organizer)
rules.add_perm("recommendations.invite", is_superuser | is_organizer)
