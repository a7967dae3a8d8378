"""What a season's totals are computed from (评分汇总的输入), read without writing:
the competing entries with their categories and quotas, the judges' submitted
scores as an `engine.scoring.ScoreTable`, and the other evidence per entry (site
visits, KPI benchmark scores) for `engine.scoring.evaluate.evaluate`.

Labels: a judge is their JudgeProfile's pk, an entry its Entry's pk, a category
its Category's pk, each as a string. The criteria are those of the season's
framework version in force that take a judge's score, in the framework's order.

- A review given on another scale than the judging policy's is converted
  linearly (low to low, high to high) and counted (`converted`).
- A score for a criterion the version in force no longer has is left out and
  counted (`left_out`); so is a review of an entry that no longer competes.
- A review whose judge has a conflict of interest with the entry (declared,
  detected and not yet decided, or confirmed: the statuses that keep a judge from
  the entry's evidence) does not count, even when submitted before the conflict
  came to light, and is counted (`conflicted`); a dismissed conflict counts again.
- Site visits (`visits.scores`, 0..100) are the `visit` evidence, KPI benchmark
  scores within the whole season (as the entry's KPI page shows them) the `kpi`
  evidence of the criteria that name an indicator.
- Mystery calls (电话暗访): the submitted cards of contacts not voided
  (`mystery.scores.framework_evidence`): a row per (contact, criterion) with the
  contact's total in `contacts` for the criteria the judges score too; the
  consistency criteria (一致性) take the entry's consistency score, and a
  criterion without judge weight its mean, as fixed "mystery" evidence. Without
  cards `contacts` is None and a criterion's mystery weight goes to the other kinds.

A fixed handful of queries per season, whatever the number of entries.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from ccaward.applications.enums import COMPETING
from ccaward.applications.models import Entry
from ccaward.engine import benchmark, review_scale
from ccaward.engine import framework as fw
from ccaward.engine.scoring import Contacts, Scale, ScoreTable
from ccaward.judging.enums import BLOCKING_STATUSES
from ccaward.judging.models import Conflict, JudgeProfile, JudgingPolicy
from ccaward.kpis.domain.board import position_scores
from ccaward.mystery.scores import framework_evidence
from ccaward.reviews.enums import ReviewStatus
from ccaward.reviews.models import Review
from ccaward.visits.scores import season_criterion_scores


@dataclass
class SeasonInputs:
    """Everything `evaluate` takes for a season, with the rows behind the labels."""

    version: object  # seasons.FrameworkVersion in force, or None
    framework: fw.Framework | None
    table: ScoreTable
    scale_key: str  # the judging policy's scale ("0-10", "1-5")
    entries: dict[str, Entry]  # by label, in the table's order
    judges: dict[str, JudgeProfile]
    categories: dict[str, object]  # seasons.Category by label, in the season's order
    groups: dict[str, str | None]  # entry label -> category label
    quotas: dict[str, int]  # category label -> quota (at most its entries)
    evidence: dict[str, dict[str, dict[str, Decimal]]] = field(default_factory=dict)
    contacts: Contacts | None = None  # mystery contacts (None: none)
    reviews: int = 0  # submitted reviews read
    converted: int = 0  # of which given on another scale and converted
    left_out: int = 0  # scores left out: a criterion the version in force lacks
    conflicted: int = 0  # reviews left out: their judge has a conflict with the entry
    mystery: bool = False  # whether mystery-call evidence exists


def label(pk) -> str:
    return str(pk)


def scale_of(key: str) -> Scale:
    spec = review_scale.spec(key)
    return Scale(float(spec.low), float(spec.high))


def convert(value: Decimal, source: str, target: str) -> float:
    """A score given on scale `source` as the same position on scale `target`."""
    if source == target:
        return float(value)
    a, b = review_scale.spec(source), review_scale.spec(target)
    share = (Decimal(value) - a.low) / (a.high - a.low)
    return float(b.low + share * (b.high - b.low))


def judged_criteria(framework: fw.Framework | None) -> list[str]:
    """The criteria a judge scores (a positive judge weight), in the framework's order."""
    if framework is None:
        return []
    return [
        crit.code
        for _dim, crit, _parent in framework.criteria()
        if crit.evidence.get("judge", Decimal(0)) > 0
    ]


def competing_entries(season) -> list[Entry]:
    """The entries that compete (submitted or accepted), by category and center name."""
    return list(
        Entry.objects.filter(season=season, status__in=COMPETING)
        .select_related("center__organization", "category")
        .order_by("category__position", "category_id", "center__name", "pk")
    )


