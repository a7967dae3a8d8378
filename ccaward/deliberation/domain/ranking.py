"""A category's ranking as the season's evaluation gives it: its entries with their
results in rank order, the quota line and the default shortlist's line (the quota
plus the scoring policy's margin). Reads only."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class Ranked:
    """One entry of a category's ranking: the model object and its EntryResult."""

    entry: object
    result: object

    @property
    def rank(self) -> int | None:
        return self.result.rank

    def as_data(self) -> dict:
        total = self.result.total
        return {
            "entry": self.entry.pk,
            "rank": self.result.rank,
            "total": None if total is None else str(total),
            "tied": bool(self.result.tied),
        }


def category_ranking(season_evaluation, category) -> list[Ranked]:
    """The category's entries in the season's evaluation (`domain.evaluation`),
    ranked first (by rank), then the unranked (nothing scored), by name."""
    objects = season_evaluation.entries
    rows = [
        Ranked(objects[r.entry], r)
        for r in season_evaluation.results
        if r.entry in objects and objects[r.entry].category_id == category.pk
    ]
    return sorted(
        rows,
        key=lambda row: (
            row.rank is None,
            row.rank or 0,
            -(row.result.total or Decimal(0)),
            row.entry.center.name,
        ),
    )


def shortlist_line(season_evaluation, category) -> int:
    """How many places the default shortlist takes: the category's quota plus the
    scoring policy's margin."""
    return category.quota + season_evaluation.policy.shortlist_margin


def within(rank: int | None, line: int) -> bool:
    """Whether a place is above (or on) a line of `line` places: ties at the line
    are all within it."""
    return rank is not None and rank <= line
