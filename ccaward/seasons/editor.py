"""The framework editor's form: the whole framework as posted fields.

Every dimension and criterion of the page has a key, its row id or ``n1``,
``n2`` … for one added in the page and not saved yet. The form posts the order
(``dims``: the dimension keys; ``dim-<key>-crits``: each dimension's criterion
keys) and each item's fields (``dim-<key>-weight``, ``crit-<key>-evidence_kpi``
…). A post that leaves something out keeps what the stored version has there,
so a form that sends only some weights changes only those.

The buttons that add, remove or move an item post the form with ``op`` and get
the page back with the change made and nothing saved; only "Save" saves, through
``seasons.domain.save_framework``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from decimal import Decimal

from django.utils.translation import pgettext

from ccaward.core import text
from ccaward.engine import framework as engine
from ccaward.engine.indicators import INDICATORS
from ccaward.engine.text import control_character
from ccaward.seasons.domain import problem_message
from ccaward.seasons.models import Criterion, Dimension, FrameworkVersion

EVIDENCE = ("judge", "kpi", "mystery")
KEY = re.compile(r"^(?:\d{1,12}|n\d{1,6})$")
DIM_TEXT = ("code", "name_zh", "name_en", "description_zh", "description_en", "weight")
CRIT_TEXT = (
    "code",
    "name_zh",
    "name_en",
    "description_zh",
    "description_en",
    *(f"evidence_{k}" for k in EVIDENCE),
    "indicator",
)
MAX_ITEMS = 200  # dimensions and criteria a form may hold


@dataclass
class CritRow:
    key: str
    code: str
    name_zh: str = ""
    name_en: str = ""
    description_zh: str = ""
    description_en: str = ""
    evidence_judge: str = "100"
    evidence_kpi: str = "0"
    evidence_mystery: str = "0"
    indicator: str = ""
    sub: bool = False
    errors: dict[str, list[str]] = field(default_factory=dict)  # by field: name_zh …
    focus: str = ""  # what to focus after an operation: a field or a button

    @property
    def evidence(self) -> list[tuple[str, str]]:
        return [(k, getattr(self, f"evidence_{k}")) for k in EVIDENCE]


@dataclass
class DimRow:
    key: str
    code: str
    name_zh: str = ""
    name_en: str = ""
    description_zh: str = ""
    description_en: str = ""
    weight: str = "0"
    criteria: list[CritRow] = field(default_factory=list)
    errors: dict[str, list[str]] = field(default_factory=dict)
    focus: str = ""

    @property
    def crit_keys(self) -> str:
        return ",".join(c.key for c in self.criteria)


def _dim_row(d: Dimension) -> DimRow:
    return DimRow(
        str(d.pk),
        d.code,
        d.name_zh,
        d.name_en,
        d.description_zh,
        d.description_en,
        engine.fmt(d.weight),
    )


def _crit_row(c: Criterion) -> CritRow:
    return CritRow(
        str(c.pk),
        c.code,
        c.name_zh,
        c.name_en,
        c.description_zh,
        c.description_en,
        engine.fmt(c.evidence_judge),
        engine.fmt(c.evidence_kpi),
        engine.fmt(c.evidence_mystery),
        c.indicator,
        c.parent_id is not None,
    )


def stored_rows(version: FrameworkVersion) -> list[DimRow]:
    """The version as editor rows: each criterion followed by its sub-items."""
    crits = list(Criterion.objects.filter(dimension__framework=version).order_by("position", "id"))
    dims = []
    for d in version.dimensions.all():
        row = _dim_row(d)
        mine = [c for c in crits if c.dimension_id == d.pk]
        for c in mine:
            if c.parent_id is None:
                row.criteria.append(_crit_row(c))
                row.criteria += [_crit_row(ch) for ch in mine if ch.parent_id == c.pk]
        dims.append(row)
    return dims


def _keys(text: str) -> list[str]:
    out = []
    for key in (text or "").split(","):
        key = key.strip()
        if KEY.match(key) and key not in out:
            out.append(key)
    return out[:MAX_ITEMS]


def from_post(version: FrameworkVersion, data) -> list[DimRow]:
    """The rows the form posted; what it leaves out is the stored version's."""
    stored = stored_rows(version)
    dims = {d.key: d for d in stored}
    crits = {c.key: c for d in stored for c in d.criteria}
    full = "dims" in data
    order = _keys(data["dims"]) if full else list(dims)
    out = []
    for key in order:
        dim = dims.get(key) or DimRow(key, "")
        for name in DIM_TEXT:
            setattr(dim, name, data.get(f"dim-{key}-{name}", getattr(dim, name)).strip())
        crit_keys = (
            _keys(data.get(f"dim-{key}-crits", "")) if full else [c.key for c in dim.criteria]
        )
        dim.criteria = []
        for ckey in crit_keys:
            crit = crits.get(ckey) or CritRow(ckey, "")
            for name in CRIT_TEXT:
                setattr(crit, name, data.get(f"crit-{ckey}-{name}", getattr(crit, name)).strip())
            if full:
                crit.sub = f"crit-{ckey}-sub" in data
            dim.criteria.append(crit)
        out.append(dim)
    return out


