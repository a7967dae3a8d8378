"""E-mails about applications, each in its recipient's language.

Domain functions call `later(kind, entry)`; the e-mails go out from a
background task once the transaction commits, so a page never waits on mail.
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.module_loading import import_string
from django.utils.translation import pgettext

from ccaward.seasons.enums import StageKind

KINDS = ("submitted", "accepted", "rejected", "reopened", "reminder")
# the task that sends a notice, by name: the task module imports this one
TASK = "ccaward.applications.tasks.send_notice"


def later(kind: str, entry) -> None:
    """Send the notice once the transaction commits. Side effect: a queued task."""
    assert kind in KINDS, kind
    entry_id = entry.pk
    transaction.on_commit(lambda: import_string(TASK).enqueue(kind=kind, entry_id=entry_id))


def recipients(entry) -> list[tuple[str, str]]:
    """(address, language) for the enterprise's members; the form's filler when
    the enterprise has no member yet (an entry imported by an organizer)."""
    out = [
        (u.email, u.language or "zh-hans")
        for u in entry.center.organization.members.filter(is_active=True)
    ]
    if not out:
        filler = (entry.answers or {}).get("filler_email")
        if filler:
            out.append((filler, "zh-hans"))
    return out


def _subject(kind: str, entry) -> str:
    season = entry.season.name
    return {
        "submitted": pgettext("email", "Application received: %(center)s, %(season)s"),
        "accepted": pgettext("email", "Application accepted: %(center)s, %(season)s"),
        "rejected": pgettext("email", "Application not accepted: %(center)s, %(season)s"),
        "reopened": pgettext("email", "Application reopened for changes: %(center)s, %(season)s"),
        "reminder": pgettext("email", "Registration closes soon: %(center)s, %(season)s"),
    }[kind] % {"center": entry.center.name, "season": season}


def send(kind: str, entry) -> int:
    """Send one notice to every recipient. Returns how many e-mails went out."""
    sent = 0
    url = settings.SITE_URL + reverse("applications:entry", args=[entry.season.slug, entry.pk])
    stage = entry.season.stage(StageKind.REGISTRATION)
    for address, language in recipients(entry):
        with translation.override(language):
            context = {
                "entry": entry,
                "kind": kind,
                "url": url,
                "center": entry.center.name,
                "category": entry.category.name_en
                if language.startswith("en") and entry.category.name_en
                else entry.category.name_zh,
                "season": entry.season.name,
                "closes": timezone.localtime(stage.closes_at) if stage else None,
                "submitted": timezone.localtime(entry.submitted_at) if entry.submitted_at else None,
            }
            body = render_to_string("applications/email/notice.txt", context)
            send_mail(_subject(kind, entry), body, None, [address])
        sent += 1
    return sent
