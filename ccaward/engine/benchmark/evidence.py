"""Indicator scores as the KPI evidence of the framework's criteria."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from ccaward.engine.benchmark.values import _score_value
from ccaward.engine.framework import Framework


def criterion_evidence(
    framework: Framework, scores_by_indicator: Mapping[str, Decimal | None]
) -> dict[str, dict[str, Decimal]]:
    """``{criterion_code: {"kpi": score}}`` for every criterion (sub-items included) with a
    positive kpi evidence weight and an indicator whose score is given (not None).

    Criteria whose indicator has no score are left out (the framework then shares the kpi
    weight among the other evidence kinds). Scores must be 0..100 (ValueError naming
    ``scores_by_indicator[key]``); a float is taken by its shortest repr.
    """
    result: dict[str, dict[str, Decimal]] = {}
    for _dim, crit, _parent in framework.criteria():
        if crit.evidence.get("kpi", Decimal(0)) <= 0 or not crit.indicator:
            continue
        raw = scores_by_indicator.get(crit.indicator)
        if raw is None:
            continue
        score = _score_value(raw, f"scores_by_indicator[{crit.indicator!r}]")
        result[crit.code] = {"kpi": score}
    return result


def merge_evidence(
    *maps: Mapping[str, Mapping[str, Decimal | None]],
) -> dict[str, dict[str, Decimal | None]]:
    """Merge per-criterion evidence maps (kpi, judge, mystery) for ``weighted_total``.

    A kind given twice for the same criterion is a ValueError naming both.
    """
    merged: dict[str, dict[str, Decimal | None]] = {}
    for i, m in enumerate(maps):
        for code, kinds in m.items():
            target = merged.setdefault(code, {})
            for kind, score in kinds.items():
                if kind in target:
                    raise ValueError(f"maps[{i}][{code!r}][{kind!r}]: given twice")
                target[kind] = score
    return merged
