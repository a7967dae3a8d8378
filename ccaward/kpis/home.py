"""KPI data on an applicant's home page (see seasons/homepage.py): per entry,
whether records, monthly or reported figures have been given and computed, and
the data stages' dates."""

from __future__ import annotations

from ccaward.applications.enums import EntryStatus
from ccaward.applications.models import Entry
from ccaward.engine import schedule
from ccaward.kpis import domain
from ccaward.kpis.rules import DATA_STAGES
from ccaward.people.enums import Role
from ccaward.seasons.homepage import home_panel


@home_panel(order=30, roles=(Role.APPLICANT,), template="kpis/_home.html")
def kpi_status(user, season, now):
    entries = list(
        Entry.objects.filter(season=season, center__organization__members=user)
        .exclude(status=EntryStatus.WITHDRAWN)
        .select_related("center")
        .order_by("pk")
    )
    if not entries:
        return None
    results = domain.latest_results(entries)
    rows = []
    for entry in entries:
        rows.append(
            {
                "entry": entry,
                "upload": entry.uploads.first(),
                "monthly": entry.monthly.count(),
                "reported": entry.reported.count(),
                "result": results.get(entry.pk),
            }
        )
    stages = [s for s in (season.stage(k) for k in DATA_STAGES) if s is not None]
    return {
        "rows": rows,
        "stages": [(s, schedule.state(s.times(), now)) for s in stages],
    }
