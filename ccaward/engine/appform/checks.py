"""The check of each type of question: its answers made typed values, or problems.

:data:`CHECKS` maps a field type to its check, ``check(f, answers, values,
problems)``, which puts the typed values of the answer keys `f` owns into
`values` and appends what is wrong to `problems`. A question with one answer is
checked only when answered; left blank, it is a problem only when required.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any

from ccaward.engine.appform.answers import Problem, as_list, blank, parse_number
from ccaward.engine.appform.definition import Field
from ccaward.engine.appform.fieldtypes import CHOICE_TYPES, NUMBER_TYPES, OTHER, TEXT_TYPES
from ccaward.engine.ids import credit_code_problem

FieldCheck = Callable[[Field, Mapping[str, Any], dict, list[Problem]], None]

_EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_URL_RE = re.compile(r"^(https?://)?[\w.-]+\.[a-z]{2,}(/\S*)?$", re.IGNORECASE)
_PHONE_RE = re.compile(r"^\+?[\d\s()\-–/、,]{5,40}$")
PATTERNS = {"email": _EMAIL_RE, "url": _URL_RE, "phone": _PHONE_RE}


def _number(key, section, raw, kind, lo, hi, problems) -> Decimal | int | None:
    try:
        value = parse_number(raw, kind)
    except ValueError as exc:
        problems.append(Problem(key, section, str(exc), {"value": str(raw)}))
        return None
    if lo is not None and value < lo:
        problems.append(Problem(key, section, "min", {"min": lo, "value": value}))
    elif hi is not None and value > hi:
        problems.append(Problem(key, section, "max", {"max": hi, "value": value}))
    return value


def one_answer(check) -> FieldCheck:
    """A check of a question answered once: called with the answer when there is one."""

    def run(f: Field, answers: Mapping[str, Any], values: dict, problems: list[Problem]):
        raw = answers.get(f.key)
        if blank(raw):
            if f.required:
                code = "consent" if f.type == "consent" else "required"
                problems.append(Problem(f.key, f.section, code))
            return
        check(f, raw, answers, values, problems)

    return run


@one_answer
def check_text(f: Field, raw, answers, values: dict, problems: list[Problem]) -> None:
    s = f.section
    text = str(raw).strip()
    if f.max_length and len(text) > f.max_length:
        problems.append(Problem(f.key, s, "max_length", {"max": f.max_length, "length": len(text)}))
    pattern = PATTERNS.get(f.type)
    if pattern and not pattern.match(unicodedata.normalize("NFKC", text)):
        problems.append(Problem(f.key, s, f.type, {"value": text}))
    if f.format == "credit_code":
        text = unicodedata.normalize("NFKC", text).upper()
        bad = credit_code_problem(text)
        if bad:
            problems.append(Problem(f.key, s, f"credit_code_{bad}", {"value": text}))
    values[f.key] = text


@one_answer
def check_number(f: Field, raw, answers, values: dict, problems: list[Problem]) -> None:
    n = _number(f.key, f.section, raw, f.type, f.min, f.max, problems)
    if n is not None:
        values[f.key] = n


@one_answer
def check_date(f: Field, raw, answers, values: dict, problems: list[Problem]) -> None:
    try:
        values[f.key] = dt.date.fromisoformat(unicodedata.normalize("NFKC", str(raw)).strip())
    except ValueError:
        problems.append(Problem(f.key, f.section, "date", {"value": str(raw)}))


@one_answer
def check_consent(f: Field, raw, answers, values: dict, problems: list[Problem]) -> None:
    values[f.key] = str(raw).strip().lower() in ("1", "true", "yes", "on")
    if f.required and not values[f.key]:
        problems.append(Problem(f.key, f.section, "consent"))


@one_answer
def check_file(f: Field, raw, answers, values: dict, problems: list[Problem]) -> None:
    ids = as_list(raw)
    if len(ids) > 1 and not f.multiple:
        problems.append(Problem(f.key, f.section, "one_file"))
    values[f.key] = ids


def _picks(f: Field, n: int, problems: list[Problem]) -> None:
    """How many options a multi-choice answer has, against what the question asks."""
    s = f.section
    if f.min_picks is not None and f.min_picks == f.max_picks and n != f.min_picks:
        problems.append(Problem(f.key, s, "picks_exact", {"n": f.min_picks, "picked": n}))
    elif f.min_picks is not None and n < f.min_picks:
        problems.append(Problem(f.key, s, "picks_min", {"n": f.min_picks, "picked": n}))
    elif f.max_picks is not None and n > f.max_picks:
        problems.append(Problem(f.key, s, "picks_max", {"n": f.max_picks, "picked": n}))


def _follow_up(f, key, code, answers, values: dict, problems: list[Problem]) -> None:
    """The text a choice asks for ("other, please specify", a detail): given, or a problem."""
    text = answers.get(key)
    if blank(text):
        problems.append(Problem(key, f.section, code))
    else:
        values[key] = str(text).strip()


@one_answer
def check_choice(f: Field, raw, answers, values: dict, problems: list[Problem]) -> None:
    picked = as_list(raw)
    allowed = {o.value for o in f.choices()}
    unknown = [v for v in picked if v not in allowed]
    if unknown:
        problems.append(Problem(f.key, f.section, "choice", {"value": ", ".join(unknown)}))
    picked = [v for v in picked if v in allowed]
    if f.type == "multi":
        _picks(f, len(picked), problems)
        values[f.key] = picked
    else:
        if len(picked) > 1:
            problems.append(Problem(f.key, f.section, "one_choice"))
        values[f.key] = picked[0] if picked else None
    if OTHER in picked and f.other:
        _follow_up(f, f"{f.key}.other", "other_required", answers, values, problems)
    if f.detail and set(picked) & set(f.detail_when):
        _follow_up(f, f"{f.key}.detail", "detail_required", answers, values, problems)


def _cells(f: Field, answers: Mapping[str, Any], values: dict, problems: list[Problem]) -> set:
    """Each answered cell as typed; returns the keys of the rows with an answer."""
    filled_rows = set()
    for cell in f.cells():
        v = answers.get(cell.key)
        if blank(v):
            continue
        filled_rows.add(cell.row.key)
        if cell.type == "text":
            values[cell.key] = str(v).strip()
            continue
        lo, hi = cell.min, cell.max
        if cell.type == "percent":
            lo = Decimal(0) if lo is None else lo
            hi = Decimal(100) if hi is None else hi
        n = _number(cell.key, f.section, v, cell.type, lo, hi, problems)
        if n is not None:
            values[cell.key] = n
    return filled_rows


def check_table(f: Field, answers: Mapping[str, Any], values: dict, problems: list[Problem]):
    """Cells as typed; an answered "other" row needs its name; required cells answered."""
    s = f.section
    filled_rows = _cells(f, answers, values, problems)
    for row in f.rows:
        name_key = f"{f.key}.{row.key}.name"
        if row.other:
            name = answers.get(name_key)
            if not blank(name):
                values[name_key] = str(name).strip()
            elif row.key in filled_rows:
                problems.append(Problem(name_key, s, "other_required"))
        else:
            for col in f.columns:
                key = f"{f.key}.{row.key}.{col.key}"
                if (f.required or col.key in row.required) and blank(answers.get(key)):
                    problems.append(Problem(key, s, "required"))


def check_nothing(f: Field, answers: Mapping[str, Any], values: dict, problems: list[Problem]):
    """A text shown between questions asks nothing."""


CHECKS: dict[str, FieldCheck] = {
    **dict.fromkeys(TEXT_TYPES, check_text),
    **dict.fromkeys(NUMBER_TYPES, check_number),
    **dict.fromkeys(CHOICE_TYPES, check_choice),
    "date": check_date,
    "consent": check_consent,
    "file": check_file,
    "table": check_table,
    "info": check_nothing,
}


@one_answer
def _unchecked(f: Field, raw, answers, values: dict, problems: list[Problem]) -> None:
    """A type without a check of its own is only checked for being answered."""


def check_field(f: Field, answers: Mapping[str, Any], values: dict, problems: list[Problem]):
    """The typed values of `f`'s answers into `values`, what is wrong into `problems`."""
    CHECKS.get(f.type, _unchecked)(f, answers, values, problems)
