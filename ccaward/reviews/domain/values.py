"""A review's values checked before anything is written: a score on the scale
for a criterion of the review's framework version, a comment for one of its
dimensions, texts within their length. Errors name the criterion."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import pgettext

from ccaward.core import drafts
from ccaward.engine import review_scale
from ccaward.judging.enums import Scale
from ccaward.reviews.domain.framework import criteria_by_code, dimension_codes
from ccaward.reviews.models import COMMENT, NOTES, SCORE, TEXT_MAX


def scale_label(scale: str) -> str:
    try:
        return str(Scale(scale).label)
    except ValueError:
        return scale


def _score(key: str, value, crits: dict, scale: str, version) -> str | None:
    code = key[len(SCORE) :]
    crit = crits.get(code)
    if crit is None:
        raise ValidationError(
            pgettext("validation", "“%(criterion)s” is not a criterion of framework version %(n)s.")
            % {"criterion": code, "n": version.number},
            code="unknown_criterion",
        )
    if value is None:
        return None
    try:
        return review_scale.text(review_scale.parse(scale, value))
    except review_scale.OffScale:
        raise ValidationError(
            pgettext("validation", "%(criterion)s: “%(value)s” is not on the scale (%(scale)s).")
            % {"criterion": crit.name, "value": value, "scale": scale_label(scale)},
            code="off_scale",
        ) from None


def _text(key: str, value, dims: dict) -> str | None:
    if key.startswith(COMMENT) and key[len(COMMENT) :] not in dims:
        raise ValidationError(
            pgettext("validation", "“%(dimension)s” is not a dimension of this review.")
            % {"dimension": key[len(COMMENT) :]},
            code="unknown_dimension",
        )
    if value is not None and len(value) > TEXT_MAX:
        raise ValidationError(
            pgettext("validation", "%(field)s: %(length)s characters; the limit is %(limit)s.")
            % {"field": field_label(key, dims=dims), "length": len(value), "limit": TEXT_MAX},
            code="too_long",
        )
    return value


def field_label(key: str, *, crits: dict | None = None, dims: dict | None = None) -> str:
    """How a field of a review is named in a message."""
    if key.startswith(SCORE):
        crit = (crits or {}).get(key[len(SCORE) :])
        return crit.name if crit else key[len(SCORE) :]
    if key.startswith(COMMENT):
        dim = (dims or {}).get(key[len(COMMENT) :])
        name = dim.name if dim else key[len(COMMENT) :]
        return pgettext("reviews", "Comment on %(dimension)s") % {"dimension": name}
    if key == "private_note":
        return pgettext("reviews", "Private note to the organizers")
    if key == "feedback_note":
        return pgettext("reviews", "Feedback to the entrant")
    return key


def checked(changes: dict, *, version, scale: str) -> dict:
    """`changes` (field → value; empty clears) normalized: scores as their shortest
    decimal string. Raises ValidationError {field: message naming it} for a score off
    the scale or for a criterion not in `version`, a comment for an unknown
    dimension, a text over its limit, an unknown field."""
    crits, dims = criteria_by_code(version), dimension_codes(version)
    out, errors = {}, {}
    for key, raw in changes.items():
        value = drafts.normalize(raw)
        if isinstance(value, list):
            value = value[0] if value else None
        try:
            if key.startswith(SCORE):
                out[key] = _score(key, value, crits, scale, version)
            elif key.startswith(COMMENT) or key in NOTES:
                out[key] = _text(key, value, dims)
            else:
                raise ValidationError(
                    pgettext("validation", "A review has no field “%(field)s”.") % {"field": key},
                    code="unknown_field",
                )
        except ValidationError as exc:
            errors[key] = exc
    if errors:
        raise ValidationError(errors)
    return out
