"""Validating answers against a definition: typed values, problems, shown fields, progress."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from ccaward.engine.appform.answers import Problem, Validation, blank
from ccaward.engine.appform.checks import check_field
from ccaward.engine.appform.definition import Definition, Field
from ccaward.engine.appform.visibility import is_visible


def _answered(f: Field, answers: Mapping[str, Any]) -> bool:
    if f.type == "table":
        return any(not blank(answers.get(k)) for k in f.answer_keys())
    return not blank(answers.get(f.key))


def _sum_checks(
    defn: Definition, values: Mapping[str, Any], visible: set[str], problems: list[Problem]
) -> None:
    """Each sum check whose answers are shown, valid and (when it asks) given adds up."""
    bad = {p.key for p in problems}
    for check in defn.checks:
        keys = [k for ref in check.refs for k in defn.expand(ref)]
        owner_visible = all(defn.owner(k) is None or defn.owner(k).key in visible for k in keys)
        if not owner_visible or any(k in bad for k in keys):
            continue
        given = [values.get(k) for k in keys]
        if check.when_any_filled and all(v is None for v in given):
            continue
        total = sum((Decimal(v) for v in given if v is not None), Decimal(0))
        if total != check.equals:
            problems.append(
                Problem(
                    check.key,
                    check.section,
                    "sum",
                    {"label": check.label, "total": total, "equals": check.equals, "keys": keys},
                )
            )


def validate(defn: Definition, answers: Mapping[str, Any]) -> Validation:
    """Typed values, problems, shown fields and per-section progress for `answers`."""
    fields = defn.fields
    values: dict[str, Any] = {}
    problems: list[Problem] = []
    visible: set[str] = set()
    progress: dict[str, tuple[int, int]] = {}
    for section in defn.sections:
        done = total = 0
        for f in section.fields:
            if not is_visible(f, answers, fields):
                continue
            visible.add(f.key)
            if not f.answerable:
                continue
            check_field(f, answers, values, problems)
            total += 1
            done += _answered(f, answers)
        progress[section.key] = (done, total)
    _sum_checks(defn, values, visible, problems)
    order = {s.key: i for i, s in enumerate(defn.sections)}
    problems.sort(key=lambda p: order.get(p.section, len(order)))
    return Validation(values, problems, visible, progress)


def typed(defn: Definition, validation: Validation) -> dict[str, tuple[Any, str]]:
    """The typed data the form fills (``maps_to``): key -> (value, answer type).

    Percentages stay in percent here; the caller converts them where its store
    keeps fractions.
    """
    out: dict[str, tuple[Any, str]] = {}
    for f in defn.fields.values():
        if f.key not in validation.visible:
            continue
        if f.maps_to and f.key in validation.values:
            out[f.maps_to] = (validation.values[f.key], f.type)
        if f.type == "table":
            cells = {c.key: c for c in f.cells()}
            for row in f.rows:
                for col_key, target in row.maps_to.items():
                    key = f"{f.key}.{row.key}.{col_key}"
                    if key in validation.values:
                        out[target] = (validation.values[key], cells[key].type)
    return out
