"""The explanations of infeasible instances: one constructor per code, each with the
numbers in `detail` (for a message in any language) and the English sentence."""

from __future__ import annotations

from .model import Entry, Infeasibility, Judge

SHOWN = 8  # ids named in a sentence before "and N more"


def names(ids) -> str:
    """E1; E1 and E2; E1, E2 and E3; E1, ..., E8 and 5 more."""
    ids = list(ids)
    if len(ids) > SHOWN:
        return ", ".join(ids[:SHOWN]) + f" and {len(ids) - SHOWN} more"
    if len(ids) <= 1:
        return "".join(ids)
    return ", ".join(ids[:-1]) + " and " + ids[-1]


def _number(value: float) -> str:
    return f"{value:g}" if value != int(value) else str(int(value))


def locked_forbidden(judge: str, entry: str, why: str) -> Infeasibility:
    what = "a conflict" if why == "conflict" else "the same organisation"
    return Infeasibility(
        entries=[entry],
        judges=[judge],
        reason=f"{judge} is locked on {entry} but has {what}: unlock the pair",
        code="locked_pair_forbidden",
        detail={"judge": judge, "entry": entry, "why": why},
    )


def locked_same_employer(entry: str, judges: list[str]) -> Infeasibility:
    return Infeasibility(
        entries=[entry],
        judges=sorted(judges),
        reason=f"{names(sorted(judges))} are locked on {entry} but have one employer: "
        "unlock all but one",
        code="locked_same_employer",
        detail={"entry": entry, "judges": sorted(judges)},
    )


def locked_above_reviewers(entry: Entry, judges: list[str]) -> Infeasibility:
    return Infeasibility(
        entries=[entry.id],
        judges=sorted(judges),
        reason=f"{entry.id} has {len(judges)} locked judges for {entry.reviewers} reviewers: "
        "unlock some or raise its reviewers",
        code="locked_above_reviewers",
        detail={"entry": entry.id, "locked": len(judges), "reviewers": entry.reviewers},
    )


def locked_above_max_load(judge: Judge, locked: int) -> Infeasibility:
    return Infeasibility(
        entries=[],
        judges=[judge.id],
        reason=f"{judge.id} is locked on {locked} entries above the maximum load "
        f"{judge.max_load}: unlock some or raise the maximum",
        code="locked_above_max_load",
        detail={"judge": judge.id, "locked": locked, "max_load": judge.max_load},
    )


def too_few_judges(short: dict[str, dict], judges: list[str], cap: float | None):
    """`short`: entry -> {"reviewers", "judges" (eligible: of distinct employers,
    without a conflict), "capacity" (the expected reviewers they can give under the
    cap)}."""
    groups: dict[tuple, list[str]] = {}
    for entry, d in short.items():
        groups.setdefault((d["judges"], d["reviewers"], d["capacity"]), []).append(entry)
    parts = []
    for (eligible, reviewers, capacity), entries in groups.items():
        verb = "has" if len(entries) == 1 else "have"
        text = f"{names(entries)} {verb} only {eligible} judge{'s' * (eligible != 1)}"
        text += f" without a conflict (of different employers) for {reviewers} reviewers"
        if cap is not None and capacity < eligible:
            text += f", at most {_number(capacity)} expected with each pair at most {cap:g}"
        parts.append(text)
    fix = "raise the probability cap, lower R or add judges" if cap else "lower R or add judges"
    return Infeasibility(
        entries=list(short),
        judges=judges,
        reason="; ".join(parts) + ": " + fix,
        code="too_few_judges_for_entry",
        detail={"entries": short, "max_probability": cap},
    )


def total_capacity(reviews: int, capacity: int, judges: list[str]) -> Infeasibility:
    return Infeasibility(
        entries=[],
        judges=judges,
        reason=f"the entries need {reviews} reviews but the judges' maximum loads add up "
        f"to {capacity}: raise maximum loads, add judges or lower R",
        code="total_capacity",
        detail={"reviews": reviews, "capacity": capacity},
    )


def min_loads_exceed_demand(reviews: int, min_loads: int, judges: list[str]):
    return Infeasibility(
        entries=[],
        judges=judges,
        reason=f"the judges' minimum loads add up to {min_loads} but the entries need only "
        f"{reviews} reviews: lower minimum loads or raise R",
        code="min_loads_exceed_demand",
        detail={"reviews": reviews, "min_loads": min_loads},
    )


def too_few_entries(short: dict[str, dict], cap: float | None = None) -> Infeasibility:
    """`short`: judge -> {"min_load", "entries" (they may review)}."""
    each = f", each with probability at most {cap:g}," if cap is not None else ""
    parts = [
        f"{judge} may review only {d['entries']} entr{'y' if d['entries'] == 1 else 'ies'}"
        f"{each} for a minimum load of {d['min_load']}"
        for judge, d in short.items()
    ]
    fix = "lower the minimum loads" + (" or raise the probability cap" if cap else "")
    return Infeasibility(
        entries=[],
        judges=list(short),
        reason="; ".join(parts) + ": " + fix,
        code="too_few_entries_for_judge",
        detail={"judges": short, "max_probability": cap},
    )


def entries_short(entries, judges, reviews: float, capacity: float, cap) -> Infeasibility:
    """A set of entries whose eligible judges cannot give them enough reviews (Hall)."""
    limits = "maximum loads, conflicts and the one-employer rule"
    if cap is not None:
        limits += f" and each pair at most {cap:g}"
    return Infeasibility(
        entries=list(entries),
        judges=list(judges),
        reason=f"{names(entries)} need {_number(reviews)} reviews but the judges who may "
        f"review them can give at most {_number(capacity)} ({limits}); judges at their "
        f"maximum: {names(judges) or 'none'}: raise maximum loads, add judges or lower R",
        code="entries_short_of_judges",
        detail={"reviews": reviews, "capacity": capacity, "max_probability": cap},
    )


def judges_short(judges, entries, min_loads: float, capacity: float, cap) -> Infeasibility:
    """A set of judges whose minimum loads the entries they may review cannot take."""
    return Infeasibility(
        entries=list(entries),
        judges=list(judges),
        reason=f"{names(judges)} have minimum loads adding up to {_number(min_loads)} but "
        f"the entries they may review can take at most {_number(capacity)} of them "
        f"(entries full: {names(entries) or 'none'}): lower minimum loads or raise R",
        code="judges_short_of_entries",
        detail={"min_loads": min_loads, "capacity": capacity, "max_probability": cap},
    )


def no_assignment(judges, entries) -> Infeasibility:
    return Infeasibility(
        entries=list(entries),
        judges=list(judges),
        reason="no assignment meets the reviewers, the loads and the conflicts together",
        code="no_assignment",
        detail={},
    )
