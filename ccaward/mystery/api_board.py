"""Mystery calls in the API: the organizers' board (counts per entry and shopper,
the score distribution), every entry's results, every submitted card with its
points, and voiding a contact (see api.py)."""

from __future__ import annotations

import datetime as dt

from django.shortcuts import get_object_or_404
from django.utils.translation import pgettext
from ninja import Router, Schema
from pydantic import Field

from ccaward.core import access
from ccaward.core.apierrors import ERRORS, READ_ERRORS, error
from ccaward.mystery import board as board_data
from ccaward.mystery import scores
from ccaward.mystery.domain import voiding
from ccaward.mystery.enums import ContactStatus
from ccaward.mystery.models import REASON_MAX, Contact

router = Router()


class MysteryBoardCountsOut(Schema):
    planned: int = Field(description="Contacts of the plan not voided.")
    done: int
    unreachable: int = Field(description="Made, but the center could not be reached.")
    overdue: int = Field(description="Still planned, their day before today.")
    voided: int
    to_do: int = Field(description="Planned and not yet made.")


class MysteryBoardAgreementOut(Schema):
    pairs: int = Field(description="Pairs of shoppers who scored the same contact.")
    items: int
    alpha: float | None = Field(description="Krippendorff's alpha (interval) of the items.")
    item_mad: float | None
    total_mad: float | None


class MysteryBoardResultOut(Schema):
    entry: int
    contacts: int
    unreachable: int
    voided: int
    mean: float | None
    groups: dict[str, float]
    group_contacts: dict[str, int] = Field(
        description="Per group, the contacts whose card has it (versions may differ)."
    )
    reached_mean: float | None
    sd: float | None
    range: float | None
    consistency: float | None
    agreement: MysteryBoardAgreementOut


class MysteryBoardEntryOut(Schema):
    entry: int
    center_name: str
    category: int
    counts: MysteryBoardCountsOut
    result: MysteryBoardResultOut | None


class MysteryBoardShopperOut(Schema):
    shopper: int | None = Field(description="None: contacts nobody is assigned to.")
    name: str
    counts: MysteryBoardCountsOut
    second_scorings: int = Field(description="Contacts they score again (not voided).")
    second_scorings_submitted: int


class MysteryBoardOut(Schema):
    total: MysteryBoardCountsOut
    entries: list[MysteryBoardEntryOut]
    shoppers: list[MysteryBoardShopperOut]
    distribution: list[int] = Field(description="Contacts per tenth of 0-100 (100 in the last).")


class MysteryBoardCardOut(Schema):
    id: str
    contact: int
    entry: int
    number: int
    shopper: int
    shopper_name: str
    role: str
    made_at: dt.datetime | None
    out_of_slot: bool
    reached: bool
    attempts: list[str]
    timer_seconds: int | None
    answers: dict
    items: dict[str, float | None] = Field(description="Points per item; None: not applicable.")
    groups: dict[str, float]
    total: float
    voided: bool


class MysteryBoardVoidIn(Schema):
    reason: str = Field(max_length=REASON_MAX)
    version: int | None = Field(None, description="The contact's version as read.")


class MysteryBoardContactOut(Schema):
    id: int
    entry: int
    number: int
    status: str
    void_reason: str
    version: int


def _f(value):
    return None if value is None else float(value)


def result_out(r) -> dict:
    a = r.agreement
    return {
        "entry": int(r.entry),
        "contacts": r.contacts,
        "unreachable": r.unreachable,
        "voided": r.voided,
        "mean": _f(r.mean),
        "groups": {k: float(v) for k, v in r.groups.items()},
        "group_contacts": dict(r.group_contacts),
        "reached_mean": _f(r.reached_mean),
        "sd": _f(r.sd),
        "range": _f(r.range),
        "consistency": _f(r.consistency),
        "agreement": {
            "pairs": a.pairs,
            "items": a.items,
            "alpha": a.alpha,
            "item_mad": _f(a.item_mad),
            "total_mad": _f(a.total_mad),
        },
    }


