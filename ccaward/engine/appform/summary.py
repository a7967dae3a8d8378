"""What the tables and counters need of a validation, small enough to store with the answers.

An entry's summary is computed whenever its answers (or its form version) change
and kept beside them, so a list of many entries reads it instead of validating
each one. It is plain JSON: per section ``[done, total, missing, errors]`` (answered
and shown questions, problems that are a missing answer, other problems), the
same four for the whole form, and whether the answers pass every check.
"""

from __future__ import annotations

from ccaward.engine.appform.answers import Validation

# problems that say an answer is missing rather than wrong
MISSING_CODES = frozenset({"required", "consent", "other_required", "detail_required"})


def summarize(validation: Validation) -> dict:
    """The stored summary of `validation` (see the module's docstring)."""
    sections = {key: [done, total, 0, 0] for key, (done, total) in validation.progress.items()}
    for p in validation.problems:
        row = sections.setdefault(p.section, [0, 0, 0, 0])
        row[2 if p.code in MISSING_CODES else 3] += 1
    totals = [sum(row[i] for row in sections.values()) for i in range(4)]
    return {
        "sections": sections,
        "done": totals[0],
        "total": totals[1],
        "missing": totals[2],
        "errors": totals[3],
        "complete": validation.ok,
    }