# ---- operations ------------------------------------------------------------


def _new_key(dims: list[DimRow]) -> str:
    keys = [d.key for d in dims] + [c.key for d in dims for c in d.criteria]
    numbers = [int(k[1:]) for k in keys if k.startswith("n")]
    return f"n{max(numbers, default=0) + 1}"


def _new_code(dims: list[DimRow], prefix: str) -> str:
    codes = {d.code for d in dims} | {c.code for d in dims for c in d.criteria}
    n = 1
    while f"{prefix}{n}" in codes:
        n += 1
    return f"{prefix}{n}"


def _move(items: list, index: int, step: int) -> None:
    other = index + step
    if 0 <= other < len(items):
        items[index], items[other] = items[other], items[index]


# a dimension's and a criterion's keys can be alike (row ids of two tables)
DIMENSION_OPS = ("add-crit", "del-dim", "up-dim", "down-dim")
CRITERION_OPS = ("del-crit", "up-crit", "down-crit")


def apply(dims: list[DimRow], op: str) -> str:
    """Make the change `op` names ("add-dim", "add-crit:<dim key>", "del-dim:<key>",
    "del-crit:<key>", "up-dim:<key>", "down-crit:<key>" …, "clear") in `dims`,
    marking the row whose field or button gets the focus afterwards. Returns
    "add-dimension" when that button gets it, else ""."""
    action, _, key = op.partition(":")
    if action == "clear":
        dims.clear()
        return "add-dimension"
    if action == "add-dim":
        dims.append(DimRow(_new_key(dims), _new_code(dims, "d"), focus="name_zh"))
        return ""
    for di, dim in enumerate(dims):
        if action in DIMENSION_OPS and dim.key == key:
            return _dimension_op(dims, di, action)
        for ci, crit in enumerate(dim.criteria):
            if action in CRITERION_OPS and crit.key == key:
                _criterion_op(dim, ci, action)
                return ""
    return ""


def _dimension_op(dims: list[DimRow], di: int, action: str) -> str:
    dim = dims[di]
    if action == "add-crit":
        dim.criteria.append(CritRow(_new_key(dims), _new_code(dims, "c"), focus="name_zh"))
    elif action == "del-dim":
        del dims[di]
        if not dims:
            return "add-dimension"
        dims[min(di, len(dims) - 1)].focus = "name_zh"
    elif action in ("up-dim", "down-dim"):
        _move(dims, di, -1 if action == "up-dim" else 1)
        dim.focus = action
    return ""


