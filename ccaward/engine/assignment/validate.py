"""Input that no assignment can make right: refused with `AssignmentInputError`, which
names the judge, entry or pair and the field."""

from __future__ import annotations

import math
from collections.abc import Iterable

from .model import AssignmentInputError, Entry, Judge

MAX_AFFINITY = 10**6  # |affinity| above this is refused (costs are affinity x 10^6)


def _error(message: str, code: str, **detail) -> AssignmentInputError:
    return AssignmentInputError(message, code=code, detail=detail)


def _is_count(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def check_judges(judges: Iterable[Judge]) -> dict[str, Judge]:
    """The judges by id; a duplicate or empty id, a negative or non-integer load, or a
    minimum above the maximum is refused."""
    by_id: dict[str, Judge] = {}
    for judge in judges:
        if not isinstance(judge.id, str) or not judge.id:
            raise _error("a judge has an empty id", "empty_id", field="judge")
        if judge.id in by_id:
            raise _error(f"judge {judge.id!r} is given twice", "duplicate_judge", judge=judge.id)
        for name in ("min_load", "max_load"):
            value = getattr(judge, name)
            if not _is_count(value):
                raise _error(
                    f"judge {judge.id!r}: {name} must be a whole number >= 0, not {value!r}",
                    "bad_load",
                    judge=judge.id,
                    field=name,
                    value=value,
                )
        if judge.min_load > judge.max_load:
            raise _error(
                f"judge {judge.id!r}: min_load {judge.min_load} is above max_load {judge.max_load}",
                "load_min_above_max",
                judge=judge.id,
                field="min_load",
                min_load=judge.min_load,
                max_load=judge.max_load,
            )
        by_id[judge.id] = judge
    return by_id


def check_entries(entries: Iterable[Entry]) -> dict[str, Entry]:
    """The entries by id; a duplicate or empty id or a negative number of reviewers is
    refused."""
    by_id: dict[str, Entry] = {}
    for entry in entries:
        if not isinstance(entry.id, str) or not entry.id:
            raise _error("an entry has an empty id", "empty_id", field="entry")
        if entry.id in by_id:
            raise _error(f"entry {entry.id!r} is given twice", "duplicate_entry", entry=entry.id)
        if not _is_count(entry.reviewers):
            raise _error(
                f"entry {entry.id!r}: reviewers must be a whole number >= 0, not "
                f"{entry.reviewers!r}",
                "bad_reviewers",
                entry=entry.id,
                field="reviewers",
                value=entry.reviewers,
            )
        by_id[entry.id] = entry
    return by_id


def check_pairs(pairs, judges: dict, entries: dict, what: str) -> set[tuple[str, str]]:
    """A set of (judge, entry) pairs whose ids are all known; `what` names the argument
    (affinity, conflicts, locked) in the message."""
    checked = set()
    for pair in pairs:
        if not (isinstance(pair, tuple) and len(pair) == 2):
            raise _error(f"{what}: {pair!r} is not a (judge, entry) pair", "bad_pair", field=what)
        judge, entry = pair
        if judge not in judges:
            raise _error(
                f"{what} ({judge!r}, {entry!r}): unknown judge {judge!r}",
                "unknown_judge",
                field=what,
                judge=judge,
                entry=entry,
            )
        if entry not in entries:
            raise _error(
                f"{what} ({judge!r}, {entry!r}): unknown entry {entry!r}",
                "unknown_entry",
                field=what,
                judge=judge,
                entry=entry,
            )
        checked.add((judge, entry))
    return checked


def check_affinity(affinity: dict, judges: dict, entries: dict) -> dict[tuple[str, str], float]:
    """The affinities as floats; unknown ids, a value that is not a finite number or one
    beyond +-10^6 are refused."""
    check_pairs(affinity, judges, entries, "affinity")
    values = {}
    for pair, value in affinity.items():
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise _error(
                f"affinity {pair!r}: {value!r} is not a number",
                "bad_affinity",
                field="affinity",
                judge=pair[0],
                entry=pair[1],
            )
        if not math.isfinite(value) or abs(value) > MAX_AFFINITY:
            raise _error(
                f"affinity {pair!r}: {value!r} is not a finite number within +-{MAX_AFFINITY}",
                "bad_affinity",
                field="affinity",
                judge=pair[0],
                entry=pair[1],
            )
        values[pair] = float(value)
    return values


def check_randomized(max_probability, seed) -> None:
    """The cap is a probability in (0, 1]; a seed without a cap is refused (it would
    draw nothing)."""
    if max_probability is None:
        if seed is not None:
            raise _error(
                "a seed is used only with max_probability", "seed_without_cap", field="seed"
            )
        return
    if (
        isinstance(max_probability, bool)
        or not isinstance(max_probability, int | float)
        or not 0 < max_probability <= 1
    ):
        raise _error(
            f"max_probability must be in (0, 1], not {max_probability!r}",
            "bad_max_probability",
            field="max_probability",
            value=max_probability,
        )
    if seed is not None and (isinstance(seed, bool) or not isinstance(seed, int)):
        raise _error(f"seed must be an integer, not {seed!r}", "bad_seed", field="seed")
