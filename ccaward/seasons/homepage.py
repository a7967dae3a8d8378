"""The season's home page for those who take part without organizing it: what
each of their roles has to do and by when. A registry that each app fills from
its home.py (found by core/plugins.py), as the dashboard's counters are:

    @home_panel(order=10, roles=(Role.APPLICANT,), template="applications/_home.html")
    def entries(user, season, now) -> dict | None: ...

A panel's function returns its template's context, or None to show nothing.
The organizers' page is the dashboard (seasons/dashboard.html)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ccaward.engine import schedule
from ccaward.people.enums import Role
from ccaward.seasons.enums import StageKind


@dataclass(frozen=True)
class Panel:
    order: int
    roles: tuple[str, ...]
    template: str
    context: Callable


PANELS: list[Panel] = []

# the stages whose dates each role needs to know
ROLE_STAGES = {
    Role.APPLICANT: (
        StageKind.REGISTRATION,
        StageKind.DATA_COLLECTION,
        StageKind.BENCHMARKING,
        StageKind.SITE_VISITS,
        StageKind.RESULTS,
    ),
    Role.JUDGE: (
        StageKind.RECOMMENDATION,
        StageKind.SITE_VISITS,
        StageKind.DELIBERATION,
        StageKind.VOTING,
        StageKind.RESULTS,
    ),
    Role.MYSTERY_SHOPPER: (StageKind.MYSTERY_CALLS,),
}


def home_panel(*, order: int, roles, template: str):
    def decorator(fn: Callable):
        panel = Panel(order, tuple(str(r) for r in roles), template, fn)
        PANELS[:] = sorted(
            [*(p for p in PANELS if p.template != template), panel], key=lambda p: p.order
        )
        return fn

    return decorator


def roles_of(user, season) -> list[str]:
    if not user.is_authenticated:
        return []
    return list(user.season_roles.filter(season=season).values_list("role", flat=True))


def stage_dates(season, roles, now) -> list[dict]:
    """The stages the roles need, in order, each with its state now."""
    kinds = {str(k) for r in roles for k in ROLE_STAGES.get(r, ())}
    rows = []
    for stage in sorted(season.stages.all(), key=lambda s: s.order):
        if stage.kind in kinds:
            rows.append({"stage": stage, "state": schedule.state(stage.times(), now)})
    return rows


def panels(user, season, roles, now) -> list[tuple[str, dict]]:
    """(template, context) of each panel for the person's roles that has something to say."""
    out = []
    for panel in PANELS:
        if not set(panel.roles) & set(roles):
            continue
        context = panel.context(user, season, now)
        if context is not None:
            out.append((panel.template, {"season": season, "now": now, **context}))
    return out