def _rows(season, entries: dict[str, Entry], criteria: list[str], scale_key: str):
    """The score rows of the submitted reviews of competing entries, their judges
    (by pk, read with the reviews) and counts."""
    known = set(criteria)
    rows, judges = [], {}
    counts = {"reviews": 0, "converted": 0, "left_out": 0, "conflicted": 0}
    blocked = set(
        Conflict.objects.filter(season=season, status__in=BLOCKING_STATUSES).values_list(
            "judge_id", "entry_id"
        )
    )
    reviews = (
        Review.objects.filter(season=season, status=ReviewStatus.SUBMITTED)
        .select_related("judge")
        .only("entry_id", "judge", "scale", "scores")
    )
    for review in reviews.order_by("entry_id", "judge_id"):
        entry = label(review.entry_id)
        if entry not in entries:
            continue
        if (review.judge_id, review.entry_id) in blocked:
            counts["conflicted"] += 1
            continue
        counts["reviews"] += 1
        counts["converted"] += review.scale != scale_key
        for code, value in review.score_values().items():
            if code not in known:
                counts["left_out"] += 1
                continue
            judge = label(review.judge_id)
            judges[review.judge_id] = review.judge
            rows.append((judge, entry, code, convert(value, review.scale, scale_key)))
    return rows, judges, counts


def _evidence(season, entries: dict[str, Entry], framework: fw.Framework | None) -> dict:
    """{entry: {criterion: {"visit": 0..100, "kpi": 0..100}}} for the entries with any."""
    out: dict[str, dict[str, dict[str, Decimal]]] = {}
    if framework is None:
        return out
    codes = {crit.code for _dim, crit, _parent in framework.criteria()}
    for entry_id, scores in season_criterion_scores(season).items():
        mine = {c: {"visit": s.score} for c, s in scores.items() if c in codes}
        if label(entry_id) in entries and mine:
            out[label(entry_id)] = mine
    indicators = {crit.indicator for _d, crit, _p in framework.criteria() if crit.indicator}
    for entry_id, scores in position_scores(season, sorted(indicators)).items():
        if label(entry_id) not in entries:
            continue
        kpi = benchmark.criterion_evidence(framework, scores)
        for code, kinds in kpi.items():
            out.setdefault(label(entry_id), {}).setdefault(code, {}).update(kinds)
    return out


def quotas_of(categories: dict, entries: dict[str, Entry]) -> dict[str, int]:
    """Each category's quota for the rank confidence, at most its competing entries
    (a quota of 10 with 6 entries: every entry is within it); a category without
    entries has none."""
    sizes: dict[str, int] = {}
    for entry in entries.values():
        sizes[label(entry.category_id)] = sizes.get(label(entry.category_id), 0) + 1
    return {k: min(c.quota, sizes[k]) for k, c in categories.items() if sizes.get(k)}


def season_inputs(season) -> SeasonInputs:
    """The season's inputs to `evaluate` (see the module's doc). Writes nothing."""
    policy = JudgingPolicy.objects.filter(season=season).first() or JudgingPolicy(season=season)
    version = season.current_framework()
    framework = version.to_engine() if version is not None else None
    criteria = judged_criteria(framework)
    entries = {label(e.pk): e for e in competing_entries(season)}
    categories = {label(c.pk): c for c in season.categories.all()}
    rows, judge_rows, counts = _rows(season, entries, criteria, policy.scale)
    table = ScoreTable.from_rows(
        rows, scale=scale_of(policy.scale), criteria=criteria, entries=list(entries)
    )
    judges = {label(pk): j for pk, j in judge_rows.items()}
    evidence = _evidence(season, entries, framework)
    contacts, mystery = None, {}
    if framework is not None:
        contacts, mystery = framework_evidence(
            season, framework, entries=list(table.entries), criteria=list(table.criteria)
        )
    for entry, codes in mystery.items():
        for code, kinds in codes.items():
            evidence.setdefault(entry, {}).setdefault(code, {}).update(kinds)
    return SeasonInputs(
        version=version,
        framework=framework,
        table=table,
        scale_key=policy.scale,
        entries=entries,
        judges={j: judges[j] for j in table.judges},
        categories=categories,
        groups={k: label(e.category_id) for k, e in entries.items()},
        quotas=quotas_of(categories, entries),
        evidence=evidence,
        contacts=contacts,
        mystery=contacts is not None or bool(mystery),
        **counts,
    )
