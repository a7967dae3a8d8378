"""Accounts, profiles and API tokens change through people.domain, with audit events."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from ccaward.core.models import AuditEvent
from ccaward.people import domain
from ccaward.people.enums import Role
from ccaward.people.models import ApiToken, User


def test_create_user_hashes_the_password_and_records_the_account(organizer):
    user = domain.create_user(
        email=" New.Person@Example.CN ",
        password="a-long-pass-phrase-9",
        name=" 新人 ",
        by=organizer,
    )
    assert (user.email, user.name, user.language) == ("new.person@example.cn", "新人", "zh-hans")
    assert user.check_password("a-long-pass-phrase-9") and user.password.startswith("argon2")
    event = AuditEvent.objects.get(action="user.created")
    assert (event.actor, event.season, event.object_id) == (organizer, None, str(user.pk))


def test_create_user_refuses_an_address_in_use_and_saves_nothing(organizer):
    with pytest.raises(ValidationError) as exc:
        domain.create_user(email="ORGANIZER@example.cn", password="a-long-pass-phrase-9")
    assert list(exc.value.message_dict) == ["email"]
    assert User.objects.count() == 1
    assert not AuditEvent.objects.filter(action="user.created").exists()


def test_joining_by_invitation_creates_the_account_in_the_seasons_audit_log(organizer, season):
    [(invitation, _token)] = domain.invite(
        season=season, emails=["new.judge@example.cn"], role=Role.JUDGE, by=organizer, language="en"
    )
    user = domain.join_by_invitation(
        invitation=invitation, name="New Judge", password="a-long-pass-phrase-9"
    )
    assert (user.email, user.language) == ("new.judge@example.cn", "en")
    assert season.roles.get(user=user).role == Role.JUDGE
    created = AuditEvent.objects.get(action="user.created")
    assert (created.season, created.actor, created.summary) == (season, user, user.email)
    assert str(created.action_label) == "账户已创建"


def test_the_profile_page_saves_name_and_language_through_the_domain(as_user, organizer):
    client = as_user(organizer)
    response = client.post(
        reverse("people:profile"), {"profile-name": "新名字", "profile-language": "en"}
    )
    assert response.status_code == 302
    assert response.cookies["ccaward_language"].value == "en"
    organizer.refresh_from_db()
    assert (organizer.name, organizer.language) == ("新名字", "en")
    event = AuditEvent.objects.get(action="user.profile_changed")
    assert event.data == {"name": ["组织者", "新名字"], "language": ["zh-hans", "en"]}


def test_a_profile_with_an_unknown_language_is_refused_and_nothing_changes(organizer):
    with pytest.raises(ValidationError) as exc:
        domain.update_profile(user=organizer, name="新名字", language="fr")
    assert list(exc.value.message_dict) == ["language"]
    assert (organizer.name, organizer.language) == ("组织者", "zh-hans")
    organizer.refresh_from_db()
    assert (organizer.name, organizer.language) == ("组织者", "zh-hans")
    assert not AuditEvent.objects.filter(action="user.profile_changed").exists()


def test_api_tokens_are_issued_and_deleted_with_audit_events(as_user, organizer):
    client = as_user(organizer)
    response = client.post(reverse("people:profile"), {"token-name": "报表脚本"})
    plain = response.context["new_token"]
    token = organizer.api_tokens.get()
    assert (token.name, token.prefix) == ("报表脚本", plain[:8])
    assert ApiToken.authenticate(plain) == organizer
    issued = AuditEvent.objects.get(action="token.issued")
    assert issued.data == {"name": "报表脚本", "prefix": plain[:8]}
    assert plain not in str(issued.data) + issued.summary  # the plain value is never stored

    response = client.post(reverse("people:delete_token", args=[token.pk]))
    assert response.status_code == 302
    assert not ApiToken.objects.exists()
    assert ApiToken.authenticate(plain) is None
    deleted = AuditEvent.objects.get(action="token.deleted")
    assert (deleted.actor, deleted.object_id) == (organizer, str(token.pk))


def test_someone_elses_token_is_not_found(as_user, organizer, judge):
    _token, _plain = domain.issue_token(user=judge, name="评委的脚本")
    token = judge.api_tokens.get()
    response = as_user(organizer).post(reverse("people:delete_token", args=[token.pk]))
    assert response.status_code == 404
    assert ApiToken.objects.filter(pk=token.pk).exists()
