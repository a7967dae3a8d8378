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


def item_scores(entry) -> list[ItemScore]:
    rows = (
        ItemRecord.objects.filter(visit__entry=entry, score__isnull=False)
        .exclude(visit__status=VisitStatus.CANCELLED)
        .select_related("visit")
    )
    out = []
    for r in rows:
        item = r.visit.item(r.item_key) or {}
        out.append(
            ItemScore(
                visit=r.visit_id,
                item=r.item_key,
                criterion=item.get("criterion"),
                judge=r.recorded_by_id,
                edited_at=r.edited_at,
                score=r.score,
                scale=r.scale or "0-10",
            )
        )
    return out


def criterion_scores(entry) -> dict[str, CriterionScore]:
    """{criterion code: CriterionScore(score 0..100, items, visits)} for `entry`."""
    return compute(item_scores(entry))