def _criterion_op(dim: DimRow, ci: int, action: str) -> None:
    crit = dim.criteria[ci]
    if action == "del-crit":
        del dim.criteria[ci]
        if dim.criteria:
            dim.criteria[min(ci, len(dim.criteria) - 1)].focus = "name_zh"
        else:
            dim.focus = "add-crit"
    elif action in ("up-crit", "down-crit"):
        _move(dim.criteria, ci, -1 if action == "up-crit" else 1)
        crit.focus = action


# ---- to the engine and back ------------------------------------------------


@dataclass
class Checked:
    """The rows as an engine framework, with everything wrong with them."""

    framework: engine.Framework
    field_errors: dict[str, list[str]]  # field id -> messages
    messages: list[tuple[str, str]]  # (message, field id or "") in page order
    total: Decimal

    @property
    def problems(self) -> list[str]:
        return [m for m, _ in self.messages]


def _number(value: str, where: str, errors: dict, message: str) -> Decimal:
    try:
        return engine.to_decimal(value or "0", where=where)
    except ValueError:
        errors.setdefault(where, []).append(message)
        return Decimal(0)


def check(version: FrameworkVersion, dims: list[DimRow]) -> Checked:
    """The rows as an engine framework and the engine's problems, each placed at
    the field it is about."""
    errors: dict[str, list[str]] = {}
    messages: list[tuple[str, str]] = []
    out = []
    for dim in dims:
        where = f"dim-{dim.key}-weight"
        weight = _number(
            dim.weight,
            where,
            errors,
            pgettext("validation", "%(dimension)s: the weight %(value)s is not a number.")
            % {"dimension": dim.name_zh or dim.code, "value": dim.weight},
        )
        out.append(
            engine.Dimension(
                code=dim.code,
                name_zh=dim.name_zh,
                name_en=dim.name_en,
                weight=weight,
                criteria=_criteria(dim, errors),
                description_zh=dim.description_zh,
                description_en=dim.description_en,
            )
        )
    _control_characters(dims, errors)
    for where, found in errors.items():
        messages += [(m, where) for m in found]
    fw = engine.Framework(
        dimensions=tuple(out),
        key=version.source_key,
        name_zh=version.name_zh,
        name_en=version.name_en,
    )
    for problem in engine.validate(fw):
        where = _field_of(problem, dims)
        message = problem_message(_named(problem, dims))
        messages.append((message, where))
        if where:
            errors.setdefault(where, []).append(message)
    _attach(dims, errors)
    total = engine.weight_total(fw.dimensions)
    return Checked(fw, errors, messages, total)


def _attach(dims: list[DimRow], errors: dict[str, list[str]]) -> None:
    """Each row's errors by field (`row.errors["weight"]`), for the page."""
    for dim in dims:
        prefix = f"dim-{dim.key}-"
        dim.errors = {k[len(prefix) :]: v for k, v in errors.items() if k.startswith(prefix)}
        for crit in dim.criteria:
            prefix = f"crit-{crit.key}-"
            crit.errors = {k[len(prefix) :]: v for k, v in errors.items() if k.startswith(prefix)}


TEXT_FIELDS = ("name_zh", "name_en", "description_zh", "description_en")


def _control_characters(dims: list[DimRow], errors: dict) -> None:
    """A text holding a control character that cannot be stored is an error at
    its field, naming the item."""
    for dim in dims:
        rows = [("dim", dim), *(("crit", c) for c in dim.criteria)]
        for prefix, row in rows:
            for name in TEXT_FIELDS:
                found = control_character(getattr(row, name), multiline=name.startswith("desc"))
                if found:
                    where = f"{prefix}-{row.key}-{name}"
                    errors.setdefault(where, []).append(
                        text.message(row.name_zh or row.code, found)
                    )


