import re

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse

from ccaward.core.models import AuditEvent, Job
from ccaward.people import domain
from ccaward.people.enums import Role
from ccaward.people.models import Invitation, SeasonRole, User


def invite_page(client, season, **data):
    return client.post(reverse("seasons:people", args=[season.slug]), data)


@pytest.mark.django_db(transaction=True)
def test_invitations_are_sent_by_the_background_worker(as_user, organizer, season):
    client = as_user(organizer)
    response = invite_page(
        client, season, emails="a@example.cn, B@example.cn", role="judge", language="en"
    )
    assert response.status_code == 302
    job = Job.objects.get()
    assert (job.status, job.total) == ("queued", 2)
    assert mail.outbox == []  # nothing is sent inside the request
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    job.refresh_from_db()
    assert (job.status, job.done, job.result) == ("done", 2, {"sent": 2})
    assert sorted(m.to[0] for m in mail.outbox) == ["a@example.cn", "b@example.cn"]
    message = mail.outbox[0]
    assert message.subject.startswith("Invitation to")  # the language chosen for the e-mail
    assert "/accounts/invitations/" in message.body
    page = client.get(reverse("job_status", args=[job.pk]))
    assert "2 / 2" in page.content.decode()


def test_bad_addresses_and_unknown_roles_are_named(as_user, organizer, season):
    client = as_user(organizer)
    response = invite_page(
        client, season, emails="ok@example.cn, not-an-address", role="judge", language="zh-hans"
    )
    assert "not-an-address" in response.content.decode()
    response = invite_page(client, season, emails="ok@example.cn", role="king", language="en")
    assert "role" in response.context["form"].errors
    assert not Invitation.objects.exists()
    with pytest.raises(ValidationError) as exc:
        domain.invite(season=season, emails=["x@example.cn"], role="king", by=organizer)
    assert "king" in exc.value.message_dict["role"][0]


def make_invitation(season, organizer, email="new.judge@example.cn", role=Role.JUDGE):
    [(invitation, token)] = domain.invite(season=season, emails=[email], role=role, by=organizer)
    return invitation, token


def test_a_new_person_accepts_and_gets_an_account_and_the_role(client, organizer, season):
    invitation, token = make_invitation(season, organizer)
    url = reverse("people:accept_invitation", args=[token])
    form = {"name": "新评委", "password1": "a-long-pass-phrase-9", "password2": "different-1"}
    response = client.post(url, form)
    assert response.status_code == 200
    assert 'value="新评委"' in response.content.decode()  # the name typed is kept
    form["password2"] = form["password1"]
    response = client.post(url, form)
    assert response.status_code == 302
    user = User.objects.get(email="new.judge@example.cn")
    assert user.check_password("a-long-pass-phrase-9")
    assert user.password.startswith("argon2")
    assert SeasonRole.objects.filter(season=season, user=user, role=Role.JUDGE).exists()
    assert AuditEvent.objects.filter(action="invitation.accepted").exists()
    assert client.get(url).status_code == 410  # used once


def test_an_invitation_only_works_for_its_address(as_user, organizer, outsider, season):
    _invitation, token = make_invitation(season, organizer, email="someone@example.cn")
    response = as_user(outsider).get(reverse("people:accept_invitation", args=[token]))
    assert response.status_code == 403
    assert not SeasonRole.objects.filter(user=outsider).exists()


def test_unknown_token_is_404(client, db):
    assert client.get(reverse("people:accept_invitation", args=["nope"])).status_code == 404


def test_roles_are_revoked_but_the_last_organizer_stays(organizer, judge, season):
    domain.revoke_role(season_role=SeasonRole.objects.get(user=judge), by=organizer)
    assert not SeasonRole.objects.filter(user=judge).exists()
    with pytest.raises(ValidationError) as exc:
        domain.revoke_role(season_role=SeasonRole.objects.get(user=organizer), by=organizer)
    assert exc.value.messages == ["每个评选活动至少需保留一名主办方。"]


def test_password_reset_by_email(client, organizer):
    response = client.post(reverse("people:password_reset"), {"email": organizer.email})
    assert response.status_code == 302
    [message] = mail.outbox
    link = re.search(r"https?://[^/]+(/accounts/password/reset/\S+)", message.body).group(1)
    response = client.get(link, follow=True)
    form_url = response.redirect_chain[-1][0]
    response = client.post(
        form_url, {"new_password1": "brand-new-secret-77", "new_password2": "brand-new-secret-77"}
    )
    assert response.status_code == 302
    organizer.refresh_from_db()
    assert organizer.check_password("brand-new-secret-77")


def test_login_with_email(client, organizer):
    response = client.post(
        reverse("people:login"),
        {"username": "ORGANIZER@example.cn", "password": "correct horse battery staple 42"},
    )
    assert response.status_code == 302
    assert client.get(reverse("seasons:list")).status_code == 200


def test_admin_is_for_superusers_only(as_user, organizer, superuser, client):
    assert as_user(organizer).get("/admin/").status_code == 302
    assert as_user(superuser).get("/admin/").status_code == 200


def test_api_token_from_the_profile_page(as_user, organizer):
    client = as_user(organizer)
    response = client.post(reverse("people:profile"), {"token-name": "报表脚本"})
    token = response.context["new_token"]
    assert token.startswith("cca_")
    assert organizer.api_tokens.get().token_hash != token
