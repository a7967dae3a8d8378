"""API tokens expire when asked to, and a password reset revokes them."""

import datetime as dt
import re

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from ccaward.core.models import AuditEvent
from ccaward.people import domain as people
from ccaward.people.models import ApiToken


def bearer(plain):
    return Client(headers={"Authorization": f"Bearer {plain}"})


def test_an_expired_token_is_refused_with_a_clear_401(organizer):
    token, plain = people.issue_token(user=organizer, name="report", days=30)
    assert abs(token.expires_at - (timezone.now() + dt.timedelta(days=30))) < dt.timedelta(
        minutes=1
    )
    assert bearer(plain).get("/api/seasons").status_code == 200
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    response = bearer(plain).get("/api/seasons")
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "token_expired"
    assert "expired" in response.json()["error"]["message"]


def test_a_token_without_expiry_lasts(organizer):
    token, plain = people.issue_token(user=organizer, name="forever")
    assert token.expires_at is None and not token.expired
    assert bearer(plain).get("/api/seasons").status_code == 200


def test_only_the_offered_lifetimes(organizer):
    with pytest.raises(ValidationError):
        people.issue_token(user=organizer, name="odd", days=7)


def test_the_expiry_is_chosen_on_the_profile_page(as_user, organizer):
    page = as_user(organizer).post(
        reverse("people:profile"), {"token-name": "年报", "token-days": "365"}
    )
    assert page.status_code == 200
    token = organizer.api_tokens.get()
    assert token.expires_at.date() == (timezone.now() + dt.timedelta(days=365)).date()


def test_a_password_reset_revokes_the_accounts_tokens(client, organizer):
    _token, plain = people.issue_token(user=organizer, name="script")
    client.post(reverse("people:password_reset"), {"email": organizer.email})
    [message] = mail.outbox
    assert "吊销此账户的所有 API 令牌" in message.body
    link = re.search(r"https?://[^/]+(/accounts/password/reset/\S+)", message.body).group(1)
    page = client.get(link, follow=True)
    assert "吊销此账户的所有 API 令牌" in page.content.decode()
    form_url = page.redirect_chain[-1][0]
    response = client.post(
        form_url, {"new_password1": "brand-new-secret-77", "new_password2": "brand-new-secret-77"}
    )
    assert response.status_code == 302
    assert not organizer.api_tokens.exists()
    assert bearer(plain).get("/api/seasons").status_code == 401
    event = AuditEvent.objects.get(action="user.password_reset")
    assert event.data["tokens_revoked"] == [plain[:8]]
