"""What the season dashboard counts per stage: a registry that each app fills.

An app adds a count for a stage with `@stage_count(StageKind.X, npgettext_lazy(...))`; the
dashboard shows whatever is registered, so a new stage touches its own app only.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable

COUNTERS: dict[str, list[tuple[object, Callable]]] = defaultdict(list)


def stage_count(kind: str, label):
    def decorator(fn: Callable):
        COUNTERS[str(kind)].append((label, fn))
        return fn

    return decorator


def counts_for(season) -> dict[str, list[str]]:
    """Per stage, the registered counts as text ("3 judges"); labels are
    npgettext_lazy with a %(n)s placeholder, so plurals follow the language."""
    out = {}
    for kind, fns in COUNTERS.items():
        out[kind] = [str(label % {"n": fn(season)}) for label, fn in fns]
    return out
