"""The mystery calls' panel beside a judge's review form (reviews/evidence.py):
the entry's summary once the mystery calls stage (电话暗访) has closed: its mean
score with the breakdown by the scorecard's groups, the mean of the contacts that
got through, the spread between its contacts and the consistency it gives, how
many contacts were scored and how many could not get through. Nothing in it
identifies the entry, its shoppers or when it was called, so blind review shows
it as it is; while the stage is open it shows nothing (the results still move)."""

from __future__ import annotations

from django.utils.translation import get_language, pgettext_lazy

from ccaward.engine import schedule
from ccaward.mystery import scores
from ccaward.mystery.board import group_cells, group_names, no_consistency
from ccaward.reviews.evidence import evidence_panel
from ccaward.seasons.enums import StageKind


def stage_closed(season) -> bool:
    stage = season.stage(StageKind.MYSTERY_CALLS)
    return stage is not None and stage.state() == schedule.CLOSED


@evidence_panel(
    order=30,
    key="mystery",
    label=pgettext_lazy("evidence", "Mystery calls"),
    template="mystery/_evidence.html",
)
def mystery_summary(entry, *, blind: bool):
    """The entry's mystery results after the stage closed, else None. The same
    for blind review: nothing in it names the entry."""
    if not stage_closed(entry.season):
        return None
    found = scores.season_scores(entry.season, entry=entry)
    result = scores.results_of(found).get(entry.pk)
    if result is None or result.mean is None:
        return None
    english = (get_language() or "").startswith("en")
    names = group_names(found)
    return {
        "result": result,
        "groups": [
            {"name": (en or zh) if english else zh, "points": cell["value"], **cell}
            for (_code, zh, en), cell in zip(names, group_cells(result, names), strict=True)
        ],
        "reached": result.contacts - result.unreachable,
        "no_consistency": no_consistency(result),
    }
