"""A category's shortlist (入围名单), set by the organizers during deliberation.

By default it is the ranking's top: the category's quota plus the scoring policy's
margin (ties at the line all within). Every departure from the ranking, an entry
added from below the line or one left off from above it, carries a reason. The
shortlist keeps the ranking it was set against (method, ranks, totals), so a later
change of scores does not silently rewrite why. A save carries the version it was
made from; when the stored shortlist moved on meanwhile, ShortlistChanged (nothing
saved) holds both versions."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import pgettext

from ccaward.core import audit
from ccaward.core import text as typed
from ccaward.core.stale import RowChanged
from ccaward.deliberation.domain import evaluation as totals
from ccaward.deliberation.domain.comments import organizes
from ccaward.deliberation.domain.ranking import Ranked, category_ranking, shortlist_line, within
from ccaward.deliberation.models import REASON_MAX, Shortlist, ShortlistEntry

SET = "deliberation.shortlist.set"

# The later stages that take a shortlist as their candidates (the panel's vote, the
# public poll) say here why it can no longer change: each is check(category) -> ""
# or the reason, registered by its app when Django is ready.
LOCKS: list = []


def lock_when(check) -> None:
    """Register `check(category) -> str`: a non-empty reason keeps the shortlist."""
    if check not in LOCKS:
        LOCKS.append(check)


def locked_because(category) -> str:
    """Why `category`'s shortlist can no longer change ("" when it can). Reads only."""
    return next((reason for reason in (check(category) for check in LOCKS) if reason), "")


@dataclass(frozen=True)
class Choice:
    """An entry's place on a shortlist: listed or not, and why when it departs."""

    listed: bool
    reason: str = ""


class ShortlistChanged(RowChanged):
    """The shortlist was saved by someone else since `base_version`: `stored` and
    `sent` are {entry id: Choice}; `changed_by`, `changed_at` who saved it and when."""

    message = "the shortlist changed since it was opened"

    def __init__(self, *, shortlist: Shortlist, sent: dict[int, Choice]):
        super().__init__(
            row=shortlist,
            stored=stored_choices(shortlist),
            sent=sent,
            changed_by=shortlist.set_by,
            changed_at=shortlist.set_at,
        )

    def rows(self) -> list[tuple[int, Choice | None, Choice | None]]:
        """(entry id, stored, sent) of each entry the two versions differ on."""
        ids = sorted(set(self.stored) | set(self.sent))
        return [
            (pk, self.stored.get(pk), self.sent.get(pk))
            for pk in ids
            if _listed(self.stored.get(pk)) != _listed(self.sent.get(pk))
            or _reason(self.stored.get(pk)) != _reason(self.sent.get(pk))
        ]


def _listed(choice: Choice | None) -> bool:
    return bool(choice and choice.listed)


def _reason(choice: Choice | None) -> str:
    return choice.reason if choice else ""


def shortlist_of(category) -> Shortlist | None:
    """The category's saved shortlist (with its rows), or None. Reads only."""
    return (
        Shortlist.objects.filter(category=category)
        .select_related("set_by")
        .prefetch_related("rows__entry__center")
        .first()
    )


def stored_choices(shortlist: Shortlist | None) -> dict[int, Choice]:
    """{entry id: Choice} of a saved shortlist's rows (listed, and left off)."""
    if shortlist is None or shortlist.pk is None:
        return {}
    return {row.entry_id: Choice(row.listed, row.reason) for row in shortlist.rows.all()}


def default_ids(ranking: list[Ranked], line: int) -> list[int]:
    """The entries the ranking puts on the shortlist: those placed within `line`."""
    return [row.entry.pk for row in ranking if within(row.rank, line)]


def departures(
    ranking: list[Ranked], line: int, listed: Iterable[int]
) -> list[tuple[Ranked, bool]]:
    """(entry, listed) of each entry whose place on the shortlist departs from the
    ranking: listed from below the line, or left off from within it."""
    chosen = set(listed)
    return [
        (row, row.entry.pk in chosen)
        for row in ranking
        if within(row.rank, line) != (row.entry.pk in chosen)
    ]


def _clean_reason(value, pk) -> str:
    text = (value or "").strip()
    field = f"reasons.{pk}"
    if len(text) > REASON_MAX:
        raise ValidationError(
            {field: pgettext("validation", "At most %(n)s characters.") % {"n": REASON_MAX}}
        )
    try:
        typed.check(text, field=pgettext("field", "Reason"), multiline=True)
    except ValidationError as exc:
        raise ValidationError({field: exc.messages}) from exc
    return text


