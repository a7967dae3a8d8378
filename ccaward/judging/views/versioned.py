"""Saving a form opened on a row's version: the shared flow of the judge's profile,
a judge's own expertise and the judging policy pages."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError

from ccaward.core.forms import attach


@dataclass
class Outcome:
    saved: bool = False
    value: object = None
    conflict: Exception | None = None
    status: int = 200


def versioned_save(form, save, *, changed: type[Exception], on_error=attach) -> Outcome:
    """Call `save()`. When the row moved on since the form was opened (`changed`, which
    carries the stored `version`), the outcome is that conflict with status 409 and the
    form's version moved to the stored one, so that sending it again overwrites
    knowingly; a ValidationError goes to the form's fields (`on_error`)."""
    try:
        return Outcome(saved=True, value=save())
    except changed as exc:
        form.data = form.data.copy()
        form.data["version"] = exc.version
        return Outcome(conflict=exc, status=409)
    except ValidationError as exc:
        on_error(form, exc)
        return Outcome()
