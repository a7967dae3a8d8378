"""The reminder e-mail to a judge with reviews due, in the judge's language."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import pgettext

from ccaward.reviews.blind import policy_of
from ccaward.reviews.domain.progress import my_lines
from ccaward.reviews.enums import ReviewStatus


def send_reminder(judge, season) -> bool:
    """E-mail `judge` how many reviews they have due and by when. Returns whether
    one was sent (none when nothing is due any more). Side effect: one e-mail."""
    user = judge.user
    lines = my_lines(user, season) if user else []
    due = [line for line in lines if line.state != ReviewStatus.SUBMITTED] if user else []
    if user is not None and not due:
        return False
    language = (user.language if user else "") or "zh-hans"
    deadline = policy_of(season).review_deadline
    with translation.override(language):
        context = {
            "name": judge.name,
            "season": season.name,
            "n": len(due) if user else None,
            "deadline": timezone.localtime(deadline) if deadline else None,
            "url": settings.SITE_URL + reverse("reviews:mine", args=[season.slug]),
        }
        subject = pgettext("email", "Reviews due: %(season)s") % {"season": season.name}
        body = render_to_string("reviews/email/reminder.txt", context)
    send_mail(subject, body, None, [judge.email])
    return True
