"""What the deliberation board shows of each entry of a category: its place, total,
90% rank interval and probability within the quota from the season's evaluation,
its flags (judges disagree widely, KPI discrepancy, uncertain at the quota line),
its nine dimensions against the category's median (the radar's ECharts option and
the same numbers as a table) and the links to its evidence. Reads only."""

from __future__ import annotations

import json
import statistics
import textwrap
from dataclasses import dataclass, field
from decimal import Decimal

from django.urls import reverse
from django.utils.translation import get_language, npgettext, pgettext

from ccaward.applications.models import Entry
from ccaward.deliberation.domain.comments import kept_from, organizes
from ccaward.deliberation.domain.ranking import Ranked, within
from ccaward.kpis import domain as kpis
from ccaward.reviews.blind import entry_code, entry_label, policy_of

# a criterion on which an entry's KPI evidence and its judges' score, each standardised
# within the category, are this many standard deviations apart
KPI_GAP = 2.0
MIN_PEERS = 3


@dataclass
class Flag:
    key: str  # "disagree", "kpi", "uncertain"
    label: str
    detail: str = ""


@dataclass
class Row:
    ranked: Ranked
    name: str
    code: str
    kept: bool  # a conflict of interest keeps the reader from its deliberation
    in_quota: bool
    flags: list[Flag] = field(default_factory=list)
    dimensions: list[tuple[str, Decimal | None, float | None]] = field(default_factory=list)
    radar: str = ""
    links: list[tuple[str, str]] = field(default_factory=list)
    comments: list = field(default_factory=list)
    choice: object = None  # its place on the saved shortlist (domain.shortlist.Choice)

    @property
    def entry(self):
        return self.ranked.entry

    @property
    def result(self):
        return self.ranked.result

    @property
    def interval(self) -> str:
        found = self.result.rank_interval
        if not found:
            return "—"
        low, high = found
        return str(low) if low == high else f"{low}–{high}"

    @property
    def p_percent(self) -> str:
        p = self.result.p_in_quota
        return "—" if p is None else f"{p * 100:.0f}%"


def _english() -> bool:
    return (get_language() or "").startswith("en")


def named(item) -> str:
    """An engine dimension's or criterion's name in the reader's language."""
    return (item.name_en if _english() else "") or item.name_zh


def medians(ranking: list[Ranked], codes: list[str]) -> dict[str, float | None]:
    """Per dimension, the median of the category's entries that have a score on it."""
    out = {}
    for code in codes:
        values = [
            float(row.result.dimensions[code])
            for row in ranking
            if row.result.dimensions.get(code) is not None
        ]
        out[code] = round(statistics.median(values), 1) if values else None
    return out


def wrapped(name: str, width: int = 14) -> str:
    """A dimension's name in lines of about `width` characters at its spaces, so a long
    English name stays within the chart (a Chinese one has no spaces and is short)."""
    return "\n".join(textwrap.wrap(name, width)) or name


def radar_option(name: str, dimensions, median_label: str) -> str:
    """The ECharts option of an entry's radar against the category's median, as the
    JSON its data attribute carries (no code, so the CSP holds)."""

    def value(v):
        return "-" if v is None else round(float(v), 1)

    option = {
        "color": ["#1f5fbf", "#8a94a6"],
        "tooltip": {"trigger": "item", "confine": True},
        "legend": {"bottom": 0, "data": [name, median_label]},
        "radar": {
            "indicator": [
                {"name": wrapped(label), "max": 100, "min": 0} for label, _v, _m in dimensions
            ],
            "radius": "60%",
            "center": ["50%", "46%"],
            "splitNumber": 4,
            "axisName": {"color": "#1d2533", "fontSize": 11},
        },
        "series": [
            {
                "type": "radar",
                "data": [
                    {
                        "name": name,
                        "value": [value(v) for _l, v, _m in dimensions],
                        "areaStyle": {"opacity": 0.18},
                    },
                    {
                        "name": median_label,
                        "value": [value(m) for _l, _v, m in dimensions],
                        "lineStyle": {"type": "dashed"},
                        "symbol": "none",
                    },
                ],
            }
        ],
    }
    return json.dumps(option, ensure_ascii=False, separators=(",", ":"))


def criterion_names(framework) -> dict[str, str]:
    if framework is None:
        return {}
    return {crit.code: named(crit) for _dim, crit, _parent in framework.criteria()}


