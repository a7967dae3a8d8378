"""Planned contacts their shopper can no longer make (a profile edit, an
exclusion, a shopper leaving): named, flagged, reassigned; a begun draft moved
with a reason."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from ccaward.core.models import AuditEvent
from ccaward.mystery.domain import shoppers, troubles
from ccaward.mystery.enums import CardStatus, ContactStatus, ScorerRole
from ccaward.mystery.models import Card, Contact


def url(name, season, *args):
    return reverse(f"mystery:{name}", args=[season.slug, *args])


def begin(contact):
    return Card.objects.create(
        contact=contact, shopper=contact.shopper, role=ScorerRole.PRIMARY, status=CardStatus.DRAFT
    )


def form_of(profile, **changes):
    return {
        "name": profile.name,
        "email": profile.email,
        "employer": profile.employer,
        "active": "on" if profile.active else "",
        "version": profile.version,
        **changes,
    }


def test_pair_blocked_names_the_reason(season, organizer, plan, entries):
    contact = plan[0]
    assert shoppers.pair_blocked(contact) == ""
    shoppers.exclude(shopper=contact.shopper, entry=contact.entry, reason="认识坐席", by=organizer)
    assert "认识坐席" in shoppers.pair_blocked(contact)
    other = next(c for c in plan if c.entry_id != contact.entry_id)
    if other.shopper_id == contact.shopper_id:
        assert shoppers.pair_blocked(other) == ""


def test_an_employer_edit_names_and_flags_the_contacts_then_reassigns(
    season, organizer, plan, entries, client_en
):
    entry = entries[1]
    mine = [c for c in plan if c.entry_id == entry.pk]
    profile = mine[0].shopper
    hers = [c for c in mine if c.shopper_id == profile.pk]
    client = client_en(organizer)
    page = client.post(
        url("shopper_edit", season, profile.pk),
        form_of(profile, employer=entry.center.organization.name),
    )
    assert page.status_code == 302 and page.url.endswith("/mystery/plan/#troubled")
    plan_page = client.get(page.url).content.decode()
    assert f"{entry.center.name} #{hers[0].number}" in plan_page  # named in the message
    assert "can no longer be made by" in plan_page and "Cannot make it" in plan_page
    begun = hers[0]
    begin(begun)
    assert client.post(url("plan_fix", season)).status_code == 302
    for c in hers[1:]:
        c.refresh_from_db()
        assert c.shopper_id != profile.pk and c.adjusted
    begun.refresh_from_db()
    assert begun.shopper_id == profile.pk  # begun: moved one by one, with a reason
    assert [c.pk for c in troubles.troubled(season)] == [begun.pk]


def test_a_shopper_leaving_and_a_begun_draft_moved_with_a_reason(
    season, organizer, plan, shopper_profiles, client_en
):
    profile = plan[0].shopper
    begun = plan[0]
    draft = begin(begun)
    client = client_en(organizer)
    page = client.post(url("shopper_edit", season, profile.pk), form_of(profile, active=""))
    assert page.url.endswith("#troubled")
    flagged = troubles.troubled(season)
    assert {c.shopper_id for c in flagged} == {profile.pk}
    assert all("no longer active" in c.trouble for c in flagged)
    other = next(s for s in shopper_profiles if s.pk != profile.pk)
    contact_page = client.get(url("contact", season, begun.pk)).content.decode()
    assert "Move the begun contact" in contact_page
    moved = client.post(
        url("contact", season, begun.pk),
        {
            "action": "move",
            "move-shopper": other.pk,
            "move-reason": "暗访员离职",
            "move-version": 1,
        },
    )
    assert moved.status_code == 302
    begun.refresh_from_db()
    assert begun.status == ContactStatus.VOID and begun.void_reason == "暗访员离职"
    assert Card.objects.filter(pk=draft.pk, contact=begun).exists()  # the draft kept
    new = Contact.objects.get(entry=begun.entry, shopper=other, number__gt=4)
    assert (new.slot, new.planned_on, new.channel) == (begun.slot, begun.planned_on, begun.channel)
    assert AuditEvent.objects.filter(action="mystery.contact_moved_begun").count() == 1


def test_a_draft_of_a_shopper_who_may_still_make_it_does_not_move(
    season, organizer, plan, shopper_profiles
):
    begun = plan[0]
    begin(begun)
    other = next(s for s in shopper_profiles if s.pk != begun.shopper_id)
    with pytest.raises(ValidationError) as exc:
        troubles.move_begun(contact=begun, shopper=other, reason="换人", by=organizer)
    assert "contact" in exc.value.message_dict
    assert Contact.objects.get(pk=begun.pk).status == ContactStatus.PLANNED
