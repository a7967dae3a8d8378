"""The judge pool (评委库): organizers add, change and remove a season's judges,
invite them; a judge corrects their own expertise and employers. Each change
is an audit event with the old and new values; a change from a stale version
is refused with both versions (JudgeChanged)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import pgettext

from ccaward.core import audit
from ccaward.core.stale import RowChanged
from ccaward.judging.domain.accounts import account_for
from ccaward.judging.domain.conflicts import detect_conflicts
from ccaward.judging.domain.values import OWN_FIELDS, PROFILE_FIELDS, clean_profile
from ccaward.judging.models import JudgeProfile
from ccaward.people import domain as people
from ccaward.people.enums import Role
from ccaward.people.models import Invitation, SeasonRole


class JudgeChanged(RowChanged):
    """The profile was changed by someone else since `base_version` (the fields
    sent, compared)."""

    message = "the judge's profile changed since it was opened"


def _check_loads(values: dict, judge: JudgeProfile | None) -> None:
    low = values.get("min_load", judge.min_load if judge else None)
    high = values.get("max_load", judge.max_load if judge else None)
    if low is not None and high is not None and low > high:
        raise ValidationError(
            {
                "min_load": pgettext(
                    "validation", "The minimum load (%(min)s) is above the maximum (%(max)s)."
                )
                % {"min": low, "max": high}
            }
        )


def _check_email_free(season, email: str, judge: JudgeProfile | None) -> None:
    others = JudgeProfile.objects.filter(season=season, email__iexact=email)
    if judge is not None:
        others = others.exclude(pk=judge.pk)
    if others.exists():
        raise ValidationError(
            {
                "email": pgettext("validation", "%(email)s is in the pool already.")
                % {"email": email}
            }
        )


def _plain(value):
    return list(value) if isinstance(value, (list, tuple)) else value


@transaction.atomic
def add_judge(*, season, values: dict, by) -> JudgeProfile:
    """Add a judge to the season's pool. ValidationError naming each bad field
    (an e-mail already in the pool names email). Side effects: a JudgeProfile
    (linked to the account of its e-mail if it has the judge role), an audit
    event "judging.judge.added"."""
    cleaned = clean_profile(season, values)
    _check_loads(cleaned, None)
    _check_email_free(season, cleaned["email"], None)
    judge = JudgeProfile.objects.create(
        season=season, user=account_for(season, cleaned["email"]), **cleaned
    )
    audit.record(
        actor=by,
        action="judging.judge.added",
        season=season,
        obj=judge,
        summary=judge.name,
        data={"name": judge.name, "email": judge.email},
    )
    judge.detection = detect_conflicts(season=season, by=by)
    return judge


def _apply(judge: JudgeProfile, cleaned: dict) -> dict:
    changed = {n: v for n, v in cleaned.items() if getattr(judge, n) != v}
    data = {n: [_plain(getattr(judge, n)), _plain(v)] for n, v in changed.items()}
    for name, value in changed.items():
        setattr(judge, name, value)
    if changed:
        judge.version += 1
        judge.updated_at = timezone.now()
        if judge.user_id is None:
            judge.user = account_for(judge.season, judge.email)
        judge.save()
    return data


def _locked(judge: JudgeProfile, base_version: int | None, sent: dict) -> JudgeProfile:
    judge = JudgeProfile.objects.select_for_update().select_related("season").get(pk=judge.pk)
    if base_version is not None and base_version != judge.version:
        raise JudgeChanged(row=judge, sent=sent)
    return judge


@transaction.atomic
def change_judge(
    *, judge: JudgeProfile, values: dict, by, base_version: int | None
) -> JudgeProfile:
    """Change the named fields of a judge's profile. `base_version` is the version
    the form was opened on: JudgeChanged (nothing saved) when the row moved on;
    None skips the check. ValidationError naming each bad field. Side effects:
    the JudgeProfile with its version bumped, an audit event
    "judging.judge.changed" with each changed field's old and new value."""
    cleaned = clean_profile(
        judge.season, values, required=[n for n in ("name", "email") if n in values]
    )
    judge = _locked(judge, base_version, cleaned)
    _check_loads(cleaned, judge)
    if "email" in cleaned:
        _check_email_free(judge.season, cleaned["email"], judge)
    data = _apply(judge, cleaned)
    if data:
        audit.record(
            actor=by,
            action="judging.judge.changed",
            season=judge.season,
            obj=judge,
            summary=judge.name,
            data={**data, "name": judge.name, "version": judge.version},
        )
        judge.detection = detect_conflicts(season=judge.season, by=by)
    return judge


