"""Benchmarking: an entry's indicators against its peer group, and the season's
board of every competing entry."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import pgettext

from ccaward.applications.enums import COMPETING
from ccaward.applications.models import Entry
from ccaward.engine import benchmark, kpi
from ccaward.kpis.domain.computation import latest_results
from ccaward.kpis.domain.figures import FORM_INDICATORS, reported_values
from ccaward.kpis.domain.policy import policy_for
from ccaward.kpis.domain.thresholds import thresholds_for
from ccaward.kpis.labels import BOARD, LABELS

PEER_GROUPS = ("season", "category", "industry", "seats")
# what an entry's KPI page shows: the engine's indicators, staffing efficiency, and
# the form's figures that the framework scores
SHOWN = (*kpi.INDICATORS, "staffing_efficiency", *FORM_INDICATORS)


def peer_group_label(group: str) -> str:
    return {
        "season": pgettext("peer group", "Whole season"),
        "category": pgettext("peer group", "Same category"),
        "industry": pgettext("peer group", "Same industry"),
        "seats": pgettext("peer group", "Same seat-size band"),
    }[group]


def _peer_key(entry, group: str):
    return {
        "season": lambda e: e.season_id,
        "category": lambda e: e.category_id,
        "industry": lambda e: e.center.industry,
        "seats": lambda e: e.center.seat_band,
    }[group](entry)


def _competing(season) -> list:
    return list(
        Entry.objects.filter(season=season, status__in=COMPETING).select_related(
            "center", "category"
        )
    )


def peer_values(season, group: str, entry=None) -> tuple[list, dict]:
    """The competing entries of the peer group (of `entry`, or all when None) and
    their newest results: (entries, {entry id: KpiResult})."""
    if group not in PEER_GROUPS:
        raise ValidationError({"group": pgettext("validation", "Unknown peer group.")})
    peers = _competing(season)
    if entry is not None:
        if entry.pk not in {p.pk for p in peers}:
            peers.append(entry)
        key = _peer_key(entry, group)
        peers = [p for p in peers if _peer_key(p, group) == key]
    return peers, latest_results(peers)


def _figure(key: str, entry_id: int, results: dict, reported: dict):
    if key in FORM_INDICATORS:
        return reported.get(entry_id, {}).get(key)
    result = results.get(entry_id)
    return result.figures.get(key) if result is not None else None


def days_covered(result) -> int:
    """The days a result's records cover (the days with records), or the days of the
    months entered by hand."""
    if result is None:
        return 0
    return benchmark.days_covered(
        days=[r.get("day") for r in result.daily or ()],
        months=[r.get("month") for r in result.monthly or () if r.get("month")],
    )


def _compared(key: str, entry_id: int, results: dict, reported: dict):
    """The figure as it is set beside the peers': a volume per day covered."""
    value = _figure(key, entry_id, results, reported)
    if key in benchmark.VOLUMES:
        return benchmark.per_day(value, days_covered(results.get(entry_id)))
    return value


