"""Logging filters named by settings.LOGGING (loaded before the apps: no models here)."""

from __future__ import annotations

import logging


class QuietRefusals(logging.Filter):
    """django.request logs a refusal (403, 404 …) with the exception's traceback:
    keep the warning line, drop the traceback. Server errors (5xx) keep theirs."""

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "status_code", 500) < 500:
            record.exc_info = None
            record.exc_text = None
        return True
