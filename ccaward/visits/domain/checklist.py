"""The site-visit checklist (现场核查表) as data: data/checklist_default.yaml,
resolved against a season's framework version when a visit is scheduled. Each
item keeps the answers it checks and the criterion its score feeds (with the
criterion's names, so the visit reads alike after the framework changes); an
item whose criterion the version does not have is kept with no criterion."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml

from ccaward.seasons.models import Criterion

DEFAULT = Path(__file__).resolve().parent.parent / "data" / "checklist_default.yaml"


@cache
def default_groups() -> tuple[dict, ...]:
    with DEFAULT.open(encoding="utf-8") as fh:
        return tuple(yaml.safe_load(fh)["groups"])


def criteria_of(framework) -> dict[str, Criterion]:
    if framework is None:
        return {}
    return {
        c.code: c for c in Criterion.objects.filter(dimension__framework=framework).order_by("pk")
    }


def resolve(framework) -> list[dict]:
    """The checklist for a visit under `framework` (a FrameworkVersion or None)."""
    criteria = criteria_of(framework)
    items = []
    for group in default_groups():
        for raw in group["items"]:
            crit = criteria.get(raw["criterion"])
            items.append(
                {
                    "key": raw["key"],
                    "group": group["key"],
                    "group_zh": group["title"]["zh"],
                    "group_en": group["title"]["en"],
                    "label_zh": raw["label"]["zh"],
                    "label_en": raw["label"]["en"],
                    "answers": list(raw["answers"]),
                    "criterion": crit.code if crit else None,
                    "criterion_zh": crit.name_zh if crit else "",
                    "criterion_en": crit.name_en if crit else "",
                }
            )
    return items


def localized(item: dict, field: str, language: str) -> str:
    en = (language or "").startswith("en")
    return (item.get(f"{field}_en") if en else "") or item.get(f"{field}_zh", "")
