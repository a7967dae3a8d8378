"""An evaluation as `ccaward score` writes it: JSON (entries by rank, ties stated)
or CSV (one row per entry); an explanation as JSON or CSV (one row per criterion).
Numbers are rounded for reading: totals and dimension scores to 0.01 (the
precision ties are decided at), scores on the judges' scale and statistics to 4
places."""

from __future__ import annotations

import csv
import io
import math

from ccaward.engine.framework import Framework
from ccaward.engine.scoring.csvin import judged_criteria
from ccaward.engine.scoring.explain import Explanation
from ccaward.engine.scoring.results import Evaluation
from ccaward.engine.scoring.table import ScoreTable
from ccaward.engine.scoring.totals import shown

PLACES = 4


def _r(value, places: int = PLACES):
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return None
    return round(float(value), places)


def _d(value):
    return None if value is None else float(shown(value))


def _judges(evaluation: Evaluation, table: ScoreTable) -> list[dict]:
    effects = {j.judge: j for j in evaluation.judges}
    counts = {}
    for j in table.judge.tolist():
        counts[table.judges[j]] = counts.get(table.judges[j], 0) + 1
    out = []
    for label in table.judges:
        j = effects.get(label)
        out.append(
            {
                "judge": label,
                "severity": None if j is None else _r(j.severity),
                "scale": None if j is None else _r(j.scale),
                "severity_se": None if j is None else _r(j.severity_se),
                "scale_se": None if j is None else _r(j.scale_se),
                "scores": counts.get(label, 0),
            }
        )
    return out


def _ties(evaluation: Evaluation) -> list[dict]:
    groups: dict[tuple, list[str]] = {}
    for r in evaluation.entries:
        if r.tied:
            groups.setdefault((r.category, r.rank), []).append(r.entry)
    return [
        {"category": category, "rank": rank, "entries": entries}
        for (category, rank), entries in groups.items()
    ]


def as_json(evaluation: Evaluation, framework: Framework, table: ScoreTable) -> dict:
    """The evaluation in the shape of `ccaward score`'s JSON."""
    codes = [code for code, judged in judged_criteria(framework).items() if judged]
    rel = evaluation.reliability
    return {
        "method": evaluation.method,
        "scale": evaluation.scale,
        "bootstrap": evaluation.bootstrap,
        "seed": evaluation.seed,
        "quota": evaluation.quotas.get(None),
        "entries": [
            {
                "entry": r.entry,
                "total": _d(r.total),
                "rank": r.rank,
                "tied": r.tied,
                "complete": r.complete,
                "criteria": {code: _r(r.criteria.get(code)) for code in codes},
                "dimensions": {code: _d(score) for code, score in r.dimensions.items()},
                "rank_interval": None if r.rank_interval is None else list(r.rank_interval),
                "p_in_quota": _r(r.p_in_quota),
                "uncertain": r.uncertain,
            }
            for r in evaluation.entries
        ],
        "ties": _ties(evaluation),
        "judges": _judges(evaluation, table),
        "alpha": {
            "overall": _r(rel.alpha_overall),
            "criteria": {code: _r(rel.alpha_criteria.get(code)) for code in codes},
        },
        # alpha overall once each judge's severity and scale are taken out
        "alpha_adjusted": _r(rel.alpha_adjusted),
        "outliers": [
            {
                "judge": o.judge,
                "entry": o.entry,
                "criterion": o.criterion,
                "score": _r(o.score),
                "expected": _r(o.expected),
                "z": _r(o.z, 2),
            }
            for o in rel.outliers
        ],
        "disagreements": [
            {
                "entry": d.entry,
                "spread": _r(d.spread),
                "typical": _r(d.typical),
                "ratio": _r(d.ratio, 2),
            }
            for d in rel.disagreements
        ],
        "notes": list(evaluation.notes),
    }


def judges_only_note(framework: Framework) -> str | None:
    """What scoring from judges' scores alone means for this framework (`ccaward
    score` reads no KPI, mystery-call or site-visit evidence)."""
    shared, unscored = [], []
    for _dim, crit, _parent in framework.criteria():
        others = [k for k, w in crit.evidence.items() if w > 0 and k != "judge"]
        if others:
            (shared if crit.evidence.get("judge", 0) > 0 else unscored).append(crit.code)
    if not shared and not unscored:
        return None
    text = "Only judges' scores are read: KPI, mystery-call and site-visit evidence is missing."
    if shared:
        text += f" The judges' score carries the whole weight of {', '.join(shared)}."
    if unscored:
        text += (
            f" {', '.join(unscored)} "
            + (
                "takes no judges' scores and counts"
                if len(unscored) == 1
                else "take no judges' scores and count"
            )
            + " as unscored, so entries are marked incomplete."
        )
    return text


def _csv(header: list[str], rows: list[list]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(["" if v is None else v for v in row] for row in rows)
    return buffer.getvalue()


def as_csv(evaluation: Evaluation, framework: Framework) -> str:
    """One row per entry by rank: its place, total, rank confidence, the method and
    scale, then each judged criterion's combined score and each dimension's score."""
    codes = [code for code, judged in judged_criteria(framework).items() if judged]
    dims = [d.code for d in framework.dimensions]
    header = [
        "rank",
        "entry",
        "total",
        "tied",
        "complete",
        "rank_low",
        "rank_high",
        "p_in_quota",
        "uncertain",
        "method",
        "scale",
        *codes,
        *dims,
    ]
    rows = []
    for r in evaluation.entries:
        low, high = r.rank_interval or (None, None)
        rows.append(
            [
                r.rank,
                r.entry,
                None if r.total is None else str(shown(r.total)),
                "yes" if r.tied else "no",
                "yes" if r.complete else "no",
                low,
                high,
                _r(r.p_in_quota),
                "yes" if r.uncertain else "no",
                evaluation.method,
                evaluation.scale,
                *(_r(r.criteria.get(code)) for code in codes),
                *(
                    None if r.dimensions.get(d) is None else str(shown(r.dimensions[d]))
                    for d in dims
                ),
            ]
        )
    return _csv(header, rows)


def explanation_csv(explanation: Explanation) -> str:
    """One row per criterion (sub-items after their criterion) with its evidence
    blend and contribution; the judges' scores as judge=raw>adjusted pairs."""
    header = [
        "dimension",
        "criterion",
        "parent",
        "judges",
        "combined",
        "percent",
        "visit",
        "evidence",
        "score",
        "share",
        "contribution",
    ]
    rows = []
    for dim in explanation.dimensions:
        stack = list(dim.criteria)
        while stack:
            crit = stack.pop(0)
            stack[:0] = crit.children
            rows.append(
                [
                    dim.code,
                    crit.code,
                    crit.parent,
                    " ".join(
                        f"{j.judge}={j.raw:g}>{j.adjusted:.4g}{'' if j.counted else '(not counted)'}"
                        for j in crit.judges
                    ),
                    _r(crit.combined),
                    _r(crit.percent, 6),
                    _r(crit.visit, 6),
                    " ".join(
                        f"{e.kind}:{'-' if e.score is None else e.score}x{_r(e.share)}"
                        for e in crit.evidence
                    ),
                    _r(crit.score, 6),
                    _r(crit.share, 6),
                    _r(crit.contribution, 6),
                ]
            )
    return _csv(header, rows)
