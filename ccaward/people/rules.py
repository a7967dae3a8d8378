"""Who may do what, declared once. Views and API endpoints name a permission.

The object of a season permission is the Season; objects that belong to a
season (categories, stages, framework versions) are checked through it.
"""

from __future__ import annotations

import rules

from ccaward.people.enums import Role


def season_of(obj):
    return getattr(obj, "season", obj)


def has_role(*roles: str):
    @rules.predicate(name=f"has_role({','.join(roles)})")
    def predicate(user, obj) -> bool:
        if obj is None or not user.is_authenticated:
            return False
        season = season_of(obj)
        cache = getattr(user, "_season_roles_cache", None)
        if cache is None:
            cache = {}
            user._season_roles_cache = cache
        if season.pk not in cache:
            cache[season.pk] = set(
                user.season_roles.filter(season_id=season.pk).values_list("role", flat=True)
            )
        return bool(cache[season.pk] & set(roles))

    return predicate


is_superuser = rules.is_superuser
is_organizer = has_role(Role.ORGANIZER)
is_judge = has_role(Role.JUDGE)
is_mystery_shopper = has_role(Role.MYSTERY_SHOPPER)
is_applicant = has_role(Role.APPLICANT)
has_any_role = has_role(*Role.values)


@rules.predicate
def can_create_seasons(user) -> bool:
    return user.is_authenticated and (user.is_superuser or user.can_create_seasons)


rules.add_perm("people.view_people", is_superuser | is_organizer)
rules.add_perm("people.manage_people", is_superuser | is_organizer)
