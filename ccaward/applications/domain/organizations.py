"""Who applies: enterprises, their contact centers, and the colleagues who work
on an enterprise's applications."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction

from ccaward.applications.models import ContactCenter, Organization
from ccaward.core import audit
from ccaward.people import domain as people
from ccaward.people.enums import Role
from ccaward.people.models import User


@transaction.atomic
def register_organization(*, by, member: bool = True, **values) -> Organization:
    """Side effects: an Organization (with `by` as member unless `member` is false:
    an organizer registering it for an import), an audit event."""
    org = Organization(**values)
    org.full_clean()
    org.save()
    if member and getattr(by, "pk", None):
        org.members.add(by)
    audit.record(actor=by, action="organization.registered", obj=org, summary=org.name)
    return org


@transaction.atomic
def add_member(*, organization: Organization, user, by) -> None:
    """Side effects: `user` becomes a member of the enterprise; an audit event."""
    organization.members.add(user)
    audit.record(actor=by, action="organization.member_added", obj=organization, summary=user.email)


@transaction.atomic
def add_center(*, organization: Organization, by, **values) -> ContactCenter:
    """Side effects: a ContactCenter, an audit event."""
    center = ContactCenter(organization=organization, **values)
    center.full_clean()
    center.save()
    audit.record(actor=by, action="center.added", obj=center, summary=center.name)
    return center


@transaction.atomic
def invite_colleague(
    *, season, organization: Organization, email: str, by, language: str = "zh-hans"
):
    """Ask a colleague to work on the enterprise's applications in `season`.

    Whoever the address belongs to gets an invitation that carries the
    enterprise (`people.domain.invite_and_send`: the invitation and the job that
    e-mails it); they become a member only by accepting it
    (`people.domain.accept_invitation`). An address without an account also
    waits in the enterprise's pending addresses, shown on its page. Returns the
    invitation.

    Raises ValidationError ("email") for an address that is not one, and for a
    judge or organizer of the season (they must not be a member of an entrant).
    Side effects: the invitation and its job, the pending address, an audit event.
    """
    email = (email or "").strip().lower()
    try:
        validate_email(email)
    except ValidationError as exc:
        raise ValidationError({"email": exc.messages}) from None
    user = User.objects.filter(email__iexact=email).first()
    if user is not None:
        people.refuse_entrant_member(season=season, user=user)
    [invitation], _job = people.invite_and_send(
        season=season,
        emails=[email],
        role=Role.APPLICANT,
        by=by,
        language=language,
        organization=organization,
    )
    organization = Organization.objects.select_for_update().get(pk=organization.pk)
    if user is None and email not in organization.pending_emails:
        organization.pending_emails = [*organization.pending_emails, email]
        organization.save(update_fields=["pending_emails"])
    audit.record(
        actor=by,
        action="organization.colleague_invited",
        season=season,
        obj=organization,
        summary=email,
    )
    return invitation


@transaction.atomic
def join_pending(*, user) -> list[Organization]:
    """The enterprises that invited `user`'s address before it had an account
    and whose invitation they accepted take them as a member (called when the
    person signs in). Sign-in alone joins nothing: membership needs consent,
    an accepted invitation of that enterprise. Returns those enterprises.

    Side effects: membership, the address leaves the pending addresses, an audit
    event per enterprise.
    """
    email = (user.email or "").lower()
    if not email:
        return []
    joined = []
    for org in Organization.objects.select_for_update().filter(pending_emails__icontains=email):
        emails = [e for e in org.pending_emails if e.lower() != email]
        if len(emails) == len(org.pending_emails):
            continue
        if not org.invitations.filter(accepted_by=user).exists():
            continue
        org.pending_emails = emails
        org.save(update_fields=["pending_emails"])
        org.members.add(user)
        audit.record(actor=user, action="organization.member_joined", obj=org, summary=user.email)
        joined.append(org)
    return joined
