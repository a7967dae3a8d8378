"""An entry's breakdown (得分明细): from each judge's raw scores through the
method's adjustment (the judge's severity and scale, the z-score, the highest and
lowest dropped, the middle scores), the combined judges' score, the evidence blend
(site visit, KPI, mystery calls) and the dimension weights to the total — what a
losing entrant or an auditor needs to check it (`engine.scoring.explain`). A judge
kept from the entry by a conflict of interest is refused."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET

from ccaward.deliberation.domain.evaluation import breakdown, criterion_lines, season_evaluation
from ccaward.deliberation.views.common import (
    Namer,
    board_view,
    interval,
    localized,
    number,
    organizes,
    percent,
)
from ccaward.deliberation.wording import method_name, statement
from ccaward.engine.framework import fmt
from ccaward.judging.access import is_conflicted

KINDS = ("judge", "kpi", "mystery")


def _cell(line) -> dict:
    return {
        "raw": number(line.raw, 1),
        "adjusted": number(line.adjusted),
        "counted": line.counted,
        "changed": abs(line.adjusted - line.raw) > 1e-9,
    }


def _judged_rows(lines, judges: list[str]) -> list[dict]:
    """Step 1: each judged criterion with each judge's raw and adjusted score."""
    rows = []
    for line in lines:
        if not line.judges:
            continue
        by_judge = {j.judge: j for j in line.judges}
        rows.append(
            {
                "name": localized(line),
                "child": line.parent is not None,
                "cells": [_cell(by_judge[j]) if j in by_judge else None for j in judges],
                "combined": number(line.combined),
                "fallback": line.trim_fallback,
            }
        )
    return rows


def _blend_rows(lines) -> list[dict]:
    """Step 3: each criterion's evidence, blend, score, share and contribution."""
    rows = []
    for line in lines:
        kinds = {e.kind: e for e in line.evidence}
        rows.append(
            {
                "name": localized(line),
                "child": line.parent is not None,
                "reviews": number(line.percent, 1),
                "visit": number(line.visit, 1),
                "kinds": {
                    k: {
                        "score": number(kinds[k].score, 1),
                        "weight": fmt(kinds[k].weight),
                        "share": percent(kinds[k].share) if kinds[k].share else "—",
                    }
                    if k in kinds
                    else None
                    for k in KINDS
                },
                "own": number(line.own, 1),
                "score": number(line.score, 1),
                "share": percent(line.share),
                "contribution": number(line.contribution),
            }
        )
    return rows


def _judge_rows(se, judges: list[str], adjustments: dict) -> list[dict]:
    out = []
    for j in judges:
        effect = se.effect(j)
        own = adjustments.get(j, {})
        out.append(
            {
                "judge_mean": number(own.get("judge_mean")),
                "judge_sd": number(own.get("judge_sd")),
                "name": se.judges[j].name,
                "severity": number(effect.severity if effect else None),
                "severity_se": number(effect.severity_se if effect else None),
                "scale": number(effect.scale if effect else None),
                "scale_se": number(effect.scale_se if effect else None),
                "n": effect.n if effect else 0,
            }
        )
    return out


def _outliers(se, label: str) -> list[dict]:
    names = {crit.code: localized(crit) for _d, crit, _p in se.framework.criteria()}
    return [
        {
            "judge": se.judges[o.judge].name,
            "criterion": names.get(o.criterion, o.criterion),
            "score": number(o.score, 1),
            "expected": number(o.expected, 1),
            "z": number(o.z, 1),
        }
        for o in se.evaluation.reliability.outliers
        if o.entry == label
    ]


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
    ex = breakdown(se, label)
    if ex is None:
        raise Http404
    result = se.result(label)
    lines = criterion_lines(ex)
    adjustments = {j.judge: j.adjustment for line in lines for j in line.judges}
    shared = next(iter(adjustments.values()), {})
    judges = sorted(
        {j.judge for line in lines for j in line.judges}, key=lambda j: se.judges[j].name
    )
    return render(
        request,
        "deliberation/explain.html",
        {
            "season": season,
            "se": se,
            "ex": ex,
            "entry": entry,
            "name": Namer(request.user, season)(entry),
            "category": se.categories.get(result.category),
            "result": result,
            "total": number(ex.total),
            "rank_interval": interval(result.rank_interval),
            "p": percent(result.p_in_quota),
            "statement": statement(se),
            "method_name": method_name(
                se.policy.method if se.evaluation is None else se.evaluation.method
            ),
            "judges": _judge_rows(se, judges, adjustments),
            "centre": number(shared.get("centre")),
            "pooled_mean": number(shared.get("pooled_mean")),
            "pooled_sd": number(shared.get("pooled_sd")),
            "method": ex.method,
            "judged": _judged_rows(lines, judges),
            "criteria": _blend_rows(lines),
            "dimensions": [
                {
                    "name": localized(d),
                    "weight": fmt(d.weight),
                    "score": number(d.score),
                    "contribution": number(d.contribution),
                }
                for d in ex.dimensions
            ],
            "outliers": _outliers(se, label),
            "scale": ex.scale,
            "visit_weight": se.policy.visit_weight,
            "organizer": organizes(request.user, season),
            "adjusts": ex.method in ("zscore", "calibrated"),
            "drops": ex.method in ("trimmed", "median"),
        },
    )
