"""Special awards (年度特别奖): a category of kind SPECIAL has no vote; the
organizers name its winners, each an entry of the season (of any category) or a
center named here (Chinese required, English optional), with a written
justification shown with the result; never more than the category's quota.
Withdrawing one needs a reason, kept in the audit log."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import pgettext

from ccaward.core import audit
from ccaward.core import text as typed
from ccaward.results.domain.ballots import organizes
from ccaward.results.domain.count import refuse_when_frozen
from ccaward.results.models import REASON_MAX, SpecialAward
from ccaward.seasons.enums import CategoryKind
from ccaward.seasons.models import Category

NAMED = "results.special.named"
WITHDRAWN = "results.special.withdrawn"
NAME_MAX = 200


def awards_of(category) -> list[SpecialAward]:
    """The category's special awards with their entries. Reads only."""
    return list(
        SpecialAward.objects.filter(category=category).select_related("entry__center", "decided_by")
    )


def winner_name(award: SpecialAward) -> dict:
    """{"zh", "en"}: the entry's center, or the center named."""
    if award.entry_id:
        name = award.entry.center.name
        return {"zh": name, "en": name}
    return {"zh": award.center_zh, "en": award.center_en or award.center_zh}


def _text(value, field: str, label: str, *, limit: int, required: bool, multiline=False) -> str:
    text = (value or "").strip()
    if required and not text:
        raise ValidationError({field: pgettext("validation", "This field is required.")})
    if len(text) > limit:
        raise ValidationError(
            {field: pgettext("validation", "At most %(n)s characters.") % {"n": limit}}
        )
    try:
        typed.check(text, field=label, multiline=multiline)
    except ValidationError as exc:
        raise ValidationError({field: exc.messages}) from exc
    return text


def _allowed(*, by, category) -> None:
    if not organizes(by, category.season):
        raise PermissionDenied(pgettext("voting", "Only organizers decide special awards."))
    refuse_when_frozen(category.season)
    if category.kind != CategoryKind.SPECIAL:
        raise ValidationError(
            pgettext(
                "voting", "%(category)s is decided by the panel's vote, not as a special award."
            )
            % {"category": category.name}
        )


@transaction.atomic
def name_special_award(
    *, category, by, justification: str, entry=None, center_zh: str = "", center_en: str = ""
) -> SpecialAward:
    """Name a winner of the special-award `category`: `entry` (an entry of the
    season, any category) or a center by name (`center_zh` required then).

    Organizers only (PermissionDenied); Published once the results are published;
    ValidationError: not a special category, neither or both of entry and center
    ("entry"), an entry of another season or one already named ("entry"), no
    justification ("justification"), the quota reached. Side effects: the category
    row locked, a SpecialAward row, an audit event "results.special.named"."""
    _allowed(by=by, category=category)
    category = Category.objects.select_for_update().select_related("season").get(pk=category.pk)
    season = category.season
    zh = _text(
        center_zh,
        "center_zh",
        pgettext("field", "Center (Chinese)"),
        limit=NAME_MAX,
        required=False,
    )
    en = _text(
        center_en,
        "center_en",
        pgettext("field", "Center (English)"),
        limit=NAME_MAX,
        required=False,
    )
    if entry is None and not zh:
        raise ValidationError(
            {"entry": pgettext("voting", "Name an entry of the season or a center (in Chinese).")}
        )
    if entry is not None and (zh or en):
        raise ValidationError({"entry": pgettext("voting", "Name an entry or a center, not both.")})
    if entry is not None and entry.season_id != season.pk:
        raise ValidationError({"entry": pgettext("voting", "Not an entry of this season.")})
    why = _text(
        justification,
        "justification",
        pgettext("field", "Justification"),
        limit=REASON_MAX,
        required=True,
        multiline=True,
    )
    named = SpecialAward.objects.filter(category=category)
    if entry is not None and named.filter(entry=entry).exists():
        raise ValidationError({"entry": pgettext("voting", "This entry already has this award.")})
    if named.count() >= category.quota:
        raise ValidationError(
            pgettext(
                "voting",
                "%(category)s already has its quota of %(quota)s: withdraw one before naming another.",
            )
            % {"category": category.name, "quota": category.quota}
        )
    award = SpecialAward.objects.create(
        season=season,
        category=category,
        entry=entry,
        center_zh=zh,
        center_en=en,
        justification=why,
        decided_by=by,
    )
    audit.record(
        actor=by,
        action=NAMED,
        season=season,
        obj=award,
        summary=category.name_zh,
        data={
            "category": {"zh": category.name_zh, "en": category.name_en},
            "winner": winner_name(award),
            "justification": why,
        },
    )
    return award


@transaction.atomic
def withdraw_special_award(*, award: SpecialAward, by, reason: str) -> None:
    """Withdraw a special award, with its `reason` (required).

    Organizers only (PermissionDenied); Published once the results are published.
    Side effects: the SpecialAward row deleted; an audit event
    "results.special.withdrawn" with the winner, the justification it had and the
    reason."""
    category = award.category
    if not organizes(by, category.season):
        raise PermissionDenied(pgettext("voting", "Only organizers decide special awards."))
    refuse_when_frozen(category.season)
    why = _text(
        reason,
        "reason",
        pgettext("field", "Reason"),
        limit=REASON_MAX,
        required=True,
        multiline=True,
    )
    data = {
        "category": {"zh": category.name_zh, "en": category.name_en},
        "winner": winner_name(award),
        "justification": award.justification,
        "reason": why,
    }
    audit.record(
        actor=by,
        action=WITHDRAWN,
        season=category.season,
        obj=award,
        summary=category.name_zh,
        data=data,
    )
    award.delete()
