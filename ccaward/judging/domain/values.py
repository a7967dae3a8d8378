"""A judge profile's values checked, whoever gives them (the pool's form, a
judge's own profile, the API, an Excel row): each error names its field."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import translation
from django.utils.translation import pgettext

from ccaward.engine.text import control_character
from ccaward.judging import choices

LIST_FIELDS = ("former_employers", "affiliations", "industries", "channels", "dimensions")
TEXT_FIELDS = {"name": 100, "email": 254, "title": 100, "employer": 200}
PROFILE_FIELDS = (*TEXT_FIELDS, *LIST_FIELDS, "min_load", "max_load")
# what a judge corrects on their own profile (not their name, e-mail or loads)
OWN_FIELDS = ("title", "employer", *LIST_FIELDS)
MAX_ITEMS = 30
ITEM_LENGTH = 200
MAX_LOAD = 1000
# a multi-valued cell or text field: one item per 、 ， , ; ； or line
SEPARATORS = re.compile(r"[、，,;；\n\r]+")


def split_items(value) -> list[str]:
    """A list as given (a list, or text separated by 、 ， , ; or lines), each item
    stripped, blanks and repeats left out."""
    if value is None:
        return []
    items = value if isinstance(value, (list, tuple)) else SEPARATORS.split(str(value))
    out: list[str] = []
    for item in items:
        text = str(item).strip()
        if text and text not in out:
            out.append(text)
    return out


def _choice_lookup(options) -> dict[str, str]:
    """Every way a choice can be written (its key, its label in either language)
    -> its key."""
    out = {}
    for key, label in options:
        out[key.casefold()] = key
        for language in ("zh-hans", "en"):
            with translation.override(language):
                out[str(label).casefold()] = key
    return out


def _check_text(name: str, value, errors: dict) -> str:
    text = "" if value is None else str(value).strip()
    if control_character(text):
        errors[name] = [pgettext("validation", "Remove the control characters from this text.")]
    elif len(text) > TEXT_FIELDS[name]:
        errors[name] = [
            pgettext("validation", "At most %(n)s characters.") % {"n": TEXT_FIELDS[name]}
        ]
    return text


def _check_list(name: str, value, lookup: dict | None, errors: dict) -> list[str]:
    items = split_items(value)
    if len(items) > MAX_ITEMS:
        errors[name] = [pgettext("validation", "At most %(n)s items.") % {"n": MAX_ITEMS}]
        return items
    if any(len(i) > ITEM_LENGTH or control_character(i) for i in items):
        errors[name] = [
            pgettext("validation", "Each item: at most %(n)s characters, no control characters.")
            % {"n": ITEM_LENGTH}
        ]
        return items
    if lookup is None:
        return items
    unknown = [i for i in items if i.casefold() not in lookup]
    if unknown:
        errors[name] = [
            pgettext("validation", "Not a choice: %(items)s.") % {"items": "、".join(unknown)}
        ]
        return items
    out: list[str] = []
    for item in items:
        key = lookup[item.casefold()]
        if key not in out:
            out.append(key)
    return out


def _check_load(name: str, value, errors: dict) -> int | None:
    if value in (None, ""):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value.strip())
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_LOAD:
        errors[name] = [
            pgettext("validation", "A whole number from 0 to %(max)s.") % {"max": MAX_LOAD}
        ]
        return None
    return value


def lookups(season) -> dict[str, dict[str, str]]:
    return {
        "industries": _choice_lookup(choices.industries()),
        "channels": _choice_lookup(choices.channels()),
        "dimensions": _choice_lookup(choices.dimensions_all_languages(season)),
    }


def clean_profile(season, values: dict, *, required=("name", "email"), known=None) -> dict:
    """The values named in `values`, checked and normalized (lists as lists of
    keys, e-mail in lower case). Raises ValidationError naming each bad field;
    a minimum load above the maximum names min_load. `known`: lookups(season),
    when checking many rows."""
    known = known or lookups(season)
    errors: dict[str, list[str]] = {}
    out: dict = {}
    for name, value in values.items():
        if name in TEXT_FIELDS:
            out[name] = _check_text(name, value, errors)
        elif name in LIST_FIELDS:
            out[name] = _check_list(name, value, known.get(name), errors)
        elif name in ("min_load", "max_load"):
            out[name] = _check_load(name, value, errors)
        else:
            errors[name] = [pgettext("validation", "Not a field of a judge's profile.")]
    for name in required:
        if name not in errors and not out.get(name):
            errors[name] = [pgettext("validation", "This field is required.")]
    if out.get("email") and "email" not in errors:
        out["email"] = out["email"].lower()
        try:
            validate_email(out["email"])
        except ValidationError:
            errors["email"] = [pgettext("validation", "Enter a valid e-mail address.")]
    low, high = out.get("min_load"), out.get("max_load")
    if low is not None and high is not None and low > high and not errors.get("min_load"):
        errors["min_load"] = [
            pgettext("validation", "The minimum load (%(min)s) is above the maximum (%(max)s).")
            % {"min": low, "max": high}
        ]
    if errors:
        raise ValidationError(errors)
    return out
