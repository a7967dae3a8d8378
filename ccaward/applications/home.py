"""Registration on a participant's home page (see seasons/homepage.py): an
applicant's entries with their state and what is still missing, the
registration deadline; for a judge, the submitted entries to read."""

from __future__ import annotations

from ccaward.applications import domain
from ccaward.applications.enums import EntryStatus
from ccaward.applications.models import Entry
from ccaward.applications.views.common import nav, reader_language
from ccaward.engine import schedule
from ccaward.people.enums import Role
from ccaward.seasons.homepage import home_panel


def _entry_row(entry, lang) -> dict:
    row = {"entry": entry, "missing": [], "done": 0, "total": 0, "problems": 0}
    if entry.status == EntryStatus.DRAFT and entry.form_id is not None:
        result = domain.validation(entry)
        sections = nav(entry, entry.form.parsed, result, lang)
        row["missing"] = [s for s in sections if s["done"] < s["total"] or s["problems"]]
        row["done"] = sum(s["done"] for s in sections)
        row["total"] = sum(s["total"] for s in sections)
        row["problems"] = len(result.problems)
    return row


@home_panel(order=10, roles=(Role.APPLICANT,), template="applications/_home.html")
def applicant_entries(user, season, now):
    entries = (
        Entry.objects.filter(season=season, center__organization__members=user)
        .select_related("center__organization", "category", "form")
        .order_by("pk")
    )
    stage = domain.registration_stage(season)
    lang = reader_language()
    return {
        "rows": [_entry_row(e, lang) for e in entries],
        "stage": stage,
        "state": schedule.state(stage.times(), now) if stage else "",
        "can_apply": user.has_perm("applications.apply", season),
    }


@home_panel(order=20, roles=(Role.JUDGE,), template="applications/_home_judge.html")
def entries_to_read(user, season, now):
    submitted = Entry.objects.filter(season=season, status=EntryStatus.SUBMITTED)
    return {"submitted": submitted.count()}
