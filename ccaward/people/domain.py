"""People and roles: accounts, profiles and API tokens, invitations, granting and
revoking roles. Audited.

Views, the API, the CLI and the demo call these functions and nothing else to
change a person, a role or an invitation.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import pgettext

from ccaward.core import audit, jobs
from ccaward.core.models import Job
from ccaward.people.enums import Role
from ccaward.people.models import ApiToken, Invitation, SeasonRole, User


def _check_role(role: str) -> None:
    if role not in Role.values:
        raise ValidationError(
            {
                "role": pgettext("validation", "Unknown role %(role)s: use one of %(roles)s.")
                % {"role": role, "roles": ", ".join(Role.values)}
            }
        )


@transaction.atomic
def grant_role(*, season, user: User, role: str, by) -> SeasonRole:
    """Side effects: a SeasonRole row (if new), an audit event."""
    _check_role(role)
    obj, created = SeasonRole.objects.get_or_create(
        season=season, user=user, role=role, defaults={"granted_by": by}
    )
    if created:
        audit.record(
            actor=by,
            action="role.granted",
            season=season,
            obj=obj,
            summary=f"{user.email}: {role}",
            data={"email": user.email, "role": role},
        )
    return obj


@transaction.atomic
def revoke_role(*, season_role: SeasonRole, by) -> None:
    """Side effects: deletes the SeasonRole, an audit event. The last organizer stays."""
    if (
        season_role.role == Role.ORGANIZER
        and SeasonRole.objects.filter(season=season_role.season, role=Role.ORGANIZER).count() == 1
    ):
        raise ValidationError(pgettext("validation", "A season keeps at least one organizer."))
    audit.record(
        actor=by,
        action="role.revoked",
        season=season_role.season,
        obj=season_role,
        summary=f"{season_role.user.email}: {season_role.role}",
        data={"email": season_role.user.email, "role": season_role.role},
    )
    season_role.delete()


def parse_emails(text: str) -> list[str]:
    """Addresses separated by commas, semicolons, spaces or new lines; each checked."""
    raw = [
        p.strip() for p in text.replace(";", ",").replace("\n", ",").replace(" ", ",").split(",")
    ]
    emails, bad = [], []
    for item in raw:
        if not item:
            continue
        try:
            validate_email(item)
        except ValidationError:
            bad.append(item)
        else:
            if item.lower() not in emails:
                emails.append(item.lower())
    if bad:
        raise ValidationError(
            {
                "emails": pgettext("validation", "Not an e-mail address: %(items)s")
                % {"items": ", ".join(bad)}
            }
        )
    if not emails:
        raise ValidationError(
            {"emails": pgettext("validation", "Enter at least one e-mail address.")}
        )
    return emails


@transaction.atomic
def invite(
    *,
    season,
    emails: list[str],
    role: str,
    by,
    language: str = "zh-hans",
    organization=None,
) -> list[tuple[Invitation, str]]:
    """Create one invitation per address; returns (invitation, token) pairs.
    With `organization`, accepting one also makes its person a member of that
    enterprise (`accept_invitation`).

    The e-mails are sent by `send_invitation` (in a background job from the pages).
    Side effects: Invitation rows, one audit event.
    """
    _check_role(role)
    out = []
    expires = timezone.now() + dt.timedelta(days=settings.INVITATION_DAYS)
    for email in emails:
        token, token_hash = Invitation.new_token()
        inv = Invitation.objects.create(
            season=season,
            email=email,
            role=role,
            token_hash=token_hash,
            invited_by=by,
            expires_at=expires,
            language=language,
            organization=organization,
        )
        out.append((inv, token))
    audit.record(
        actor=by,
        action="invitation.created",
        season=season,
        summary=f"{role}: {len(emails)}",
        data={"role": role, "emails": emails},
    )
    return out


@transaction.atomic
def invite_and_send(
    *,
    season,
    emails: list[str],
    role: str,
    by,
    language: str = "zh-hans",
    title: str = "",
    title_params: dict | None = None,
    organization=None,
) -> tuple[list[Invitation], Job]:
    """Invite each address and send the e-mails from a background job once the
    transaction commits (the plain tokens travel only in the queued task). `title`
    names the job by a key of the apps' ``JOB_TEXTS`` (``core.job_text``).

    Side effects: Invitation rows and their audit event (`invite`), a Job row
    and its queued task, which sends one e-mail per invitation.
    """
    pairs = invite(
        season=season,
        emails=emails,
        role=role,
        by=by,
        language=language,
        organization=organization,
    )
    job = jobs.start(
        task="ccaward.people.tasks.send_invitations",
        kind="invitations",
        title=title or "people.send_invitations",
        title_params=title_params if title else {"n": len(pairs)},
        season=season,
        requested_by=by,
        total=len(pairs),
        pairs=[[inv.pk, token] for inv, token in pairs],
    )
    return [inv for inv, _token in pairs], job


def invitation_url(token: str) -> str:
    return settings.SITE_URL + reverse("people:accept_invitation", args=[token])


def send_invitation(invitation: Invitation, token: str) -> None:
    """Send one invitation e-mail in the invitee's language. Side effect: one e-mail."""
    user = User.objects.filter(email__iexact=invitation.email).first()
    language = (user.language if user else "") or invitation.language
    with translation.override(language):
        context = {
            "invitation": invitation,
            "season": invitation.season,
            "role": Role(invitation.role).label,
            "url": invitation_url(token),
            "inviter": invitation.invited_by,
        }
        subject = pgettext("email", "Invitation to %(season)s") % {"season": invitation.season.name}
        body = render_to_string("people/email/invitation.txt", context)
    send_mail(subject, body, None, [invitation.email])