def _choices(ranking, line, listed, reasons) -> dict[int, Choice]:
    """{entry id: Choice} to store: every entry listed, and every entry of the
    ranking's top left off; ValidationError naming each departure without a reason
    ("reasons.<entry id>") and each id that is not an entry of the category."""
    known = {row.entry.pk for row in ranking}
    listed = set(listed)
    unknown = sorted(listed - known)
    if unknown:
        raise ValidationError(
            {
                "listed": pgettext(
                    "validation", "Not an entry of this category's ranking: %(ids)s."
                )
                % {"ids": ", ".join(str(pk) for pk in unknown)}
            }
        )
    errors: dict[str, list[str]] = {}
    out: dict[int, Choice] = {}
    for row, on in departures(ranking, line, listed):
        pk = row.entry.pk
        try:
            reason = _clean_reason(reasons.get(pk) or reasons.get(str(pk)), pk)
        except ValidationError as exc:
            errors.update(exc.message_dict)
            continue
        if not reason:
            errors[f"reasons.{pk}"] = [
                pgettext(
                    "validation",
                    "%(center)s is listed from below the line: give the reason.",
                )
                % {"center": row.entry.center.name}
                if on
                else pgettext(
                    "validation",
                    "%(center)s is left off from within the line: give the reason.",
                )
                % {"center": row.entry.center.name}
            ]
        out[pk] = Choice(on, reason)
    if errors:
        raise ValidationError(errors)
    for pk in listed:
        out.setdefault(pk, Choice(True))
    return out


def _sent(ranking, line, listed, reasons) -> dict[int, Choice]:
    """What a save sent, as it would be stored (unchecked): for the conflict's view."""
    out = {pk: Choice(True) for pk in listed}
    for row, on in departures(ranking, line, listed):
        pk = row.entry.pk
        out[pk] = Choice(on, str(reasons.get(pk) or reasons.get(str(pk)) or "").strip())
    return out


def _audit(*, shortlist, category, by, ranking, choices) -> None:
    places = {row.entry.pk: row for row in ranking}
    moved = [
        {
            "entry": pk,
            "center": places[pk].entry.center.name,
            "rank": places[pk].rank,
            "listed": choice.listed,
            "reason": choice.reason,
        }
        for pk, choice in choices.items()
        if choice.reason or not choice.listed
    ]
    listed = [places[pk].entry.center.name for pk, c in choices.items() if c.listed]
    audit.record(
        actor=by,
        action=SET,
        season=category.season,
        obj=shortlist,
        summary=category.name_zh,
        data={
            "category": {"zh": category.name_zh, "en": category.name_en},
            "method": shortlist.method,
            "version": shortlist.version,
            "listed": listed,
            "count": len(listed),
            "departures": moved,
        },
    )


@transaction.atomic
def set_shortlist(
    *,
    category,
    listed: Iterable[int],
    reasons: dict | None = None,
    by,
    base_version: int | None = None,
    season_evaluation=None,
) -> Shortlist:
    """Set `category`'s shortlist to the entries `listed` (ids).

    Organizers only (PermissionDenied). The ranking is the season's evaluation
    (`season_evaluation`, computed when not given); every departure from its top
    (quota + the policy's margin) needs a reason in `reasons` ({entry id: text}):
    ValidationError on "reasons.<id>" otherwise, and on "listed" for an id not in the
    category's ranking. `base_version` is the version the form was opened on (0
    before any was saved): when the stored shortlist is no longer that,
    ShortlistChanged (nothing saved); None skips the check. Side effects: the
    Shortlist row (made on the first save; its version bumped, the ranking and
    method stored) and its ShortlistEntry rows replaced, an audit event
    "deliberation.shortlist.set" naming every departure with its reason. Once a later
    stage has taken the shortlist as its candidates (a ballot cast, a poll vote:
    `locked_because`), ValidationError on "listed" with the reason."""
    season = category.season
    if not organizes(by, season):
        raise PermissionDenied(pgettext("deliberation", "Only organizers set the shortlist."))
    locked = locked_because(category)
    if locked:
        raise ValidationError({"listed": locked})
    listed = [int(pk) for pk in listed]
    stored = Shortlist.objects.select_for_update().filter(category=category).first()
    evaluated = season_evaluation or totals.season_evaluation(season)
    ranking = category_ranking(evaluated, category)
    line = shortlist_line(evaluated, category)
    reasons = dict(reasons or {})
    current = stored.version if stored is not None else 0
    if base_version is not None and base_version != current:
        raise ShortlistChanged(
            shortlist=stored or Shortlist(category=category, version=0),
            sent=_sent(ranking, line, listed, reasons),
        )
    choices = _choices(ranking, line, listed, reasons)
    shortlist = stored or Shortlist(season=season, category=category, version=0)
    shortlist.method = (
        evaluated.evaluation.method if evaluated.evaluation else evaluated.policy.method
    )
    shortlist.ranking = [row.as_data() for row in ranking]
    shortlist.version += 1
    shortlist.set_by = by
    shortlist.set_at = timezone.now()
    shortlist.save()
    places = {row.entry.pk: row.rank for row in ranking}
    shortlist.rows.all().delete()
    ShortlistEntry.objects.bulk_create(
        ShortlistEntry(
            shortlist=shortlist,
            entry_id=pk,
            listed=choice.listed,
            rank=places.get(pk),
            reason=choice.reason,
        )
        for pk, choice in choices.items()
    )
    _audit(shortlist=shortlist, category=category, by=by, ranking=ranking, choices=choices)
    return shortlist
