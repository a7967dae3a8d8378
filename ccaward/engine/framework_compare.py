"""Two versions of a framework compared: a fingerprint that changes with any
change, and the differences item by item (for the audit log and for showing
two organizers' versions side by side). No Django import."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from decimal import Decimal

from ccaward.engine.framework import Framework, fmt, to_data

ZERO = Decimal(0)

# the fields of an item compared, in the order they are listed
DIMENSION_FIELDS = ("name_zh", "name_en", "weight", "description_zh", "description_en")
CRITERION_FIELDS = (
    "name_zh",
    "name_en",
    "description_zh",
    "description_en",
    "judge",
    "kpi",
    "mystery",
    "indicator",
    "parent",
)


def fingerprint(framework: Framework) -> str:
    """A short hash of everything the framework says, in order."""
    text = json.dumps(to_data(framework), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()[:20]


@dataclass(frozen=True)
class Item:
    """One dimension or criterion as compared: its place and its fields as text."""

    code: str
    kind: str  # "dimension" or "criterion"
    dimension: str  # the dimension's code (its own for a dimension)
    position: int
    fields: dict[str, str]

    @property
    def name(self) -> str:
        return self.fields.get("name_zh") or self.code


def items(framework: Framework) -> dict[str, Item]:
    """Every dimension and criterion by code, with its fields as text."""
    out: dict[str, Item] = {}
    for di, dim in enumerate(framework.dimensions):
        out[dim.code] = Item(
            dim.code,
            "dimension",
            dim.code,
            di,
            {
                "name_zh": dim.name_zh,
                "name_en": dim.name_en,
                "weight": fmt(dim.weight),
                "description_zh": dim.description_zh,
                "description_en": dim.description_en,
            },
        )
        position = 0
        for crit in dim.criteria:
            for c, parent in ((crit, ""), *((ch, crit.code) for ch in crit.children)):
                out[c.code] = Item(
                    c.code,
                    "criterion",
                    dim.code,
                    position,
                    {
                        "name_zh": c.name_zh,
                        "name_en": c.name_en,
                        "description_zh": c.description_zh,
                        "description_en": c.description_en,
                        "judge": fmt(c.evidence.get("judge", ZERO)),
                        "kpi": fmt(c.evidence.get("kpi", ZERO)),
                        "mystery": fmt(c.evidence.get("mystery", ZERO)),
                        "indicator": c.indicator or "",
                        "parent": parent,
                    },
                )
                position += 1
    return out


@dataclass(frozen=True)
class Difference:
    """How one item differs: "added", "removed", "changed" (with the fields) or
    "moved" (same fields, another place)."""

    change: str
    code: str
    kind: str
    name: str
    fields: dict[str, tuple[str, str]]

    def as_dict(self) -> dict:
        return {
            "change": self.change,
            "code": self.code,
            "kind": self.kind,
            "name": self.name,
            "fields": {k: list(v) for k, v in self.fields.items()},
        }


def differences(old: Framework, new: Framework) -> list[Difference]:
    """What changed from `old` to `new`, in the order of `new` then the removed items."""
    before, after = items(old), items(new)
    kept = {c for c in after if c in before and before[c].kind == after[c].kind}
    old_place, new_place = _places(before, kept), _places(after, kept)
    out = []
    for code, item in after.items():
        was = before.get(code)
        if was is None or was.kind != item.kind:
            out.append(Difference("added", code, item.kind, item.name, {}))
            continue
        keys = DIMENSION_FIELDS if item.kind == "dimension" else CRITERION_FIELDS
        changed = {
            k: (was.fields[k], item.fields[k]) for k in keys if was.fields[k] != item.fields[k]
        }
        if changed:
            out.append(Difference("changed", code, item.kind, item.name, changed))
        elif old_place[code] != new_place[code]:
            out.append(Difference("moved", code, item.kind, item.name, {}))
    for code, item in before.items():
        if code not in after or after[code].kind != item.kind:
            out.append(Difference("removed", code, item.kind, item.name, {}))
    return out


def _places(found: dict[str, Item], kept: set[str]) -> dict[str, tuple[str, int]]:
    """Each kept item's dimension and rank among the kept items beside it, so that
    adding or removing an item does not count as moving the others."""
    places: dict[str, tuple[str, int]] = {}
    counts: dict[tuple[str, str], int] = {}
    for code, item in found.items():
        if code not in kept:
            continue
        group = (item.kind, "" if item.kind == "dimension" else item.dimension)
        places[code] = (group[1], counts.get(group, 0))
        counts[group] = counts.get(group, 0) + 1
    return places
