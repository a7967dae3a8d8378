"""Refusing control characters in text input (``engine.text``): one message naming
the field, one validator for form fields, and one form mixin that applies it to
every text field of a form."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import ProhibitNullCharactersValidator
from django.utils.deconstruct import deconstructible
from django.utils.translation import pgettext

from ccaward.engine.text import first_in

CODE = "control_character"


def message(field: str, character: str) -> str:
    return pgettext(
        "validation",
        "%(field)s: the text holds a control character (%(character)s) that cannot be "
        "stored; remove it (it may have come with pasted text).",
    ) % {"field": field, "character": character}


def check(value, *, field: str, multiline: bool = False) -> None:
    """Raise ValidationError (code ``control_character``) naming ``field`` when
    ``value`` (a string, or strings in a list) holds a control character."""
    if found := first_in(value, multiline=multiline):
        raise ValidationError(message(field, found), code=CODE)


def check_all(values: dict, *, labels: dict | None = None, multiline=()) -> None:
    """Raise one ValidationError {name: message} for every value of ``values`` holding
    a control character; ``labels`` gives the names the messages use and
    ``multiline`` the names whose text may span lines."""
    problems = {
        name: ValidationError(message(str((labels or {}).get(name, name)), found), code=CODE)
        for name, value in values.items()
        if (found := first_in(value, multiline=name in multiline))
    }
    if problems:
        raise ValidationError(problems)


@deconstructible
class NoControlCharacters:
    """A form or model field validator: ``field`` is the name the message gives."""

    def __init__(self, field: str = "", multiline: bool = False):
        self.field, self.multiline = field, multiline

    def __call__(self, value) -> None:
        check(value, field=str(self.field), multiline=self.multiline)

    def __eq__(self, other) -> bool:
        return isinstance(other, NoControlCharacters) and (self.field, self.multiline) == (
            other.field,
            other.multiline,
        )


class CleanText:
    """A form mixin: every text field refuses control characters, naming the field by
    its label (line breaks are allowed where the widget is a text area). Passwords
    are left as they are: they are never shown or stored as typed."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if not isinstance(field, forms.CharField) or isinstance(
                field.widget, forms.PasswordInput
            ):
                continue
            multiline = isinstance(field.widget, forms.Textarea)
            field.validators = [  # NUL included: one message, naming the field
                v for v in field.validators if not isinstance(v, ProhibitNullCharactersValidator)
            ] + [NoControlCharacters(field.label or name, multiline=multiline)]
