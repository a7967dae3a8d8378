"""Visit scores as framework evidence, for the totals (issue 13) to read.

`criterion_scores(entry)` -> {criterion code: CriterionScore(score: Decimal
0..100, items: int, visits: int)}: from the records of the entry's visits that
were not cancelled, each judge's latest score per item, averaged over judges,
then over the items (and visits) feeding the criterion; the scale each score was
given on maps it to 0..100 (engine/visit_scores.py)."""

from __future__ import annotations

from ccaward.engine.visit_scores import CriterionScore, ItemScore
from ccaward.engine.visit_scores import criterion_scores as compute
from ccaward.visits.enums import VisitStatus
from ccaward.visits.models import ItemRecord


def _records(**where):
    return (
        ItemRecord.objects.filter(score__isnull=False, **where)
        .exclude(visit__status=VisitStatus.CANCELLED)
        .select_related("visit")
    )


def _item_score(r: ItemRecord) -> ItemScore:
    item = r.visit.item(r.item_key) or {}
    return ItemScore(
        visit=r.visit_id,
        item=r.item_key,
        criterion=item.get("criterion"),
        judge=r.recorded_by_id,
        edited_at=r.edited_at,
        score=r.score,
        scale=r.scale or "0-10",
    )


def item_scores(entry) -> list[ItemScore]:
    return [_item_score(r) for r in _records(visit__entry=entry)]


def criterion_scores(entry) -> dict[str, CriterionScore]:
    """{criterion code: CriterionScore(score 0..100, items, visits)} for `entry`."""
    return compute(item_scores(entry))


def season_criterion_scores(season) -> dict[int, dict[str, CriterionScore]]:
    """`criterion_scores` of every entry of `season` with a visit score, in one
    query: {entry id: {criterion code: CriterionScore}}."""
    by_entry: dict[int, list[ItemScore]] = {}
    for r in _records(visit__season=season):
        by_entry.setdefault(r.visit.entry_id, []).append(_item_score(r))
    return {entry_id: compute(items) for entry_id, items in by_entry.items()}