def _criteria(dim: DimRow, errors: dict) -> tuple[engine.Criterion, ...]:
    """The dimension's criteria, each sub-item under the criterion above it."""
    tops: list[tuple[engine.Criterion, list[engine.Criterion]]] = []
    for crit in dim.criteria:
        evidence = {}
        for kind, value in crit.evidence:
            where = f"crit-{crit.key}-evidence"
            evidence[kind] = _number(
                value,
                where,
                errors,
                pgettext("validation", "%(criterion)s: %(value)s is not a number.")
                % {"criterion": crit.name_zh or crit.code, "value": value},
            )
        built = engine.Criterion(
            code=crit.code,
            name_zh=crit.name_zh,
            name_en=crit.name_en,
            description_zh=crit.description_zh,
            description_en=crit.description_en,
            evidence={k: v for k, v in evidence.items() if v},
            indicator=crit.indicator or None,
        )
        if crit.sub and tops:
            tops[-1][1].append(built)
        else:
            crit.sub = False
            tops.append((built, []))
    return tuple(
        engine.Criterion(**{**_fields(top), "children": tuple(children)}) for top, children in tops
    )


def _fields(crit: engine.Criterion) -> dict:
    return {
        "code": crit.code,
        "name_zh": crit.name_zh,
        "name_en": crit.name_en,
        "description_zh": crit.description_zh,
        "description_en": crit.description_en,
        "evidence": crit.evidence,
        "indicator": crit.indicator,
    }


# the field of an item each problem is shown at
_DIM_FIELD = {
    "name_missing": "name_zh",
    "duplicate_code": "name_zh",
    "weight_range": "weight",
    "no_criteria": "crits",
    "criterion_weights_sum": "crits",
}
_CRIT_FIELD = {
    "name_missing": "name_zh",
    "duplicate_code": "name_zh",
    "evidence_kind": "evidence",
    "evidence_sum": "evidence",
    "evidence_negative": "evidence",
    "indicator_missing": "indicator",
    "indicator_unknown": "indicator",
}


def _field_of(problem: engine.Problem, dims: list[DimRow]) -> str:
    match = re.fullmatch(r"dimensions\[(\d+)\]", problem.path)
    if match:
        index = int(match.group(1))
        suffix = _DIM_FIELD.get(problem.code)
        return f"dim-{dims[index].key}-{suffix}" if suffix and index < len(dims) else ""
    if problem.path == "dimensions":
        return ""
    code = problem.path.rsplit(".", 1)[-1]
    suffix = _CRIT_FIELD.get(problem.code)
    for dim in dims:
        for crit in dim.criteria:
            if crit.code == code and suffix:
                return f"crit-{crit.key}-{suffix}"
    return ""


def _named(problem: engine.Problem, dims: list[DimRow]) -> engine.Problem:
    """The problem naming an item that has no name yet by its place
    ("Dimension 10", "criterion 1 of dimension 10")."""
    match = re.fullmatch(r"dimensions\[(\d+)\]", problem.path)
    code = problem.path.rsplit(".", 1)[-1]
    for di, dim in enumerate(dims):
        if match and int(match.group(1)) == di and not dim.name_zh.strip():
            name = pgettext("framework", "Dimension %(n)s") % {"n": di + 1}
            return replace(problem, params={**problem.params, "name": name})
        for ci, crit in enumerate(dim.criteria):
            if not match and crit.code == code and not crit.name_zh.strip():
                name = pgettext("framework", "Criterion %(c)s of dimension %(n)s") % {
                    "c": ci + 1,
                    "n": di + 1,
                }
                return replace(problem, params={**problem.params, "name": name})
    return problem


def indicator_choices(language: str | None) -> list[tuple[str, str]]:
    """The indicators a criterion's KPI share can come from, named in `language`."""
    return [(key, INDICATORS[key].name(language)) for key in engine.SCORED_INDICATORS]


def weight_summary(total: Decimal, problems: list) -> dict:
    """The total box: "ok" (green) only when the weights sum to 100 and nothing
    else is wrong; "under" or "over" 100; "invalid" (100, other problems)."""
    diff = total - engine.HUNDRED
    state = {1: "over", -1: "under"}.get(diff.compare(0), "invalid" if problems else "ok")
    return {"total": engine.fmt(total), "diff": engine.fmt(abs(diff)), "state": state}
