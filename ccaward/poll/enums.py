"""The public poll's kinds: how a code reaches its account."""

from django.db import models
from django.utils.translation import pgettext_lazy


class Channel(models.TextChoices):
    """What a one-time code verifies: the account's e-mail address or its phone."""

    EMAIL = "email", pgettext_lazy("poll channel", "E-mail")
    SMS = "sms", pgettext_lazy("poll channel", "Text message")