@transaction.atomic
def accept_invitation(*, invitation: Invitation, user: User) -> SeasonRole:
    """The invited person takes the role. The address must match the account.
    An enterprise's invitation also makes them a member of the enterprise, unless
    they judge or organize the season (refused: ValidationError).

    Side effects: SeasonRole, the Invitation marked accepted, membership and the
    address leaving the enterprise's pending addresses, audit events.
    """
    if not invitation.is_pending:
        raise ValidationError(pgettext("validation", "This invitation is no longer valid."))
    if user.email.lower() != invitation.email.lower():
        raise ValidationError(
            pgettext("validation", "This invitation is for %(email)s; sign in with that address.")
            % {"email": invitation.email}
        )
    if invitation.organization_id:
        refuse_entrant_member(season=invitation.season, user=user)
    role = grant_role(
        season=invitation.season, user=user, role=invitation.role, by=invitation.invited_by
    )
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    audit.record(
        actor=user,
        action="invitation.accepted",
        season=invitation.season,
        obj=invitation,
        summary=f"{user.email}: {invitation.role}",
        data={"email": user.email, "role": invitation.role},
    )
    if invitation.organization_id:
        _join_organization(invitation, user)
    return role


# roles whose holders must not belong to an entrant of the same season
IMPARTIAL_ROLES = (Role.JUDGE, Role.ORGANIZER)


def refuse_entrant_member(*, season, user) -> None:
    """Raises ValidationError ("email") when `user` judges or organizes `season`:
    they must stay impartial and cannot be a member of an entrant."""
    held = [
        Role(r).label
        for r in SeasonRole.objects.filter(
            season=season, user=user, role__in=IMPARTIAL_ROLES
        ).values_list("role", flat=True)
    ]
    if held:
        raise ValidationError(
            {
                "email": pgettext(
                    "validation",
                    "%(email)s is %(roles)s in this season and cannot join an entrant: "
                    "a judge or organizer must not be a member of an enterprise that applies.",
                )
                % {"email": user.email, "roles": " / ".join(str(r) for r in held)}
            }
        )


def _join_organization(invitation: Invitation, user: User) -> None:
    org = (
        type(invitation.organization).objects.select_for_update().get(pk=invitation.organization_id)
    )
    org.members.add(user)
    pending = [e for e in org.pending_emails if e.lower() != user.email.lower()]
    if pending != org.pending_emails:
        org.pending_emails = pending
        org.save(update_fields=["pending_emails"])
    audit.record(
        actor=user,
        action="organization.member_joined",
        season=invitation.season,
        obj=org,
        summary=user.email,
    )


@transaction.atomic
def revoke_invitation(*, invitation: Invitation, by) -> None:
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at"])
    audit.record(
        actor=by,
        action="invitation.revoked",
        season=invitation.season,
        obj=invitation,
        summary=invitation.email,
        data={"email": invitation.email},
    )


