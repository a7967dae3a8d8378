"""The API's one error contract: every refusal is
`{"error": {"code", "message", "fields"}}` (with `problems` where an answer
check produced them) and a 4xx status. Validation errors are 422 everywhere.

Endpoints name the statuses they can answer with `ERRORS` so the OpenAPI schema
documents the body; handlers for exceptions raised anywhere live in core/api.py.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.http import JsonResponse
from ninja import Schema
from pydantic import Field


class ErrorBody(Schema):
    code: str = Field(
        description=(
            "What went wrong, for programs: 400 malformed (not JSON, or a lone "
            "surrogate); 401 unauthenticated, token_expired; 403 forbidden (also a "
            "session without its CSRF token); 404 not_found; 409 stage_closed, in_use, "
            "read_only, duplicate, conflict, registration_closed; 413 too_large (a body "
            "over the limit the message names); 422 invalid, schema, control_character "
            "(a text holding NUL or another control character), unknown_answers, "
            "problems; 429 throttled (too many bad tokens from the address: the "
            "Retry-After header says how many seconds to wait)."
        )
    )
    message: str = Field(description="What went wrong, for people.")
    fields: dict[str, list[str]] = Field(
        description="Messages by field, a nested field named by its path (answers.x)."
    )
    problems: list[dict[str, Any]] | None = None


class ErrorOut(Schema):
    error: ErrorBody


# The statuses every endpoint may answer besides its success: 401 without a
# valid token or session (or with an expired token), 403 without the permission
# (or, signed in by session, without the CSRF token), 404 for what the caller
# cannot see, 422 for a path or query value of the wrong type or holding a control
# character, 429 after too many bad tokens from the caller's address.
READ_ERRORS = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut, 429: ErrorOut}

# ... and an endpoint that changes data: 400 for a body that is not JSON, 409 for
# a state conflict (a closed stage, something in use), 413 for a body over the
# server's limit, 422 for invalid input.
ERRORS = {400: ErrorOut, **READ_ERRORS, 409: ErrorOut, 413: ErrorOut}


def error(
    status: int, code: str, message: str, fields: dict | None = None, problems=None
) -> JsonResponse:
    body: dict[str, Any] = {"code": code, "message": message, "fields": fields or {}}
    if problems is not None:
        body["problems"] = problems
    return JsonResponse({"error": body}, status=status, json_dumps_params={"ensure_ascii": False})


def invalid(exc: ValidationError) -> JsonResponse:
    """422 for a ValidationError, its messages by field."""
    fields = exc.message_dict if hasattr(exc, "error_dict") else {}
    return error(422, "invalid", " ".join(exc.messages), fields)
