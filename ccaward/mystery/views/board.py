"""The organizers' board (暗访看板): counts per entry and per shopper, the score
distribution, each entry's results; the contacts, filtered by state; one
contact's cards with the points of every answer, its attempts and recordings,
and voiding it with a reason; the Excel export of every card."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import urlencode
from django.utils.translation import get_language, pgettext
from django.views.decorators.http import require_POST

from ccaward.core.access import season_view
from ccaward.mystery import board as board_data
from ccaward.mystery import exports
from ccaward.mystery.domain import voiding
from ccaward.mystery.models import Contact, Recording
from ccaward.mystery.views.board_cards import card_view
from ccaward.mystery.views.board_charts import distribution
from ccaward.mystery.views.board_forms import VoidForm
from ccaward.seasons import gates
from ccaward.seasons.enums import StageKind

PAGE_SIZE = 50
FILTERS = ("planned", "overdue", "done", "unreachable", "void")


def _english() -> bool:
    return (get_language() or "").startswith("en")


def _group_heads(data) -> list[dict]:
    english = _english()
    return [{"code": c, "name": (en or zh) if english else zh} for c, zh, en in data.groups]


def _entry_rows(data) -> list[dict]:
    rows = []
    for row in data.entries:
        r = row.result
        rows.append(
            {
                "entry": row.entry,
                "counts": row.counts,
                "result": r,
                "groups": board_data.group_cells(r, data.groups),
                "no_consistency": board_data.no_consistency(r),
                "alpha": None if r is None else r.agreement.alpha,
            }
        )
    return rows


def _contacts(season, data, status: str, entry: str):
    rows = Contact.objects.filter(season=season).select_related("entry__center", "shopper")
    if status == "overdue":
        rows = rows.filter(board_data.overdue_q())
    elif status in FILTERS:
        rows = rows.filter(status=status)
    if entry.isdigit():
        rows = rows.filter(entry_id=int(entry))
    totals: dict[int, list] = {}
    flagged: set[int] = set()
    for row in data.scores.rows:
        totals.setdefault(row.card.contact_id, []).append(row.score.total)
        if row.card.out_of_slot:
            flagged.add(row.card.contact_id)
    return rows.order_by("planned_on", "entry__center__name", "number"), totals, flagged


@season_view("mystery.view_board")
def board(request, season):
    data = board_data.board(season)
    status = request.GET.get("status", "")
    entry = request.GET.get("entry", "")
    rows, totals, flagged = _contacts(season, data, status, entry)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    for contact in page:
        scored = totals.get(contact.pk, [])
        contact.total = sum(scored) / len(scored) if scored else None
        contact.out_of_slot = contact.pk in flagged
        contact.overdue = board_data.is_overdue(contact)
    query = {k: v for k, v in (("status", status), ("entry", entry)) if v}
    return render(
        request,
        "mystery/board/board.html",
        {
            "season": season,
            "tab": "board",
            "data": data,
            "entries": _entry_rows(data),
            "groups": _group_heads(data),
            "chart": distribution(data.distribution) if data.scored else "",
            "page": page,
            "page_query": urlencode(query),
            "status": status,
            "entry_filter": entry,
            "filters": FILTERS,
            "stage": season.stage(StageKind.MYSTERY_CALLS),
            "stage_open": gates.is_open(season, StageKind.MYSTERY_CALLS),
            "can_manage": request.user.has_perm("mystery.manage", season),
        },
    )


def _contact(season, pk) -> Contact:
    return get_object_or_404(
        Contact.objects.select_related(
            "entry__center", "entry__category", "shopper", "scenario", "scorecard"
        ),
        season=season,
        pk=pk,
    )


@season_view("mystery.view_board")
def contact(request, season, pk):
    made = _contact(season, pk)
    return card_view(request, season, made, VoidForm(initial={"version": made.version}))


def _change(request, season, pk, operation, done_message):
    made = _contact(season, pk)
    form = VoidForm(request.POST)
    if form.is_valid():
        try:
            operation(
                contact=made,
                reason=form.cleaned_data["reason"],
                by=request.user,
                base_version=form.cleaned_data.get("version"),
            )
        except voiding.ContactChanged:
            messages.error(
                request,
                pgettext(
                    "mystery",
                    "The contact was changed meanwhile: see it as it is now and try again.",
                ),
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, done_message)
            return redirect("mystery:board_contact", season.slug, made.pk)
    made.refresh_from_db()
    return card_view(request, season, made, form, status=422)


@require_POST
@season_view("mystery.manage")
def void(request, season, pk):
    return _change(
        request, season, pk, voiding.void_contact, pgettext("mystery", "The contact is voided.")
    )


@require_POST
@season_view("mystery.manage")
def unvoid(request, season, pk):
    return _change(
        request,
        season,
        pk,
        voiding.unvoid_contact,
        pgettext("mystery", "The contact counts again."),
    )


@season_view("mystery.view_board")
def recording(request, season, uuid):
    stored = get_object_or_404(
        Recording.objects.select_related("card__contact"), uuid=uuid, card__contact__season=season
    )
    try:
        handle = stored.file.open("rb")
    except (FileNotFoundError, ValueError):
        raise Http404 from None
    return FileResponse(handle, as_attachment=True, filename=stored.name)


@season_view("mystery.view_board")
def export(request, season):
    body = exports.board_xlsx(season, english=_english())
    response = HttpResponse(body, content_type=exports.XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="mystery-{season.slug}.xlsx"'
    return response
