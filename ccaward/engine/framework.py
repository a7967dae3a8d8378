"""The weighted evaluation framework (评价体系) as plain data, with its rules.

A framework has dimensions (一级指标) with a weight in percent that sum to
exactly 100, and each dimension has criteria (二级指标), which may have
sub-items (e.g. 质量绩效 -> 接通率 ...). Every criterion is scored 0..100 from
kinds of evidence (judge, kpi, mystery) blended with weights that sum to 100.

    criterion score   = sum(evidence weight x evidence score) / 100
                        (a criterion with sub-items: the mean of its own blended
                        score and its sub-items' scores, each counted once)
    dimension score   = weighted mean of its criteria (equal weights by default)
    total             = sum(dimension weight x dimension score) / 100

All arithmetic is Decimal; nothing here imports Django.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from ccaward.engine.indicators import INDICATORS

HUNDRED = Decimal(100)
EVIDENCE_KINDS = ("judge", "kpi", "mystery")
# the indicators a criterion's KPI evidence can come from: those the benchmark scores
SCORED_INDICATORS: tuple[str, ...] = tuple(k for k, i in INDICATORS.items() if i.direction)
SCORE_PLACES = Decimal("0.01")


@dataclass(frozen=True)
class Criterion:
    code: str
    name_zh: str
    name_en: str = ""
    description_zh: str = ""
    description_en: str = ""
    evidence: Mapping[str, Decimal] = field(default_factory=lambda: {"judge": HUNDRED})
    indicator: str | None = None
    weight: Decimal | None = None  # within its dimension; None = equal share
    children: tuple[Criterion, ...] = ()


@dataclass(frozen=True)
class Dimension:
    code: str
    name_zh: str
    name_en: str
    weight: Decimal
    criteria: tuple[Criterion, ...]
    description_zh: str = ""
    description_en: str = ""


@dataclass(frozen=True)
class Framework:
    dimensions: tuple[Dimension, ...]
    key: str = ""
    name_zh: str = ""
    name_en: str = ""

    def criteria(self) -> Iterable[tuple[Dimension, Criterion, Criterion | None]]:
        """Every criterion with its dimension and parent (None for a top-level one)."""
        for dim in self.dimensions:
            for crit in dim.criteria:
                yield dim, crit, None
                for child in crit.children:
                    yield dim, child, crit


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a framework; `code` is machine-readable, `path` locates it."""

    code: str
    path: str
    message: str
    params: Mapping[str, str] = field(default_factory=dict)

    def as_dict(self) -> dict:
        return {"code": self.code, "path": self.path, "message": self.message, **self.params}


class FrameworkInvalid(ValueError):
    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("; ".join(p.message for p in problems))


def to_decimal(value: object, *, where: str) -> Decimal:
    """Parse a weight or score exactly; floats are refused to keep sums exact."""
    if isinstance(value, Decimal):
        result = value
    elif isinstance(value, int | str) and not isinstance(value, bool):
        try:
            result = Decimal(str(value).strip())
        except InvalidOperation:
            raise ValueError(f"{where}: {value!r} is not a number") from None
    else:
        raise ValueError(f"{where}: {value!r} is not a decimal number")
    if not result.is_finite():
        raise ValueError(f"{where}: {value!r} is not a finite number")
    return result


def weight_total(dimensions: Iterable[Dimension]) -> Decimal:
    return sum((d.weight for d in dimensions), Decimal(0))


def _weights_problems(framework: Framework) -> list[Problem]:
    """The framework has dimensions, and their weights sum to 100."""
    problems = []
    if not framework.dimensions:
        problems.append(Problem("no_dimensions", "dimensions", "The framework has no dimensions."))
    total = weight_total(framework.dimensions)
    if framework.dimensions and total != HUNDRED:
        diff = total - HUNDRED
        problems.append(
            Problem(
                "weights_sum",
                "dimensions",
                f"Dimension weights sum to {fmt(total)}, not 100 ({fmt_signed(diff)}).",
                {"sum": fmt(total), "difference": fmt_signed(diff)},
            )
        )
    return problems


def _dimension_problems(i: int, dim: Dimension, seen: set[str]) -> list[Problem]:
    """One dimension: named, weighted within 0..100, with criteria whose weights (when
    given) sum to 100, and a code not used before (`seen`, which it joins)."""
    path = f"dimensions[{i}]"
    name = dim.name_zh or str(i + 1)
    problems = []
    if not dim.name_zh.strip():
        problems.append(
            Problem(
                "name_missing",
                path,
                f"Dimension {i + 1} has no Chinese name.",
                {"name": str(i + 1)},
            )
        )
    if dim.weight < 0 or dim.weight > HUNDRED:
        problems.append(
            Problem(
                "weight_range",
                path,
                f"Dimension {name}: weight {fmt(dim.weight)} is outside 0..100.",
                {"name": name, "value": fmt(dim.weight)},
            )
        )
    if not dim.criteria:
        problems.append(
            Problem("no_criteria", path, f"Dimension {name} has no criteria.", {"name": name})
        )
    if any(c.weight is not None for c in dim.criteria):
        cw = sum((c.weight or Decimal(0) for c in dim.criteria), Decimal(0))
        if cw != HUNDRED:
            problems.append(
                Problem(
                    "criterion_weights_sum",
                    path,
                    f"Criterion weights in {dim.name_zh} sum to {fmt(cw)}, not 100.",
                    {"sum": fmt(cw), "name": dim.name_zh},
                )
            )
    if dim.code in seen:
        problems.append(
            Problem("duplicate_code", path, f"Code {dim.code!r} is used twice.", {"name": dim.code})
        )
    seen.add(dim.code)
    return problems


