"""evaluate(...) -> Evaluation: a season's or a score file's judges' scores and
other evidence turned into totals, ranks, reliability and rank confidence in one
call (the platform's totals and `ccaward score` both call it).

Steps: the inputs are checked (nothing is computed from a partial input); the
judges' scores are combined by the method (`combine.combine`); the mystery
contacts are averaged per cell; each entry's Decimal total and rank within its
category (`totals.py`); reliability (`reliability.reliability`); with `bootstrap`
resamples, each entry's 90% rank interval and probability within its category's
quota (`bootstrap.rank_confidence` through `linear.linearise`); notes on what the
reader must know (trimmed falling back to the mean, a disconnected design).
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

import numpy as np

from ccaward.engine.framework import HUNDRED, Framework, check
from ccaward.engine.scoring.bootstrap import rank_confidence
from ccaward.engine.scoring.combine import combine
from ccaward.engine.scoring.linear import linearise
from ccaward.engine.scoring.reliability import reliability
from ccaward.engine.scoring.results import Combined, Contacts, EntryResult, Evaluation
from ccaward.engine.scoring.table import DEFAULT_METHOD, TRIM_MIN_JUDGES, ScoreTable
from ccaward.engine.scoring.totals import Evidence, ordered, totals

EVIDENCE_KEYS = ("kpi", "visit", "mystery")


def _check_evidence(evidence: Evidence, table: ScoreTable, codes: set[str]) -> None:
    entries = set(table.entries)
    for entry, criteria in evidence.items():
        if entry not in entries:
            raise ValueError(f"evidence: entry {entry!r} is not in the score table")
        for code, kinds in criteria.items():
            if code not in codes:
                raise ValueError(f"evidence of {entry!r}: {code!r} is not a criterion")
            for kind, value in kinds.items():
                if kind not in EVIDENCE_KEYS:
                    raise ValueError(
                        f"evidence of {entry!r}, {code}: unknown kind {kind!r} "
                        f"(expected {', '.join(EVIDENCE_KEYS)})"
                    )
                if value is not None and not (
                    isinstance(value, Decimal) and value.is_finite() and 0 <= value <= HUNDRED
                ):
                    raise ValueError(
                        f"evidence of {entry!r}, {code}, {kind}: {value!r} is not a Decimal 0..100"
                    )


def _check_contacts(contacts: Contacts, table: ScoreTable) -> None:
    n_e, n_c = len(table.entries), len(table.criteria)
    arrays = (contacts.contact, contacts.entry, contacts.criterion, contacts.score)
    if len({len(a) for a in arrays}) != 1:
        raise ValueError("contacts: contact, entry, criterion and score differ in length")
    if len(contacts.score) == 0:
        return
    if contacts.entry.min() < 0 or contacts.entry.max() >= n_e:
        raise ValueError("contacts: an entry index is outside the score table's entries")
    if contacts.criterion.min() < 0 or contacts.criterion.max() >= n_c:
        raise ValueError("contacts: a criterion index is outside the score table's criteria")
    score = np.asarray(contacts.score, dtype=float)
    if not np.all(np.isfinite(score) & (score >= 0) & (score <= 100)):
        raise ValueError("contacts: a score is outside 0..100")
    owner: dict[int, int] = {}
    for contact, entry in zip(contacts.contact.tolist(), contacts.entry.tolist(), strict=True):
        if owner.setdefault(contact, entry) != entry:
            raise ValueError(f"contacts: contact {contact} belongs to two entries")


def _check_quotas(quotas: Mapping, groups: list[str | None]) -> None:
    sizes: dict[str | None, int] = {}
    for group in groups:
        sizes[group] = sizes.get(group, 0) + 1
    for category, quota in quotas.items():
        name = "the entries" if category is None else f"category {category!r}"
        if isinstance(quota, bool) or not isinstance(quota, int | np.integer) or quota < 1:
            raise ValueError(f"quota of {name}: {quota!r} is not a whole number of at least 1")
        if quota > sizes.get(category, 0):
            raise ValueError(
                f"quota of {name}: {quota} is larger than its {sizes.get(category, 0)} entries"
            )


def check_inputs(
    table: ScoreTable,
    framework: Framework,
    *,
    categories: Mapping[str, str | None],
    quotas: Mapping[str | None, int],
    evidence: Evidence,
    contacts: Contacts | None,
    visit_weight: float,
    bootstrap: int,
) -> None:
    """ValueError (FrameworkInvalid for the framework) naming the first input that
    cannot be evaluated."""
    check(framework)
    codes = {crit.code for _dim, crit, _parent in framework.criteria()}
    unknown = [c for c in table.criteria if c not in codes]
    if unknown:
        raise ValueError(f"criterion {unknown[0]!r} of the score table is not in the framework")
    stray = [e for e in categories if e not in set(table.entries)]
    if stray:
        raise ValueError(f"categories: entry {stray[0]!r} is not in the score table")
    _check_evidence(evidence, table, codes)
    if contacts is not None:
        _check_contacts(contacts, table)
    if not 0 <= visit_weight <= 100:
        raise ValueError(f"visit_weight {visit_weight!r} is outside 0..100")
    if isinstance(bootstrap, bool) or not isinstance(bootstrap, int) or bootstrap < 0:
        raise ValueError(f"bootstrap {bootstrap!r}: a whole number of resamples, 0 for none")
    _check_quotas(quotas, [categories.get(e) for e in table.entries])


def mystery_means(contacts: Contacts | None, table: ScoreTable) -> np.ndarray | None:
    """(E, C) mean mystery score of each cell's contacts (NaN where none), or None."""
    if contacts is None:
        return None
    n_cells = len(table.entries) * len(table.criteria)
    cell = contacts.entry * len(table.criteria) + contacts.criterion
    count = np.bincount(cell, minlength=n_cells)
    total = np.bincount(cell, weights=contacts.score, minlength=n_cells)
    with np.errstate(invalid="ignore", divide="ignore"):
        means = np.where(count > 0, total / np.maximum(count, 1), np.nan)
    return means.reshape(len(table.entries), len(table.criteria))


