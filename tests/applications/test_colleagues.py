"""Colleagues of an enterprise: invited from the enterprise page through one
domain function; an address without an account joins when its person signs in
(accepting the invitation with a new account signs in); no page view writes."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from ccaward.applications import domain
from ccaward.applications.models import Organization
from ccaward.core.models import AuditEvent, Job
from ccaward.people import domain as people
from ccaward.people.enums import Role
from ccaward.people.models import Invitation, User
from tests.factories import UserFactory, make_entry
from tests.personas import PASSWORD


def enterprise(applicant) -> Organization:
    return domain.register_organization(by=applicant, name="东方银行股份有限公司")


def invite(client, season, org, email):
    return client.post(
        reverse("applications:organization", args=[season.slug]),
        {"organization": org.pk, "email": email},
    )


def test_an_address_without_an_account_is_invited_and_waits(as_user, season, applicant):
    org = enterprise(applicant)
    response = invite(as_user(applicant), season, org, " Colleague@Example.cn ")
    assert response.status_code == 302
    org.refresh_from_db()
    assert org.pending_emails == ["colleague@example.cn"]
    assert list(org.members.all()) == [applicant]
    invitation = Invitation.objects.get(email="colleague@example.cn")
    assert (invitation.season, invitation.role) == (season, Role.APPLICANT)
    assert Job.objects.filter(kind="invitations").count() == 1
    event = AuditEvent.objects.get(action="organization.colleague_invited")
    assert (event.summary, event.actor) == ("colleague@example.cn", applicant)
    # invited twice: one pending address
    invite(as_user(applicant), season, org, "colleague@example.cn")
    org.refresh_from_db()
    assert org.pending_emails == ["colleague@example.cn"]


def test_a_person_with_an_account_is_invited_not_added(as_user, season, applicant, organizer):
    org = enterprise(applicant)
    colleague = UserFactory(email="zhao.lei@example.cn")
    people.grant_role(season=season, user=colleague, role=Role.APPLICANT, by=organizer)
    response = invite(as_user(applicant), season, org, colleague.email)
    assert response.status_code == 302
    assert colleague not in org.members.all()  # no membership without consent
    invitation = Invitation.objects.get(email=colleague.email)
    assert (invitation.organization, invitation.role) == (org, Role.APPLICANT)
    org.refresh_from_db()
    assert org.pending_emails == []
    # accepting the invitation makes them a member
    people.accept_invitation(invitation=invitation, user=colleague)
    assert colleague in org.members.all()
    event = AuditEvent.objects.get(action="organization.member_joined")
    assert (event.actor, event.summary) == (colleague, colleague.email)


def test_a_judge_or_organizer_of_the_season_is_refused(client_en, season, applicant, judge):
    org = enterprise(applicant)
    client = client_en(applicant)
    for person in (judge, season.roles.get(role=Role.ORGANIZER).user):
        response = invite(client, season, org, person.email)
        assert response.status_code == 200
        page = response.content.decode()
        assert "must not be a member of an enterprise that applies" in page
        assert person not in org.members.all()
    assert not Invitation.objects.exists()
    # nor can they join by accepting an enterprise's invitation made before their role
    [(invitation, _token)] = people.invite(
        season=season, emails=[judge.email], role=Role.APPLICANT, by=applicant, organization=org
    )
    with pytest.raises(ValidationError):
        people.accept_invitation(invitation=invitation, user=judge)
    assert judge not in org.members.all()


def test_a_judge_cannot_edit_a_draft_after_being_named_by_the_applicant(
    as_user, season, applicant, judge
):
    org = enterprise(applicant)
    entry = make_entry(season=season, by=applicant, organization=org, status="draft")
    assert applicant.has_perm("applications.change_entry", entry)
    invite(as_user(applicant), season, org, judge.email)
    assert judge not in org.members.all()
    assert not judge.has_perm("applications.change_entry", entry)


def test_a_bad_address_is_named_on_the_page(client_en, season, applicant):
    org = enterprise(applicant)
    response = invite(client_en(applicant), season, org, "not-an-address")
    assert response.status_code == 200
    assert "Enter a valid email address." in response.content.decode()
    org.refresh_from_db()
    assert org.pending_emails == [] and not Invitation.objects.exists()


def test_the_entries_table_writes_nothing(as_user, season, applicant, organizer):
    org = domain.register_organization(by=organizer, member=False, name="西部电信有限公司")
    client = as_user(applicant)  # signed in before the address is pending
    Organization.objects.filter(pk=org.pk).update(pending_emails=[applicant.email])
    events = AuditEvent.objects.count()
    response = client.get(reverse("applications:list", args=[season.slug]))
    assert response.status_code == 200
    org.refresh_from_db()
    assert org.pending_emails == [applicant.email]
    assert applicant not in org.members.all()
    assert AuditEvent.objects.count() == events


def test_signing_in_alone_joins_nothing(season, applicant):
    org = enterprise(applicant)
    domain.invite_colleague(
        season=season, organization=org, email="li.min@example.cn", by=applicant
    )
    colleague = UserFactory(email="li.min@example.cn")  # an account made another way
    client = Client()
    response = client.post(
        reverse("people:login"), {"username": "Li.Min@example.cn", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert colleague not in org.members.all()
    assert not AuditEvent.objects.filter(action="organization.member_joined").exists()
    # accepting the enterprise's invitation, signed in, joins it
    invitation = Invitation.objects.get(email="li.min@example.cn")
    people.accept_invitation(invitation=invitation, user=colleague)
    assert colleague in org.members.all()
    org.refresh_from_db()
    assert org.pending_emails == []
    client.logout()
    client.post(reverse("people:login"), {"username": colleague.email, "password": PASSWORD})
    assert AuditEvent.objects.filter(action="organization.member_joined").count() == 1


def test_accepting_the_invitation_with_a_new_account_joins(season, organizer, applicant):
    org = enterprise(applicant)
    domain.invite_colleague(
        season=season, organization=org, email="wang.fang@example.cn", by=applicant
    )
    # the e-mailed token travels only in the queued job: a second invitation stands in for it
    [(_invitation, token)] = people.invite(
        season=season,
        emails=["wang.fang@example.cn"],
        role=Role.APPLICANT,
        by=applicant,
        organization=org,
    )
    form = {
        "name": "王芳",
        "password1": "a-long-pass-phrase-9",
        "password2": "a-long-pass-phrase-9",
    }
    client = Client()
    response = client.post(reverse("people:accept_invitation", args=[token]), form)
    assert response.status_code == 302
    user = User.objects.get(email="wang.fang@example.cn")
    assert user in org.members.all()
    org.refresh_from_db()
    assert org.pending_emails == []
    page = client.get(reverse("applications:organization", args=[season.slug]))
    assert "东方银行股份有限公司" in page.content.decode()
