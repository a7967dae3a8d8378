"""Reliability (评分信度): Krippendorff's alpha overall and per criterion with what
the value means, each judge's severity and scale with their uncertainty, the
scores far from what the model expects of their judge, and the entries on which
the judges disagree widely. Shown to the panel, not hidden in a file."""

from __future__ import annotations

from django.shortcuts import render
from django.utils.translation import pgettext
from django.views.decorators.http import require_GET

from ccaward.deliberation.domain.evaluation import season_evaluation
from ccaward.deliberation.views.common import (
    Namer,
    board_view,
    conflicted_entries,
    localized,
    number,
    organizes,
)
from ccaward.deliberation.wording import method_name, statement

# Krippendorff (2004): alpha >= 0.800 reliable; >= 0.667 for tentative conclusions only
RELIABLE = 0.800
TENTATIVE = 0.667


def meaning(alpha) -> tuple[str, str]:
    """(css class, words) of an alpha value."""
    if alpha is None:
        return "muted", pgettext("reliability", "Too few scores to tell")
    if alpha >= RELIABLE:
        return "ok", pgettext("reliability", "Reliable")
    if alpha >= TENTATIVE:
        return "warn", pgettext("reliability", "Tentative: draw conclusions with care")
    return "bad", pgettext("reliability", "Unreliable: the judges do not agree enough")


def _alpha(value) -> dict:
    css, words = meaning(value)
    return {"value": number(value, 3), "css": css, "words": words}


def _judges(se) -> list[dict]:
    rows = []
    for effect in se.evaluation.judges:
        judge = se.judges.get(effect.judge)
        rows.append(
            {
                "name": judge.name if judge else effect.judge,
                "severity": number(effect.severity),
                "severity_se": number(effect.severity_se),
                "scale": number(effect.scale),
                "scale_se": number(effect.scale_se),
                "n": effect.n,
                "residual": number(effect.residual_sd),
                "group": effect.component + 1,
                "harsh": effect.severity < 0,
            }
        )
    return rows


def context(se, request) -> dict:
    season = request.season
    namer = Namer(request.user, season)
    conflicted = conflicted_entries(request.user, season)
    ev = se.evaluation
    out = {
        "season": season,
        "se": se,
        "statement": statement(se),
        "method_name": method_name(
            se.policy.method if se.evaluation is None else se.evaluation.method
        ),
        "organizer": organizes(request.user, season),
        "thresholds": (f"{RELIABLE:.3f}", f"{TENTATIVE:.3f}"),
    }
    if ev is None:
        return out
    names = {crit.code: localized(crit) for _d, crit, _p in se.framework.criteria()}

    def entry(label):
        e = se.entries[label]
        return {"name": namer(e), "pk": e.pk, "linked": e.pk not in conflicted}

    rel = ev.reliability
    out.update(
        {
            "overall": _alpha(rel.alpha_overall),
            "adjusted": None if rel.alpha_adjusted is None else _alpha(rel.alpha_adjusted),
            "criteria": [
                {"name": names.get(code, code), **_alpha(value)}
                for code, value in rel.alpha_criteria.items()
            ],
            "judges": _judges(se),
            "outliers": [
                {
                    "judge": se.judges[o.judge].name if o.judge in se.judges else o.judge,
                    "entry": entry(o.entry),
                    "criterion": names.get(o.criterion, o.criterion),
                    "score": number(o.score, 1),
                    "expected": number(o.expected, 1),
                    "z": number(o.z, 1),
                }
                for o in rel.outliers
            ],
            "disagreements": [
                {
                    "entry": entry(d.entry),
                    "spread": number(d.spread),
                    "typical": number(d.typical),
                    "ratio": number(d.ratio, 1),
                }
                for d in rel.disagreements
            ],
            "groups": [
                {
                    "n": c.index + 1,
                    "judges": "、".join(se.judges[j].name for j in c.judges if j in se.judges),
                    "entries": len(c.entries),
                }
                for c in ev.components
            ]
            if se.disconnected
            else [],
        }
    )
    return out


@require_GET
@board_view
def reliability(request, season):
    se = season_evaluation(season)
    return render(request, "deliberation/reliability.html", context(se, request))