@transaction.atomic
def change_own_profile(
    *, judge: JudgeProfile, values: dict, by, base_version: int | None
) -> JudgeProfile:
    """A judge corrects their own title, employers, affiliations and expertise
    (not their name, e-mail or loads: ValidationError). As change_judge, with the
    audit event "judging.judge.self_changed" that organizers see; also links the
    profile to `by`'s account."""
    other = sorted(set(values) - set(OWN_FIELDS))
    if other:
        raise ValidationError(
            {n: pgettext("validation", "Only the organizers change this.") for n in other}
        )
    cleaned = clean_profile(judge.season, values, required=())
    judge = _locked(judge, base_version, cleaned)
    if judge.user_id is None and by.email.lower() == judge.email.lower():
        judge.user = by
        judge.save(update_fields=["user"])
    data = _apply(judge, cleaned)
    if data:
        audit.record(
            actor=by,
            action="judging.judge.self_changed",
            season=judge.season,
            obj=judge,
            summary=judge.name,
            data={**data, "name": judge.name, "version": judge.version},
        )
        judge.detection = detect_conflicts(season=judge.season, by=by)
    return judge


@transaction.atomic
def remove_judge(*, judge: JudgeProfile, by) -> None:
    """Remove a judge from the pool, with their conflicts of interest. Refused
    (ValidationError) while they have assignments: remove those first. Side
    effects: the JudgeProfile and its Conflict rows deleted, an audit event
    "judging.judge.removed"."""
    judge = JudgeProfile.objects.select_for_update().select_related("season").get(pk=judge.pk)
    if judge.assignments.exists():
        raise ValidationError(
            pgettext(
                "validation",
                "%(name)s is assigned to entries: remove the assignments before the judge.",
            )
            % {"name": judge.name}
        )
    conflicts = judge.conflicts.count()
    audit.record(
        actor=by,
        action="judging.judge.removed",
        season=judge.season,
        obj=judge,
        summary=judge.name,
        data={"name": judge.name, "email": judge.email, "conflicts": conflicts},
    )
    judge.delete()


def invitation_states(season) -> dict[str, str]:
    """E-mail (lower case) -> "accepted" or "invited" for the season's judge
    invitations (pending or accepted) and judge roles."""
    out: dict[str, str] = {}
    for email, accepted in Invitation.objects.filter(
        season=season, role=Role.JUDGE, revoked_at=None
    ).values_list("email", "accepted_at"):
        key = email.lower()
        if accepted is not None or out.get(key) != "accepted":
            out[key] = "accepted" if accepted is not None else "invited"
    for email in SeasonRole.objects.filter(season=season, role=Role.JUDGE).values_list(
        "user__email", flat=True
    ):
        out[email.lower()] = "accepted"
    return out


@transaction.atomic
def invite_judges(*, season, judges, by, language: str = "zh-hans"):
    """Invite the given judges (by their profile's e-mail) with the season's
    invitations; those invited already or holding the judge role are left out.
    Returns (invitations, job), job None when nobody was left to invite. Side
    effects: people.domain.invite_and_send (Invitation rows, their audit event,
    a Job that e-mails them), an audit event "judging.judges.invited"."""
    states = invitation_states(season)
    emails = sorted({j.email.lower() for j in judges if j.email.lower() not in states})
    if not emails:
        return [], None
    invitations, job = people.invite_and_send(
        season=season,
        emails=emails,
        role=Role.JUDGE,
        by=by,
        language=language,
        title="judging.invite_judges",
        title_params={"n": len(emails)},
    )
    audit.record(
        actor=by,
        action="judging.judges.invited",
        season=season,
        summary=str(len(emails)),
        data={"emails": emails, "count": len(emails)},
    )
    return invitations, job


__all__ = [
    "PROFILE_FIELDS",
    "JudgeChanged",
    "add_judge",
    "change_judge",
    "change_own_profile",
    "invitation_states",
    "invite_judges",
    "remove_judge",
]
