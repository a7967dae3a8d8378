"""A count as people read it: the tally's scores or Schulze's matrices with entry
names, and the decision's rows with where the tie-break chain settled each."""

from __future__ import annotations

from fractions import Fraction

from django.utils.translation import get_language, pgettext

from ccaward.results.enums import VoteMethod


def _localized(pair: dict) -> str:
    if (get_language() or "").startswith("en"):
        return pair.get("en") or pair.get("zh") or ""
    return pair.get("zh") or pair.get("en") or ""


def score_text(value) -> str:
    """A tally score (whole, float or exact "p/q") for people: "7/3 (2.33)"."""
    if value is None:
        return "—"
    if isinstance(value, str) and "/" in value:
        return f"{value} ({float(Fraction(value)):.2f})"
    if isinstance(value, float) and not value.is_integer():
        return f"{value:.2f}"
    return str(int(value)) if isinstance(value, float) else str(value)


def settled_text(key: str, dimensions: list[dict]) -> str:
    """Where the chain separated an entry from the next, in words."""
    if key == "vote":
        return pgettext("voting", "by the vote")
    if key == "total":
        return pgettext("voting", "by the total (the vote was tied)")
    if key.startswith("dimension:"):
        code = key.split(":", 1)[1]
        found = next((d for d in dimensions if d.get("key") == code), None)
        return pgettext(
            "voting", "by the dimension %(name)s (the vote and the total were tied)"
        ) % {"name": _localized(found) if found else code}
    if key == "casting":
        return pgettext("voting", "by the organizers' casting decision")
    return "—"


def tally_view(count, names: dict[int, str]) -> dict:
    """The tally for the page: the ranking's rows with scores (approval, Borda) or
    the pairwise matrix d and the strongest paths p (Schulze), entries by name."""
    data = count.tally or {}
    order = [c for group in data.get("ranking", []) for c in group]
    winners, tied = set(data.get("winners", [])), set(data.get("tied", []))

    def name(c) -> str:
        return names.get(int(c), f"#{c}") if str(c).isdigit() else str(c)

    def status(c) -> str:
        if c in winners:
            return "winner"
        return "tied" if c in tied else ""

    place, places = 1, {}
    for group in data.get("ranking", []):
        for c in group:
            places[c] = place
        place += len(group)
    view = {
        "schulze": count.method == VoteMethod.SCHULZE,
        "names": [name(c) for c in order],
        "rows": [
            {
                "name": name(c),
                "place": places[c],
                "score": score_text((data.get("scores") or {}).get(c)),
                "status": status(c),
            }
            for c in order
        ],
    }
    if view["schulze"]:
        for key in ("pairwise", "strongest"):
            table = data.get(key) or {}
            view[key] = [
                (name(a), [None if a == b else table.get(a, {}).get(b, 0) for b in order])
                for a in order
            ]
    return view


def decision_rows(count, names: dict[int, str]) -> list[dict]:
    """The decision's standings by place, each with the chain's step in words."""
    outcome = count.outcome or {}
    dimensions = outcome.get("dimensions") or []
    rows = []
    for s in sorted(outcome.get("standings", []), key=lambda s: (s["place"], s["entry"])):
        rows.append(
            {
                **s,
                "name": names.get(int(s["entry"]), f"#{s['entry']}"),
                "settled": settled_text(s.get("settled_by") or "", dimensions),
                "dims": list(
                    zip(
                        [_localized(d) for d in dimensions], s.get("dimensions") or [], strict=False
                    )
                ),
            }
        )
    return rows


def dimension_names(count) -> list[str]:
    return [_localized(d) for d in (count.outcome or {}).get("dimensions") or []]
