"""The states of a mystery contact (暗访) and of a shopper's scorecard for it."""

from django.db import models
from django.utils.translation import pgettext_lazy


class ContactStatus(models.TextChoices):
    """A planned contact: still to be made, made (its card submitted), made but the
    center could not be reached, or voided by an organizer (kept with its reason)."""

    PLANNED = "planned", pgettext_lazy("mystery status", "Planned")
    DONE = "done", pgettext_lazy("mystery status", "Done")
    UNREACHABLE = "unreachable", pgettext_lazy("mystery status", "Could not get through")
    VOID = "void", pgettext_lazy("mystery status", "Voided")


class CardStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("mystery card status", "Draft")
    SUBMITTED = "submitted", pgettext_lazy("mystery card status", "Submitted")


class ScorerRole(models.TextChoices):
    """The shopper who makes the contact, or a second shopper who scores the same
    contact from its recording or transcript (for agreement)."""

    PRIMARY = "primary", pgettext_lazy("mystery scorer", "Makes the contact")
    SECOND = "second", pgettext_lazy("mystery scorer", "Second scorer")


class Slot(models.TextChoices):
    """engine/mystery/slots.py defines the hours of each."""

    WEEKDAY_PEAK = "weekday_peak", pgettext_lazy("mystery slot", "Weekday, peak hours")
    WEEKDAY_OFFPEAK = "weekday_offpeak", pgettext_lazy("mystery slot", "Weekday, off-peak")
    WEEKEND_PEAK = "weekend_peak", pgettext_lazy("mystery slot", "Weekend, peak hours")
    WEEKEND_OFFPEAK = "weekend_offpeak", pgettext_lazy("mystery slot", "Weekend, off-peak")
    NIGHT = "night", pgettext_lazy("mystery slot", "Night (22:00–08:00)")


class Channel(models.TextChoices):
    VOICE = "voice", pgettext_lazy("mystery channel", "Phone")
    WEBCHAT = "webchat", pgettext_lazy("mystery channel", "Web chat")
    APP = "app", pgettext_lazy("mystery channel", "App")
    WECHAT = "wechat", pgettext_lazy("mystery channel", "WeChat")
    EMAIL = "email", pgettext_lazy("mystery channel", "E-mail")


class RecordingKind(models.TextChoices):
    MP3 = "mp3", "MP3"
    M4A = "m4a", "M4A"
    AMR = "amr", "AMR"
    WAV = "wav", "WAV"
    TEXT = "txt", pgettext_lazy("mystery recording", "Transcript")