def _criterion_problems(crit: Criterion, path: str, seen: set[str]) -> list[Problem]:
    """One criterion: a code not used before (`seen`, which it joins) and a name."""
    problems = []
    if crit.code in seen:
        problems.append(
            Problem(
                "duplicate_code",
                path,
                f"Code {crit.code!r} is used twice.",
                {"name": crit.code},
            )
        )
    seen.add(crit.code)
    if not crit.name_zh.strip():
        problems.append(
            Problem(
                "name_missing",
                path,
                f"Criterion {crit.code} has no Chinese name.",
                {"name": crit.code},
            )
        )
    return problems


def _evidence_problems(crit: Criterion, path: str) -> list[Problem]:
    """A criterion's evidence: known kinds, weights that are not negative and sum to
    100, and an indicator when KPI evidence counts."""
    problems = []
    name = {"name": crit.name_zh}
    unknown = sorted(set(crit.evidence) - set(EVIDENCE_KINDS))
    if unknown:
        problems.append(
            Problem(
                "evidence_kind",
                path,
                f"{crit.name_zh}: unknown evidence kind {', '.join(unknown)}; "
                f"use {', '.join(EVIDENCE_KINDS)}.",
                {**name, "value": ", ".join(unknown)},
            )
        )
    ev_total = sum(crit.evidence.values(), Decimal(0))
    if ev_total != HUNDRED:
        problems.append(
            Problem(
                "evidence_sum",
                path,
                f"{crit.name_zh}: evidence weights sum to {fmt(ev_total)}, not 100.",
                {"sum": fmt(ev_total), **name},
            )
        )
    if any(w < 0 for w in crit.evidence.values()):
        problems.append(
            Problem("evidence_negative", path, f"{crit.name_zh}: negative weight.", name)
        )
    if crit.evidence.get("kpi", Decimal(0)) > 0 and not crit.indicator:
        problems.append(
            Problem(
                "indicator_missing", path, f"{crit.name_zh}: KPI evidence needs an indicator.", name
            )
        )
    if crit.indicator and crit.indicator not in SCORED_INDICATORS:
        problems.append(
            Problem(
                "indicator_unknown",
                path,
                f"{crit.name_zh}: {crit.indicator} is not a scored indicator of the catalogue.",
                {**name, "value": crit.indicator},
            )
        )
    return problems


def validate(framework: Framework) -> list[Problem]:
    """Every rule a framework must satisfy before it can be used for scoring."""
    problems = _weights_problems(framework)
    seen: set[str] = set()  # dimension and criterion codes, unique across the framework
    for i, dim in enumerate(framework.dimensions):
        problems += _dimension_problems(i, dim, seen)
    for dim, crit, parent in framework.criteria():
        path = f"{dim.code}.{parent.code + '.' if parent else ''}{crit.code}"
        problems += _criterion_problems(crit, path, seen)
        problems += _evidence_problems(crit, path)
    return problems


def check(framework: Framework) -> Framework:
    problems = validate(framework)
    if problems:
        raise FrameworkInvalid(problems)
    return framework


def blend(evidence: Mapping[str, Decimal], scores: Mapping[str, Decimal | None]) -> Decimal | None:
    """A criterion's score from its evidence scores; a missing kind's weight is
    shared among the kinds that are present. None when no evidence is present."""
    present = {k: w for k, w in evidence.items() if w > 0 and scores.get(k) is not None}
    weight = sum(present.values(), Decimal(0))
    if not weight:
        return None
    return sum((w * _score(scores[k], k) for k, w in present.items()), Decimal(0)) / weight


def _score(value: Decimal | None, where: str) -> Decimal:
    value = to_decimal(value, where=where)
    if value < 0 or value > HUNDRED:
        raise ValueError(f"{where}: score {value} is outside 0..100")
    return value


@dataclass(frozen=True)
class DimensionResult:
    code: str
    weight: Decimal
    score: Decimal | None
    contribution: Decimal | None
    criteria: Mapping[str, Decimal | None]


@dataclass(frozen=True)
class TotalResult:
    total: Decimal | None
    dimensions: tuple[DimensionResult, ...]
    complete: bool  # every criterion had a score

    def as_dict(self) -> dict:
        def q(v: Decimal | None) -> str | None:
            return None if v is None else str(v.quantize(SCORE_PLACES, ROUND_HALF_UP))

        return {
            "total": q(self.total),
            "complete": self.complete,
            "dimensions": [
                {
                    "code": d.code,
                    "weight": fmt(d.weight),
                    "score": q(d.score),
                    "contribution": q(d.contribution),
                    "criteria": {k: q(v) for k, v in d.criteria.items()},
                }
                for d in self.dimensions
            ],
        }


