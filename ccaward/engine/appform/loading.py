"""Loading a definition: its sections, fields and sum checks, every problem listed."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from ccaward.engine.appform.definition import Check, Definition, Field, Section
from ccaward.engine.appform.fields import read_decimal, read_field, read_text, unknown_attributes
from ccaward.engine.appform.fieldtypes import CHOICE_TYPES, KEY_RE
from ccaward.engine.text import control_characters_in

SECTION_KEYS = {"key", "part", "title", "intro", "fields"}
CHECK_KEYS = {"key", "label", "sum", "equals", "when_any_filled", "section"}


class DefinitionError(ValueError):
    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("; ".join(problems))


def _section(
    i: int, s: Mapping, seen_sections: set[str], seen_fields: set[str], problems: list[str]
) -> Section:
    skey = str(s.get("key", ""))
    unknown_attributes(s, SECTION_KEYS, f"sections[{i}]", problems)
    if not KEY_RE.match(skey):
        problems.append(f"sections[{i}]: key {skey!r}")
    if skey in seen_sections:
        problems.append(f"section {skey}: key repeated")
    seen_sections.add(skey)
    part = s.get("part")
    if part not in (1, 2, 3, 4):
        problems.append(f"section {skey}: part must be 1..4")
    fields = []
    for raw in s.get("fields") or []:
        f = read_field(raw, skey, problems)
        if f.key in seen_fields:
            problems.append(f"field {f.key}: key repeated")
        seen_fields.add(f.key)
        fields.append(f)
    return Section(
        skey,
        part or 0,
        read_text(s.get("title"), f"section {skey}", problems),
        read_text(s.get("intro"), f"section {skey}", problems, required=False),
        tuple(fields),
    )


def _check_visible_if(fields: Mapping[str, Field], problems: list[str]) -> None:
    """A condition names a question that exists and is answered by choosing."""
    for f in fields.values():
        if f.visible_if:
            target = fields.get(f.visible_if[0])
            if target is None:
                problems.append(f"field {f.key}: visible_if names no field {f.visible_if[0]!r}")
            elif target.type not in CHOICE_TYPES:
                problems.append(f"field {f.key}: visible_if must name a choice, multi or yesno")


def _check(
    i: int,
    c: Mapping,
    defn: Definition,
    all_keys: set[str],
    sections: set[str],
    problems: list[str],
) -> Check:
    """A sum check: its references name answers, and it is shown on a section."""
    ckey = str(c.get("key", ""))
    where = f"check {ckey or i}"
    unknown_attributes(c, CHECK_KEYS, where, problems)
    refs = tuple(str(r) for r in c.get("sum") or [])
    if not refs:
        problems.append(f"{where}: sum needs answer keys")
    for ref in refs:
        expanded = defn.expand(ref)
        if not expanded or any(k not in all_keys for k in expanded):
            problems.append(f"{where}: {ref!r} names no answer")
    section = c.get("section")
    if section is None and refs:
        owner = defn.owner(refs[0])
        section = owner.section if owner else None
    if section not in sections:
        problems.append(f"{where}: section {section!r} is not a section")
    return Check(
        ckey,
        read_text(c.get("label"), where, problems),
        refs,
        read_decimal(c.get("equals", 100), where, problems) or Decimal(0),
        bool(c.get("when_any_filled", True)),
        str(section),
    )


def load_definition(data: Mapping[str, Any]) -> Definition:
    """A checked definition; raises :class:`DefinitionError` listing every problem."""
    problems: list[str] = []
    if not isinstance(data, Mapping):
        raise DefinitionError(["a form definition is a mapping"])
    for path, found in control_characters_in(dict(data)):
        problems.append(f"{path}: a control character ({found}) in the text")
    seen_sections: set[str] = set()
    seen_fields: set[str] = set()
    sections = [
        _section(i, s, seen_sections, seen_fields, problems)
        for i, s in enumerate(data.get("sections") or [])
    ]
    if not sections:
        problems.append("a form needs sections")
    defn = Definition(
        key=str(data.get("key", "")),
        title=read_text(data.get("title"), "title", problems),
        sections=tuple(sections),
        checks=(),
    )
    _check_visible_if(defn.fields, problems)
    all_keys = set(defn.answer_keys())
    checks = [
        _check(i, c, defn, all_keys, seen_sections, problems)
        for i, c in enumerate(data.get("checks") or [])
    ]
    if problems:
        raise DefinitionError(problems)
    return Definition(defn.key, defn.title, defn.sections, tuple(checks))
