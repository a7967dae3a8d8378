"""Registering enterprises, centers and entries. Audited."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from ccaward.applications.enums import EntryStatus
from ccaward.applications.models import ContactCenter, Entry, Organization
from ccaward.core import audit


@transaction.atomic
def register_organization(*, by, **values) -> Organization:
    """Side effects: an Organization with `by` as member, an audit event."""
    org = Organization(**values)
    org.full_clean()
    org.save()
    if getattr(by, "pk", None):
        org.members.add(by)
    audit.record(actor=by, action="organization.registered", obj=org, summary=org.name)
    return org


@transaction.atomic
def add_center(*, organization: Organization, by, **values) -> ContactCenter:
    """Side effects: a ContactCenter, an audit event."""
    center = ContactCenter(organization=organization, **values)
    center.full_clean()
    center.save()
    audit.record(actor=by, action="center.added", obj=center, summary=center.name)
    return center


@transaction.atomic
def create_entry(*, season, category, center: ContactCenter, by, submit: bool = False) -> Entry:
    """Side effects: an Entry (a draft, or submitted), an audit event."""
    entry = Entry(season=season, category=category, center=center)
    if submit:
        entry.status = EntryStatus.SUBMITTED
        entry.submitted_at = timezone.now()
    entry.full_clean()
    entry.save()
    audit.record(
        actor=by,
        action="entry.created",
        season=season,
        obj=entry,
        summary=f"{center.name} → {category.name_zh}",
        data={"status": entry.status},
    )
    return entry