def heat_class(percentile: float | None) -> int | None:
    """0..9: the decile of a percentile, for the heat-map colours."""
    return None if percentile is None else min(9, int(percentile // 10))


class EntryBenchmark:
    """An entry's indicators against its peer group (engine.benchmark.position)."""

    def __init__(self, *, entry, result, group: str, rows, target, distribution):
        self.entry, self.result, self.group = entry, result, group
        self.rows, self.target, self.distribution = rows, target, distribution

    @property
    def group_label(self) -> str:
        return peer_group_label(self.group)


def entry_benchmark(entry, result, group: str = "season") -> EntryBenchmark:
    """Position of the entry on every scored indicator within its peer group."""
    policy = policy_for(entry.season)
    tables = thresholds_for(entry.season)
    peers, results = peer_values(entry.season, group, entry)
    results[entry.pk] = result
    reported = reported_values(peers)
    rows = []
    distribution = None
    for key in SHOWN:
        # volumes are compared per day covered, not as totals over different spans
        values = {str(p.pk): _compared(key, p.pk, results, reported) for p in peers}
        pos = benchmark.indicator_position(
            key, str(entry.pk), values, min_peers=policy.min_peers, thresholds=tables.get(key)
        )
        rows.append(
            {
                "key": key,
                "indicator": benchmark.INDICATORS.get(key),
                "position": pos,
                "value": _figure(key, entry.pk, results, reported),
                "per_day": pos.value if key in benchmark.VOLUMES else None,
                "heat": heat_class(pos.percentile),
            }
        )
        if key == "service_level" and pos.stats is not None and pos.value is not None:
            distribution = (pos, str(LABELS[key]), 100)
    return EntryBenchmark(
        entry=entry,
        result=result,
        group=group,
        rows=rows,
        target=policy.sl_target,
        distribution=distribution,
    )


def _cells(entry, peers, results, reported, policy, tables) -> list[dict]:
    cells = []
    for key in BOARD:
        values = {str(p.pk): _compared(key, p.pk, results, reported) for p in peers}
        pos = benchmark.indicator_position(
            key, str(entry.pk), values, min_peers=policy.min_peers, thresholds=tables.get(key)
        )
        cells.append(
            {
                "key": key,
                "value": pos.value,
                "percentile": pos.percentile,
                "heat": heat_class(pos.percentile),
                "score": pos.score,
            }
        )
    return cells


def board(season, *, group: str = "season", sort: str = "") -> dict:
    """Every competing entry with a result, its values and percentiles on the board's
    indicators, within the chosen peer group (a percentile per group of its own)."""
    policy = policy_for(season)
    tables = thresholds_for(season)
    entries, results = peer_values(season, group)
    entries = [e for e in entries if e.pk in results]
    reported = reported_values(entries)
    groups: dict = {}
    for e in entries:
        groups.setdefault(_peer_key(e, group), []).append(e)
    rows = [
        {
            "entry": e,
            "result": results[e.pk],
            "cells": _cells(e, groups[_peer_key(e, group)], results, reported, policy, tables),
        }
        for e in entries
    ]
    if sort in BOARD:
        i = BOARD.index(sort)
        rows.sort(key=lambda r: _better_first(sort, r["cells"][i]))
    else:
        rows.sort(key=lambda r: r["entry"].center.name)
    return {
        "rows": rows,
        "columns": BOARD,
        "group": group,
        "groups": PEER_GROUPS,
        "min_peers": policy.min_peers,
        "group_labels": {g: peer_group_label(g) for g in PEER_GROUPS},
        "sort": sort,
    }


def _better_first(key: str, cell: dict) -> tuple:
    """Sort key: by percentile (best first); without one, by the value in the better
    direction (a small group has values but no percentiles); missing values last."""
    ind = benchmark.INDICATORS[key]
    value = cell["value"]
    if value is None:
        return (2, 0.0)
    if cell["percentile"] is not None:
        return (0, -cell["percentile"], -value if ind.direction != "lower" else value)
    if ind.direction == "lower":
        return (1, value)
    if ind.direction == "band" and ind.band is not None:
        return (1, ind.band.distance(value))
    return (1, -value)


def position_scores(season, keys) -> dict[int, dict[str, object]]:
    """Every competing entry's benchmark score (0..100, or None) on each indicator of
    `keys` within the whole season, as its KPI page's `entry_benchmark` gives it, in
    a few queries: {entry id: {key: score}} for the entries with a result."""
    keys = [k for k in keys if k in SHOWN]
    if not keys:
        return {}
    policy = policy_for(season)
    tables = thresholds_for(season)
    peers, results = peer_values(season, "season")
    reported = reported_values(peers)
    out: dict[int, dict[str, object]] = {}
    for key in keys:
        values = {str(p.pk): _compared(key, p.pk, results, reported) for p in peers}
        for p in peers:
            if p.pk not in results:
                continue
            pos = benchmark.indicator_position(
                key, str(p.pk), values, min_peers=policy.min_peers, thresholds=tables.get(key)
            )
            out.setdefault(p.pk, {})[key] = pos.score
    return out


def framework_evidence(entry, bench) -> list[dict]:
    """The KPI evidence each indicator-based criterion of the season's framework
    receives from this entry's scores (engine.benchmark.criterion_evidence)."""
    version = entry.season.current_framework()
    if version is None or bench is None:
        return []
    framework = version.to_engine()
    scores = {r["key"]: r["position"].score for r in bench.rows}
    evidence = benchmark.criterion_evidence(framework, scores)
    out = []
    for dim, crit, _parent in framework.criteria():
        if crit.evidence.get("kpi", 0) > 0 and crit.indicator:
            out.append(
                {
                    "dimension": dim,
                    "criterion": crit,
                    "indicator": crit.indicator,
                    "kpi_weight": crit.evidence["kpi"],
                    "score": evidence.get(crit.code, {}).get("kpi"),
                }
            )
    return out
