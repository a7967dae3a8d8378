"""The totals per category (评分汇总): rank, entry, total, the dimension scores,
the 90% rank interval, the probability within the quota and whether every
criterion was scored, with the method stated at the top; CSV and XLSX exports
that state it in their first rows. Organizers at any time, the panel while
集中评议 is open."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from ccaward.deliberation import exports
from ccaward.deliberation.domain.evaluation import season_evaluation
from ccaward.deliberation.views.common import (
    Namer,
    board_view,
    conflicted_entries,
    interval,
    localized,
    number,
    organizes,
    percent,
)
from ccaward.deliberation.wording import statement
from ccaward.engine.framework import fmt


def _rows(se, results, quota: int, namer, conflicted: set[int]) -> list[dict]:
    dims = se.framework.dimensions
    out = []
    for i, r in enumerate(results):
        entry = se.entries[r.entry]
        after = results[i + 1].rank if i + 1 < len(results) else None
        out.append(
            {
                "result": r,
                "entry": entry,
                "name": namer(entry),
                "linked": entry.pk not in conflicted,
                "rank": "—" if r.rank is None else (f"={r.rank}" if r.tied else str(r.rank)),
                "total": number(r.total),
                "dims": [number(r.dimensions.get(d.code), 1) for d in dims],
                "interval": interval(r.rank_interval),
                "p": percent(r.p_in_quota),
                "within": r.rank is not None and r.rank <= quota,
                "quota_line": r.rank is not None
                and r.rank <= quota
                and (after is None or after > quota),
            }
        )
    return out


def context(se, request) -> dict:
    namer = Namer(request.user, request.season)
    conflicted = conflicted_entries(request.user, request.season)
    dims = se.framework.dimensions if se.framework is not None else ()
    tables = []
    if se.evaluation is not None:
        for category, results in se.by_category():
            tables.append(
                {
                    "category": category,
                    "rows": _rows(se, results, category.quota, namer, conflicted),
                }
            )
    return {
        "season": request.season,
        "se": se,
        "statement": statement(se),
        "dimensions": [
            {"code": d.code, "name": localized(d), "weight": fmt(d.weight)} for d in dims
        ],
        "tables": tables,
        "blind": namer.blind,
        "organizer": organizes(request.user, request.season),
    }


@require_GET
@board_view
def totals(request, season):
    se = season_evaluation(season)
    return render(request, "deliberation/totals.html", context(se, request))


def _download(request, season, kind: str) -> HttpResponse:
    se = season_evaluation(season)
    english = (get_language() or "").startswith("en")
    namer = Namer(request.user, season)
    if kind == "csv":
        body = exports.totals_csv(se, season, namer, english=english)
        content_type = exports.CSV_TYPE
    else:
        body = exports.totals_xlsx(se, season, namer, english=english)
        content_type = exports.XLSX_TYPE
    response = HttpResponse(body, content_type=content_type)
    day = timezone.localdate().strftime("%Y%m%d")
    response["Content-Disposition"] = f'attachment; filename="totals-{season.slug}-{day}.{kind}"'
    return response


@require_GET
@board_view
def totals_csv(request, season):
    return _download(request, season, "csv")


@require_GET
@board_view
def totals_xlsx(request, season):
    return _download(request, season, "xlsx")