def criterion_score(
    crit: Criterion, evidence_scores: Mapping[str, Mapping[str, Decimal | None]]
) -> Decimal | None:
    own = blend(crit.evidence, evidence_scores.get(crit.code, {}))
    if not crit.children:
        return own
    parts = [criterion_score(c, evidence_scores) for c in crit.children]
    parts.append(own)
    present = [p for p in parts if p is not None]
    return sum(present, Decimal(0)) / len(present) if present else None


def weighted_total(
    framework: Framework, evidence_scores: Mapping[str, Mapping[str, Decimal | None]]
) -> TotalResult:
    """The entry's total from per-criterion evidence scores.

    `evidence_scores` maps a criterion code to {evidence kind: score 0..100}.
    A dimension with no scored criterion contributes nothing and marks the
    result incomplete; the total is then still the sum of what is known.
    """
    check(framework)
    results = []
    complete = True
    for dim in framework.dimensions:
        scores: dict[str, Decimal | None] = {}
        for crit in dim.criteria:
            scores[crit.code] = criterion_score(crit, evidence_scores)
            for child in crit.children:
                if blend(child.evidence, evidence_scores.get(child.code, {})) is None:
                    complete = False
        known = [
            (crit.weight if crit.weight is not None else Decimal(1), scores[crit.code])
            for crit in dim.criteria
            if scores[crit.code] is not None
        ]
        if len(known) < len(dim.criteria):
            complete = False
        if known:
            wsum = sum((w for w, _ in known), Decimal(0))
            dscore = sum((w * s for w, s in known), Decimal(0)) / wsum if wsum else None
        else:
            dscore = None
        contribution = None if dscore is None else dim.weight * dscore / HUNDRED
        results.append(DimensionResult(dim.code, dim.weight, dscore, contribution, scores))
    contributions = [r.contribution for r in results if r.contribution is not None]
    total = sum(contributions, Decimal(0)) if contributions else None
    return TotalResult(total, tuple(results), complete)


def fmt(value: Decimal) -> str:
    """A weight for people: 15, 12.5 (no trailing zeros, no exponent)."""
    text = format(value.normalize(), "f")
    return text


def fmt_signed(value: Decimal) -> str:
    return ("+" if value > 0 else "") + fmt(value)


def from_data(data: Mapping) -> Framework:
    """Build a framework from the shipped data-file shape (see seasons/data/)."""

    def crit(c: Mapping, where: str) -> Criterion:
        return Criterion(
            code=c["code"],
            name_zh=c["name"]["zh"],
            name_en=c["name"].get("en", ""),
            description_zh=(c.get("description") or {}).get("zh", ""),
            description_en=(c.get("description") or {}).get("en", ""),
            evidence={
                k: to_decimal(v, where=f"{where}.evidence.{k}")
                for k, v in (c.get("evidence") or {"judge": "100"}).items()
            },
            indicator=c.get("indicator"),
            weight=None
            if c.get("weight") is None
            else to_decimal(c["weight"], where=f"{where}.weight"),
            children=tuple(crit(ch, f"{where}.{ch.get('code')}") for ch in c.get("children") or ()),
        )

    dims = []
    for d in data["dimensions"]:
        where = str(d.get("code"))
        dims.append(
            Dimension(
                code=d["code"],
                name_zh=d["name"]["zh"],
                name_en=d["name"].get("en", ""),
                weight=to_decimal(d["weight"], where=f"{where}.weight"),
                description_zh=(d.get("description") or {}).get("zh", ""),
                description_en=(d.get("description") or {}).get("en", ""),
                criteria=tuple(crit(c, f"{where}.{c.get('code')}") for c in d["criteria"]),
            )
        )
    name = data.get("name") or {}
    return Framework(
        dimensions=tuple(dims),
        key=data.get("key", ""),
        name_zh=name.get("zh", ""),
        name_en=name.get("en", ""),
    )


def to_data(framework: Framework) -> dict:
    """The framework in the data-file shape (`from_data` reads it back)."""

    def text(zh: str, en: str) -> dict:
        return {"zh": zh, "en": en}

    def crit(c: Criterion) -> dict:
        out = {
            "code": c.code,
            "name": text(c.name_zh, c.name_en),
            "description": text(c.description_zh, c.description_en),
            "evidence": {k: fmt(v) for k, v in c.evidence.items() if v},
            "indicator": c.indicator,
        }
        if c.weight is not None:
            out["weight"] = fmt(c.weight)
        if c.children:
            out["children"] = [crit(ch) for ch in c.children]
        return out

    return {
        "key": framework.key,
        "name": text(framework.name_zh, framework.name_en),
        "dimensions": [
            {
                "code": d.code,
                "name": text(d.name_zh, d.name_en),
                "description": text(d.description_zh, d.description_en),
                "weight": fmt(d.weight),
                "criteria": [crit(c) for c in d.criteria],
            }
            for d in framework.dimensions
        ],
    }