def notes(combined: Combined) -> list[str]:
    """What the reader of the totals must know about how they were combined."""
    out = []
    if combined.method == "trimmed" and combined.trim_fallback:
        out.append(
            f"trimmed: {combined.trim_fallback} scored criteria of entries had fewer than "
            f"{TRIM_MIN_JUDGES} judges, so the highest and lowest scores were not dropped "
            "there and the mean was taken instead."
        )
    parts = len(combined.components)
    if parts > 1:
        out.append(
            f"The design is disconnected into {parts} parts: groups of judges who share no "
            "entry with the others. Within a part the judges' severity is compared through "
            "the entries they share; comparisons across parts assume that their judges are "
            "on average equally severe."
        )
    return out


def _confidence(
    results: list[EntryResult],
    table: ScoreTable,
    framework: Framework,
    combined: Combined,
    *,
    quotas: Mapping,
    evidence: Evidence,
    contacts: Contacts | None,
    mystery: np.ndarray | None,
    visit_weight: float,
    bootstrap: int,
    seed: int,
) -> None:
    """Set each entry's rank interval, probability within its quota and flag."""
    linear = linearise(
        framework,
        table,
        judge_present=~np.isnan(combined.values),
        evidence=evidence,
        mystery_present=None if mystery is None else ~np.isnan(mystery),
        visit_weight=visit_weight,
    )
    intervals, p_in, uncertain = rank_confidence(
        table,
        combined,
        linear,
        groups=[r.category for r in results],
        quotas=dict(quotas),
        n=bootstrap,
        seed=seed,
        contacts=contacts,
    )
    for e, r in enumerate(results):
        if r.total is None:
            continue
        r.rank_interval = (int(intervals[e, 0]), int(intervals[e, 1]))
        if r.category in quotas and np.isfinite(p_in[e]):
            r.p_in_quota = float(p_in[e])
            r.uncertain = bool(uncertain[e])


def evaluate(
    table: ScoreTable,
    framework: Framework,
    *,
    method: str = DEFAULT_METHOD,
    categories: Mapping[str, str | None] | None = None,
    quotas: Mapping[str | None, int] | None = None,
    evidence: Evidence | None = None,
    contacts: Contacts | None = None,
    visit_weight: float = 50,
    bootstrap: int = 1000,
    seed: int = 0,
) -> Evaluation:
    """Totals, ranks, reliability and rank confidence of the table's entries.

    `table`: the judges' scores, its criteria codes of `framework` (entries no
    judge scored added with `ScoreTable.from_rows(entries=...)`); `categories`:
    {entry: category label} (an entry not named is in no category, None); `quotas`:
    {category (None for the entries without one): how many are awarded};
    `evidence`: {entry: {criterion: {"kpi" | "visit" | "mystery": Decimal 0..100}}}
    (a visit is mixed into the judges' evidence by `visit_weight`, the visit's
    percent; a "mystery" there is used where the cell has no `contacts`);
    `bootstrap`: resamples for rank confidence (0: none), seeded by `seed`.
    Entries come by category (in the order `categories` names them first) and rank.
    ValueError (FrameworkInvalid for the framework) names an input that cannot be
    evaluated; nothing is computed then."""
    categories = dict(categories or {})
    quotas = dict(quotas or {})
    evidence = evidence or {}
    check_inputs(
        table,
        framework,
        categories=categories,
        quotas=quotas,
        evidence=evidence,
        contacts=contacts,
        visit_weight=visit_weight,
        bootstrap=bootstrap,
    )
    combined = combine(table, method)
    mystery = mystery_means(contacts, table)
    results = totals(
        framework,
        table,
        combined.values,
        categories=categories,
        evidence=evidence,
        mystery=mystery,
        visit_weight=visit_weight,
    )
    if bootstrap and len(table):
        _confidence(
            results,
            table,
            framework,
            combined,
            quotas=quotas,
            evidence=evidence,
            contacts=contacts,
            mystery=mystery,
            visit_weight=visit_weight,
            bootstrap=bootstrap,
            seed=seed,
        )
    return Evaluation(
        method=combined.method,
        scale=table.scale.label(),
        entries=ordered(results, categories.values()),
        judges=combined.judges,
        components=combined.components,
        reliability=reliability(table, combined),
        bootstrap=bootstrap,
        seed=seed if bootstrap else None,
        quotas=quotas,
        trim_fallback=combined.trim_fallback,
        notes=notes(combined),
        visit_weight=visit_weight,
        combined=combined,
    )
