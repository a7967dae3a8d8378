"""The REST API under /api/ (OpenAPI schema at /api/openapi.json, docs at /api/docs).

Authentication: `Authorization: Bearer <token>` (tokens on the profile page)
or the browser session. Errors are JSON: {"error": {"code", "message", "fields"}} (core/apierrors.py):
401 unauthenticated, 403 forbidden, 429 throttled (too many bad tokens from one
address: Retry-After says when to try again), 404 not_found, 409 a state conflict (e.g.
stage_closed: the stage the operation needs is not open; in_use: what is to be
deleted is in use), 422 invalid input (control_character: a text holds NUL or
another control character, named by its path).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, RequestDataTooBig, ValidationError
from django.http import Http404
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.security import HttpBearer, django_auth

from ccaward.core.apidocs import LocalSwagger
from ccaward.core.apierrors import error, invalid
from ccaward.core.apiparser import ControlCharacters, StrictJSONParser
from ccaward.core.errors import InUse, StageClosed
from ccaward.core.plugins import stage_apps
from ccaward.core.too_large import api_response as too_large
from ccaward.people import throttle
from ccaward.people.models import ApiToken


class TokensThrottled(Exception):
    """Too many bad tokens came from this address; refused until `until` (epoch seconds)."""

    def __init__(self, until: float):
        super().__init__(until)
        self.until = until


class TokenExpired(Exception):
    """The token was right but its time ran out."""


class BearerToken(HttpBearer):
    def authenticate(self, request, token):
        address = throttle.client_address(request)
        until = throttle.token_locked_until(address=address)
        if until:
            raise TokensThrottled(until)
        found = ApiToken.find(token)
        if found is not None and found.expired:
            raise TokenExpired(found.expires_at)
        user = ApiToken.authenticate(token)
        if user is None:
            until = throttle.token_failed(address=address)
            if until:
                raise TokensThrottled(until)
            return None
        request.user = user
        return user


api = NinjaAPI(
    title="ccaward API",
    version="1",
    description="Seasons, categories and the evaluation framework of a contact-center award.",
    auth=[BearerToken(), django_auth],
    urls_namespace="api",
    parser=StrictJSONParser(),
    docs=LocalSwagger(),
)


@api.exception_handler(ValidationError)
def on_validation_error(request, exc: ValidationError):
    return invalid(exc)


@api.exception_handler(StageClosed)
def on_stage_closed(request, exc: StageClosed):
    return error(409, exc.code, exc.message, {"stage": list(exc.kinds)})


@api.exception_handler(InUse)
def on_in_use(request, exc: InUse):
    return error(409, exc.code, exc.message, {"uses": exc.uses})


@api.exception_handler(NinjaValidationError)
def on_schema_error(request, exc: NinjaValidationError):
    fields = {}
    for item in exc.errors:
        parts = [
            str(p)
            for p in item.get("loc", ())
            if p not in ("body", "query", "path", "payload", "form", "file")
        ]
        loc = ".".join(parts) or "body"
        fields.setdefault(loc, []).append(item.get("msg", "invalid"))
    return error(422, "schema", "The request does not match the schema.", fields)


@api.exception_handler(Http404)
def on_not_found(request, exc):
    return error(404, "not_found", "Not found.")


@api.exception_handler(PermissionDenied)
def on_forbidden(request, exc):
    return error(403, "forbidden", "You do not have permission for this.")


# ninja's own refusals (a body that is not JSON: 400; a session without its CSRF
# token: 403) in the one error shape instead of {"detail": ...}
HTTP_ERROR_CODES = {400: "malformed", 403: "forbidden"}


@api.exception_handler(ControlCharacters)
def on_control_characters(request, exc: ControlCharacters):
    return exc.response()


@api.exception_handler(RequestDataTooBig)
def on_too_large(request, exc: RequestDataTooBig):
    return too_large()


@api.exception_handler(HttpError)
def on_http_error(request, exc: HttpError):
    # ninja wraps what the body parser raised
    if isinstance(exc.__cause__, ControlCharacters):
        return exc.__cause__.response()
    if isinstance(exc.__cause__, RequestDataTooBig):
        return too_large()
    status = exc.status_code
    if status == 400:
        message = "The request body is not valid JSON (or holds text that is not Unicode)."
    elif status == 403:
        message = "CSRF check failed: send the X-CSRFToken header with the session cookie."
    else:
        message = str(exc)
    return error(status, HTTP_ERROR_CODES.get(status, "http_error"), message)


@api.exception_handler(TokensThrottled)
def on_throttled(request, exc: TokensThrottled):
    seconds = throttle.retry_after(exc.until)
    response = error(
        429,
        "throttled",
        f"Too many bad API tokens from this address; try again in {seconds} seconds.",
    )
    response["Retry-After"] = str(seconds)
    return response


@api.exception_handler(TokenExpired)
def on_token_expired(request, exc: TokenExpired):
    return error(
        401,
        "token_expired",
        "This API token has expired; create a new one on your profile page.",
    )


@api.exception_handler(AuthenticationError)
def on_unauthenticated(request, exc):
    return error(401, "unauthenticated", "Send Authorization: Bearer <token>.")


for app in stage_apps():
    if app.has("api"):
        api.add_router(app.api_prefix, f"{app.name}.api.router")
