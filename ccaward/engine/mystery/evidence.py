"""An entry's mystery results as the framework's evidence: each criterion whose
evidence blend names "mystery" gets the entry's mean total (0..100), except the
consistency criteria (一致性, code `consistency` by default), which get the
consistency score (aggregate.py: 100 x (1 - SD / 50)). An entry without valid
contacts gives no mystery evidence, so the framework shares its weight among the
kinds present (framework.py)."""

from __future__ import annotations

from decimal import Decimal

from ccaward.engine.framework import Framework

from .aggregate import EntryResult

CONSISTENCY = ("consistency",)


def criterion_evidence(
    result: EntryResult, framework: Framework, *, consistency=CONSISTENCY
) -> dict[str, Decimal]:
    """{criterion code: mystery evidence 0..100} for the criteria that take it."""
    if result.mean is None:
        return {}
    out = {}
    for _, criterion, _ in framework.criteria():
        if "mystery" in criterion.evidence:
            out[criterion.code] = (
                result.consistency if criterion.code in consistency else result.mean
            )
    return out
