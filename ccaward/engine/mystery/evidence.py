"""An entry's mystery results as the framework's evidence: each criterion whose
evidence blend names "mystery" gets the entry's mean total (0..100), except the
consistency criteria (一致性, code `consistency` by default), which get the
consistency score (aggregate.py: 100 x (1 - SD / 50)). An entry without valid
contacts gives no mystery evidence, so the framework shares its weight among the
kinds present (framework.py).

For the totals (`engine.scoring.evaluate`) the contacts themselves are the
evidence where they can be (`season_evidence`): a row per (contact, criterion)
with the contact's total, so a cell's score is the mean of its contacts and the
rank confidence resamples them. That holds for the criteria of the score table
(those a judge scores too); the consistency criteria, a property of all of an
entry's contacts together, and a criterion with no judge weight take the fixed
value of `criterion_evidence` instead."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal
from fractions import Fraction

import numpy as np

from ccaward.engine.framework import Framework
from ccaward.engine.scoring.results import Contacts

from .aggregate import EntryResult, entry_results
from .score import ContactScore

CONSISTENCY = ("consistency",)


def criterion_evidence(
    result: EntryResult, framework: Framework, *, consistency=CONSISTENCY
) -> dict[str, Decimal]:
    """{criterion code: mystery evidence 0..100} for the criteria that take it (a
    consistency criterion none while the consistency is undefined)."""
    if result.mean is None:
        return {}
    out = {}
    for _, criterion, _ in framework.criteria():
        if "mystery" in criterion.evidence:
            value = result.consistency if criterion.code in consistency else result.mean
            if value is not None:
                out[criterion.code] = value
    return out


def contact_totals(scores: Iterable[ContactScore]) -> dict[str, tuple[str, Fraction]]:
    """{contact id: (entry, total)} of the contacts not voided; a contact scored by
    more than one shopper at the mean of its scorings (as aggregate.py counts it)."""
    by_contact: dict[str, list[ContactScore]] = {}
    for s in scores:
        if not s.contact.void:
            by_contact.setdefault(s.contact.id, []).append(s)
    return {
        cid: (group[0].contact.entry, sum((s.exact for s in group), Fraction(0)) / len(group))
        for cid, group in sorted(by_contact.items())
    }


def season_evidence(
    scores: Iterable[ContactScore],
    framework: Framework,
    *,
    entries: Sequence[str],
    criteria: Sequence[str],
    consistency=CONSISTENCY,
) -> tuple[Contacts | None, dict[str, dict[str, dict[str, Decimal]]]]:
    """The mystery evidence of `entries` (the score table's, in its order) for
    `evaluate`: (contacts, fixed) where `contacts` has a row per (contact,
    criterion of `criteria` that names mystery evidence, consistency criteria
    excepted) with the contact's total (None when there are no rows), and `fixed`
    is {entry: {criterion: {"mystery": 0..100}}} for the consistency criteria and
    the mystery criteria outside `criteria` (module docstring)."""
    known = set(entries)
    scores = [s for s in scores if s.contact.entry in known and not s.contact.void]
    entry_index = {e: i for i, e in enumerate(entries)}
    crit_index = {c: i for i, c in enumerate(criteria)}
    fixed: dict[str, dict[str, dict[str, Decimal]]] = {}
    for result in entry_results(scores):
        values = criterion_evidence(result, framework, consistency=consistency)
        mine = {
            code: {"mystery": value}
            for code, value in values.items()
            if code in consistency or code not in crit_index
        }
        if mine:
            fixed[result.entry] = mine
    fed = sorted(
        crit_index[crit.code]
        for _d, crit, _p in framework.criteria()
        if "mystery" in crit.evidence and crit.code in crit_index and crit.code not in consistency
    )
    rows = [
        (n, entry_index[entry], c, float(total))
        for n, (entry, total) in enumerate(contact_totals(scores).values())
        for c in fed
    ]
    if not rows:
        return None, fixed
    contact, entry, criterion, score = zip(*rows, strict=True)
    return (
        Contacts(
            contact=np.asarray(contact, dtype=np.int64),
            entry=np.asarray(entry, dtype=np.int64),
            criterion=np.asarray(criterion, dtype=np.int64),
            score=np.asarray(score, dtype=np.float64),
        ),
        fixed,
    )
