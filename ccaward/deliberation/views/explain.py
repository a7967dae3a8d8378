"""An entry's breakdown (得分明细): from each judge's raw scores through the
judges' severity and scale, the combined judges' score, the evidence blend
(site visit, KPI, mystery calls) and the dimension weights to the total — what
a losing entrant or an auditor needs to check it. A judge kept from the entry
by a conflict of interest is refused."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET

from ccaward.deliberation.domain.evaluation import breakdown, season_evaluation
from ccaward.deliberation.views.common import (
    Namer,
    board_view,
    interval,
    localized,
    number,
    organizes,
    percent,
)
from ccaward.deliberation.wording import statement
from ccaward.judging.access import is_conflicted

KINDS = ("judge", "kpi", "mystery")


def _criterion_rows(b) -> list[dict]:
    """Each criterion of the framework, in order, with every step of its score."""
    return [
        {
            "name": localized(step.criterion),
            "child": step.child,
            "judged": step.judged,
            "weights": {k: step.criterion.evidence.get(k, Decimal(0)) for k in KINDS},
            "raw": [number(step.raw.get(j), 1) for j in b.judges],
            "combined": number(step.combined),
            "reviews": number(step.reviews, 1),
            "visit": number(step.visit, 1),
            "kinds": {k: number(step.evidence.get(k), 1) for k in KINDS},
            "score": number(step.score, 1),
        }
        for step in b.criteria
    ]


def _dimension_rows(b) -> list[dict]:
    return [
        {
            "name": localized(d.dimension),
            "weight": d.dimension.weight,
            "score": number(d.score),
            "contribution": number(d.contribution),
        }
        for d in b.dimensions
    ]


def _judge_rows(se, judges) -> list[dict]:
    out = []
    for j in judges:
        effect = se.effect(j)
        out.append(
            {
                "name": se.judges[j].name,
                "severity": number(effect.severity if effect else None),
                "severity_se": number(effect.severity_se if effect else None),
                "scale": number(effect.scale if effect else None),
                "scale_se": number(effect.scale_se if effect else None),
                "n": effect.n if effect else 0,
            }
        )
    return out


def _outliers(se, label: str) -> list:
    if se.evaluation is None:
        return []
    return [o for o in se.evaluation.reliability.outliers if o.entry == label]


@require_GET
@board_view
def explain(request, season, pk: int):
    se = season_evaluation(season)
    label = str(pk)
    entry = se.entries.get(label)
    if entry is None:
        raise Http404
    if is_conflicted(request.user, entry):
        raise PermissionDenied
    b = breakdown(se, label)
    if b is None:
        raise Http404
    result = b.result
    crits = {crit.code: localized(crit) for _d, crit, _p in se.framework.criteria()}
    return render(
        request,
        "deliberation/explain.html",
        {
            "season": season,
            "se": se,
            "entry": entry,
            "name": Namer(request.user, season)(entry),
            "category": se.categories.get(result.category),
            "result": result,
            "total": number(result.total),
            "rank_interval": interval(result.rank_interval),
            "p": percent(result.p_in_quota),
            "statement": statement(se),
            "judges": _judge_rows(se, b.judges),
            "criteria": _criterion_rows(b),
            "dimensions": _dimension_rows(b),
            "outliers": [
                {
                    "judge": se.judges[o.judge].name,
                    "criterion": crits.get(o.criterion, o.criterion),
                    "score": number(o.score, 1),
                    "expected": number(o.expected, 1),
                    "z": number(o.z, 1),
                }
                for o in _outliers(se, label)
            ],
            "scale": se.evaluation.scale,
            "organizer": organizes(request.user, season),
            "adjusts": se.evaluation.method in ("zscore", "calibrated"),
        },
    )
