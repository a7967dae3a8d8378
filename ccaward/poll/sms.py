"""Text messages of the public poll's one-time codes, sent by a pluggable backend.

The setting CCAWARD_SMS_BACKEND (environment variable of the same name) names the
backend class by its dotted path. A backend subclasses `SmsBackend` and implements
`send(phone, message)`, raising `SmsError` when the message could not be sent. The
default `ConsoleBackend` writes the message to standard output (the server's log
under `ccaward serve`), like Django's console e-mail backend, for development and
trials; a deployment that texts real phones names a backend for its SMS provider.
"""

from __future__ import annotations

import sys

from django.conf import settings
from django.utils.module_loading import import_string

DEFAULT = "ccaward.poll.sms.ConsoleBackend"


class SmsError(Exception):
    """The message could not be sent."""


class SmsBackend:
    """Sends a text message to a phone number (E.164, e.g. +8613800138000)."""

    def send(self, phone: str, message: str) -> None:
        raise NotImplementedError


class ConsoleBackend(SmsBackend):
    """Writes each message to standard output instead of sending it."""

    def __init__(self, stream=None):
        self.stream = stream

    def send(self, phone: str, message: str) -> None:
        stream = self.stream or sys.stdout
        stream.write(f"SMS to {phone}: {message}\n")
        stream.flush()


def backend() -> SmsBackend:
    """The configured backend, made anew for each message."""
    return import_string(getattr(settings, "CCAWARD_SMS_BACKEND", "") or DEFAULT)()
