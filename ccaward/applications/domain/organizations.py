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
) -> bool:
    """Ask a colleague to work on the enterprise's applications in `season`.

    A person with no role in the season is invited as an applicant
    (`people.domain.invite_and_send`: an invitation and the job that e-mails it).
    A person with an account becomes a member now; an address without an account
    waits in the enterprise's pending addresses until its person signs in
    (`join_pending`). Returns whether the colleague is a member now.

    Raises ValidationError ("email") for an address that is not one. Side effects:
    the invitation, membership or the pending address, an audit event.
    """
    email = (email or "").strip().lower()
    try:
        validate_email(email)
    except ValidationError as exc:
        raise ValidationError({"email": exc.messages}) from None
    user = User.objects.filter(email__iexact=email).first()
    if user is None or not user.season_roles.filter(season=season).exists():
        people.invite_and_send(
            season=season, emails=[email], role=Role.APPLICANT, by=by, language=language
        )
    if user is not None:
        add_member(organization=organization, user=user, by=by)
        return True
    organization = Organization.objects.select_for_update().get(pk=organization.pk)
    if email not in organization.pending_emails:
        organization.pending_emails = [*organization.pending_emails, email]
        organization.save(update_fields=["pending_emails"])
        audit.record(
            actor=by,
            action="organization.colleague_invited",
            season=season,
            obj=organization,
            summary=email,
        )
    return False


@transaction.atomic
def join_pending(*, user) -> list[Organization]:
    """The enterprises that invited `user`'s address before it had an account
    take them as a member (called when the person signs in, which includes
    accepting the invitation with a new account). Returns those enterprises.

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
        org.pending_emails = emails
        org.save(update_fields=["pending_emails"])
        org.members.add(user)
        audit.record(actor=user, action="organization.member_joined", obj=org, summary=user.email)
        joined.append(org)
    return joined
