"""E-mailed links start with SITE_URL (where people reach the site), not with the
address the request came to nor a default port: invitations and password resets."""

from __future__ import annotations

import re

from django.core import mail
from django.urls import reverse

from ccaward.people import domain
from ccaward.people.models import Invitation

SITE = "https://awards.example.org:8443"


def test_an_invitation_links_to_the_site_url(settings, season, organizer):
    settings.SITE_URL = SITE
    [(invitation, token)] = domain.invite(
        season=season, emails=["judge2@example.cn"], role="judge", by=organizer
    )
    domain.send_invitation(Invitation.objects.get(pk=invitation.pk), token)
    [message] = mail.outbox
    assert f"{SITE}/accounts/invitations/{token}" in message.body
    assert ":8000" not in message.body


def test_a_password_reset_links_to_the_site_url_not_the_requests_host(settings, client, organizer):
    settings.SITE_URL = SITE
    response = client.post(
        reverse("people:password_reset"), {"email": organizer.email}, HTTP_HOST="127.0.0.1:8000"
    )
    assert response.status_code == 302
    [message] = mail.outbox
    link = re.search(r"https?://\S+/accounts/password/reset/\S+", message.body).group(0)
    assert link.startswith(SITE + "/accounts/password/reset/")
    assert "127.0.0.1" not in message.body
