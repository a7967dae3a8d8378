"""How a background job's title and progress messages read, in the reader's language.

A job stores its title as a key and parameters (``Job.title_key``, ``Job.title_params``),
not as text in the language of the person who started it; each app's ``audit_labels.py``
declares ``JOB_TEXTS`` (key -> translatable template), registered by ``core.plugins``.
A progress or failure message that is one of the registered texts (keyed by its English
text, or by its beginning and "*") is translated when shown; any other message (an address, a file's own error) is
shown as it is.
"""

from __future__ import annotations

from typing import Any

from ccaward.core import audit_text

TEXTS: dict[str, Any] = {}


def register(texts: dict) -> None:
    TEXTS.update(texts)


def render(key: str, params: dict | None = None, default: str = "") -> str:
    """The registered text `key` filled with `params`, or `default`."""
    label = TEXTS.get(key)
    if label is None:
        return default or key
    # a whole number stays a number: a plural title chooses its form by it
    values = {
        k: v if isinstance(v, int) else audit_text.shown(k, v) or ""
        for k, v in (params or {}).items()
    }
    try:
        return str(label % values) if values else str(label)
    except (KeyError, TypeError, ValueError):
        return default or str(label)


def title(job) -> str:
    return render(job.title_key, job.title_params, job.title) if job.title_key else job.title


def message(text: str) -> str:
    """A job's message in the active language when it is a registered text (a key
    ending in "*" stands for every message that begins with what comes before it)."""
    if text in TEXTS:
        return str(TEXTS[text])
    for key, label in TEXTS.items():
        if key.endswith("*") and text.startswith(key[:-1]):
            return str(label)
    return text
