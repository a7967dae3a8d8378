"""The REST API under /api/ (OpenAPI schema at /api/openapi.json, docs at /api/docs).

Authentication: `Authorization: Bearer <token>` (tokens on the profile page)
or the browser session. Errors are JSON: {"error": {"code", "message", "fields"}}.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from ninja import NinjaAPI
from ninja.errors import AuthenticationError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.security import HttpBearer, django_auth

from ccaward.people.models import ApiToken


class BearerToken(HttpBearer):
    def authenticate(self, request, token):
        user = ApiToken.authenticate(token)
        if user is not None:
            request.user = user
        return user


api = NinjaAPI(
    title="ccaward API",
    version="1",
    description="Seasons, categories and the evaluation framework of a contact-center award.",
    auth=[BearerToken(), django_auth],
    urls_namespace="api",
)


def error(request, status: int, code: str, message: str, fields: dict | None = None):
    return api.create_response(
        request,
        {"error": {"code": code, "message": message, "fields": fields or {}}},
        status=status,
    )


@api.exception_handler(ValidationError)
def on_validation_error(request, exc: ValidationError):
    fields = exc.message_dict if hasattr(exc, "error_dict") else {}
    return error(request, 400, "invalid", " ".join(exc.messages), fields)


@api.exception_handler(NinjaValidationError)
def on_schema_error(request, exc: NinjaValidationError):
    fields = {}
    for item in exc.errors:
        parts = [
            str(p) for p in item.get("loc", ()) if p not in ("body", "query", "path", "payload")
        ]
        loc = ".".join(parts) or "body"
        fields.setdefault(loc, []).append(item.get("msg", "invalid"))
    return error(request, 422, "schema", "The request does not match the schema.", fields)


@api.exception_handler(Http404)
def on_not_found(request, exc):
    return error(request, 404, "not_found", "Not found.")


@api.exception_handler(PermissionDenied)
def on_forbidden(request, exc):
    return error(request, 403, "forbidden", "You do not have permission for this.")


@api.exception_handler(AuthenticationError)
def on_unauthenticated(request, exc):
    return error(request, 401, "unauthenticated", "Send Authorization: Bearer <token>.")


from ccaward.seasons.api import router as seasons_router  # noqa: E402

api.add_router("/seasons", seasons_router)
api.add_router("/seasons", "ccaward.recommendations.api.router")
api.add_router("/seasons", "ccaward.applications.api.router")
