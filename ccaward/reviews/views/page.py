"""What the review page shows: the criteria by dimension with the values, the
scale, the evidence panels, the history of the scores."""

from __future__ import annotations

import json

from django.utils.translation import get_language

from ccaward.engine import review_scale
from ccaward.reviews import domain
from ccaward.reviews.blind import entry_label, policy_of
from ccaward.reviews.evidence import panels
from ccaward.reviews.models import COMMENT, NOTES, SCORE, ScoreChange


def field_id(key: str) -> str:
    return "f-" + key.replace(".", "-").replace("_", "-")


def scale_context(scale: str) -> dict:
    spec = review_scale.spec(scale)
    en = (get_language() or "").startswith("en")
    return {
        "key": spec.key,
        "label": domain.scale_label(scale),
        "values": [review_scale.text(v) for v in spec.values()],
        "anchors": [
            {
                "value": str(a.value),
                "label": a.label_en if en else a.label_zh,
                "text": a.text_en if en else a.text_zh,
            }
            for a in spec.anchors
        ],
    }


def dimensions(version, values: dict, errors: dict) -> list[dict]:
    """Each dimension with its weight, its criteria (value, error) and comment."""
    out = []
    for dim, crits in domain.scored_criteria(version):
        key = COMMENT + dim.code
        out.append(
            {
                "dim": dim,
                "comment": {
                    "key": key,
                    "id": field_id(key),
                    "value": values.get(key) or "",
                    "errors": errors.get(key, []),
                },
                "criteria": [
                    {
                        "crit": c,
                        "key": SCORE + c.code,
                        "id": field_id(SCORE + c.code),
                        "value": values.get(SCORE + c.code) or "",
                        "errors": errors.get(SCORE + c.code, []),
                        "sub": c.parent_id is not None,
                    }
                    for c in crits
                ],
            }
        )
    return out


def field_keys(version) -> set[str]:
    keys = set(NOTES)
    for dim, crits in domain.scored_criteria(version):
        keys.add(COMMENT + dim.code)
        keys.update(SCORE + c.code for c in crits)
    return keys


def history(review) -> list[ScoreChange]:
    if review is None:
        return []
    names = {c.code: c.name for c in domain.criteria_by_code(review.framework).values()}
    rows = list(ScoreChange.objects.filter(review=review).select_related("by"))
    for row in rows:
        row.criterion_name = names.get(row.criterion, row.criterion)
    return rows


def context(
    *,
    season,
    entry,
    review,
    can_score: bool,
    organizer: bool = False,
    values: dict | None = None,
    errors: dict | None = None,
    conflicts: list | None = None,
    base: dict | None = None,
    revise: dict | None = None,
) -> dict:
    """The review page's context; `values` (what was typed) and `errors` when a
    post is shown again."""
    policy = policy_of(season)
    version = review.framework if review else domain.version_in_force(season)
    scale = review.scale if review else policy.scale
    stored = review.values if review else {}
    shown = {**stored, **(values or {})}
    blind = policy.blind and not organizer
    keys = field_keys(version)
    return {
        "season": season,
        "entry": entry,
        "review": review,
        "title": entry_label(entry, blind),
        "blind": blind,
        "organizer": organizer,
        "version": version,
        "scale": scale_context(scale),
        "dimensions": dimensions(version, shown, errors or {}),
        "locked": dimensions(version, stored, {}),
        "revise": revise or {},
        "notes": {
            name: {"key": name, "id": field_id(name), "value": shown.get(name) or ""}
            for name in NOTES
        },
        "can_score": can_score,
        "editable": can_score and (review is None or not review.submitted) and not organizer,
        "can_revise": can_score and review is not None and review.submitted and not organizer,
        "deadline": policy.review_deadline,
        "review_version": review.version if review else 0,
        "base_json": json.dumps(
            base if base is not None else {k: v for k, v in stored.items() if k in keys},
            ensure_ascii=False,
            sort_keys=True,
        ),
        "panels": panels(entry, blind=blind),
        "history": history(review),
        "revisions": [h for h in reversed(history(review)) if h.kind == "revised"],
        "as_submitted": [h for h in history(review) if h.kind == "submitted"],
        "conflicts": conflicts or [],
        "errors": errors or {},
        "error_general": " ".join((errors or {}).get("__all__", [])),
        "error_list": [m for k, ms in (errors or {}).items() if k != "__all__" for m in ms],
        "saved_ms": int(review.saved_at.timestamp() * 1000) if review and review.saved_at else 0,
    }