@router.get(
    "/{slug}/mystery/board",
    response={200: MysteryBoardOut, **READ_ERRORS},
    summary="The mystery-call board: counts per entry and shopper, the score distribution",
)
def get_board(request, slug: str):
    season = access.season_for(request.user, slug, "mystery.view_board")
    data = board_data.board(season)
    return {
        "total": data.total.as_dict(),
        "entries": [
            {
                "entry": row.entry.pk,
                "center_name": row.entry.center.name,
                "category": row.entry.category_id,
                "counts": row.counts.as_dict(),
                "result": result_out(row.result) if row.result else None,
            }
            for row in data.entries
        ],
        "shoppers": [
            {
                "shopper": row.shopper.pk if row.shopper else None,
                "name": row.shopper.name if row.shopper else "",
                "counts": row.counts.as_dict(),
                "second_scorings": row.second,
                "second_scorings_submitted": row.second_done,
            }
            for row in data.shoppers
        ],
        "distribution": data.distribution,
    }


@router.get(
    "/{slug}/mystery/board/results",
    response={200: list[MysteryBoardResultOut], **READ_ERRORS},
    summary="Each entry's mystery results: mean, groups, spread, consistency, agreement",
)
def get_results(request, slug: str):
    season = access.season_for(request.user, slug, "mystery.view_board")
    return [result_out(r) for r in scores.entry_results(season).values()]


def card_out(row) -> dict:
    card, s = row.card, row.score
    return {
        "id": str(card.uuid),
        "contact": card.contact_id,
        "entry": card.contact.entry_id,
        "number": card.contact.number,
        "shopper": card.shopper_id,
        "shopper_name": card.shopper.name,
        "role": card.role,
        "made_at": card.made_at,
        "out_of_slot": card.out_of_slot,
        "reached": s.contact.reached,
        "attempts": list(s.contact.attempts),
        "timer_seconds": card.timer_seconds,
        "answers": card.answers or {},
        "items": {k: _f(v) for k, v in s.items.items()},
        "groups": {k: float(v) for k, v in s.groups.items()},
        "total": float(s.total),
        "voided": card.contact.status == ContactStatus.VOID,
    }


@router.get(
    "/{slug}/mystery/board/cards",
    response={200: list[MysteryBoardCardOut], **READ_ERRORS},
    summary="Every submitted card with its points per item and group (voided contacts' marked)",
)
def get_cards(request, slug: str):
    season = access.season_for(request.user, slug, "mystery.view_board")
    return [card_out(row) for row in scores.season_scores(season, include_voided=True).rows]


def _change(request, slug: str, pk: int, payload: MysteryBoardVoidIn, operation):
    season = access.season_for(request.user, slug, "mystery.manage")
    contact = get_object_or_404(Contact, season=season, pk=pk)
    try:
        contact = operation(
            contact=contact, reason=payload.reason, by=request.user, base_version=payload.version
        )
    except voiding.ContactChanged as exc:
        message = pgettext("api", "The contact changed since version %(version)s was read.") % {
            "version": payload.version
        }
        problems = [
            {"field": name, "stored": stored, "sent": sent, "version": exc.version}
            for name, stored, sent in exc.rows()
        ]
        return error(409, "conflict", message, {p["field"]: [message] for p in problems}, problems)
    return {
        "id": contact.pk,
        "entry": contact.entry_id,
        "number": contact.number,
        "status": contact.status,
        "void_reason": contact.void_reason,
        "version": contact.version,
    }


@router.post(
    "/{slug}/mystery/board/contacts/{pk}/void",
    response={200: MysteryBoardContactOut, **ERRORS},
    summary="Void a contact with a reason (organizers): kept, counted nowhere",
)
def void_contact(request, slug: str, pk: int, payload: MysteryBoardVoidIn):
    """422 without a reason or for a contact voided already; 409 conflict when
    `version` is given and the contact changed since."""
    return _change(request, slug, pk, payload, voiding.void_contact)


@router.post(
    "/{slug}/mystery/board/contacts/{pk}/unvoid",
    response={200: MysteryBoardContactOut, **ERRORS},
    summary="Count a voided contact again, with a reason (organizers)",
)
def unvoid_contact(request, slug: str, pk: int, payload: MysteryBoardVoidIn):
    return _change(request, slug, pk, payload, voiding.unvoid_contact)
