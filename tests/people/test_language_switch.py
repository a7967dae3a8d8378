"""Switching the language in the header is the signed-in person's choice: their profile
(and the profile page's language box, and their e-mails) follow it."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse

from ccaward.core.models import AuditEvent


def test_switching_to_english_changes_the_profiles_language(as_user, organizer):
    client = as_user(organizer)
    response = client.post(
        reverse("people:set_language"), {"language": "en", "next": reverse("people:profile")}
    )
    assert response.status_code == 302
    organizer.refresh_from_db()
    assert organizer.language == "en"
    html = client.get(reverse("people:profile")).content.decode()
    assert '<option value="en" selected>' in html
    assert AuditEvent.objects.filter(action="user.profile_changed", actor=organizer).exists()


def test_a_visitor_switches_only_the_cookie(client, db):
    response = client.post(reverse("people:set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
