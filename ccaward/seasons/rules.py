"""Season permissions, declared once (see people/rules.py for the predicates)."""

import rules

from ccaward.people.rules import can_create_seasons, has_any_role, is_organizer, is_superuser

rules.add_perm("seasons.create_season", can_create_seasons)
rules.add_perm("seasons.view_season", is_superuser | has_any_role)
rules.add_perm("seasons.change_season", is_superuser | is_organizer)
rules.add_perm("seasons.manage_stages", is_superuser | is_organizer)
rules.add_perm("seasons.manage_categories", is_superuser | is_organizer)
rules.add_perm("seasons.view_framework", is_superuser | has_any_role)
rules.add_perm("seasons.change_framework", is_superuser | is_organizer)
rules.add_perm("seasons.view_audit", is_superuser | is_organizer)
