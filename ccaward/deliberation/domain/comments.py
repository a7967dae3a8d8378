"""The panel's comments on entries during deliberation (集中评议): organizers at any
time, the season's judges while the stage is open. A judge with a conflict of
interest with an entry neither reads nor writes its comments. Comments are never
shown to entrants."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import pgettext

from ccaward.core import audit
from ccaward.core import text as typed
from ccaward.deliberation.models import COMMENT_MAX, PanelComment
from ccaward.judging import access as judging
from ccaward.people.rules import is_judge, is_organizer, is_superuser
from ccaward.seasons import gates
from ccaward.seasons.enums import StageKind


def organizes(user, season) -> bool:
    return bool(is_superuser(user) or is_organizer(user, season))


def kept_from(user, entry) -> bool:
    """Whether a conflict of interest keeps `user` from `entry`'s deliberation (its
    comments, its radar and its evidence); organizers are never kept from it."""
    return not organizes(user, entry.season) and judging.is_conflicted(user, entry)


def _panel_member(user, entry) -> None:
    """PermissionDenied unless `user` organizes the season or judges in it free of a
    conflict with `entry`."""
    if organizes(user, entry.season):
        return
    if not is_judge(user, entry.season):
        raise PermissionDenied(pgettext("deliberation", "Only the panel comments on entries."))
    if judging.is_conflicted(user, entry):
        raise PermissionDenied(
            pgettext(
                "deliberation",
                "You have a conflict of interest with this entry: you take no part in "
                "its deliberation.",
            )
        )


def comments_for(*, entry, user) -> list[PanelComment]:
    """The entry's panel comments, oldest first, as `user` may read them.

    Reads only. Raises PermissionDenied for a judge with a conflict with the entry
    and for anyone who is neither on the panel nor an organizer."""
    _panel_member(user, entry)
    return list(PanelComment.objects.filter(entry=entry).select_related("author"))


def _clean(text) -> str:
    label = pgettext("field", "Comment")
    value = (text or "").strip()
    if not value:
        raise ValidationError({"text": pgettext("validation", "Write the comment.")})
    if len(value) > COMMENT_MAX:
        raise ValidationError(
            {
                "text": pgettext("validation", "At most %(n)s characters (this has %(m)s).")
                % {"n": COMMENT_MAX, "m": len(value)}
            }
        )
    try:
        typed.check(value, field=str(label), multiline=True)
    except ValidationError as exc:
        raise ValidationError({"text": exc.messages}) from exc
    return value


@transaction.atomic
def add_comment(*, entry, text: str, by) -> PanelComment:
    """Add `by`'s comment on `entry`.

    Needs 集中评议 open (an organizer passes a closed stage; the audit event says
    so). Refused (PermissionDenied) to anyone but organizers and the season's
    judges, and to a judge with a conflict with the entry. The text is trimmed,
    required, at most COMMENT_MAX characters and free of control characters
    (ValidationError on "text"). Side effects: a PanelComment row, an audit event
    "deliberation.comment.added"."""
    season = entry.season
    _panel_member(by, entry)
    note = gates.require_open(season, StageKind.DELIBERATION, by=by)
    comment = PanelComment.objects.create(
        season=season, entry=entry, author=by, text=_clean(text), created_at=timezone.now()
    )
    audit.record(
        actor=by,
        action="deliberation.comment.added",
        season=season,
        obj=entry,
        summary=entry.center.name,
        data={
            "comment": comment.pk,
            "center": entry.center.name,
            "length": len(comment.text),
            **({"note": note} if note else {}),
        },
    )
    return comment


@transaction.atomic
def delete_comment(*, comment: PanelComment, by) -> None:
    """Delete `by`'s own comment.

    Needs 集中评议 open (organizers pass a closed stage, the audit event says so).
    Another person's comment is refused (PermissionDenied), as is a comment on an
    entry `by` is kept from by a conflict. Side effects: the PanelComment row
    deleted, an audit event "deliberation.comment.deleted" with the text it had."""
    entry = comment.entry
    _panel_member(by, entry)
    note = gates.require_open(entry.season, StageKind.DELIBERATION, by=by)
    if comment.author_id != by.pk:
        raise PermissionDenied(pgettext("deliberation", "Only its author deletes a comment."))
    audit.record(
        actor=by,
        action="deliberation.comment.deleted",
        season=entry.season,
        obj=entry,
        summary=entry.center.name,
        data={
            "comment": comment.pk,
            "center": entry.center.name,
            "text": comment.text,
            **({"note": note} if note else {}),
        },
    )
    comment.delete()