def kpi_gaps(ranking: list[Ranked], names: dict[str, str]) -> dict[int, list[str]]:
    """Per entry, the criteria on which its KPI evidence and its judges' score place it
    far apart within the category: each kind's scores (0..100) standardised over the
    category's entries that have both, a gap of KPI_GAP standard deviations or more.
    (The two kinds live on different spreads: KPI benchmark scores are percentile-like,
    judges' scores cluster, so raw points are not compared.)"""
    by_criterion: dict[str, list[tuple[int, float, float]]] = {}
    for row in ranking:
        for code, kinds in (row.result.evidence or {}).items():
            if kinds.get("kpi") is not None and kinds.get("judge") is not None:
                by_criterion.setdefault(code, []).append(
                    (row.entry.pk, float(kinds["kpi"]), float(kinds["judge"]))
                )
    out: dict[int, list[str]] = {}
    for code, found in by_criterion.items():
        if len(found) < MIN_PEERS:
            continue
        kpi = [k for _e, k, _j in found]
        judge = [j for _e, _k, j in found]
        spread_k, spread_j = statistics.pstdev(kpi), statistics.pstdev(judge)
        if not spread_k or not spread_j:
            continue
        mean_k, mean_j = statistics.fmean(kpi), statistics.fmean(judge)
        for pk, k, j in found:
            if abs((k - mean_k) / spread_k - (j - mean_j) / spread_j) >= KPI_GAP:
                out.setdefault(pk, []).append(
                    pgettext("deliberation", "%(criterion)s: KPI %(kpi)s, judges %(judge)s")
                    % {"criterion": names.get(code, code), "kpi": f"{k:.0f}", "judge": f"{j:.0f}"}
                )
    return out


def reported_gaps(entries) -> dict[int, int]:
    """Per entry, how many of its reported figures the KPI check flags against the
    figures computed from its records."""
    if not entries:
        return {}
    entries = list(
        Entry.objects.filter(pk__in=[e.pk for e in entries]).prefetch_related("reported")
    )
    results = kpis.latest_results(entries)
    policy = kpis.policy_for(entries[0].season)
    return {
        e.pk: sum(1 for v in kpis.verification(e, results.get(e.pk), policy) if v["flagged"])
        for e in entries
    }


def flags_of(ranked, disagreements: dict, reported: int, gaps: list[str]) -> list[Flag]:
    result = ranked.result
    flags = []
    found = disagreements.get(result.entry)
    if found is not None:
        flags.append(
            Flag(
                "disagree",
                pgettext("deliberation", "Judges disagree widely"),
                pgettext(
                    "deliberation", "Their scores spread %(ratio)s times as widely as is typical."
                )
                % {"ratio": f"{found.ratio:.1f}"},
            )
        )
    if reported or gaps:
        parts = []
        if reported:
            parts.append(
                npgettext(
                    "deliberation",
                    "%(n)s reported figure differs from the one computed from the records",
                    "%(n)s reported figures differ from those computed from the records",
                    reported,
                )
                % {"n": reported}
            )
        parts.extend(gaps)
        flags.append(
            Flag(
                "kpi",
                pgettext("deliberation", "KPI discrepancy"),
                pgettext("list separator", "; ").join(parts),
            )
        )
    if result.uncertain:
        flags.append(
            Flag(
                "uncertain",
                pgettext("deliberation", "Uncertain at the quota line"),
                pgettext("deliberation", "Its 90% rank interval crosses the line of the quota."),
            )
        )
    return flags


def links_of(season, entry) -> list[tuple[str, str]]:
    """The entry's evidence: its application, its KPI page, its reviews' breakdown."""
    args = [season.slug, entry.pk]
    return [
        (pgettext("deliberation", "Application"), reverse("applications:entry", args=args)),
        (pgettext("deliberation", "KPI"), reverse("kpis:entry", args=args)),
        (
            pgettext("deliberation", "Reviews and breakdown"),
            reverse("deliberation:explain", args=args),
        ),
    ]


def board_rows(*, season, category, ranking, season_evaluation, user) -> list[Row]:
    """The board's rows of `category` as `user` sees them: a judge sees entries by
    code when the season's review is blind, and nothing of an entry a conflict
    keeps them from but its place."""
    framework = season_evaluation.framework
    dims = list(framework.dimensions) if framework is not None else []
    codes = [d.code for d in dims]
    middle = medians(ranking, codes)
    evaluation = season_evaluation.evaluation
    disagreements = {d.entry: d for d in evaluation.reliability.disagreements} if evaluation else {}
    reported = reported_gaps([row.entry for row in ranking])
    gaps = kpi_gaps(ranking, criterion_names(framework))
    blind = not organizes(user, season) and policy_of(season).blind
    median_label = pgettext("deliberation", "Category median")
    rows = []
    for ranked in ranking:
        entry = ranked.entry
        row = Row(
            ranked=ranked,
            name=entry_label(entry, blind),
            code=entry_code(entry),
            kept=kept_from(user, entry),
            in_quota=within(ranked.rank, category.quota),
            flags=flags_of(
                ranked, disagreements, reported.get(entry.pk, 0), gaps.get(entry.pk, [])
            ),
        )
        if row.kept:  # the place and its flags, nothing of the evidence behind them
            row.flags = [Flag(flag.key, flag.label) for flag in row.flags]
        else:
            row.dimensions = [
                (named(d), ranked.result.dimensions.get(d.code), middle[d.code]) for d in dims
            ]
            row.radar = radar_option(row.name, row.dimensions, median_label)
            row.links = links_of(season, entry)
        rows.append(row)
    return rows
