"""One visit: its date, address, agenda and judges for everyone who sees it; for
its judges and the organizers also the checklist (现场核查表), each item beside
what the application claims, with what every judge recorded and the form the
tablet records on (static/js/visits.js keeps each edit in the browser and sends
it when the connection allows)."""

from __future__ import annotations

from collections import defaultdict

from django.http import FileResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import get_language

from ccaward.core.access import season_view
from ccaward.engine import visit_scores
from ccaward.judging.access import profile_of
from ccaward.seasons import gates
from ccaward.seasons.enums import JUDGING_STAGE
from ccaward.visits import scores
from ccaward.visits.domain import queries, records
from ccaward.visits.domain.checklist import localized
from ccaward.visits.domain.claims import claims
from ccaward.visits.domain.photos import PHOTO_MAX_BYTES
from ccaward.visits.domain.schedule import agenda_items
from ccaward.visits.enums import Finding, VisitStatus
from ccaward.visits.forms import CancelForm
from ccaward.visits.models import Photo

CONTENT_TYPES = {"jpeg": "image/jpeg", "png": "image/png"}


def _score_options(scale: str) -> list[str]:
    low, high, step = visit_scores.SCALES[scale]
    out, value = [], low
    while value <= high:
        out.append(f"{value.normalize():f}")
        value += step
    return out


def _latest_own(rows, user) -> dict:
    """{item: the user's latest record} (by the device's edit time)."""
    own = {}
    for r in rows:
        mine = r.recorded_by_id == user.pk
        if mine and (r.item_key not in own or r.edited_at >= own[r.item_key].edited_at):
            own[r.item_key] = r
    return own


def _groups(visit, user, language: str) -> list[dict]:
    rows = list(records.records_of(visit))
    by_item = defaultdict(list)
    for r in rows:
        by_item[r.item_key].append(r)
    own = _latest_own(rows, user)
    photos = defaultdict(list)
    for p in visit.photos.all():
        photos[p.item_key].append(p)
    groups: list[dict] = []
    for item in visit.checklist:
        if not groups or groups[-1]["key"] != item["group"]:
            groups.append(
                {"key": item["group"], "title": localized(item, "group", language), "items": []}
            )
        mine = own.get(item["key"])
        groups[-1]["items"].append(
            {
                "key": item["key"],
                "label": localized(item, "label", language),
                "criterion": localized(item, "criterion", language),
                "claims": claims(visit.entry, item, language),
                "own": mine,
                "others": [r for r in by_item[item["key"]] if r is not mine],
                "photos": photos[item["key"]],
            }
        )
    return groups


def _criteria(visit, language: str) -> list[dict]:
    """The entry's visit scores per framework criterion (every visit to it that was
    not cancelled), named as this visit's checklist names them."""
    names = {i["criterion"]: localized(i, "criterion", language) for i in visit.checklist}
    return [
        {"name": names.get(code, code), "score": s.score, "items": s.items, "visits": s.visits}
        for code, s in scores.criterion_scores(visit.entry).items()
    ]


@season_view("visits.view")
def visit_detail(request, season, pk):
    visit = queries.visit_for(request.user, season, pk)
    user = request.user
    language = get_language() or "zh-hans"
    full = user.has_perm("visits.view_records", visit)
    can_record = (
        full and visit.status != VisitStatus.CANCELLED and user.has_perm("visits.record", visit)
    )
    stage_open = gates.is_open(season, JUDGING_STAGE)
    scale = records.scale_of(season)
    context = {
        "season": season,
        "visit": visit,
        "agenda": agenda_items(visit.agenda),
        "judges": list(visit.judges.all()),
        "full": full,
        "can_record": can_record,
        "can_schedule": user.has_perm("visits.schedule", season),
        "is_judge": profile_of(user, season) is not None,
        "closed": None if stage_open else gates.closed(season, JUDGING_STAGE),
        "findings": Finding.choices,
        "score_options": _score_options(scale),
        "photo_max_mb": PHOTO_MAX_BYTES // 2**20,
        "cancel_form": CancelForm(),
    }
    if full:
        context["groups"] = _groups(visit, user, language)
    if context["can_schedule"]:
        context["criteria"] = _criteria(visit, language)
    return render(request, "visits/visit.html", context)


@season_view("visits.view")
def photo(request, season, pk, photo_id):
    visit = queries.visit_for(request.user, season, pk, permission="visits.view_records")
    stored = get_object_or_404(Photo, visit=visit, uuid=photo_id)
    return FileResponse(
        stored.file.open("rb"), filename=stored.name, content_type=CONTENT_TYPES[stored.kind]
    )
