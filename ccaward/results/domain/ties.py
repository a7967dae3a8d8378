"""Casting decisions (裁定): a tie across a category's last seat that the chain
(the vote, the total, the dimensions) left open is broken by the organizers, who
put the tied entries in order and say why. The decision is kept (`TieBreak`) and
the category's decision is taken again with it."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import pgettext

from ccaward.core import audit
from ccaward.core import text as typed
from ccaward.results.domain.ballots import organizes
from ccaward.results.domain.count import (
    count_of,
    decide_again,
    open_ties,
    refuse_when_frozen,
)
from ccaward.results.models import REASON_MAX, TieBreak
from ccaward.seasons.models import Category

BROKEN = "results.tie.broken"
REDECIDED = "results.count.decided"

__all__ = ["BROKEN", "REDECIDED", "open_ties", "record_casting", "tie_of"]


def tie_of(count) -> list[int]:
    """The entries of the tie a count's chain left open before any casting
    decision (empty when none)."""
    if count is None:
        return []
    outcome = count.outcome or {}
    return [int(pk) for pk in outcome.get("tie_before_casting") or outcome.get("tied") or []]


def _reason(value) -> str:
    text = (value or "").strip()
    if not text:
        raise ValidationError(
            {"reason": pgettext("voting", "Give the reason for the casting decision.")}
        )
    if len(text) > REASON_MAX:
        raise ValidationError(
            {"reason": pgettext("validation", "At most %(n)s characters.") % {"n": REASON_MAX}}
        )
    try:
        typed.check(text, field=pgettext("field", "Reason"), multiline=True)
    except ValidationError as exc:
        raise ValidationError({"reason": exc.messages}) from exc
    return text


def _order(value, tied: list[int], names: dict[int, str]) -> list[int]:
    try:
        order = [int(pk) for pk in value]
    except (TypeError, ValueError) as exc:
        raise ValidationError(
            {"order": pgettext("voting", "The order lists the tied entries by id.")}
        ) from exc
    if sorted(order) != sorted(tied) or len(set(order)) != len(order):
        raise ValidationError(
            {
                "order": pgettext(
                    "voting", "Put each of the tied entries in order once: %(entries)s."
                )
                % {"entries": pgettext("list separator", ", ").join(names[pk] for pk in tied)}
            }
        )
    return order


@transaction.atomic
def record_casting(*, category, order, reason: str, by) -> TieBreak:
    """Break the tie left open in `category` by the organizers' `order` of the tied
    entries (ids, best first) with its `reason` (required).

    Organizers only (PermissionDenied); refused once the results are published
    (Published); ValidationError when the category has no open tie ("order"), for
    an order that is not the tied entries each once ("order"), an empty reason
    ("reason"). Side effects: a TieBreak row; the category's decision taken again
    with it (the Count replaced, an audit event "results.count.decided"); an
    audit event "results.tie.broken" with the order and the reason."""
    season = category.season
    if not organizes(by, season):
        raise PermissionDenied(pgettext("voting", "Only organizers decide a tie."))
    refuse_when_frozen(season)
    category = Category.objects.select_for_update().select_related("season").get(pk=category.pk)
    tied = tie_of(count_of(category))
    if not tied:
        raise ValidationError(
            {"order": pgettext("voting", "There is no open tie in this category to decide.")}
        )
    names = {
        e.pk: e.center.name for e in category.entries.select_related("center").filter(pk__in=tied)
    }
    order = _order(order or [], tied, names)
    text = _reason(reason)
    tie = TieBreak.objects.create(category=category, order=order, reason=text, decided_by=by)
    audit.record(
        actor=by,
        action=BROKEN,
        season=season,
        obj=tie,
        summary=category.name_zh,
        data={
            "category": {"zh": category.name_zh, "en": category.name_en},
            "order": [names.get(pk, f"#{pk}") for pk in order],
            "reason": text,
        },
    )
    decide_again(category=category, by=by, action=REDECIDED)
    return tie
