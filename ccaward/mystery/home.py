"""Mystery calls on a shopper's home page of the season: today's contacts and
those overdue, with a link to all of them."""

from __future__ import annotations

from django.utils import timezone

from ccaward.mystery.domain import queries
from ccaward.people.enums import Role
from ccaward.seasons.homepage import home_panel


@home_panel(order=50, roles=(Role.MYSTERY_SHOPPER,), template="mystery/shopper/_home.html")
def my_contacts(user, season, now):
    lines = queries.lines(user, season, timezone.localdate(now))
    today, overdue = lines[queries.TODAY], lines[queries.OVERDUE]
    if not any(lines.values()):
        return None
    return {"today": today, "overdue": len(overdue), "upcoming": len(lines[queries.UPCOMING])}
