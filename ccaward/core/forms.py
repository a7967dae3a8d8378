from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError


def attach(form: forms.Form, error: ValidationError) -> None:
    """Put a domain ValidationError on a bound form, by field where it names one."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)
