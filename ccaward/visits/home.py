"""Site visits on a judge's and an applicant's home page of the season: the
next visits they take part in."""

from __future__ import annotations

from ccaward.people.enums import Role
from ccaward.seasons.homepage import home_panel
from ccaward.visits.domain import queries
from ccaward.visits.enums import VisitStatus


@home_panel(order=40, roles=(Role.JUDGE, Role.APPLICANT), template="visits/_home.html")
def my_visits(user, season, now):
    visits = queries.visible_to(user, season).filter(status=VisitStatus.SCHEDULED)
    count = visits.count()
    if not count:
        return None
    return {"visits": list(visits[:5]), "count": count}
