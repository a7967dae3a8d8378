"""The evidence beside the review form: a registry of panels, as the home page's
panels are (seasons/homepage.py). An app adds its panel with

    @evidence_panel(order=30, key="mystery", label=pgettext_lazy(...),
                    template="mystery/_evidence.html")
    def mystery_summary(entry, *, blind) -> dict | None: ...

(imported when Django is ready, e.g. from the app's `evidence.py`, which the
plug-in imports like its `home.py`). The function returns its template's
context, or None when there is nothing to show (the stage has no data yet). When
`blind` is true it must leave out whatever identifies the entry (reviews/blind.py
has the helpers). The review page shows the panels in `order`, side by side with
the form on a desktop and as tabs on a phone; only a judge assigned to the entry
without a conflict, or an organizer, ever reaches them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Panel:
    order: int
    key: str
    label: object
    template: str
    context: Callable


PANELS: list[Panel] = []


def evidence_panel(*, order: int, key: str, label, template: str):
    def decorator(fn: Callable):
        panel = Panel(order, key, label, template, fn)
        PANELS[:] = sorted([*(p for p in PANELS if p.key != key), panel], key=lambda p: p.order)
        return fn

    return decorator


def panels(entry, *, blind: bool) -> list[tuple[Panel, dict]]:
    """(panel, context) of each registered panel that has something to show."""
    out = []
    for panel in PANELS:
        context = panel.context(entry, blind=blind)
        if context is not None:
            out.append((panel, context))
    return out