# ---- accounts, profiles, API tokens -----------------------------------------


@transaction.atomic
def create_user(
    *,
    email: str,
    password: str | None,
    name: str = "",
    language: str = "zh-hans",
    can_create_seasons: bool = False,
    by=None,
    season=None,
) -> User:
    """Create an account (the password hashed; None makes it unusable).

    `season` is the season it was created for (an invitation), if any, so its
    audit log shows it. Side effects: a User row, an audit event. Raises
    ValidationError (nothing saved) for a bad value or an address in use.
    """
    email = User.objects.normalize_email((email or "").strip()).lower()
    user = User(email=email, name=(name or "").strip(), language=language)
    user.can_create_seasons = can_create_seasons
    user.set_password(password)
    user.full_clean(exclude=["password"])
    user.save()
    audit.record(
        actor=by if getattr(by, "pk", None) else user,
        action="user.created",
        season=season,
        obj=user,
        summary=user.email,
        data={"email": user.email},
    )
    return user


@transaction.atomic
def join_by_invitation(*, invitation: Invitation, name: str, password: str) -> User:
    """A person without an account accepts an invitation: the account is created
    in the invitation's language and takes the role, all or nothing.

    Side effects: `create_user` and `accept_invitation`.
    """
    user = create_user(
        email=invitation.email,
        password=password,
        name=name,
        language=invitation.language,
        season=invitation.season,
    )
    accept_invitation(invitation=invitation, user=user)
    return user


@transaction.atomic
def update_profile(*, user: User, name: str, language: str) -> User:
    """Change a person's name and language. Side effects: the User row, an audit event."""
    before = {"name": user.name, "language": user.language}
    user.name, user.language = (name or "").strip(), language
    try:
        user.full_clean(exclude=["password"])
    except ValidationError:
        user.name, user.language = before["name"], before["language"]
        raise
    user.save(update_fields=["name", "language"])
    after = {"name": user.name, "language": user.language}
    audit.record(
        actor=user,
        action="user.profile_changed",
        obj=user,
        summary=user.email,
        data={k: [before[k], after[k]] for k in after if before[k] != after[k]},
    )
    return user


TOKEN_LIFETIMES = (30, 90, 365)  # days a token may be issued for; None: it never expires


@transaction.atomic
def issue_token(*, user: User, name: str, days: int | None = None) -> tuple[ApiToken, str]:
    """A personal API token, valid for `days` (one of TOKEN_LIFETIMES) or without end
    (None); the plain value is returned once and never stored.

    Side effects: an ApiToken row (its hash), an audit event.
    """
    if days is not None and days not in TOKEN_LIFETIMES:
        raise ValidationError(
            {"days": pgettext("validation", "A token lasts 30, 90 or 365 days, or never expires.")}
        )
    plain, token_hash = ApiToken.new_token()
    token = ApiToken(user=user, name=(name or "").strip(), prefix=plain[:8], token_hash=token_hash)
    if days is not None:
        token.expires_at = timezone.now() + dt.timedelta(days=days)
    token.full_clean()
    token.save()
    audit.record(
        actor=user,
        action="token.issued",
        obj=token,
        summary=f"{token.name} ({token.prefix}…)",
        data={"name": token.name, "prefix": token.prefix}
        | ({"expires_at": token.expires_at.isoformat()} if token.expires_at else {}),
    )
    return token, plain


@transaction.atomic
def reset_password(*, user: User, password: str) -> int:
    """A new password from a reset link; every API token of the account is revoked
    (whoever could reset the password may have copied them). Returns how many.

    Side effects: the User's password, its ApiToken rows deleted, an audit event.
    """
    user.set_password(password)
    user.save(update_fields=["password"])
    revoked = list(user.api_tokens.values_list("prefix", flat=True))
    user.api_tokens.all().delete()
    audit.record(
        actor=user,
        action="user.password_reset",
        obj=user,
        summary=user.email,
        data={"tokens_revoked": revoked},
    )
    return len(revoked)


@transaction.atomic
def delete_token(*, token: ApiToken, by) -> None:
    """Side effects: deletes the ApiToken row, an audit event."""
    audit.record(
        actor=by,
        action="token.deleted",
        obj=token,
        summary=f"{token.name} ({token.prefix}…)",
        data={"name": token.name, "prefix": token.prefix},
    )
    token.delete()
