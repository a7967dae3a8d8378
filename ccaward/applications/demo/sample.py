"""Realistic sample answers to an application form, for the demo and for tests.

:func:`sample_answers` fills a whole form definition for one contact center the
way an applicant would type it: raw strings (lists for multi-choice), the
enterprise's and the center's known data taken from the models (``maps_to``),
figures scaled to the center's seats, compositions that add up to what every
check of the definition asks, and professional Chinese prose for the free-text
questions. Everything comes from the ``random.Random`` it is given, so the same
seed gives the same answers.

Questions the sampler has no special knowledge of (questions.py has the default
form's) are answered from their type and limits (sampler.py), so a revised
definition still gets answers that validate. File questions are left out (a
caller attaches files through the domain).
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from ccaward.applications.demo.questions import FormSampler
from ccaward.applications.demo.sampler import as_typed, composition
from ccaward.engine import appform


def _has_required(section: appform.Section) -> bool:
    return any(f.required or any(r.required for r in f.rows) for f in section.fields)


def sample_answers(
    defn: appform.Definition,
    *,
    center,
    rng: random.Random,
    complete: bool = True,
    today: dt.date | None = None,
) -> dict:
    """Raw answers to the whole of `defn` for `center` (a ContactCenter, saved or not).

    Complete answers validate except for the file questions (left out). With
    ``complete=False`` the answers are a draft in progress: a random 30-60 % of
    the sections after the first two are left out, at least one of them with a
    required question. `today` dates the declaration (default: today).
    """
    sampler = FormSampler(defn, center, rng, today or dt.date.today())
    for section in defn.sections:
        for f in section.fields:
            sampler.field(f)
    answers = sampler.answers
    _balance_checks(defn, answers, rng)
    fields = defn.fields
    hidden = [f for f in fields.values() if not appform.is_visible(f, answers, fields)]
    for f in hidden:
        for key in f.answer_keys():
            answers.pop(key, None)
    if not complete:
        later = list(defn.sections[2:])
        drop = rng.sample(later, round(len(later) * rng.uniform(0.3, 0.6)))
        required = [s for s in later if _has_required(s)]
        if drop and required and not any(_has_required(s) for s in drop):
            drop[rng.randrange(len(drop))] = rng.choice(required)
        for section in drop:
            for f in section.fields:
                for key in f.answer_keys():
                    answers.pop(key, None)
    return answers


def _balance_checks(defn: appform.Definition, answers: dict, rng: random.Random) -> None:
    """Make every sum check hold: the answered parts of a check (all of them when
    the check applies even to blank answers) become a composition of its total."""
    for check in defn.checks:
        keys = [k for ref in check.refs for k in defn.expand(ref)]
        given = [k for k in keys if k in answers]
        if not given and check.when_any_filled:
            continue
        if given:
            try:
                total = sum(Decimal(appform.normalize_number(answers[k])) for k in given)
            except ArithmeticError:
                total = None
            if total == check.equals:
                continue
        targets = given or [k for k in keys if not _in_other_row(defn, k)]
        parts = composition(rng, [rng.uniform(1, 10) for _ in targets], check.equals)
        for key, part in zip(targets, parts, strict=True):
            answers[key] = as_typed(part, 1)


def _in_other_row(defn: appform.Definition, key: str) -> bool:
    """Whether `key` is a cell of a table's "other" row (which needs a name too)."""
    owner = defn.owner(key)
    parts = key.split(".")
    if owner is None or owner.type != "table" or len(parts) != 3:
        return False
    return any(row.key == parts[1] and row.other for row in owner.rows)
